"""The order lifecycle: legal moves work, illegal ones raise and change nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import IllegalTransition
from app.domain.orders import OrderLifecycle, OrderStatus
from app.messages.orders import NOT_PAID

UNPAID = NOT_PAID()

S = OrderStatus
HAPPY_PATH = [
    S.REVIEWED,
    S.ALLOCATED,
    S.PICKING,
    S.PICKED,
    S.PACKING,
    S.PACKED,
    S.SHIPPED,
    S.DELIVERED,
    S.COMPLETED,
]
PRE_SHIP = [S.NEW, S.REVIEWED, S.EXCEPTION, S.ALLOCATED, S.PICKING, S.PICKED, S.PACKING, S.PACKED]


def test_happy_path_from_new_to_completed() -> None:
    life = OrderLifecycle("T1")
    for target in HAPPY_PATH:
        life.move_to(target)
    assert life.status is S.COMPLETED


def test_cannot_skip_steps() -> None:
    life = OrderLifecycle("T1")
    with pytest.raises(IllegalTransition, match="cannot go from 'new' to 'shipped'"):
        life.move_to(S.SHIPPED)
    assert life.status is S.NEW


@pytest.mark.parametrize("state", PRE_SHIP)
def test_cancel_and_hold_reachable_before_shipping(state: OrderStatus) -> None:
    assert OrderLifecycle("T", state).can(S.CANCELLED)
    held = OrderLifecycle("T", state, exception_reasons=[UNPAID] if state is S.EXCEPTION else [])
    held.hold()
    assert held.status is S.ON_HOLD and held.held_from is state
    held.release()
    assert held.status is state


@pytest.mark.parametrize("state", [S.SHIPPED, S.DELIVERED, S.COMPLETED, S.CANCELLED])
def test_no_cancel_or_hold_once_shipped(state: OrderStatus) -> None:
    life = OrderLifecycle("T", state)
    for target in (S.CANCELLED, S.ON_HOLD):
        with pytest.raises(IllegalTransition):
            life.move_to(target)
        assert life.status is state


def test_exception_needs_reasons_and_keeps_them() -> None:
    life = OrderLifecycle("T")
    with pytest.raises(ValueError):
        life.move_to(S.EXCEPTION)
    assert life.status is S.NEW
    life.move_to(S.EXCEPTION, [UNPAID])
    assert life.exception_reasons == [UNPAID]
    life.move_to(S.NEW)  # back to review clears them
    assert life.exception_reasons == []


def test_held_order_cannot_jump_elsewhere() -> None:
    life = OrderLifecycle("T", S.PICKED)
    life.hold()
    with pytest.raises(IllegalTransition):
        life.move_to(S.PACKING)
    assert life.status is S.ON_HOLD and life.held_from is S.PICKED


# A reference model written independently of app.domain.orders: the allowed next states.
REFERENCE: dict[str, set[str]] = {
    "new": {"reviewed", "exception"},
    "exception": {"new", "reviewed"},
    "reviewed": {"allocated", "exception", "new"},  # changed by the platform: review again
    # From allocation to packed, lines changed by the platform send the order back to review.
    "allocated": {"picking", "reviewed", "new"},
    "picking": {"picked", "exception", "new"},
    "picked": {"packing", "new"},
    "packing": {"packed", "picked", "new"},
    "packed": {"shipped", "packing", "new"},
    "shipped": {"delivered"},
    "delivered": {"completed"},
    "completed": set(),
    "cancelled": set(),
}
REF_PRE_SHIP = {s.value for s in PRE_SHIP}


def reference_allowed(status: str, held_from: str | None) -> set[str]:
    if status == "on_hold":
        return {"cancelled"} | ({held_from} if held_from else set())
    allowed = set(REFERENCE[status])
    if status in REF_PRE_SHIP:
        allowed |= {"cancelled", "on_hold"}
    return allowed


@given(st.lists(st.sampled_from(list(OrderStatus)), max_size=40))
def test_random_sequences_follow_the_reference(targets: list[OrderStatus]) -> None:
    life = OrderLifecycle("P1")
    status, held_from = "new", None
    shipped = False
    for target in targets:
        before = (life.status, life.held_from, list(life.exception_reasons))
        legal = target.value in reference_allowed(status, held_from)
        if legal:
            life.move_to(target, ["reason"] if target is S.EXCEPTION else None)
            if target.value == "on_hold":
                held_from = status
            elif status == "on_hold":
                held_from = None
            status = target.value
        else:
            with pytest.raises(IllegalTransition):
                life.move_to(target, ["reason"])
            assert (life.status, life.held_from, life.exception_reasons) == before
        assert life.status.value == status
        if status == "shipped":
            shipped = True
        if shipped:  # once shipped, never cancelled or held
            assert life.status not in (S.CANCELLED, S.ON_HOLD)
        if life.status is S.EXCEPTION:
            assert life.exception_reasons


def test_released_exception_keeps_its_reasons() -> None:
    life = OrderLifecycle("T")
    life.move_to(S.EXCEPTION, [UNPAID])
    life.hold()
    life.release()
    assert life.status is S.EXCEPTION and life.exception_reasons == [UNPAID]


@pytest.mark.parametrize("state", [S.ALLOCATED, S.PICKING, S.PICKED, S.PACKING, S.PACKED])
def test_lines_changed_by_the_platform_send_a_handled_order_back_to_review(
    state: OrderStatus,
) -> None:
    life = OrderLifecycle("T", state)
    life.move_to(S.NEW)
    assert life.status is S.NEW


@pytest.mark.parametrize("state", [S.SHIPPED, S.DELIVERED, S.COMPLETED, S.CANCELLED])
def test_nothing_gone_goes_back_to_review(state: OrderStatus) -> None:
    with pytest.raises(IllegalTransition):
        OrderLifecycle("T", state).move_to(S.NEW)
