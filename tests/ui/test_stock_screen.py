"""The stock screen driven with the keyboard and a scanner alone: search → the lots → Enter on
a lot → its ledger with the running balance → Esc back; the dates, the export, refusals in
words; the low-stock banner on a supervisor's window and its list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.config import Settings
from app.domain.scans import classify
from app.domain.users import Role
from app.services import stock
from app.services.users import UserInfo
from tests.factories import UowFactory, add_sku, receive
from tests.integration.test_stock import NOON, beijing_time, lot_id, move
from ui import i18n
from ui.app import build_main_window
from ui.main_window import STOCK_KEY, MainWindow
from ui.stock_model import (
    LEDGER_COL_BALANCE,
    LEDGER_COL_KIND,
    LEDGER_COL_LOT,
    LEDGER_COL_LOT_BALANCE,
    LEDGER_COL_QTY,
    LEDGER_COL_SKU,
    LOT_COL_LOCATION,
    LOT_COL_LOT,
    LOT_COL_ON_HAND,
    LOW_COL_SKU,
)
from ui.stock_screen import LEDGER, LOTS, LOW, StockScreen

__all__ = ["beijing_time"]  # autouse: the warehouse's clock, UTC+8

SUPERVISOR = UserInfo(2, "Wang Fang", Role.SUPERVISOR, "U-SUP01")
PACKER = UserInfo(3, "Li Lei", Role.PACKER, "U-PACK01")
CUP_EAN = "6901234567892"
RECEIVED = dt.datetime(2026, 9, 1, 9, 0)


@pytest.fixture
def shelves(uow: UowFactory) -> UowFactory:
    """CUP: lot C1 in A-01-01-01 (30 received, 3 picked twice: 24 left), lot C2 in A-01-01-02
    (6); MUG shares A-01-01-01 (40). CUP's threshold is 50: it is low; MUG's 10."""
    add_sku(uow, "CUP", "保温杯", barcodes=[CUP_EAN], low_stock_threshold=50)
    add_sku(uow, "MUG", "马克杯", low_stock_threshold=10)
    receive(uow, "CUP", 30, "C1", "A-01-01-01", received_at=RECEIVED, at=RECEIVED)
    receive(uow, "CUP", 6, "C2", "A-01-01-02", received_at=RECEIVED, at=RECEIVED)
    receive(uow, "MUG", 40, "M1", "A-01-01-01", received_at=RECEIVED, at=RECEIVED)
    c1 = lot_id(uow, "C1", "A-01-01-01")
    move(uow, c1, "pick", -3, NOON - dt.timedelta(days=3), reason="picked")
    move(uow, c1, "pick", -3, NOON - dt.timedelta(days=1), reason="picked")
    return uow


def open_screen(qtbot: QtBot, engine: Engine) -> StockScreen:
    screen = StockScreen(app_context(engine), SUPERVISOR)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.focus_target().setFocus()
    return screen


def column(screen: StockScreen, col: int) -> list[str]:
    model = screen.view.model()
    return [str(model.index(r, col).data()) for r in range(model.rowCount())]


def header(screen: StockScreen, col: int) -> str:
    return str(screen.view.model().headerData(col, Qt.Orientation.Horizontal))


def type_and_enter(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClicks(widget, text)  # type: ignore[arg-type]
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[arg-type]


def test_search_a_sku_then_a_lots_ledger_by_keyboard(
    qtbot: QtBot, engine: Engine, shelves: UowFactory
) -> None:
    screen = open_screen(qtbot, engine)
    assert screen.mode == LOTS and screen.search_edit.hasFocus()
    assert column(screen, LOT_COL_LOT) == ["C1", "C2", "M1"]  # every lot, at once

    type_and_enter(qtbot, screen.search_edit, "CUP")
    assert screen.scope_label.text() == "Lots of SKU CUP"
    assert column(screen, LOT_COL_LOT) == ["C1", "C2"]
    assert column(screen, LOT_COL_ON_HAND) == ["24", "6"]
    assert screen.count_label.text() == "Lots shown: 2"
    assert screen.view.hasFocus()  # the arrows and Enter work on the lots now

    qtbot.keyClick(screen.view, Qt.Key.Key_Return)  # the first lot: C1
    assert screen.mode == LEDGER
    assert screen.scope_label.text() == (
        "Ledger of lot C1 of CUP at A-01-01-01, newest first (balances after each move)"
    )
    assert column(screen, LEDGER_COL_KIND) == ["pick", "pick", "receipt"]
    assert column(screen, LEDGER_COL_QTY) == ["−3", "−3", "+30"]
    assert column(screen, LEDGER_COL_LOT_BALANCE) == ["24", "27", "30"]  # 24: on the shelf
    for hidden in (LEDGER_COL_SKU, LEDGER_COL_LOT, LEDGER_COL_BALANCE):  # the same on every row
        assert screen.view.isColumnHidden(hidden)

    qtbot.keyClick(screen.view, Qt.Key.Key_Escape)
    assert screen.mode == LOTS and column(screen, LOT_COL_LOT) == ["C1", "C2"]

    qtbot.keyClick(screen.view, Qt.Key.Key_F4)  # the ledger of what was searched: the SKU
    assert screen.mode == LEDGER and header(screen, LEDGER_COL_BALANCE) == "SKU total"
    assert not screen.view.isColumnHidden(LEDGER_COL_LOT)
    assert column(screen, LEDGER_COL_BALANCE)[0] == "30"  # 24 + 6: the SKU's stock now
    assert column(screen, LEDGER_COL_LOT)[0] == "C1"


def test_dates_narrow_the_ledger_and_a_wrong_date_is_said(
    qtbot: QtBot, engine: Engine, shelves: UowFactory
) -> None:
    screen = open_screen(qtbot, engine)
    type_and_enter(qtbot, screen.search_edit, "CUP")
    qtbot.keyClick(screen.view, Qt.Key.Key_F4)
    assert screen.since_edit.isVisible()
    since = (NOON - dt.timedelta(days=2)).date().isoformat()
    type_and_enter(qtbot, screen.since_edit, since)
    assert column(screen, LEDGER_COL_QTY) == ["−3"]
    assert column(screen, LEDGER_COL_BALANCE) == ["30"]  # what came before still counts
    screen.since_edit.clear()
    type_and_enter(qtbot, screen.since_edit, "1.12.2026")
    assert screen.message.kind == "error"
    assert screen.message.message() == "From: '1.12.2026' is not a date (write it as 2026-12-01)"
    assert column(screen, LEDGER_COL_QTY) == ["−3"]  # the ledger shown stays
    screen.since_edit.clear()
    type_and_enter(qtbot, screen.since_edit, "2999-01-01")
    assert screen.count_label.text() == "No stock move matches (check the dates)"
    qtbot.keyClick(screen.view, Qt.Key.Key_Escape)
    assert screen.mode == LOTS  # other dates were the same ledger: one Esc back


def test_scans_find_a_barcode_and_a_location(
    qtbot: QtBot, engine: Engine, shelves: UowFactory
) -> None:
    screen = open_screen(qtbot, engine)
    assert screen.accept_scan(classify(CUP_EAN))
    assert column(screen, LOT_COL_LOT) == ["C1", "C2"]
    assert screen.accept_scan(classify("A-01-01-01"))
    assert screen.scope_label.text() == "Lots of location A-01-01-01"
    assert column(screen, LOT_COL_LOT) == ["C1", "M1"]
    assert set(column(screen, LOT_COL_LOCATION)) == {"A-01-01-01"}
    qtbot.keyClick(screen.view, Qt.Key.Key_F4)
    assert header(screen, LEDGER_COL_BALANCE) == "Location total"
    assert column(screen, LEDGER_COL_BALANCE)[0] == "64"  # 24 cups and 40 mugs

    screen.accept_scan(classify("A-09-09-09"))
    assert screen.message.kind == "error"
    assert screen.message.message() == (
        "Nothing in stock is called A-09-09-09: it is no SKU code, barcode, location code or "
        "lot code here"
    )
    assert screen.mode == LEDGER and column(screen, LEDGER_COL_BALANCE)[0] == "64"  # kept
    i18n.install_translator("zh_CN")
    screen.accept_scan(classify("A-09-09-09"))
    assert "库存中找不到 A-09-09-09" in screen.message.message()


def test_the_ledger_exports_every_move(
    qtbot: QtBot, engine: Engine, shelves: UowFactory, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, engine)
    assert not screen.export_button.isEnabled()  # lots: nothing to export
    type_and_enter(qtbot, screen.search_edit, "CUP")
    qtbot.keyClick(screen.view, Qt.Key.Key_F4)
    target = tmp_path / "cup.xlsx"
    assert screen.export_to(target)
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=10_000)
    assert screen.message.kind == "ok"
    assert screen.message.message() == f"4 rows written to {target}."
    sheet = load_workbook(target).active
    assert sheet is not None
    values = list(sheet.values)
    assert [row[1] for row in values[1:]] == ["receipt", "receipt", "pick", "pick"]
    assert values[-1][7] == 30  # the SKU's balance after the last move


def open_window(qtbot: QtBot, engine: Engine, user: UserInfo) -> MainWindow:
    window = build_main_window(app_context(engine), user, Settings())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_the_low_stock_banner_counts_and_opens_the_list(
    qtbot: QtBot, engine: Engine, shelves: UowFactory
) -> None:
    window = open_window(qtbot, engine, SUPERVISOR)
    banner = window.low_stock_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.text() == ("⚠ 1 SKU is below its low-stock threshold — Ctrl+Shift+L: the list")
    qtbot.keyClick(
        window.orders_screen.view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    screen = window.stock_screen
    assert window.current_screen() == "stock" and screen.mode == LOW
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=10_000)  # read in a worker
    assert column(screen, LOW_COL_SKU) == ["CUP"]
    assert screen.scope_label.text() == (
        "Low stock (1): SKUs below their threshold, fewest days of cover first"
    )
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)  # the SKU's lots
    assert screen.mode == LOTS and column(screen, LOT_COL_LOT) == ["C1", "C2"]
    qtbot.keyClick(screen.view, Qt.Key.Key_Escape)
    assert screen.mode == LOW
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=10_000)
    assert column(screen, LOW_COL_SKU) == ["CUP"]

    # another SKU runs low elsewhere: the banner says so at its next count
    mug = lot_id(shelves, "M1", "A-01-01-01")
    move(shelves, mug, "pick", -35, NOON, reason="picked")
    watcher = window.low_stock_watcher
    assert watcher is not None
    watcher.poke()
    qtbot.waitUntil(lambda: banner.count == 2, timeout=10_000)
    assert banner.text().startswith("⚠ 2 SKUs are below their low-stock threshold")
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: banner.text().startswith("⚠ 2 个 SKU 低于补货阈值"))
    # stocked up again: the banner goes
    receive(shelves, "CUP", 100, "C3", "A-01-01-03")
    receive(shelves, "MUG", 100, "M2", "A-01-01-03")
    watcher.poke()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    window.close()


def test_a_packer_has_the_stock_screen_but_no_banner(
    qtbot: QtBot, engine: Engine, shelves: UowFactory
) -> None:
    window = open_window(qtbot, engine, PACKER)
    assert window.low_stock_watcher is None
    qtbot.wait(50)
    assert not window.low_stock_banner.isVisible()
    window.show_screen("stock")
    assert window.stock_screen.search_edit.hasFocus()
    assert window.nav.item(window.nav.currentRow()).toolTip() == STOCK_KEY
    assert stock.low_stock_count(shelves(), dt.date.today()) == 1
    QApplication.processEvents()
    window.close()
