"""The stock screen's table models, tested without widgets: pages read on demand, what each
cell says (free stock, quarantine, expiry, signed quantities, running balances), words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.services.stock import StockRefused, StockScope
from tests.factories import UowFactory, add_sku, receive
from tests.integration.test_stock import NOON, TODAY, beijing_time, lot_id, move
from ui import i18n
from ui.stock_model import (
    LEDGER_COL_BALANCE,
    LEDGER_COL_KIND,
    LEDGER_COL_LOT_BALANCE,
    LEDGER_COL_QTY,
    LEDGER_COL_REASON,
    LOT_COL_EXPIRY,
    LOT_COL_FREE,
    LOT_COL_LOT,
    LOT_COL_ON_HAND,
    LOT_COL_QUARANTINED,
    LOW_COL_COVER,
    LOW_COL_FREE,
    LOW_COL_SKU,
    ROW_ROLE,
    LedgerTableModel,
    LotsTableModel,
    LowStockTableModel,
)

RECEIVED = dt.datetime(2026, 9, 1, 9, 0)

__all__ = ["beijing_time"]  # autouse: the warehouse's clock, UTC+8


@pytest.fixture
def shelf(uow: UowFactory) -> UowFactory:
    """CUP: 30 in A-01-01-01 (12 picked since), 5 in quarantine, 4 expired; threshold 50."""
    add_sku(uow, "CUP", "保温杯", low_stock_threshold=50)
    receive(uow, "CUP", 30, "C1", "A-01-01-01", received_at=RECEIVED, at=RECEIVED)
    receive(uow, "CUP", 5, "C2", "Q-01-01-01", received_at=RECEIVED, at=RECEIVED, quarantined=True)
    receive(uow, "CUP", 4, "C3", "A-01-01-02", received_at=RECEIVED, at=RECEIVED, expiry=TODAY)
    c1 = lot_id(uow, "C1", "A-01-01-01")
    for days in range(6, 0, -1):
        move(uow, c1, "pick", -2, NOON - dt.timedelta(days=days), reason="picked")
    return uow


def cells(model: LotsTableModel | LedgerTableModel | LowStockTableModel, column: int) -> list[str]:
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_lots_say_what_is_free(qapp: object, shelf: UowFactory, engine: Engine) -> None:
    model = LotsTableModel(app_context(engine), today=TODAY)
    model.show_scope(StockScope(sku="CUP"))
    assert cells(model, LOT_COL_LOT) == ["C1", "C2", "C3"]
    assert cells(model, LOT_COL_ON_HAND) == ["18", "5", "4"]
    assert cells(model, LOT_COL_FREE) == ["18", "0", "0"]
    assert cells(model, LOT_COL_QUARANTINED) == ["", "yes", ""]
    assert cells(model, LOT_COL_EXPIRY) == ["", "", "2026-11-20 expired"]
    assert model.index(1, LOT_COL_FREE).data(Qt.ItemDataRole.ToolTipRole) == (
        "In quarantine: not free to promise"
    )
    assert (
        model.index(0, LOT_COL_LOT).data(Qt.ItemDataRole.ToolTipRole) == "C1: received 2026-09-01"
    )
    assert model.index(0, 0).data(ROW_ROLE).location == "A-01-01-01"
    i18n.install_translator("zh_CN")
    assert model.index(1, LOT_COL_QUARANTINED).data() == "是"
    assert model.headerData(LOT_COL_FREE, Qt.Orientation.Horizontal) == "Free"  # until retranslated
    model.retranslate()
    assert model.headerData(LOT_COL_FREE, Qt.Orientation.Horizontal) == "可用"


def test_lots_are_read_page_by_page(qapp: object, shelf: UowFactory, engine: Engine) -> None:
    model = LotsTableModel(app_context(engine), today=TODAY, page_size=2)
    assert model.rowCount() == 0  # nothing is read before the screen asks
    model.show_scope(None)
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    assert cells(model, LOT_COL_LOT) == ["C1", "C2", "C3"]
    assert not model.canFetchMore()


def test_the_ledger_shows_newest_first_with_its_balances(
    qapp: object, shelf: UowFactory, engine: Engine
) -> None:
    model = LedgerTableModel(app_context(engine), page_size=4)
    model.show_ledger(StockScope(sku="CUP"))
    assert model.headerData(LEDGER_COL_BALANCE, Qt.Orientation.Horizontal) == "SKU total"
    assert model.rowCount() == 4 and model.canFetchMore()
    assert cells(model, LEDGER_COL_QTY) == ["−2", "−2", "−2", "−2"]
    assert cells(model, LEDGER_COL_LOT_BALANCE) == ["18", "20", "22", "24"]  # C1 on top: 18
    assert cells(model, LEDGER_COL_BALANCE) == ["27", "29", "31", "33"]
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 9 and not model.canFetchMore()
    assert cells(model, LEDGER_COL_KIND)[-3:] == ["receipt"] * 3
    assert model.index(8, LEDGER_COL_QTY).data() == "+30"
    assert model.index(0, LEDGER_COL_REASON).data() == "picked · t"
    # the same ledger from a day on: the balances still count what came before
    model.show_ledger(StockScope(sku="CUP"), since=(NOON - dt.timedelta(days=2)).date())
    assert cells(model, LEDGER_COL_BALANCE) == ["27", "29"]
    model.show_ledger(StockScope(location="A-01-01-01"))
    assert model.headerData(LEDGER_COL_BALANCE, Qt.Orientation.Horizontal) == "Location total"
    i18n.install_translator("zh_CN")
    assert model.index(0, LEDGER_COL_KIND).data() == "拣货"


def test_an_unknown_scope_is_refused_and_the_ledger_kept(
    qapp: object, shelf: UowFactory, engine: Engine
) -> None:
    model = LedgerTableModel(app_context(engine))
    model.show_ledger(StockScope(lot="C2"))
    with pytest.raises(StockRefused, match="there is no lot C9"):
        model.show_ledger(StockScope(lot="C9"))
    assert cells(model, LEDGER_COL_QTY) == ["+5"] and model.scope == StockScope(lot="C2")


def test_low_stock_rows(qapp: object, shelf: UowFactory, engine: Engine) -> None:
    add_sku(shelf, "LAMP", "台灯", low_stock_threshold=5)
    model = LowStockTableModel(app_context(engine))
    model.reload(TODAY)
    assert cells(model, LOW_COL_SKU) == ["CUP", "LAMP"]
    assert cells(model, LOW_COL_FREE) == ["18", "0"]
    assert cells(model, LOW_COL_COVER) == ["45.0", "—"]  # 18 free, 12 picked in 30 days
    assert "no rate to run out at" in model.index(1, LOW_COL_COVER).data(
        Qt.ItemDataRole.ToolTipRole
    )
