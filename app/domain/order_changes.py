"""An order the platform sent again, different (修改地址 / 换货 / 取消): what changed, and what
the warehouse does about it at the stage the order is at.

The order import compares each order already in the database with the file's: the same →
skipped; a different buyer, phone or address, different lines or quantities, a change of
payment, or the platform marking it cancelled or refunded → an :class:`OrderChange`.
:func:`change_step` decides what it means where the order is:

* before allocation (new, reviewed, exception): the order is updated and reviewed again;
* the platform cancelled or refunded it: the order is cancelled (the cancellation rule releases
  its stock and work at whatever stage it is);
* allocated or later, lines changed: as a cancellation of the old lines — stock released, units
  already picked put away — and the order back to review with its new lines;
* allocated or later, only the buyer, phone or address changed: the order keeps its stock and is
  flagged *changed since picking*: the pack station blocks it with old → new until a supervisor
  confirms, and a waybill printed with the old address is voided (printed again);
* shipped or later: nothing changes in the warehouse; it is recorded for customer service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.orders import OrderStatus

S = OrderStatus

#: The buyer's details an import may change, in the order they are said.
ADDRESS_FIELDS = ("buyer_name", "phone", "province", "city", "district", "address")


class PlatformStatus(StrEnum):
    """What the shop's file says of the order (an optional ``status`` column)."""

    PAID = "paid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


#: The words platforms' exports use, as they are written there (case-insensitive for Latin).
PLATFORM_WORDS: dict[str, PlatformStatus] = {
    "paid": PlatformStatus.PAID,
    "已付款": PlatformStatus.PAID,
    "待发货": PlatformStatus.PAID,
    "已支付": PlatformStatus.PAID,
    "cancelled": PlatformStatus.CANCELLED,
    "canceled": PlatformStatus.CANCELLED,
    "已取消": PlatformStatus.CANCELLED,
    "交易关闭": PlatformStatus.CANCELLED,
    "refunded": PlatformStatus.REFUNDED,
    "已退款": PlatformStatus.REFUNDED,
    "退款成功": PlatformStatus.REFUNDED,
}


def platform_status(text: str) -> PlatformStatus | None:
    """The status a file's cell means; None for words no platform uses for these."""
    return PLATFORM_WORDS.get(text.strip().lower())


Line = tuple[str, int, bool]  # sku, qty, gift


@dataclass(frozen=True)
class OrderFacts:
    """What the platform says of an order: the buyer, payment and lines."""

    buyer_name: str
    phone: str
    province: str
    city: str
    district: str
    address: str
    paid: bool
    lines: tuple[Line, ...]

    @classmethod
    def of(cls, buyer: Callable[[str], str], paid: bool, lines: Iterable[Line]) -> OrderFacts:
        """Facts from a source of the buyer's fields (by name, see ADDRESS_FIELDS)."""
        return cls(
            buyer_name=buyer("buyer_name"),
            phone=buyer("phone"),
            province=buyer("province"),
            city=buyer("city"),
            district=buyer("district"),
            address=buyer("address"),
            paid=paid,
            lines=tuple(lines),
        )

    def sorted_lines(self) -> tuple[Line, ...]:
        """The lines as a set of (sku, qty, gift), the same SKU on two lines added up."""
        total: dict[tuple[str, bool], int] = {}
        for sku, qty, gift in self.lines:
            total[(sku, gift)] = total.get((sku, gift), 0) + qty
        return tuple(sorted((sku, qty, gift) for (sku, gift), qty in total.items()))


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class OrderChange:
    """How the platform's order differs from the stored one."""

    fields: tuple[FieldChange, ...]
    old_lines: tuple[Line, ...]
    new_lines: tuple[Line, ...]
    paid_changed: bool
    #: the platform cancelled or refunded the order
    cancelled: PlatformStatus | None

    @property
    def lines_changed(self) -> bool:
        return self.old_lines != self.new_lines


def compare(
    stored: OrderFacts, incoming: OrderFacts, status: PlatformStatus | None = None
) -> OrderChange | None:
    """The difference between the stored order and the file's; None when they agree."""
    fields = tuple(
        FieldChange(name, getattr(stored, name), getattr(incoming, name))
        for name in ADDRESS_FIELDS
        if getattr(stored, name) != getattr(incoming, name)
    )
    cancelled = status if status in (PlatformStatus.CANCELLED, PlatformStatus.REFUNDED) else None
    change = OrderChange(
        fields=fields,
        old_lines=stored.sorted_lines(),
        new_lines=incoming.sorted_lines(),
        paid_changed=stored.paid != incoming.paid,
        cancelled=cancelled,
    )
    if not (fields or change.lines_changed or change.paid_changed or cancelled):
        return None
    return change


class ChangeStep(StrEnum):
    """What the warehouse does with a change, by where the order is."""

    UPDATE_AND_REVIEW = "update_and_review"
    CANCEL = "cancel"
    RELEASE_AND_REVIEW = "release_and_review"
    FLAG = "flag"
    RECORD = "record"
    #: the order is cancelled already: nothing is left to change
    NOTHING = "nothing"


#: Before allocation: nothing of the warehouse's is tied to the order yet.
BEFORE_ALLOCATION = frozenset({S.NEW, S.REVIEWED, S.EXCEPTION})
#: Stock allocated or being handled, not yet with the carrier.
IN_THE_WAREHOUSE = frozenset({S.ALLOCATED, S.PICKING, S.PICKED, S.PACKING, S.PACKED})
#: With the carrier or done.
GONE = frozenset({S.SHIPPED, S.DELIVERED, S.COMPLETED})


def change_step(
    change: OrderChange, status: OrderStatus, held_from: OrderStatus | None
) -> ChangeStep:
    """What to do with *change* to an order in *status* (on hold: where it was held)."""
    where = held_from if status is S.ON_HOLD and held_from is not None else status
    if where is S.CANCELLED:
        return ChangeStep.NOTHING
    if where in GONE:
        return ChangeStep.RECORD
    if change.cancelled is not None:
        return ChangeStep.CANCEL
    if where in BEFORE_ALLOCATION:
        return ChangeStep.UPDATE_AND_REVIEW
    if change.lines_changed or change.paid_changed:
        return ChangeStep.RELEASE_AND_REVIEW
    return ChangeStep.FLAG
