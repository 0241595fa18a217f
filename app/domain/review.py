"""Order review (审单): the checks an order passes before fulfilment.

Pure functions: the service feeds them plain values and a running tally of free stock, so that
orders reviewed earlier in the same run claim stock before later ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

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


# Reason texts are stable English sentences (stored with the order, shown in the exception list
# and translated for display by the UI).
REASON_UNPAID = "not paid"
REASON_NO_LINES = "order has no lines"


def reason_unknown_sku(sku: str) -> str:
    return f"unknown SKU {sku}"


def reason_missing(part: str) -> str:
    return f"address incomplete: {part} missing"


def reason_phone(phone: str) -> str:
    return f"phone number looks wrong: {phone!r}"


def reason_stock(sku: str, needed: int, free: int) -> str:
    return f"not enough stock: SKU {sku} needs {needed}, {max(free, 0)} free"


def review_order(order: ReviewInput, free_stock: MutableMapping[str, int]) -> list[str]:
    """Return every reason the order fails review ([] = passes).

    *free_stock* maps SKU code → units not yet promised; when the order passes, its demand is
    taken from it (so the next order sees what is left).
    """
    reasons: list[str] = []
    if not order.paid:
        reasons.append(REASON_UNPAID)
    if not order.lines:
        reasons.append(REASON_NO_LINES)
    for part, value in (
        ("buyer name", order.buyer_name),
        ("phone", order.phone),
        ("province", order.province),
        ("city", order.city),
        ("district", order.district),
        ("street address", order.address),
    ):
        if not (value or "").strip():
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
