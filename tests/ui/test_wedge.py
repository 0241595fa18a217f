"""ui.wedge.WedgeFilter: scanner bursts become `scanned`, human typing still reaches the field."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ui.wedge import KeyTimes, WedgeFilter


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


def test_given_back_keys_arrive_before_the_key_that_follows_them(
    qtbot: QtBot, edit: QLineEdit, wedge: WedgeFilter, clock: FakeClock
) -> None:
    """A person's "12" then Enter: the held "2" is given back at once, ahead of the Enter, so
    the Enter finds "12" in the field (a posted copy would come after it: an empty Enter, and
    "12" left in the field for the next key to be appended to)."""
    entered: list[str] = []
    edit.returnPressed.connect(lambda: entered.append(edit.text()))
    type_keys(qtbot, edit, clock, "12\r", 80)
    assert entered == ["12"]  # no event loop turn needed


# --- KeyTimes: keys timed by their timestamps -------------------------------------------------


class Wall:
    def __init__(self) -> None:
        self.now = 50_000.0

    def __call__(self) -> float:
        return self.now


def test_keys_delivered_together_keep_the_gaps_they_were_typed_with() -> None:
    wall = Wall()
    times = KeyTimes(wall)
    wall.now += 150  # the GUI thread was blocked; now the queued keys come all at once
    t = [times.key(ts) for ts in (9_000, 9_002, 9_004, 9_120)]
    assert [b - a for a, b in pairwise(t)] == [2, 2, 116]


def test_now_is_never_ahead_of_the_last_key_plus_the_time_since_it_came() -> None:
    wall = Wall()
    times = KeyTimes(wall)
    first = times.key(9_000)
    assert times.now() == first
    wall.now += 10
    assert times.now() == first + 10
    second = times.key(9_300)  # pressed 300 ms after the first, delivered 10 ms after it
    assert second == first + 300
    wall.now += 20
    assert times.now() == second + 20  # 20 ms since "second" came: at least that long ago


def test_keys_without_a_timestamp_are_timed_on_arrival() -> None:
    wall = Wall()
    times = KeyTimes(wall)
    a = times.key(0)
    wall.now += 45
    assert times.key(0) - a == 45


def test_a_timestamp_on_another_clock_starts_afresh_and_never_goes_back() -> None:
    wall = Wall()
    times = KeyTimes(wall)
    a = times.key(4_294_967_000)  # the 32-bit X clock just before it wraps
    wall.now += 5
    b = times.key(200)  # after the wrap: far away from now, a new start at "now"
    c = times.key(202)
    assert b == a + 5 and c == b + 2
    assert times.key(150) == c  # an older stamp does not move time backwards
