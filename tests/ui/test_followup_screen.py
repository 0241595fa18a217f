"""After shipping, in the desktop app: the damage check setting and the follow-up screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.config import Settings
from app.db.models import Order, utcnow
from app.db.uow import UnitOfWork
from app.services import tracking
from app.services.shipping import bind
from app.services.users import UserInfo
from tests.factories import add_order, add_sku
from tests.ui.test_shell import open_main
from ui import i18n
from ui.followup_screen import COL_AGE, COL_ORDER, COL_STATUS
from ui.main_window import SCREENS

SF, SF2, SF3 = "SF1234567890123", "SF1234567890124", "SF1234567890125"


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


# --- the follow-up screen -------------------------------------------------------------------


def _follow_up_orders(engine: Engine, supervisor: UserInfo, tmp_path: Path) -> None:
    """STALE: shipped 3 days ago, no word since; LATE1, LATE2: delivered 8 and 9 days ago."""

    def uow() -> UnitOfWork:
        return UnitOfWork(engine)

    add_sku(uow, "FU-CUP", weight_g=300)
    now = utcnow()
    for order_no, number in (("STALE", SF), ("LATE1", SF2), ("LATE2", SF3)):
        add_order(uow, order_no, [("FU-CUP", 1)], status="packed", carrier="SF", shop="跟进店")
        bind(uow(), supervisor.actor, order_no, number)
        with uow() as u:
            order = u.session.scalars(select(Order).where(Order.order_no == order_no)).one()
            order.status = "shipped"
            order.updated_at = now - dt.timedelta(days=3)
            u.commit()
    status = tmp_path / "status.csv"
    eight, nine = ((now - dt.timedelta(days=d)).strftime("%Y-%m-%d %H:%M") for d in (8, 9))
    status.write_text(
        f"tracking_no,status,time\n{SF2},已签收,{eight}\n{SF3},已签收,{nine}\n", encoding="utf-8"
    )
    tracking.import_updates(uow(), supervisor.actor, tracking.CsvTrackingSource(status))


def _status(engine: Engine, order_no: str) -> str:
    with UnitOfWork(engine).reading() as s:
        return s.scalars(select(Order.status).where(Order.order_no == order_no)).one()


def test_follow_up_lists_open_orders_and_complete_by_keys(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, tmp_path: Path
) -> None:
    _follow_up_orders(demo_engine, supervisor_user, tmp_path)
    window = open_main(qtbot, demo_engine, supervisor_user)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    screen = window.followup_screen
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "followup"
    stale = screen.stale_model
    late = screen.unconfirmed_model
    assert [stale.data(stale.index(r, COL_ORDER)) for r in range(stale.rowCount())] == ["STALE"]
    assert stale.data(stale.index(0, COL_AGE)).startswith("3 d")
    assert stale.data(stale.index(0, COL_STATUS)) == "no update yet"
    assert [late.data(late.index(r, COL_ORDER)) for r in range(late.rowCount())] == [
        "LATE2",
        "LATE1",
    ]
    assert late.data(late.index(0, COL_AGE)).startswith("9 d")

    # Enter opens the order; Esc comes back to the list.
    assert screen.stale_view.hasFocus()
    qtbot.keyClick(screen.stale_view, Qt.Key.Key_Return)
    dialog = screen.detail_dialog
    assert dialog is not None and dialog.detail.order_no == "STALE"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.detail_dialog is None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Tab to the unconfirmed list, F9 completes the current order (LATE2, the oldest).
    qtbot.keyClick(screen.stale_view, Qt.Key.Key_Tab)
    assert screen.unconfirmed_view.hasFocus()
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        qtbot.keyClick(screen.unconfirmed_view, Qt.Key.Key_F9)
    assert _status(demo_engine, "LATE2") == "completed"
    assert _status(demo_engine, "LATE1") == "delivered"
    assert "1 delivered orders completed." in screen.message.text()
    assert [late.data(late.index(r, COL_ORDER)) for r in range(late.rowCount())] == ["LATE1"]

    # F5: what the list has shown and was delivered 7 days ago (the setting) completes.
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        qtbot.keyClick(screen.unconfirmed_view, Qt.Key.Key_F5)
    assert _status(demo_engine, "LATE1") == "completed"
    assert late.rowCount() == 0 and stale.rowCount() == 1


def test_follow_up_is_for_supervisors_and_speaks_chinese(
    qtbot: QtBot,
    demo_engine: Engine,
    packer_user: UserInfo,
    supervisor_user: UserInfo,
    tmp_path: Path,
) -> None:
    packers = open_main(qtbot, demo_engine, packer_user)
    row = SCREENS.index("followup")
    assert packers.nav.item(row).isHidden()
    assert not packers.screen_actions[row].isEnabled()

    _follow_up_orders(demo_engine, supervisor_user, tmp_path)
    window = open_main(qtbot, demo_engine, supervisor_user)
    assert not window.nav.item(row).isHidden()
    i18n.install_translator("zh_CN")
    screen = window.followup_screen
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        window.show_screen("followup")
    assert window.nav_labels()[row] == "跟进"
    stale = screen.stale_model
    assert stale.data(stale.index(0, COL_STATUS)) == "暂无更新"
    assert stale.data(stale.index(0, COL_AGE)).startswith("3 天")
    assert "Follow-up" not in screen._title.text()


# --- the shipped export from the orders screen ----------------------------------------------


def test_the_orders_screen_exports_the_shipped_parcels_off_the_gui_thread(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _follow_up_orders(demo_engine, supervisor_user, tmp_path)
    target = tmp_path / "回传.xlsx"
    asked: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(target), ""

    monkeypatch.setattr("ui.orders_screen.QFileDialog.getSaveFileName", save_as)
    window = open_main(qtbot, demo_engine, supervisor_user)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    screen = window.orders_screen
    assert screen.export_shipped_button.isVisible()
    qtbot.keyClick(screen.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].endswith(".csv")  # a file dialog was offered
    qtbot.waitUntil(lambda: not screen.is_exporting(), timeout=10_000)
    assert "3 parcels exported to" in screen.message.text()
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["order_no", "shop", "carrier_code", "carrier_name"]
    assert {r[0] for r in rows[1:]} == {"STALE", "LATE1", "LATE2"}
    assert {r[3] for r in rows[1:]} == {"顺丰速运"}
    # Again: nothing new since.
    qtbot.keyClick(screen.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not screen.is_exporting(), timeout=10_000)
    assert "No parcel shipped since the last export" in screen.message.text()

    packers = open_main(qtbot, demo_engine, packer_user)
    assert not packers.orders_screen.export_shipped_button.isVisible()
