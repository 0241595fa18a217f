"""Cancel or hold an order at any stage (拦截): what happens to its stock and its work.

One rule, pure: given where the order is (:class:`OrderPosition`), :func:`plan` says what a
cancel, a hold or a release does (:class:`Plan`); app.services.cancellation carries it out in
one transaction.

* *new / reviewed / exception*: nothing to release; the order's bound tracking numbers (an
  e-waybill printed early) are voided; units an exception order had picked before a short
  pick sent it there become put-away tasks.
* *allocated / picking / picked / packing*: the allocation still held by the open pick tasks is
  released (lot.allocated goes down by exactly each task's qty − picked_qty) and those tasks are
  cancelled; every unit already picked (in a tote, a slot, or scanned at a pack station) becomes
  a **put-away task** back onto the lot it came from; bound numbers are voided.
* *packed* (parcels closed, not handed over): the parcels go on the **intercept list** and
  their numbers are voided; the units stay in the parcels until someone unpacks them (which
  makes the put-away tasks: :func:`plan_unpack`).
* *shipped*: nothing in the warehouse changes; the cancel becomes an **intercept request** for
  the carrier (the order stays shipped).
* *delivered / completed / cancelled*: refused.

A **hold** keeps the stock and the work as they are, so that a release resumes the order where
it was: nothing is released, no task is cancelled, no put-away task is made, no number voided;
packed parcels go on the intercept list (as *held*) so that nobody hands them over, and the
release takes them off it again.  The pick station refuses the tasks of a held order and the
pack station the order itself, in words.  Cancelling a held order decides by the stage it was
held in.

**Review again** is what the platform changing an order's lines after allocation (换货) does:
a cancellation of the old lines — the allocation released, open tasks cancelled, picked units
(in a tote, at a pack station, or in a packed parcel) put away, bound numbers voided — while
the order itself goes back to review with its new lines.  Every pick task of the old lines is
*superseded* (its line is gone): nothing later counts its units again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.errors import DomainError
from app.domain.orders import OrderStatus
from app.messages import cancellation as msg
from app.messages.words import status_word

S = OrderStatus


class Verb(StrEnum):
    CANCEL = "cancel"
    HOLD = "hold"
    RELEASE = "release"
    #: an intercepted parcel of a cancelled order taken apart: its units to put away
    UNPACK = "unpack"
    #: the platform changed the lines after allocation: the old lines' work undone, the
    #: order back to review (not a user's verb: the order import's)
    REVIEW_AGAIN = "review_again"


class InterceptKind(StrEnum):
    """Where an intercepted parcel is: still in the warehouse, or with the carrier already."""

    WAREHOUSE = "warehouse"
    CARRIER = "carrier"


class CannotCancel(DomainError):
    """The order is past the point a cancel or hold can reach; nothing was changed."""


@dataclass(frozen=True)
class TaskHolding:
    """One pick task of the order: what it was to pick from a lot and what is picked."""

    task_id: int
    lot_id: int
    qty: int
    picked_qty: int
    open: bool

    @property
    def allocated(self) -> int:
        """What the task still holds on its lot (allocated, not picked)."""
        return self.qty - self.picked_qty if self.open else 0


@dataclass(frozen=True)
class ParcelState:
    parcel_id: int
    parcel_no: int
    tracking_no: str | None
    carrier: str | None
    handed_over: bool = False


@dataclass(frozen=True)
class OrderPosition:
    """Where an order is: its status, its pick tasks, its parcels, the station packing it."""

    order_no: str
    status: OrderStatus
    held_from: OrderStatus | None = None
    tasks: tuple[TaskHolding, ...] = ()
    parcels: tuple[ParcelState, ...] = ()
    #: where the picked units are now: the pack station holding the order, else its tote
    units_at: str | None = None
    #: parcels on the intercept list as *held* (a release takes them off)
    held_parcels: tuple[int, ...] = ()
    #: an intercept request went to the carrier already
    carrier_intercepted: bool = False
    #: intercepts of the cancelled order's parcels still in the warehouse (to unpack)
    intercepted_here: tuple[int, ...] = ()

    @property
    def stage(self) -> OrderStatus:
        """The stage that decides: a held order's is the one it was held in."""
        if self.status is S.ON_HOLD and self.held_from is not None:
            return self.held_from
        return self.status


