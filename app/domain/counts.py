"""Stock counts (盘点), pure: what a count's statuses are, what its variance is, when a variance
asks for a recount, and the ABC classes a cycle count can choose by.

**Exact while picking goes on.**  A location's expected quantities are taken when the counter
*finishes* it ("location done"): each lot's on-hand at that moment, read with the lot rows
locked, so no pick is half-way.  Every pick, put-away or receipt on the location before that
moment has left or reached the shelf before the counter finished, and is in the on-hand;
every one after it is not in the count and stays out of the variance, because approval adds
the variance (counted − expected) to the lot as it is then — it never sets the on-hand to the
counted quantity.  What moved on a lot *while* its location was being counted (on-hand at the
start ≠ on-hand at the end) is reported with the line, and such a line with a variance is
recounted whatever the threshold (the counter may have counted a unit a picker took after).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class CountStatus(StrEnum):
    #: being counted (round 1)
    OPEN = "open"
    #: some locations are being recounted (round 2 or later)
    RECOUNT = "recount"
    #: counted: waits for a supervisor's approval
    SUBMITTED = "submitted"
    #: the adjustments are in the ledger
    APPROVED = "approved"
    CANCELLED = "cancelled"


#: A count still being counted or recounted: its locations belong to it alone.
ACTIVE = frozenset({CountStatus.OPEN, CountStatus.RECOUNT, CountStatus.SUBMITTED})


class LocationStatus(StrEnum):
    PENDING = "pending"
    COUNTING = "counting"
    DONE = "done"


class AdjustReason(StrEnum):
    """Why a variance is booked (a supervisor says it at approval)."""

    MISCOUNT = "miscount"
    DAMAGED = "damaged"
    LOST = "lost"
    FOUND = "found"
    THEFT = "theft"
    DATA_ERROR = "data_error"


@dataclass(frozen=True)
class LineCount:
    """A counted line: expected (on-hand when the location was done), counted, and on-hand
    when the location was started (None: a SKU or lot found there the records lacked)."""

    expected: int
    counted: int
    at_start: int | None
    unit_cost_fen: int = 0

    @property
    def variance(self) -> int:
        """盘盈 (found more) when positive, 盘亏 (short) when negative."""
        return self.counted - self.expected

    @property
    def value_fen(self) -> int:
        return self.variance * self.unit_cost_fen

    @property
    def moved_while_counting(self) -> int:
        """Units that reached (+) or left (−) the lot between the start and the end of the
        location's count."""
        return 0 if self.at_start is None else self.expected - self.at_start


def needs_recount(line: LineCount, units: int, value_fen: int | None) -> bool:
    """A variance beyond *units* (either way), or beyond *value_fen* when given, or on a lot
    that moved while it was counted, asks for a recount by another counter."""
    if line.variance == 0:
        return False
    if line.moved_while_counting != 0:
        return True
    if abs(line.variance) > units:
        return True
    return value_fen is not None and abs(line.value_fen) > value_fen


class AbcClass(StrEnum):
    A = "A"
    B = "B"
    C = "C"


#: Default ABC boundaries: the SKUs making the first 80 % of the picked units are A, the next
#: 15 % B, the rest (and SKUs not picked at all) C.
ABC_BOUNDARIES = (0.80, 0.95)


def abc_classes(
    picked: Mapping[str, int],
    skus: Iterable[str] = (),
    boundaries: tuple[float, float] = ABC_BOUNDARIES,
) -> dict[str, AbcClass]:
    """Each SKU's class from its picked units (the last 30 days'), most picked first: a SKU is
    A while the units before it are under the first boundary's share of all picked units, B
    under the second, C after (ties by code, so the same input gives the same classes).
    *skus* not picked at all are C."""
    a_to, b_to = boundaries
    if not 0 < a_to <= b_to <= 1:
        raise ValueError(f"ABC boundaries must rise within (0, 1]: {boundaries}")
    total = sum(q for q in picked.values() if q > 0)
    classes = {sku: AbcClass.C for sku in skus}
    before = 0
    for sku, qty in sorted(picked.items(), key=lambda kv: (-kv[1], kv[0])):
        if qty <= 0:
            classes[sku] = AbcClass.C
            continue
        share = before / total
        classes[sku] = AbcClass.A if share < a_to else AbcClass.B if share < b_to else AbcClass.C
        before += qty
    return classes
