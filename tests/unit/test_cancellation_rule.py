"""The cancel / hold rule, pure: what each stage releases, puts away, intercepts and voids."""

from __future__ import annotations

import pytest

from app.domain.cancellation import (
    CannotCancel,
    InterceptKind,
    LotQty,
    OrderPosition,
    ParcelState,
    TaskHolding,
    Verb,
    plan,
)
from app.domain.orders import OrderStatus as S

#: CUP ×3 from two lots (2 on lot 1, 1 on lot 2), MUG ×1 on lot 3
TASKS = (
    TaskHolding(task_id=1, lot_id=1, qty=2, picked_qty=1, open=True),
    TaskHolding(task_id=2, lot_id=2, qty=1, picked_qty=1, open=False),
    TaskHolding(task_id=3, lot_id=3, qty=1, picked_qty=0, open=True),
)
BOUND = (ParcelState(10, 1, "SF1234567890123", "SF"),)


def at(status: S, **kw: object) -> OrderPosition:
    return OrderPosition("TB1", status, **kw)  # type: ignore[arg-type]


def test_picking_releases_exactly_what_open_tasks_hold_and_puts_picked_units_away() -> None:
    p = plan(Verb.CANCEL, at(S.PICKING, tasks=TASKS, parcels=BOUND, units_at="W000001/3"))
    assert p.target is S.CANCELLED
    assert p.release == (LotQty(1, 1), LotQty(3, 1))
    assert p.cancel_tasks == (1, 3)
    assert p.putaway == (LotQty(1, 1), LotQty(2, 1))
    assert (p.void, p.intercept, p.units_at) == ((10,), (), "W000001/3")


def test_reviewed_has_nothing_to_release_but_voids_an_early_waybill() -> None:
    p = plan(Verb.CANCEL, at(S.REVIEWED, parcels=BOUND))
    assert (p.release, p.putaway, p.void) == ((), (), (10,))


def test_an_exception_after_a_short_pick_puts_its_picked_units_away() -> None:
    short = (TaskHolding(1, 1, 2, 1, open=False),)
    assert plan(Verb.CANCEL, at(S.EXCEPTION, tasks=short)).putaway == (LotQty(1, 1),)


def test_packed_goes_on_the_intercept_list_and_shipped_becomes_a_carrier_request() -> None:
    packed = plan(Verb.CANCEL, at(S.PACKED, tasks=TASKS, parcels=BOUND))
    assert (packed.intercept, packed.intercept_kind, packed.void) == (
        (10,),
        InterceptKind.WAREHOUSE,
        (10,),
    )
    assert packed.putaway == ()  # the units stay in the parcel until it is unpacked
    shipped = plan(Verb.CANCEL, at(S.SHIPPED, tasks=TASKS, parcels=BOUND))
    assert (shipped.target, shipped.intercept_kind, shipped.void) == (
        None,
        InterceptKind.CARRIER,
        (),
    )
    with pytest.raises(CannotCancel, match="on the list already"):
        plan(Verb.CANCEL, at(S.SHIPPED, parcels=BOUND, carrier_intercepted=True))


@pytest.mark.parametrize("status", [S.DELIVERED, S.COMPLETED])
def test_too_late_is_refused_in_words(status: S) -> None:
    with pytest.raises(CannotCancel, match="too late to cancel"):
        plan(Verb.CANCEL, at(status))
    with pytest.raises(CannotCancel, match="TB1 is cancelled already — nothing more to do"):
        plan(Verb.CANCEL, at(S.CANCELLED))


def test_hold_keeps_everything_and_a_held_order_is_cancelled_by_its_stage() -> None:
    held = plan(Verb.HOLD, at(S.PICKING, tasks=TASKS))
    assert (held.target, held.release, held.putaway, held.cancel_tasks) == (S.ON_HOLD, (), (), ())
    position = at(S.ON_HOLD, held_from=S.PICKING, tasks=TASKS)
    assert plan(Verb.RELEASE, position).target is S.PICKING
    assert plan(Verb.CANCEL, position).release == (LotQty(1, 1), LotQty(3, 1))
    with pytest.raises(CannotCancel, match="on hold already"):
        plan(Verb.HOLD, position)
    with pytest.raises(CannotCancel, match="cannot be put on hold"):
        plan(Verb.HOLD, at(S.SHIPPED))
    with pytest.raises(CannotCancel, match="not on hold: nothing to release"):
        plan(Verb.RELEASE, at(S.PICKING))


def test_unpack_only_a_cancelled_order_with_a_parcel_intercepted_here() -> None:
    position = at(S.CANCELLED, tasks=TASKS, intercepted_here=(5,))
    p = plan(Verb.UNPACK, position)
    assert (p.putaway, p.lift) == ((LotQty(1, 1), LotQty(2, 1)), (5,))
    with pytest.raises(CannotCancel, match="nothing to unpack"):
        plan(Verb.UNPACK, at(S.CANCELLED, tasks=TASKS))
