"""Order review (审单): the checks an order passes before fulfilment.

Pure functions: the service feeds them plain values and a running tally of free stock, so that
orders reviewed earlier in the same run claim stock before later ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

from app.messages import Message
from app.messages import orders as om

# Chinese mobile (optionally +86), Chinese landline with area code, or international +CC…
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:\d{1,6})?$")
_INTERNATIONAL = re.compile(r"^(?:\+|00)[1-9]\d{6,14}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")


def plausible_phone(phone: str) -> bool:
    digits = _PHONE_SEPARATORS.sub("", phone or "")
    return bool(_MOBILE.match(digits) or _LANDLINE.match(digits) or _INTERNATIONAL.match(digits))


@dataclass(frozen=True)
class ReviewLine:
    sku_code: str
    sku_known: bool
    qty: int


@dataclass(frozen=True)
class ReviewInput:
    paid: bool
    buyer_name: str
    phone: str
    province: str
    city: str
    district: str
    address: str
    lines: Sequence[ReviewLine]


# The reasons are message codes (app.messages.orders), stored with the order as JSON and said in
# the reader's language by the exception list.
REASON_UNPAID = om.NOT_PAID()
REASON_NO_LINES = om.NO_LINES()

#: ReviewInput field → the address part a reason names.
ADDRESS_PARTS = ("buyer_name", "phone", "province", "city", "district", "address")


def reason_unknown_sku(sku: str) -> Message:
    return om.UNKNOWN_SKU(sku=sku)


def reason_missing(part: str) -> Message:
    """*part*: one of :data:`ADDRESS_PARTS`."""
    return om.ADDRESS_MISSING(part=om.ADDRESS_PART[part]())


def reason_phone(phone: str) -> Message:
    return om.BAD_PHONE(phone=phone)


def reason_stock(sku: str, needed: int, free: int) -> Message:
    return om.NO_STOCK(sku=sku, needed=needed, free=max(free, 0))


def review_order(order: ReviewInput, free_stock: MutableMapping[str, int]) -> list[Message]:
    """Return every reason the order fails review ([] = passes).

    *free_stock* maps SKU code → units not yet promised; when the order passes, its demand is
    taken from it (so the next order sees what is left).
    """
    reasons: list[Message] = []
    if not order.paid:
        reasons.append(REASON_UNPAID)
    if not order.lines:
        reasons.append(REASON_NO_LINES)
    for part in ADDRESS_PARTS:
        if not (getattr(order, part) or "").strip():
            reasons.append(reason_missing(part))
    if (order.phone or "").strip() and not plausible_phone(order.phone):
        reasons.append(reason_phone(order.phone))

    demand: dict[str, int] = {}
    for line in order.lines:
        if not line.sku_known:
            reasons.append(reason_unknown_sku(line.sku_code))
            continue
        demand[line.sku_code] = demand.get(line.sku_code, 0) + line.qty
    for sku, needed in demand.items():
        free = free_stock.get(sku, 0)
        if needed > free:
            reasons.append(reason_stock(sku, needed, free))
    if not reasons:
        for sku, needed in demand.items():
            free_stock[sku] = free_stock.get(sku, 0) - needed
    return reasons


def demand_of(lines: Sequence[ReviewLine]) -> Mapping[str, int]:
    total: dict[str, int] = {}
    for line in lines:
        total[line.sku_code] = total.get(line.sku_code, 0) + line.qty
    return total
