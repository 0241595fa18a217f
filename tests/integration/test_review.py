from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEvent
from app.domain.errors import PermissionDenied
from app.domain.users import Actor
from app.services.review import review_new_orders
from tests.factories import UowFactory, add_order, add_sku, receive, status_of


@pytest.fixture
def stocked(uow: UowFactory) -> UowFactory:
    add_sku(uow, "CUP")
    add_sku(uow, "LAMP")
    receive(uow, "CUP", 3)
    receive(uow, "LAMP", 10)
    return uow


def test_review_passes_good_orders_and_lists_every_reason(
    stocked: UowFactory, supervisor: Actor
) -> None:
    uow = stocked
    add_order(uow, "A1", [("CUP", 2)])
    add_order(uow, "A2", [("LAMP", 1)], paid=False, district="")
    add_order(uow, "A3", [("GHOST", 1)])
    summary = review_new_orders(uow(), supervisor)
    assert (summary.checked, summary.reviewed, summary.exceptions) == (3, 1, 2)
    assert status_of(uow, "A1") == ("reviewed", [])
    assert status_of(uow, "A2") == (
        "exception",
        ["not paid", "address incomplete: district missing"],
    )
    assert status_of(uow, "A3") == ("exception", ["unknown SKU GHOST"])
    # The summary counts orders per kind of reason (by code), said in words.
    top = {(t.code, t.reason.english(), t.orders) for t in summary.top_reasons}
    assert top == {
        ("order.reason.not_paid", "not paid", 1),
        ("order.reason.address_missing", "address incomplete", 1),
        ("order.reason.unknown_sku", "unknown SKU", 1),
    }


def test_priority_then_oldest_order_gets_the_last_units(
    stocked: UowFactory, supervisor: Actor
) -> None:
    uow = stocked
    add_order(uow, "LATE-VIP", [("CUP", 2)], priority=1, ordered_at=dt.datetime(2026, 11, 20, 12))
    add_order(uow, "EARLY", [("CUP", 2)], ordered_at=dt.datetime(2026, 11, 19, 8))
    add_order(uow, "EARLIER", [("CUP", 1)], ordered_at=dt.datetime(2026, 11, 18, 8))
    review_new_orders(uow(), supervisor)
    assert status_of(uow, "LATE-VIP")[0] == "reviewed"
    assert status_of(uow, "EARLIER")[0] == "reviewed"
    assert status_of(uow, "EARLY") == ("exception", ["not enough stock: SKU CUP needs 2, 0 free"])


def test_reviewed_orders_keep_their_claim_on_the_next_run(
    stocked: UowFactory, supervisor: Actor
) -> None:
    uow = stocked
    add_order(uow, "R1", [("CUP", 3)])
    review_new_orders(uow(), supervisor)
    add_order(uow, "R2", [("CUP", 1)])
    review_new_orders(uow(), supervisor)
    assert status_of(uow, "R2") == ("exception", ["not enough stock: SKU CUP needs 1, 0 free"])


def test_expired_and_quarantined_stock_is_not_free(uow: UowFactory, supervisor: Actor) -> None:
    add_sku(uow, "MILK", expiry_tracked=True)
    receive(uow, "MILK", 5, lot="OLD", expiry=dt.date(2020, 1, 1))
    receive(uow, "MILK", 5, lot="BAD", location="Q-01-01-01", quarantined=True)
    add_order(uow, "M1", [("MILK", 1)])
    review_new_orders(uow(), supervisor)
    assert status_of(uow, "M1") == ("exception", ["not enough stock: SKU MILK needs 1, 0 free"])


def test_sku_imported_after_the_order_is_recognised(uow: UowFactory, supervisor: Actor) -> None:
    add_order(uow, "LATE-SKU", [("NEWSKU", 1)])
    add_sku(uow, "NEWSKU")
    receive(uow, "NEWSKU", 1)
    review_new_orders(uow(), supervisor)
    assert status_of(uow, "LATE-SKU") == ("reviewed", [])


def test_every_change_is_audited(stocked: UowFactory, supervisor: Actor) -> None:
    uow = stocked
    add_order(uow, "A1", [("CUP", 1)])
    add_order(uow, "A2", [("CUP", 1)], paid=False)
    review_new_orders(uow(), supervisor)
    with uow().reading() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "order.reviewed")).all()
    by_order = {e.entity_id: e for e in events}
    assert set(by_order) == {"A1", "A2"}
    assert by_order["A2"].actor == supervisor.name
    assert by_order["A2"].before == {"status": "new"}
    assert by_order["A2"].after == {
        "status": "exception",
        "exception_reasons": [{"code": "order.reason.not_paid", "params": {}, "text": "not paid"}],
    }


def test_packer_cannot_review_even_through_the_service(stocked: UowFactory, packer: Actor) -> None:
    add_order(stocked, "A1", [("CUP", 1)])
    with pytest.raises(PermissionDenied):
        review_new_orders(stocked(), packer)
    assert status_of(stocked, "A1")[0] == "new"
    with stocked().reading() as s:
        assert s.scalar(select(func.count(AuditEvent.id))) == 0