@dataclass(frozen=True)
class LotQty:
    lot_id: int
    qty: int


@dataclass(frozen=True)
class Plan:
    """What one verb does to one order."""

    verb: Verb
    #: the status the order moves to (None: it stays where it is — a shipped order's cancel)
    target: OrderStatus | None
    #: allocation released per lot (lot.allocated −= qty)
    release: tuple[LotQty, ...] = ()
    #: pick tasks cancelled
    cancel_tasks: tuple[int, ...] = ()
    #: units picked that go back to a shelf: one put-away task per lot
    putaway: tuple[LotQty, ...] = ()
    #: parcels put on the intercept list, and where they are
    intercept: tuple[int, ...] = ()
    intercept_kind: InterceptKind | None = None
    #: parcels whose tracking number is voided (never bound again)
    void: tuple[int, ...] = ()
    #: intercepts closed: held parcels released, or cancelled parcels unpacked
    lift: tuple[int, ...] = ()
    #: where the units to put away are now (the pack station, else the tote)
    units_at: str | None = field(default=None)
    #: pick tasks whose lines are replaced (review again): never counted again
    supersede: tuple[int, ...] = ()

    @property
    def released_units(self) -> int:
        return sum(r.qty for r in self.release)

    @property
    def putaway_units(self) -> int:
        return sum(p.qty for p in self.putaway)


#: Stages whose stock is allocated or picked (pick tasks exist).
_ON_THE_FLOOR = frozenset({S.ALLOCATED, S.PICKING, S.PICKED, S.PACKING})
#: Stages before any stock is promised.
_BEFORE_STOCK = frozenset({S.NEW, S.REVIEWED, S.EXCEPTION})


def _per_lot(pairs: list[tuple[int, int]]) -> tuple[LotQty, ...]:
    total: Counter[int] = Counter()
    for lot_id, qty in pairs:
        total[lot_id] += qty
    return tuple(LotQty(lot, qty) for lot, qty in sorted(total.items()) if qty > 0)


def _bound(position: OrderPosition) -> tuple[int, ...]:
    return tuple(p.parcel_id for p in position.parcels if p.tracking_no and not p.handed_over)


def plan_void(position: OrderPosition) -> Plan:
    """The platform changed the buyer's address after the waybill was bound: every number of a
    parcel not yet handed over is voided (printed again with the new address)."""
    return Plan(Verb.CANCEL, None, void=_bound(position))


def plan_cancel(position: OrderPosition) -> Plan:
    stage = position.stage
    if position.status is S.CANCELLED:
        raise CannotCancel(msg.ALREADY_CANCELLED(order=position.order_no))
    if stage in (S.DELIVERED, S.COMPLETED):
        raise CannotCancel(msg.TOO_LATE(order=position.order_no, status=status_word(stage)))
    if stage is S.SHIPPED:
        if position.carrier_intercepted:
            raise CannotCancel(msg.INTERCEPT_ALREADY(order=position.order_no))
        shipped = tuple(p.parcel_id for p in position.parcels if p.tracking_no)
        return Plan(Verb.CANCEL, None, intercept=shipped, intercept_kind=InterceptKind.CARRIER)
    if stage is S.PACKED:
        parcels = tuple(p.parcel_id for p in position.parcels if not p.handed_over)
        return Plan(
            Verb.CANCEL,
            S.CANCELLED,
            intercept=parcels,
            intercept_kind=InterceptKind.WAREHOUSE,
            void=_bound(position),
        )
    if stage in _ON_THE_FLOOR or stage in _BEFORE_STOCK:
        # Before stock no task is open; an exception after a short pick may have units picked.
        open_tasks = [t for t in position.tasks if t.open]
        return Plan(
            Verb.CANCEL,
            S.CANCELLED,
            release=_per_lot([(t.lot_id, t.allocated) for t in open_tasks]),
            cancel_tasks=tuple(t.task_id for t in open_tasks),
            putaway=_per_lot([(t.lot_id, t.picked_qty) for t in position.tasks]),
            void=_bound(position),
            units_at=position.units_at,
        )
    raise CannotCancel(msg.TOO_LATE(order=position.order_no, status=status_word(stage)))


