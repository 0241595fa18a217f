"""A station runs Qt for eight hours: Qt calls must not eat references to None/True/False.

PySide6 6.12.0 on Python 3.11 loses one reference to None per void call and one to True per
signal emit; the process then aborts ("bool_dealloc") after some ten thousand emits — a packing
station would die mid-shift.  pyproject.toml excludes that release; this test keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    flag = Signal(bool)


def test_a_long_session_of_qt_calls_leaves_none_and_true_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.flag.connect(seen.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        label.setText("scan")
        emitter.flag.emit(True)
    seen.clear()
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
