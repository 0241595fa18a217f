"""Carrier choice (选择合适快递): a table of rules — shop, province, weight range, fragile →
carrier — tried in order; the first rule that matches an order chooses its carrier.

A blank cell matches anything.  The province matches when the order's province starts with it
(广东 matches 广东省); the weight is the order's, Σ SKU weight × quantity, from ``min_g`` to
``max_g`` grams, both included; ``fragile`` yes matches an order with a fragile item, no one
without.  Review applies the table to the orders that came without a carrier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from app.domain import limits
from app.domain.errors import InvalidInput
from app.messages import Message
from app.messages import followup as fm

#: The columns of a rules file, in order.
COLUMNS: tuple[str, ...] = ("shop", "province", "min_g", "max_g", "fragile", "carrier")

#: A carrier as a rules file writes it (a code or a name: SF, 顺丰) → a known carrier's code;
#: raises a DomainError for a carrier nobody knows.
CarrierLookup = Callable[[str], str]

_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}


@dataclass(frozen=True)
class OrderFacts:
    """What a rule looks at in an order."""

    shop: str
    province: str
    weight_g: int
    fragile: bool


@dataclass(frozen=True)
class CarrierRule:
    carrier: str
    shop: str = ""
    province: str = ""
    min_g: int | None = None
    max_g: int | None = None
    fragile: bool | None = None

    def matches(self, order: OrderFacts) -> bool:
        return (
            (not self.shop or self.shop == order.shop)
            and (not self.province or order.province.strip().startswith(self.province))
            and (self.min_g is None or order.weight_g >= self.min_g)
            and (self.max_g is None or order.weight_g <= self.max_g)
            and (self.fragile is None or self.fragile == order.fragile)
        )

    def cells(self) -> dict[str, str]:
        """The rule as a row of a rules file (blank = any)."""

        def grams(value: int | None) -> str:
            return "" if value is None else str(value)

        fragile = "" if self.fragile is None else ("yes" if self.fragile else "no")
        return {
            "shop": self.shop,
            "province": self.province,
            "min_g": grams(self.min_g),
            "max_g": grams(self.max_g),
            "fragile": fragile,
            "carrier": self.carrier,
        }


def choose(rules: Iterable[CarrierRule], order: OrderFacts) -> tuple[int, CarrierRule] | None:
    """The first rule that matches *order*, with its number (1-based), or None."""
    for number, rule in enumerate(rules, start=1):
        if rule.matches(order):
            return number, rule
    return None


def read_rule(cells: Mapping[str, str], carrier_code: CarrierLookup) -> CarrierRule:
    """One row of a rules file; InvalidInput says what is wrong with it.  *carrier_code* turns
    what the row says (a code or a name: SF, 顺丰) into a known carrier's code, or raises."""
    shop = cells.get("shop", "").strip()
    province = cells.get("province", "").strip()
    limits.SHOP.check(shop)
    limits.PROVINCE.check(province)
    min_g = _grams("min_g", cells.get("min_g", ""))
    max_g = _grams("max_g", cells.get("max_g", ""))
    if min_g is not None and max_g is not None and min_g > max_g:
        raise InvalidInput(fm.RULE_BAD_RANGE(min_g=min_g, max_g=max_g))
    fragile = _yes_no(cells.get("fragile", ""))
    said = cells.get("carrier", "").strip()
    if not said:
        raise InvalidInput(fm.RULE_NO_CARRIER())
    return CarrierRule(carrier_code(said), shop, province, min_g, max_g, fragile)


def _grams(column: str, text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > limits.MAX_INT:
        raise InvalidInput(fm.RULE_NOT_GRAMS(column=column, value=value))
    return int(value)


def _yes_no(text: str) -> bool | None:
    value = text.strip().lower()
    if not value or value in ("any", "任意"):
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InvalidInput(fm.RULE_NOT_YES_NO(value=text.strip()))


def describe(rule: CarrierRule) -> list[Message | str]:
    """The rule's conditions as cells for a listing: blank ones as "any"."""
    cells = rule.cells()
    return [cells[c] or fm.ANY() for c in COLUMNS[:-1]]
