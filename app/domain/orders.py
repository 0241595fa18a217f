"""The order lifecycle: one explicit state machine.

new → reviewed | exception → allocated → picking → picked → packing → packed → shipped
→ delivered → completed.  Cancelled and on-hold are reachable from any state before shipped;
an on-hold order resumes to the state it was held in.  Anything else raises
:class:`IllegalTransition` and leaves the order untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.errors import IllegalTransition
from app.messages import Message


class OrderStatus(StrEnum):
    NEW = "new"
    REVIEWED = "reviewed"
    EXCEPTION = "exception"
    ALLOCATED = "allocated"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"


S = OrderStatus

#: The forward flow (and the few legitimate steps back), excluding hold/cancel.
FLOW: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.NEW: frozenset({S.REVIEWED, S.EXCEPTION}),
    # An exception is resolved by sending the order back to review or approving it by hand.
    S.EXCEPTION: frozenset({S.NEW, S.REVIEWED}),
    # A reviewed order the platform changed (address, lines) is reviewed again.
    S.REVIEWED: frozenset({S.ALLOCATED, S.EXCEPTION, S.NEW}),
    # Allocation can be released (wave dissolved) before picking starts.  From allocation to
    # packed, the platform changing the lines sends the order back to review (its stock
    # released, picked units put away: app.domain.cancellation.plan_review_again).
    S.ALLOCATED: frozenset({S.PICKING, S.REVIEWED, S.NEW}),
    # A short pick with no stock left sends the order to exception.
    S.PICKING: frozenset({S.PICKED, S.EXCEPTION, S.NEW}),
    S.PICKED: frozenset({S.PACKING, S.NEW}),
    S.PACKING: frozenset({S.PACKED, S.PICKED, S.NEW}),
    S.PACKED: frozenset({S.SHIPPED, S.PACKING, S.NEW}),
    S.SHIPPED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.ON_HOLD: frozenset(),
}

#: States from which an order may still be cancelled or put on hold (before it ships).
BEFORE_SHIPPED: frozenset[OrderStatus] = frozenset(
    {
        S.NEW,
        S.REVIEWED,
        S.EXCEPTION,
        S.ALLOCATED,
        S.PICKING,
        S.PICKED,
        S.PACKING,
        S.PACKED,
    }
)

#: States in which the order's stock is (or was being) physically handled.
TERMINAL: frozenset[OrderStatus] = frozenset({S.COMPLETED, S.CANCELLED})


def allowed_targets(current: OrderStatus, held_from: OrderStatus | None = None) -> set[OrderStatus]:
    """Every status the order may move to next."""
    if current is S.ON_HOLD:
        targets = {S.CANCELLED}
        if held_from is not None:
            targets.add(held_from)
        return targets
    targets = set(FLOW[current])
    if current in BEFORE_SHIPPED:
        targets |= {S.CANCELLED, S.ON_HOLD}
    return targets


@dataclass
class OrderLifecycle:
    """The status of one order and the rules for changing it.

    *exception_reasons* are messages (app.messages.orders); the orders table stores them as
    ``to_json()`` dicts (see app.messages.orders.reasons_to_json / reasons_from_json).
    """

    order_no: str
    status: OrderStatus = S.NEW
    held_from: OrderStatus | None = None
    exception_reasons: list[Message] = field(default_factory=list)

    def can(self, target: OrderStatus) -> bool:
        return target in allowed_targets(self.status, self.held_from)

    def move_to(self, target: OrderStatus, reasons: list[Message] | None = None) -> None:
        """Change status or raise IllegalTransition without changing anything."""
        target = OrderStatus(target)
        if not self.can(target):
            raise IllegalTransition(self.order_no, self.status.value, target.value)
        if target is S.EXCEPTION and not reasons and self.status is S.ON_HOLD:
            reasons = self.exception_reasons  # released back into exception: same reasons
        if target is S.EXCEPTION and not reasons:
            raise ValueError("an exception needs at least one reason")
        if target is S.ON_HOLD:
            self.held_from = self.status
        elif self.status is S.ON_HOLD:
            self.held_from = None
        self.status = target
        if target is S.EXCEPTION:
            self.exception_reasons = list(reasons or [])
        elif target is not S.ON_HOLD and target is not S.CANCELLED:
            self.exception_reasons = []

    def hold(self) -> None:
        self.move_to(S.ON_HOLD)

    def release_target(self) -> OrderStatus:
        """The status an on-hold order goes back to (IllegalTransition when not on hold)."""
        if self.status is not S.ON_HOLD or self.held_from is None:
            raise IllegalTransition(self.order_no, self.status.value, "released")
        return self.held_from

    def release(self) -> None:
        self.move_to(self.release_target())

    def cancel(self) -> None:
        self.move_to(S.CANCELLED)
