from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditEvent, User
from app.domain.errors import IllegalTransition, InvalidInput, PermissionDenied
from app.domain.users import SYSTEM, Actor, Role
from app.services import orders, users
from app.services.orders import OrderQuery
from tests.factories import UowFactory, add_order, add_sku, status_of


def test_add_user_stores_only_a_hash_and_logs_in_by_badge_or_pin(
    uow: UowFactory, admin: Actor
) -> None:
    info = users.add_user(uow(), admin, "李雷", "packer", "4321", badge_code="U-77")
    with uow().reading() as s:
        row = s.scalar(select(User).where(User.name == "李雷"))
        assert row is not None and "4321" not in row.pin_hash
    assert users.login_with_badge(uow(), "U-77") == info
    assert users.login_with_pin(uow(), "李雷", "4321").role is Role.PACKER
    with pytest.raises(users.LoginFailed, match="wrong name or PIN"):
        users.login_with_pin(uow(), "李雷", "0000")
    with pytest.raises(users.LoginFailed, match="badge not recognised"):
        users.login_with_badge(uow(), "U-78")


def test_only_an_admin_adds_users(uow: UowFactory, supervisor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        users.add_user(uow(), supervisor, "x", "admin", "1234")
    assert users.list_users(uow(), SYSTEM) == []


def test_duplicate_names_and_bad_roles_refused(uow: UowFactory, admin: Actor) -> None:
    users.add_user(uow(), admin, "amy", "labels", "1234")
    with pytest.raises(InvalidInput, match="already exists"):
        users.add_user(uow(), admin, "amy", "labels", "1234")
    with pytest.raises(InvalidInput, match="unknown role 'boss'"):
        users.add_user(uow(), admin, "bob", "boss", "1234")


@pytest.fixture
def many_orders(uow: UowFactory) -> UowFactory:
    add_sku(uow, "CUP")
    add_sku(uow, "LAMP")
    for i in range(1, 451):
        status = "exception" if i % 10 == 0 else "new"
        add_order(
            uow,
            f"TB{i:05d}",
            [("CUP", 1)] + ([("LAMP", 2)] if i % 3 == 0 else []),
            status=status,
            buyer_name="王芳" if i % 2 else "Emily Carter",
        )
    return uow


def test_pages_are_newest_first_and_never_overlap(many_orders: UowFactory) -> None:
    q = OrderQuery()
    first = orders.page(many_orders(), SYSTEM, q, None, 200)
    second = orders.page(many_orders(), SYSTEM, q, first[-1].id, 200)
    third = orders.page(many_orders(), SYSTEM, q, second[-1].id, 200)
    assert [len(first), len(second), len(third)] == [200, 200, 50]
    assert first[0].order_no == "TB00450"
    ids = [r.id for r in first + second + third]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 450
    row = next(r for r in first if r.order_no == "TB00447")
    assert (row.lines, row.units) == (2, 3)


def test_filter_search_and_counts(many_orders: UowFactory) -> None:
    assert orders.status_counts(many_orders(), SYSTEM) == {"new": 405, "exception": 45}
    assert orders.count(many_orders(), SYSTEM, OrderQuery(status="exception")) == 45
    assert orders.count(many_orders(), SYSTEM, OrderQuery(search="TB0001")) == 10  # prefix
    assert orders.count(many_orders(), SYSTEM, OrderQuery(search="Emily")) == 225
    assert orders.count(many_orders(), SYSTEM, OrderQuery(search="LAMP")) == 150  # exact SKU
    assert orders.count(many_orders(), SYSTEM, OrderQuery(status="exception", search="LAMP")) == 15


def test_supervisor_actions_follow_the_state_machine(
    many_orders: UowFactory, supervisor: Actor, packer: Actor
) -> None:
    uow = many_orders
    ids = {r.order_no: r.id for r in orders.page(uow(), SYSTEM, OrderQuery(), None, 500)}
    with pytest.raises(PermissionDenied):
        orders.apply_action(uow(), packer, [ids["TB00010"]], "approve")
    orders.apply_action(uow(), supervisor, [ids["TB00010"]], "back_to_review")
    assert status_of(uow, "TB00010") == ("new", [])
    # All or nothing: one illegal order in the batch leaves the others untouched.
    with pytest.raises(IllegalTransition):
        orders.apply_action(uow(), supervisor, [ids["TB00020"], ids["TB00001"]], "approve")
    assert status_of(uow, "TB00020")[0] == "exception"
    orders.apply_action(uow(), supervisor, [ids["TB00001"]], "hold")
    orders.apply_action(uow(), supervisor, [ids["TB00001"]], "release")
    assert status_of(uow, "TB00001")[0] == "new"
    with uow().reading() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["order.back_to_review", "order.hold", "order.release"]
