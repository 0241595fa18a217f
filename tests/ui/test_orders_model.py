"""The orders table model, tested without widgets: lazy pages, filters, words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.domain.users import SYSTEM
from app.services.orders import OrderQuery
from ui.orders_model import (
    COL_BUYER,
    COL_LINES,
    COL_ORDER_NO,
    COL_REASONS,
    COL_STATUS,
    PAGE_SIZE,
    OrdersTableModel,
)


def test_only_the_first_page_is_loaded_until_more_is_asked_for(demo_engine: Engine) -> None:
    model = OrdersTableModel(app_context(demo_engine), SYSTEM)
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1200
    numbers = [model.index(r, COL_ORDER_NO).data() for r in range(model.rowCount())]
    assert len(set(numbers)) == 1200  # no order twice, none lost between pages


def test_status_filter_and_words(demo_engine: Engine) -> None:
    model = OrdersTableModel(app_context(demo_engine), SYSTEM, OrderQuery(status="exception"))
    assert 0 < model.rowCount() < PAGE_SIZE
    assert not model.canFetchMore()
    assert {model.index(r, COL_STATUS).data() for r in range(model.rowCount())} == {"Exception"}
    reasons = [model.index(r, COL_REASONS).data() for r in range(model.rowCount())]
    assert all(reasons), "every exception shows its reasons"
    assert model.headerData(COL_LINES, Qt.Orientation.Horizontal) == "Lines"


def test_search_by_order_no_buyer_and_sku(demo_engine: Engine) -> None:
    some = OrdersTableModel(app_context(demo_engine), SYSTEM).order_at(5)
    model = OrdersTableModel(app_context(demo_engine), SYSTEM)
    model.set_query(OrderQuery(search=some.order_no))
    assert model.order_at(0).order_no == some.order_no
    model.set_query(OrderQuery(search=some.buyer_name))
    assert all(
        model.order_at(r).buyer_name.startswith(some.buyer_name) for r in range(model.rowCount())
    )
    model.set_query(OrderQuery(search="NO-SUCH-THING"))
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_search_by_exact_sku(demo_engine: Engine) -> None:
    from sqlalchemy import select

    from app.db.models import OrderLine
    from app.db.uow import UnitOfWork

    with UnitOfWork(demo_engine).reading() as s:
        sku = s.scalars(select(OrderLine.sku_code).limit(1)).one()
        wanted = set(s.scalars(select(OrderLine.order_id).where(OrderLine.sku_code == sku)))
    model = OrdersTableModel(app_context(demo_engine), SYSTEM, OrderQuery(search=sku))
    while model.canFetchMore():
        model.fetchMore()
    assert {model.order_at(r).id for r in range(model.rowCount())} == wanted


def test_a_packer_reads_the_buyers_column_masked(demo_engine: Engine) -> None:
    from app.domain.users import Actor, Role

    ctx = app_context(demo_engine)
    lead = OrdersTableModel(ctx, SYSTEM)
    packer = OrdersTableModel(ctx, Actor("lilei", Role.PACKER))
    names = [lead.index(r, COL_BUYER).data() for r in range(20)]
    masked = [packer.index(r, COL_BUYER).data() for r in range(20)]
    assert all(len(n) > 1 for n in names)
    assert masked == [n[0] + "*" * min(len(n) - 1, 8) for n in names]
