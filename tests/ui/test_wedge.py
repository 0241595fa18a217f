"""ui.wedge.WedgeFilter: scanner bursts become `scanned`, human typing still reaches the field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ui.wedge import WedgeFilter


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def edit(qtbot: QtBot) -> QLineEdit:
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    widget.setFocus()
    return widget


@pytest.fixture
def wedge(qapp: QApplication, clock: FakeClock) -> Iterator[WedgeFilter]:
    wedge = WedgeFilter(clock=clock)
    qapp.installEventFilter(wedge)
    try:
        yield wedge
    finally:
        qapp.removeEventFilter(wedge)
        wedge.deleteLater()


def type_keys(qtbot: QtBot, edit: QLineEdit, clock: FakeClock, text: str, step: float) -> None:
    for ch in text:
        if ch == "\r":
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(edit, ch)
        clock.now += step


def test_scanner_burst_is_scanned_and_never_reaches_the_field(
    qtbot: QtBot, edit: QLineEdit, wedge: WedgeFilter, clock: FakeClock
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    returns: list[bool] = []
    edit.returnPressed.connect(lambda: returns.append(True))
    type_keys(qtbot, edit, clock, "6901234567892\r", 2)
    clock.now += 500
    qtbot.wait(60)  # let any timer and posted event run
    assert scans == ["6901234567892"]
    assert edit.text() == ""
    assert returns == []


def test_human_typing_reaches_the_field_and_is_not_scanned(
    qtbot: QtBot, edit: QLineEdit, wedge: WedgeFilter, clock: FakeClock
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    type_keys(qtbot, edit, clock, "abc", 80)
    qtbot.waitUntil(lambda: edit.text() == "abc", timeout=2000)
    assert scans == []


def test_human_typing_then_enter_keeps_order_and_presses_enter(
    qtbot: QtBot, edit: QLineEdit, wedge: WedgeFilter, clock: FakeClock
) -> None:
    entered: list[str] = []
    edit.returnPressed.connect(lambda: entered.append(edit.text()))
    type_keys(qtbot, edit, clock, "12\r", 80)
    qtbot.waitUntil(lambda: entered == ["12"], timeout=2000)


def test_scan_after_human_typing_leaves_the_typing_alone(
    qtbot: QtBot, edit: QLineEdit, wedge: WedgeFilter, clock: FakeClock
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    type_keys(qtbot, edit, clock, "ab", 80)
    clock.now += 500
    type_keys(qtbot, edit, clock, "W000123\r", 2)
    qtbot.waitUntil(lambda: edit.text() == "ab", timeout=2000)
    assert scans == ["W000123"]
