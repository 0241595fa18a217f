"""After shipping, in the desktop app: the damage check setting and the follow-up screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.config import Settings
from app.services.users import UserInfo
from tests.ui.test_shell import open_main


def test_the_damage_check_on_every_order_is_a_station_setting(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    window = open_main(qtbot, demo_engine, supervisor_user)
    check = window.settings_screen.damage_check
    assert not check.isChecked() and not window.pack_screen.pack.cache.always_check_damage
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)  # the keyboard alone
    assert check.isChecked()
    assert Settings.load().always_check_damage is True
    assert window.pack_screen.pack.cache.always_check_damage  # the pack station, at once
    assert "every order" in window.settings_screen.message.text()