def plan_hold(position: OrderPosition) -> Plan:
    if position.status is S.ON_HOLD:
        raise CannotCancel(msg.ALREADY_HELD(order=position.order_no))
    if position.status not in (*_BEFORE_STOCK, *_ON_THE_FLOOR, S.PACKED):
        raise CannotCancel(
            msg.CANNOT_HOLD(order=position.order_no, status=status_word(position.status))
        )
    if position.status is S.PACKED:
        parcels = tuple(p.parcel_id for p in position.parcels if not p.handed_over)
        return Plan(Verb.HOLD, S.ON_HOLD, intercept=parcels, intercept_kind=InterceptKind.WAREHOUSE)
    return Plan(Verb.HOLD, S.ON_HOLD)


def plan_release(position: OrderPosition) -> Plan:
    if position.status is not S.ON_HOLD or position.held_from is None:
        raise CannotCancel(
            msg.NOT_HELD(order=position.order_no, status=status_word(position.status))
        )
    return Plan(Verb.RELEASE, position.held_from, lift=position.held_parcels)


def plan_unpack(position: OrderPosition) -> Plan:
    """The cancelled order's intercepted parcels are opened: every picked unit is put away."""
    if position.status is not S.CANCELLED or not position.intercepted_here:
        raise CannotCancel(msg.NOTHING_TO_UNPACK(order=position.order_no))
    return Plan(
        Verb.UNPACK,
        None,
        putaway=_per_lot([(t.lot_id, t.picked_qty) for t in position.tasks]),
        lift=position.intercepted_here,
        units_at=position.units_at,
    )


def plan_review_again(position: OrderPosition) -> Plan:
    """The platform changed the lines of an order: the old lines' work (if any: allocated,
    picked, packed, or picked before a short pick made it an exception) is undone as a cancel
    would and the order goes back to review (a held order stays held, to be reviewed again
    when released)."""
    stage = position.stage
    if stage not in (*_BEFORE_STOCK, *_ON_THE_FLOOR, S.PACKED):
        raise CannotCancel(msg.TOO_LATE(order=position.order_no, status=status_word(stage)))
    open_tasks = [t for t in position.tasks if t.open]
    units_at = position.units_at
    packed = [p for p in position.parcels if not p.handed_over]
    if stage is S.PACKED and packed:
        # The units are in the closed parcels: they are taken out of them and put away.
        units_at = ", ".join(
            f"#{p.parcel_no}" + (f" {p.tracking_no}" if p.tracking_no else "") for p in packed
        )
    return Plan(
        Verb.REVIEW_AGAIN,
        None if position.status in (S.ON_HOLD, S.NEW) else S.NEW,
        release=_per_lot([(t.lot_id, t.allocated) for t in open_tasks]),
        cancel_tasks=tuple(t.task_id for t in open_tasks),
        putaway=_per_lot([(t.lot_id, t.picked_qty) for t in position.tasks]),
        void=_bound(position),
        lift=position.held_parcels,
        units_at=units_at,
        supersede=tuple(t.task_id for t in position.tasks),
    )


_PLANS = {
    Verb.CANCEL: plan_cancel,
    Verb.HOLD: plan_hold,
    Verb.RELEASE: plan_release,
    Verb.UNPACK: plan_unpack,
    Verb.REVIEW_AGAIN: plan_review_again,
}


def plan(verb: Verb, position: OrderPosition) -> Plan:
    """What *verb* does to the order where it is (CannotCancel: nothing may be done)."""
    return _PLANS[verb](position)
