"""The two documents of a stock count (盘点), as data for the renderers: the **count sheet**
(盘点单) a counter takes to the shelves — the round's locations in walking order, blind (no
expected quantity, no SKU expected there) — and the **variance report** (盘点差异报告) a
supervisor reads before approving: what was expected and counted per location / SKU / lot,
the earlier rounds' counts, the variance in units and value, totals by zone and by sign.

Read-only: one reading session each.  ``app.services.rendering.DocumentRenderer`` turns them
into PDFs (``render_count_sheet``, ``render_variance_report``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.models import AuditEvent, CountLocation, Location, Sku, StockCount, utcnow
from app.db.uow import UnitOfWork
from app.domain.counts import LocationStatus
from app.domain.errors import NotFound
from app.messages import counts as msg
from app.services.counts import variances

__all__ = [
    "CountSheet",
    "ReportLine",
    "SheetLocation",
    "VarianceReport",
    "ZoneVariance",
    "count_sheet",
    "variance_report",
]


@dataclass(frozen=True)
class SheetLocation:
    location: str
    zone: str
    #: counted already in this round (a reprint of a round under way)
    done: bool
    #: who counted it in the earlier rounds: a recount goes to someone else
    counted_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountSheet:
    """What a count sheet prints: never an expected quantity."""

    code: str
    scope: str
    status: str
    round: int
    created_by: str
    created_at: dt.datetime
    printed_at: dt.datetime
    locations: tuple[SheetLocation, ...]


@dataclass(frozen=True)
class ReportLine:
    location: str
    zone: str
    sku: str
    name: str
    lot: str
    round: int
    counter: str | None
    expected: int
    counted: int
    #: the counted quantities of the earlier rounds, first round first
    earlier: tuple[int, ...]
    variance: int
    value_fen: int
    moved_while_counting: int


@dataclass(frozen=True)
class ZoneVariance:
    zone: str
    #: units short (盘亏, ≤ 0) and over (盘盈, ≥ 0)
    short: int
    over: int


@dataclass(frozen=True)
class VarianceReport:
    code: str
    scope: str
    status: str
    created_by: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_by: str | None
    approved_at: dt.datetime | None
    #: the reason the approval booked the variances with (app.domain.counts.AdjustReason)
    reason: str | None
    #: locations in the count, and how many of them are counted (their latest round)
    locations: int
    counted_locations: int
    lines: tuple[ReportLine, ...]
    printed_at: dt.datetime

    @property
    def with_variance(self) -> tuple[ReportLine, ...]:
        return tuple(line for line in self.lines if line.variance)

    @property
    def short_units(self) -> int:
        return sum(line.variance for line in self.lines if line.variance < 0)

    @property
    def over_units(self) -> int:
        return sum(line.variance for line in self.lines if line.variance > 0)

    @property
    def short_fen(self) -> int:
        return sum(line.value_fen for line in self.lines if line.variance < 0)

    @property
    def over_fen(self) -> int:
        return sum(line.value_fen for line in self.lines if line.variance > 0)

    def zones(self) -> tuple[ZoneVariance, ...]:
        """Short and over per zone, zones by name; every zone counted appears, even with no
        variance (a zone at zero is news too)."""
        found: dict[str, list[int]] = {}
        for line in self.lines:
            tally = found.setdefault(line.zone, [0, 0])
            if line.variance < 0:
                tally[0] += line.variance
            elif line.variance > 0:
                tally[1] += line.variance
        return tuple(ZoneVariance(zone, *found[zone]) for zone in sorted(found))


def _find(session: Session, ref: str) -> StockCount:
    count = session.scalar(select(StockCount).where(StockCount.code == ref.strip().upper()))
    if count is None:
        raise NotFound(msg.NO_COUNT(count=ref))
    return count


def count_sheet(
    uow: UnitOfWork, count_ref: str, round_no: int | None = None, *, now: dt.datetime | None = None
) -> CountSheet:
    """The count sheet of *round_no* (default: the latest round with a location still to
    count, else the latest round): its locations in walking order (pick sequence, then
    code), with who counted each in the earlier rounds.  NotFound for an unknown count or a
    round it does not have."""
    with uow.reading() as session:
        count = _find(session, count_ref)
        rounds = session.execute(
            select(CountLocation.round, func.count())
            .where(
                CountLocation.count_id == count.id,
                CountLocation.status != LocationStatus.DONE.value,
            )
            .group_by(CountLocation.round)
        ).all()
        last = int(
            session.scalar(
                select(func.max(CountLocation.round)).where(CountLocation.count_id == count.id)
            )
            or 1
        )
        if round_no is None:
            round_no = max((int(r) for r, _ in rounds), default=last)
        elif not 1 <= round_no <= last:
            raise NotFound(msg.NO_ROUND(count=count.code, round=round_no, last=last))
        rows = session.execute(
            select(Location.id, Location.code, Location.zone, CountLocation.status)
            .join(CountLocation, CountLocation.location_id == Location.id)
            .where(CountLocation.count_id == count.id, CountLocation.round == round_no)
            .order_by(Location.pick_sequence, Location.code)
        ).all()
        before: dict[int, list[str]] = {}
        for loc_id, counter in session.execute(
            select(CountLocation.location_id, CountLocation.counter)
            .where(
                CountLocation.count_id == count.id,
                CountLocation.round < round_no,
                CountLocation.counter.is_not(None),
            )
            .order_by(CountLocation.round)
        ):
            names = before.setdefault(loc_id, [])
            if counter is not None and counter not in names:
                names.append(counter)
        return CountSheet(
            code=count.code,
            scope=count.scope,
            status=count.status,
            round=round_no,
            created_by=count.created_by,
            created_at=count.created_at,
            printed_at=now or utcnow(),
            locations=tuple(
                SheetLocation(code, zone, status == LocationStatus.DONE, tuple(before.get(i, ())))
                for i, code, zone, status in rows
            ),
        )


def _lookup(
    session: Session,
    key: InstrumentedAttribute[str],
    value: InstrumentedAttribute[str],
    codes: Sequence[str],
) -> dict[str, str]:
    """*key* → *value* for *codes* (a SKU's name, a location's zone), in parts of 5,000."""
    found: dict[str, str] = {}
    unique = sorted(set(codes))
    for start in range(0, len(unique), 5_000):
        part = unique[start : start + 5_000]
        found.update((k, v) for k, v in session.execute(select(key, value).where(key.in_(part))))
    return found


def variance_report(
    uow: UnitOfWork, count_ref: str, *, now: dt.datetime | None = None
) -> VarianceReport:
    """The variance report of a count as it stands: every counted line of each location's
    latest round (by walking order, SKU, lot) with its SKU's name and zone, the approval's
    reason once approved."""
    with uow.reading() as session:
        count = _find(session, count_ref)
        found = variances(session, count, all_lines=True)
        names = _lookup(session, Sku.code, Sku.name, [v.sku for v in found])
        zones = _lookup(session, Location.code, Location.zone, [v.location for v in found])
        reason = None
        if count.approved_at is not None:
            after = session.scalar(
                select(AuditEvent.after)
                .where(
                    AuditEvent.entity == "count",
                    AuditEvent.entity_id == count.code,
                    AuditEvent.action == "count.approved",
                )
                .order_by(AuditEvent.id.desc())
                .limit(1)
            )
            reason = str(after["reason"]) if after and after.get("reason") else None
        latest = (
            select(CountLocation.location_id, func.max(CountLocation.round).label("round"))
            .where(CountLocation.count_id == count.id)
            .group_by(CountLocation.location_id)
            .subquery()
        )
        total = int(session.scalar(select(func.count()).select_from(latest)) or 0)
        done = int(
            session.scalar(
                select(func.count())
                .select_from(CountLocation)
                .join(
                    latest,
                    (latest.c.location_id == CountLocation.location_id)
                    & (latest.c.round == CountLocation.round),
                )
                .where(
                    CountLocation.count_id == count.id,
                    CountLocation.status == LocationStatus.DONE.value,
                )
            )
            or 0
        )
        lines = []
        for v in found:
            line = v.line
            lines.append(
                ReportLine(
                    location=v.location,
                    zone=zones.get(v.location, ""),
                    sku=v.sku,
                    name=names.get(v.sku, ""),
                    lot=v.lot,
                    round=v.round,
                    counter=v.counter,
                    expected=v.expected,
                    counted=v.counted,
                    earlier=v.earlier,
                    variance=line.variance,
                    value_fen=line.value_fen,
                    moved_while_counting=line.moved_while_counting,
                )
            )
        return VarianceReport(
            code=count.code,
            scope=count.scope,
            status=count.status,
            created_by=count.created_by,
            created_at=count.created_at,
            submitted_at=count.submitted_at,
            approved_by=count.approved_by,
            approved_at=count.approved_at,
            reason=reason,
            locations=total,
            counted_locations=done,
            lines=tuple(lines),
            printed_at=now or utcnow(),
        )
