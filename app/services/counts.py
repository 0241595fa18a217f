"""Stock counts (盘点): a supervisor makes a count of some locations, counters count them blind by
scan (or record quantities), the count is submitted — variances beyond the threshold are
recounted by another counter — and a supervisor approves it: the variances go into the stock
ledger as adjustment moves, lot by lot.  The rule that keeps counts exact while picking goes
on is app.domain.counts's: a location's expected quantities are its lots' on-hand when the
counter finishes it, and approval adds the variance to the lot as it is then.

Making, submitting and approving need the central database (on a station they are done
there); starting, recording and finishing a location are a station's own work, synced through
its outbox like a pick (app.domain.events: count.*)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, bindparam, func, insert, select
from sqlalchemy.orm import Session

from app.db.models import (
    CountLine,
    CountLocation,
    Location,
    Lot,
    Sku,
    StockCount,
    StockMove,
    User,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain.counts import (
    ABC_BOUNDARIES,
    ACTIVE,
    AbcClass,
    AdjustReason,
    CountStatus,
    LineCount,
    LocationStatus,
    abc_classes,
    needs_recount,
)
from app.domain.errors import DomainError, InvalidInput, NotFound
from app.domain.events import EventKind
from app.domain.scans import ItemScan
from app.domain.users import Action, Actor, Role
from app.messages import counts as msg
from app.messages.words import count_word
from app.services import audit
from app.services.catalog import scanned_sku
from app.services.central_only import require_central

__all__ = [
    "CountCreated",
    "LocationView",
    "SubmitResult",
    "approve",
    "cancel",
    "create_count",
    "finish_location",
    "list_counts",
    "lots_at",
    "open_spot_count",
    "order_recount",
    "record",
    "start_location",
    "submit",
    "variances",
]

#: How long back the ABC classes look at picks.
ABC_DAYS = 30


class CountRefused(DomainError):
    """A count action the rules refuse; nothing was changed."""


@dataclass(frozen=True)
class CountCreated:
    code: str
    scope: str
    locations: list[str]
    #: locations of the scope left out: they are in another count not approved yet
    skipped: list[str] = field(default_factory=list)
    #: counter → how many locations were given to them
    assigned: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.code,
            "code": self.code,
            "scope": self.scope,
            "locations": self.locations,
            "skipped": self.skipped,
            "assigned": self.assigned,
        }


@dataclass(frozen=True)
class CountedLine:
    """What a counter sees of a line: never the expected quantity."""

    sku: str
    name: str
    lot: str
    counted: int

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "name": self.name, "lot": self.lot, "counted": self.counted}


@dataclass(frozen=True)
class LocationView:
    count: str
    location: str
    round: int
    status: str
    counter: str | None
    lines: list[CountedLine]
    #: locations of this count and round still to count (the counter's next scans); −1 after
    #: a scan (not asked then)
    left: int
    #: the line a scan just counted into
    last: CountedLine | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "location": self.location,
            "round": self.round,
            "status": self.status,
            "counter": self.counter,
            "lines": [line.to_json() for line in self.lines],
            "left": self.left,
        }


@dataclass(frozen=True)
class Variance:
    location: str
    sku: str
    lot: str
    round: int
    counter: str | None
    expected: int
    counted: int
    at_start: int | None
    unit_cost_fen: int
    #: the counted quantities of the location's earlier rounds (count, recount, …)
    earlier: tuple[int, ...] = ()

    @property
    def line(self) -> LineCount:
        return LineCount(self.expected, self.counted, self.at_start, self.unit_cost_fen)

    def to_json(self) -> dict[str, Any]:
        line = self.line
        return {
            "location": self.location,
            "sku": self.sku,
            "lot": self.lot,
            "round": self.round,
            "counter": self.counter,
            "expected": self.expected,
            "counted": self.counted,
            "variance": line.variance,
            "value": line.value_fen / 100,
            "moved_while_counting": line.moved_while_counting,
            "earlier_counts": list(self.earlier),
        }


@dataclass(frozen=True)
class SubmitResult:
    code: str
    status: str
    variances: list[Variance]
    recount: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.code,
            "status": self.status,
            "variances": [v.to_json() for v in self.variances],
            "recount": self.recount,
        }


@dataclass(frozen=True)
class Adjustment:
    sku: str
    lot: str
    location: str
    qty: int

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "lot": self.lot, "location": self.location, "qty": self.qty}


@dataclass(frozen=True)
class ApproveResult:
    code: str
    reason: str
    moves: list[Adjustment]

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.code,
            "reason": self.reason,
            "moves": [m.to_json() for m in self.moves],
            "units": sum(m.qty for m in self.moves),
        }


@dataclass(frozen=True)
class CountRow:
    code: str
    scope: str
    status: str
    locations: int
    done: int
    created_by: str
    created_at: dt.datetime
    approved_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.code,
            "scope": self.scope,
            "status": self.status,
            "locations": self.locations,
            "done": self.done,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
            "approved_by": self.approved_by,
        }


# --- making a count ------------------------------------------------------------------------------


def create_count(
    uow: UnitOfWork,
    actor: Actor,
    *,
    zone: str | None = None,
    location_range: str | None = None,
    skus: Sequence[str] | None = None,
    abc: str | None = None,
    stale_days: int | None = None,
    full: bool = False,
    recount_units: int = 2,
    recount_value_fen: int | None = None,
    counters: Sequence[str] = (),
    abc_boundaries: tuple[float, float] = ABC_BOUNDARIES,
    today: dt.date | None = None,
) -> CountCreated:
    """A count of the locations chosen by exactly one of *zone*, *location_range*
    ("FROM..TO", by code), *skus* (the locations holding their lots), *abc* (the locations
    holding lots of the SKUs of that class by the last 30 days' picks), *stale_days* (locations
    no approved count has covered for that many days) or *full*.  Locations in another count
    not approved yet are left out (and said).  *counters*: the locations, in walking order, are
    shared out between them in runs (each walks one stretch); nobody else counts them first.
    *abc_boundaries*: the shares of picked units that end classes A and B (80 %, 95 %)."""
    actor.require(Action.MANAGE_COUNTS)
    uow = require_central(uow, msg.WHAT_COUNT())
    chosen = [
        zone is not None,
        location_range is not None,
        skus is not None,
        abc is not None,
        stale_days is not None,
        full,
    ]
    if sum(chosen) != 1:
        raise InvalidInput(msg.ONE_SCOPE())
    for value in (recount_units, recount_value_fen):
        if value is not None and value < 0:
            raise InvalidInput(msg.NEGATIVE_THRESHOLD(value=value))
    today = today or dt.date.today()
    with uow:
        session = uow.session
        names = _counters(session, counters)
        scope, query = _scope(
            session, zone, location_range, skus, abc, stale_days, today, abc_boundaries
        )
        found = session.execute(query.order_by(Location.pick_sequence, Location.code)).all()
        if not found:
            raise CountRefused(msg.NOTHING_TO_COUNT(scope=scope))
        busy = _being_counted(session, [loc_id for loc_id, _ in found])
        wanted = [(loc_id, code) for loc_id, code in found if loc_id not in busy]
        if not wanted:
            raise CountRefused(
                msg.ALL_BEING_COUNTED(scope=scope, counts=", ".join(sorted(set(busy.values()))))
            )
        given = _share(len(wanted), names)
        count = _new_count(
            session,
            actor,
            scope,
            [loc_id for loc_id, _ in wanted],
            recount_units,
            recount_value_fen,
            given,
        )
        audit.record(
            session,
            actor,
            "count.created",
            "count",
            count.code,
            None,
            {"scope": scope, "locations": len(wanted)},
        )
        result = CountCreated(
            count.code,
            scope,
            [code for _, code in wanted],
            [code for loc_id, code in found if loc_id in busy],
            {name: given.count(name) for name in names},
        )
        uow.commit()
    return result


def _new_count(
    session: Session,
    actor: Actor,
    scope: str,
    location_ids: Sequence[int],
    recount_units: int,
    recount_value_fen: int | None,
    assigned: Sequence[str | None] = (),
) -> StockCount:
    """A new open count (its code follows from its id) of these locations, round 1, each
    given to its counter in *assigned* (or to nobody)."""
    count = StockCount(
        code="",
        scope=scope[:200],
        status=CountStatus.OPEN.value,
        recount_units=recount_units,
        recount_value_fen=recount_value_fen,
        created_by=actor.name,
        created_at=utcnow(),
    )
    session.add(count)
    session.flush()
    count.code = f"SC{count.id:06d}"
    session.execute(
        insert(CountLocation),
        [
            {
                "count_id": count.id,
                "location_id": loc_id,
                "round": 1,
                "status": LocationStatus.PENDING.value,
                "assigned_to": assigned[i] if i < len(assigned) else None,
            }
            for i, loc_id in enumerate(location_ids)
        ],
    )
    return count


def _counters(session: Session, names: Sequence[str]) -> list[str]:
    """The counters named, as the users they are (active, allowed to count); refused in words
    otherwise."""
    found: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name or name in found:
            continue
        user = session.scalar(select(User).where(User.name == name, User.active.is_(True)))
        if user is None:
            raise InvalidInput(msg.NO_COUNTER(name=name))
        if not Actor(user.name, Role(user.role)).may(Action.COUNT_STOCK):
            raise InvalidInput(msg.MAY_NOT_COUNT(name=name))
        found.append(user.name)
    return found


def _share(n: int, counters: Sequence[str]) -> list[str | None]:
    """*n* locations in walking order shared out in runs, as evenly as can be."""
    if not counters:
        return [None] * n
    k = len(counters)
    return [counters[i * k // n] if n else None for i in range(n)]


def _scope(
    session: Session,
    zone: str | None,
    location_range: str | None,
    skus: Sequence[str] | None,
    abc: str | None,
    stale_days: int | None,
    today: dt.date,
    abc_boundaries: tuple[float, float] = ABC_BOUNDARIES,
) -> tuple[str, Any]:
    """The scope in words and the query of its locations (id, code)."""
    base = select(Location.id, Location.code)
    holding = (
        select(Lot.location_id).where(Lot.on_hand > 0).distinct()
    )  # locations with stock in them
    if zone is not None:
        zone = zone.strip().upper()
        return f"zone {zone}", base.where(Location.zone == zone)
    if location_range is not None:
        first, sep, last = location_range.partition("..")
        if not sep or not first.strip() or not last.strip():
            raise InvalidInput(msg.BAD_RANGE(range=location_range))
        first, last = sorted((first.strip().upper(), last.strip().upper()))
        return f"{first}..{last}", base.where(Location.code.between(first, last))
    if skus is not None:
        codes = sorted({s.strip() for s in skus if s.strip()})
        known = dict(session.execute(select(Sku.code, Sku.id).where(Sku.code.in_(codes))).all())
        missing = [c for c in codes if c not in known]
        if missing or not codes:
            raise InvalidInput(msg.UNKNOWN_SKUS(skus=", ".join(missing) or "—"))
        return "SKUs " + ", ".join(codes), base.where(
            Location.id.in_(holding.where(Lot.sku_id.in_(known.values())))
        )
    if abc is not None:
        wanted = AbcClass(abc.strip().upper())
        since = dt.datetime.combine(today - dt.timedelta(days=ABC_DAYS), dt.time())
        picked = dict(
            session.execute(
                select(Sku.code, -func.sum(StockMove.qty))
                .join(Lot, Lot.id == StockMove.lot_id)
                .join(Sku, Sku.id == Lot.sku_id)
                .where(StockMove.kind == "pick", StockMove.at >= since)
                .group_by(Sku.code)
            ).all()
        )
        all_skus = session.scalars(select(Sku.code)).all()
        try:
            classes = abc_classes(
                {k: int(v or 0) for k, v in picked.items()}, all_skus, abc_boundaries
            )
        except ValueError:
            raise InvalidInput(
                msg.BAD_ABC(a=f"{abc_boundaries[0] * 100:g}", b=f"{abc_boundaries[1] * 100:g}")
            ) from None
        in_class = [code for code, c in classes.items() if c == wanted]
        ids = select(Sku.id).where(Sku.code.in_(in_class))
        return f"class {wanted.value}", base.where(
            Location.id.in_(holding.where(Lot.sku_id.in_(ids)))
        )
    if stale_days is not None:
        since = dt.datetime.combine(today - dt.timedelta(days=stale_days), dt.time())
        recent = (
            select(CountLocation.location_id)
            .join(StockCount, StockCount.id == CountLocation.count_id)
            .where(
                StockCount.status == CountStatus.APPROVED.value,
                StockCount.approved_at >= since,
            )
        )
        return f"not counted for {stale_days} days", base.where(Location.id.not_in(recent))
    return "full", base


def _being_counted(session: Session, location_ids: Sequence[int]) -> dict[int, str]:
    """Location id → the code of the count not approved yet it is in."""
    found: dict[int, str] = {}
    for start in range(0, len(location_ids), 5_000):
        part = location_ids[start : start + 5_000]
        found.update(
            session.execute(
                select(CountLocation.location_id, StockCount.code)
                .join(StockCount, StockCount.id == CountLocation.count_id)
                .where(
                    StockCount.status.in_([s.value for s in ACTIVE]),
                    CountLocation.location_id.in_(part),
                )
            ).all()
        )
    return found


def open_spot_count(session: Session, actor: Actor, location_id: int, why: str) -> str:
    """A short pick found fewer units than the records: a count of that one location for a
    supervisor, made in the caller's transaction (the picker's short pick); its approval books
    the difference and frees the lot set aside.  A location already in a count not approved
    yet is counted there: that count's code is returned."""
    busy = _being_counted(session, [location_id])
    if location_id in busy:
        return busy[location_id]
    code = session.scalar(select(Location.code).where(Location.id == location_id)) or "?"
    count = _new_count(session, actor, f"spot {code}: {why}", [location_id], 2, None)
    audit.record(session, actor, "count.created", "count", count.code, None, {"scope": count.scope})
    return count.code


def _release_set_aside(session: Session, count: StockCount) -> None:
    """The count's locations are counted true (or the count is called off): lots a short pick
    set aside there may be allocated again."""
    located = select(CountLocation.location_id).where(CountLocation.count_id == count.id)
    for lot in session.scalars(
        select(Lot).where(Lot.location_id.in_(located), Lot.set_aside.is_(True))
    ):
        lot.set_aside = False


# --- counting ------------------------------------------------------------------------------------


def _count(session: Session, ref: str, *, lock: bool = False) -> StockCount:
    query = select(StockCount).where(StockCount.code == ref.strip().upper())
    if lock:
        query = query.with_for_update()
    count = session.scalar(query)
    if count is None:
        raise NotFound(msg.NO_COUNT(count=ref))
    return count


def _location(session: Session, code: str) -> Location:
    found = session.scalar(select(Location).where(Location.code == code.strip().upper()))
    if found is None:
        raise NotFound(msg.NO_LOCATION(location=code))
    return found


#: A count's location in its latest round, with the count and the location, locked (one
#: statement per scan: the counter's scans are the floor's hot path).
_PLACE = (
    select(CountLocation, StockCount, Location)
    .join(StockCount, StockCount.id == CountLocation.count_id)
    .join(Location, Location.id == CountLocation.location_id)
    .where(StockCount.code == bindparam("count"), Location.code == bindparam("location"))
    .order_by(CountLocation.round.desc())
    .limit(1)
    .with_for_update(of=CountLocation)
)


def _place(
    session: Session, count_ref: str, location_code: str
) -> tuple[StockCount, Location, CountLocation]:
    """The count (open or being recounted), the location and its latest round in the count;
    refused in words when one of them is not there."""
    ref, code = count_ref.strip().upper(), location_code.strip().upper()
    found = session.execute(_PLACE, {"count": ref, "location": code}).first()
    if found is None:
        count = _count(session, ref)
        location = _location(session, code)
        raise CountRefused(msg.NOT_IN_COUNT(location=location.code, count=count.code))
    place, count, location = found
    if count.status not in (CountStatus.OPEN, CountStatus.RECOUNT):
        raise CountRefused(msg.COUNT_CLOSED(count=count.code, status=count_word(count.status)))
    return count, location, place


def _lots_of(session: Session, location_id: int) -> list[Lot]:
    """The location's lots, locked (as a pick locks its lot): none is half-way through a move
    while they are read."""
    return list(
        session.scalars(
            select(Lot)
            .where(Lot.location_id == location_id)
            .order_by(Lot.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def _begin(
    session: Session, actor: Actor, count: StockCount, location: Location, place: CountLocation
) -> None:
    """Start counting *place* (if it is not): its counter, and each lot's on-hand now."""
    if place.status == LocationStatus.DONE:
        raise CountRefused(msg.LOCATION_DONE(location=location.code, count=count.code))
    if place.status == LocationStatus.COUNTING:
        if place.counter != actor.name:
            raise CountRefused(
                msg.COUNTED_BY_OTHER(location=location.code, counter=place.counter or "?")
            )
        return
    if place.assigned_to and place.assigned_to != actor.name:
        raise CountRefused(msg.ASSIGNED_TO_OTHER(location=location.code, counter=place.assigned_to))
    if place.round > 1:
        earlier = session.scalars(
            select(CountLocation.counter).where(
                CountLocation.count_id == count.id,
                CountLocation.location_id == location.id,
                CountLocation.round < place.round,
            )
        ).all()
        if actor.name in earlier:
            raise CountRefused(msg.RECOUNT_BY_OTHER(counter=actor.name, location=location.code))
    place.status = LocationStatus.COUNTING.value
    place.counter = actor.name
    place.started_at = utcnow()
    for lot in _lots_of(session, location.id):
        if lot.on_hand != 0:
            session.add(
                CountLine(
                    count_location_id=place.id,
                    sku_id=lot.sku_id,
                    lot_id=lot.id,
                    lot_code=lot.lot_code,
                    at_start=lot.on_hand,
                    counted=0,
                )
            )


def start_location(
    uow: UnitOfWork, actor: Actor, count_ref: str, location_code: str
) -> LocationView:
    """The counter scanned the location: it is theirs to count (a recount: someone else than
    who counted it before), and its lots' on-hand now is noted."""
    actor.require(Action.COUNT_STOCK)
    with uow:
        session = uow.session
        count, location, place = _place(session, count_ref, location_code)
        _begin(session, actor, count, location, place)
        session.flush()
        view = _view(session, count, location, place)
        uow.record(
            EventKind.COUNT_STARTED, {"count": count.code, "location": location.code}, actor.name
        )
        uow.commit()
    return view


def record(
    uow: UnitOfWork,
    actor: Actor,
    count_ref: str,
    location_code: str,
    item: str,
    qty: int = 1,
    *,
    lot: str | None = None,
    add: bool = True,
) -> LocationView:
    """Count *qty* units of *item* (a barcode — a GS1 code's lot is read from it — or a SKU
    code) in the location: added to what was counted (a scan), or as the counted quantity
    (``add=False``: a typed or imported count).  Starts the location if it is not.  A SKU or
    lot the location does not hold is recorded, never refused."""
    actor.require(Action.COUNT_STOCK)
    if qty < 0 or (add and qty == 0):
        raise InvalidInput(msg.BAD_QTY(qty=qty))
    with uow:
        session = uow.session
        count, location, place = _place(session, count_ref, location_code)
        _begin(session, actor, count, location, place)
        scan = ItemScan.of(item)
        sku_id = scanned_sku(session, scan)
        if sku_id is None:
            raise CountRefused(msg.UNKNOWN_ITEM(item=item.strip()))
        lot_code = _lot_for(session, location, sku_id, (lot or scan.lot or "").strip())
        session.flush()
        line = session.scalar(_LINE, {"place": place.id, "sku": sku_id, "lot": lot_code})
        if line is None:
            lot_row = session.scalar(
                select(Lot).where(
                    Lot.location_id == location.id,
                    Lot.sku_id == sku_id,
                    Lot.lot_code == lot_code,
                )
            )
            line = CountLine(
                count_location_id=place.id,
                sku_id=sku_id,
                lot_id=lot_row.id if lot_row is not None else None,
                lot_code=lot_code,
                at_start=0 if lot_row is not None else None,
                counted=0,
            )
            session.add(line)
        line.counted = line.counted + qty if add else qty
        line.counted_at = utcnow()
        session.flush()
        view = _view(session, count, location, place, last=line.id, with_left=False)
        uow.record(
            EventKind.COUNT_RECORDED,
            {
                "count": count.code,
                "location": location.code,
                "item": item,
                "qty": qty,
                "lot": lot,
                "add": add,
            },
            actor.name,
        )
        uow.commit()
    return view


def _lot_for(session: Session, location: Location, sku_id: int, lot: str) -> str:
    """The lot a unit counted without a lot is of: the location's only lot of the SKU; a SKU
    the location has no lot of is recorded without one (a find)."""
    if lot:
        return lot
    lots = session.scalars(_LOTS_HERE, {"location": location.id, "sku": sku_id}).all()
    if len(lots) == 1:
        return str(lots[0])
    if not lots:
        return ""
    sku = session.scalar(select(Sku.code).where(Sku.id == sku_id))
    raise CountRefused(msg.CHOOSE_LOT(sku=sku or "?", location=location.code, lots=", ".join(lots)))


def finish_location(
    uow: UnitOfWork, actor: Actor, count_ref: str, location_code: str
) -> LocationView:
    """ "Location done": its expected quantities are its lots' on-hand now (locked: no pick is
    half-way), the counted ones what was scanned — a lot not scanned was counted as none."""
    actor.require(Action.COUNT_STOCK)
    with uow:
        session = uow.session
        count, location, place = _place(session, count_ref, location_code)
        _begin(session, actor, count, location, place)
        if place.counter != actor.name:
            raise CountRefused(
                msg.COUNTED_BY_OTHER(location=location.code, counter=place.counter or "?")
            )
        _close(session, location, place)
        session.flush()
        view = _view(session, count, location, place)
        uow.record(
            EventKind.COUNT_DONE, {"count": count.code, "location": location.code}, actor.name
        )
        uow.commit()
    return view


def _close(session: Session, location: Location, place: CountLocation) -> None:
    session.flush()
    lines = {
        (line.sku_id, line.lot_code): line
        for line in session.scalars(
            select(CountLine).where(CountLine.count_location_id == place.id)
        )
    }
    for lot in _lots_of(session, location.id):
        line = lines.get((lot.sku_id, lot.lot_code))
        if line is None:
            if lot.on_hand == 0:
                continue
            # Came into the location while it was counted (a put-away, a receipt).
            line = CountLine(
                count_location_id=place.id,
                sku_id=lot.sku_id,
                lot_id=lot.id,
                lot_code=lot.lot_code,
                at_start=0,
                counted=0,
            )
            session.add(line)
            lines[(lot.sku_id, lot.lot_code)] = line
        line.lot_id = lot.id
        if line.at_start is None:
            line.at_start = 0
        line.expected = lot.on_hand
    for line in lines.values():
        if line.expected is None:
            line.expected = 0  # a find: the records have none of it here
    place.status = LocationStatus.DONE.value
    place.done_at = utcnow()


def _view(
    session: Session,
    count: StockCount,
    location: Location,
    place: CountLocation,
    *,
    last: int | None = None,
    with_left: bool = True,
) -> LocationView:
    """What the counter sees of the location (never the expected quantities); *last*: the
    line a scan just counted into; *with_left*: how many locations of the round are left (a
    scan does not ask: −1)."""
    lines: list[CountedLine] = []
    scanned: CountedLine | None = None
    for line_id, code, name, lot_code, counted in session.execute(_LINES, {"place": place.id}):
        lines.append(CountedLine(code, name, lot_code, counted))
        if line_id == last:
            scanned = lines[-1]
    left = (
        int(session.scalar(_LEFT, {"count": count.id, "round": place.round}) or 0)
        if with_left
        else -1
    )
    return LocationView(
        count.code,
        location.code,
        place.round,
        place.status,
        place.counter,
        lines,
        left,
        scanned,
    )


_LINES = (
    select(CountLine.id, Sku.code, Sku.name, CountLine.lot_code, CountLine.counted)
    .join(Sku, Sku.id == CountLine.sku_id)
    .where(CountLine.count_location_id == bindparam("place"))
    .where((CountLine.counted > 0) | (CountLine.counted_at.is_not(None)))
    .order_by(Sku.code, CountLine.lot_code)
)
_LINE = select(CountLine).where(
    CountLine.count_location_id == bindparam("place"),
    CountLine.sku_id == bindparam("sku"),
    CountLine.lot_code == bindparam("lot"),
)
_LOTS_HERE = (
    select(Lot.lot_code)
    .where(
        Lot.location_id == bindparam("location"), Lot.sku_id == bindparam("sku"), Lot.on_hand > 0
    )
    .order_by(Lot.received_at, Lot.lot_code)
)
_LEFT = (
    select(func.count())
    .select_from(CountLocation)
    .where(
        CountLocation.count_id == bindparam("count"),
        CountLocation.round == bindparam("round"),
        CountLocation.status != LocationStatus.DONE.value,
    )
)


def lots_at(uow: UnitOfWork, location_code: str) -> list[str]:
    """The lot codes the records have in a location (the count screen knows a scanned lot
    label by them; what they hold stays unseen)."""
    with uow.reading() as session:
        return list(
            session.scalars(
                select(Lot.lot_code)
                .join(Location, Location.id == Lot.location_id)
                .where(Location.code == location_code.strip().upper(), Lot.on_hand > 0)
                .order_by(Lot.lot_code)
            )
        )


# --- submitting, recounting, approving -----------------------------------------------------------


def _latest_rounds(session: Session, count: StockCount) -> list[CountLocation]:
    newest = (
        select(CountLocation.location_id, func.max(CountLocation.round).label("round"))
        .where(CountLocation.count_id == count.id)
        .group_by(CountLocation.location_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(CountLocation)
            .join(
                newest,
                (newest.c.location_id == CountLocation.location_id)
                & (newest.c.round == CountLocation.round),
            )
            .where(CountLocation.count_id == count.id)
        )
    )


def variances(session: Session, count: StockCount, *, all_lines: bool = False) -> list[Variance]:
    """The lines of each location's latest round (with a variance, or all), with what the
    earlier rounds counted, by location and SKU."""
    rows = session.execute(
        select(
            Location.code,
            Sku.code,
            CountLine.lot_code,
            CountLocation.round,
            CountLocation.counter,
            CountLine.expected,
            CountLine.counted,
            CountLine.at_start,
            Sku.unit_cost_fen,
            CountLocation.location_id,
            CountLine.sku_id,
        )
        .join(CountLocation, CountLocation.id == CountLine.count_location_id)
        .join(Location, Location.id == CountLocation.location_id)
        .join(Sku, Sku.id == CountLine.sku_id)
        .where(
            CountLocation.count_id == count.id,
            CountLocation.status == LocationStatus.DONE.value,
        )
        .order_by(Location.pick_sequence, Location.code, Sku.code, CountLine.lot_code)
    ).all()
    rounds: dict[int, set[int]] = {}  # each location's counted rounds
    counted: dict[tuple[int, int, str], dict[int, int]] = {}  # line → round → counted
    for r in rows:
        rounds.setdefault(r.location_id, set()).add(r.round)
        counted.setdefault((r.location_id, r.sku_id, r.lot_code), {})[r.round] = r.counted
    latest = {loc: max(done) for loc, done in rounds.items()}

    def earlier(location_id: int, sku_id: int, lot_code: str) -> tuple[int, ...]:
        """What each earlier round counted of the line, in round order (none: 0)."""
        by_round = counted.get((location_id, sku_id, lot_code), {})
        return tuple(
            by_round.get(rd, 0) for rd in sorted(rounds[location_id]) if rd < latest[location_id]
        )

    found = []
    for r in rows:
        if r.round != latest.get(r.location_id):
            continue
        v = Variance(
            r[0],
            r[1],
            r.lot_code,
            r.round,
            r.counter,
            int(r.expected or 0),
            r.counted,
            r.at_start,
            r.unit_cost_fen,
            earlier(r.location_id, r.sku_id, r.lot_code),
        )
        if all_lines or v.line.variance != 0:
            found.append(v)
    return found


def submit(uow: UnitOfWork, actor: Actor, count_ref: str) -> SubmitResult:
    """The count (or its recount) is counted: locations being counted are finished, the
    variances computed; those that ask for a recount (app.domain.counts.needs_recount) send
    their locations to a new round, counted by someone else — only after the first count: a
    recounted location waits for the supervisor (approve, or order another recount)."""
    actor.require(Action.MANAGE_COUNTS)
    uow = require_central(uow, msg.WHAT_COUNT())
    with uow:
        session = uow.session
        count = _count(session, count_ref, lock=True)
        if count.status not in (CountStatus.OPEN, CountStatus.RECOUNT):
            raise CountRefused(msg.COUNT_CLOSED(count=count.code, status=count_word(count.status)))
        places = _latest_rounds(session, count)
        codes = dict(
            session.execute(
                select(Location.id, Location.code).where(
                    Location.id.in_([p.location_id for p in places])
                )
            ).all()
        )
        pending = sorted(codes[p.location_id] for p in places if p.status == LocationStatus.PENDING)
        if pending:
            raise CountRefused(
                msg.NOT_STARTED(
                    n=len(pending),
                    count=count.code,
                    locations=", ".join(pending[:8]) + (" …" if len(pending) > 8 else ""),
                )
            )
        for place in places:
            if place.status == LocationStatus.COUNTING:
                _close(session, _location(session, codes[place.location_id]), place)
        session.flush()
        found = variances(session, count)
        again = sorted(
            {
                v.location
                for v in found
                if v.round == 1
                and needs_recount(v.line, count.recount_units, count.recount_value_fen)
            }
        )
        ids = {code: loc_id for loc_id, code in codes.items()}
        for code in again:
            session.add(
                CountLocation(
                    count_id=count.id,
                    location_id=ids[code],
                    round=2,
                    status=LocationStatus.PENDING.value,
                )
            )
        count.status = (CountStatus.RECOUNT if again else CountStatus.SUBMITTED).value
        count.submitted_at = utcnow()
        audit.record(
            session,
            actor,
            "count.submitted",
            "count",
            count.code,
            None,
            {"variances": len(found), "recount": again},
        )
        result = SubmitResult(count.code, count.status, found, again)
        uow.commit()
    return result


def order_recount(
    uow: UnitOfWork, actor: Actor, count_ref: str, locations: Sequence[str]
) -> list[str]:
    """The supervisor, seeing count and recount side by side, orders another recount of these
    locations (someone who has not counted them yet)."""
    actor.require(Action.MANAGE_COUNTS)
    uow = require_central(uow, msg.WHAT_COUNT())
    with uow:
        session = uow.session
        count = _count(session, count_ref, lock=True)
        if count.status not in (CountStatus.SUBMITTED, CountStatus.RECOUNT):
            raise CountRefused(msg.COUNT_CLOSED(count=count.code, status=count_word(count.status)))
        latest = {
            p.location_id: p
            for p in _latest_rounds(session, count)
            if p.status == LocationStatus.DONE
        }
        wanted = [_location(session, code) for code in locations]
        wrong = [loc.code for loc in wanted if loc.id not in latest]
        if wrong or not wanted:
            raise CountRefused(msg.RECOUNT_WHAT(count=count.code, locations=", ".join(wrong)))
        for loc in wanted:
            session.add(
                CountLocation(
                    count_id=count.id,
                    location_id=loc.id,
                    round=latest[loc.id].round + 1,
                    status=LocationStatus.PENDING.value,
                )
            )
        count.status = CountStatus.RECOUNT.value
        audit.record(
            session,
            actor,
            "count.recount",
            "count",
            count.code,
            None,
            {"locations": [loc.code for loc in wanted]},
        )
        uow.commit()
    return [loc.code for loc in wanted]


def approve(uow: UnitOfWork, actor: Actor, count_ref: str, reason: str) -> ApproveResult:
    """A supervisor approves the submitted count: each variance of the locations' latest
    round is an adjustment move (kind ``count``) on its lot, added to the lot as it is now —
    a find becomes a lot of its own in the location.  All or nothing: a lot that would go
    below zero or below what open pick tasks hold of it refuses the approval in words."""
    actor.require(Action.MANAGE_COUNTS)
    try:
        why = AdjustReason(reason.strip().lower())
    except ValueError:
        raise InvalidInput(
            msg.UNKNOWN_REASON(reason=reason, reasons=", ".join(r.value for r in AdjustReason))
        ) from None
    uow = require_central(uow, msg.WHAT_COUNT())
    with uow:
        session = uow.session
        count = _count(session, count_ref, lock=True)
        if count.status != CountStatus.SUBMITTED:
            raise CountRefused(msg.NOT_SUBMITTED(count=count.code, status=count_word(count.status)))
        now = utcnow()
        moves: list[Adjustment] = []
        for place in _latest_rounds(session, count):
            location = session.get(Location, place.location_id)
            assert location is not None
            lots = {(lot.sku_id, lot.lot_code): lot for lot in _lots_of(session, location.id)}
            for line in session.scalars(
                select(CountLine)
                .where(CountLine.count_location_id == place.id)
                .order_by(CountLine.id)
            ):
                variance = line.counted - int(line.expected or 0)
                if variance == 0:
                    continue
                sku = session.get(Sku, line.sku_id)
                assert sku is not None
                lot = lots.get((line.sku_id, line.lot_code))
                if lot is None:
                    lot = Lot(
                        sku_id=line.sku_id,
                        lot_code=line.lot_code or count.code,
                        location_id=location.id,
                        received_at=now,
                        on_hand=0,
                        allocated=0,
                    )
                    session.add(lot)
                    session.flush()
                    lots[(line.sku_id, line.lot_code)] = lot
                left = lot.on_hand + variance
                if left < 0:
                    raise CountRefused(
                        msg.BELOW_ZERO(
                            lot=lot.lot_code,
                            sku=sku.code,
                            location=location.code,
                            on_hand=lot.on_hand,
                            variance=variance,
                        )
                    )
                if left < lot.allocated:
                    raise CountRefused(
                        msg.SHORT_FOR_ALLOCATION(
                            lot=lot.lot_code,
                            sku=sku.code,
                            location=location.code,
                            allocated=lot.allocated,
                            left=left,
                        )
                    )
                lot.on_hand = left
                session.add(
                    StockMove(
                        at=now,
                        kind="count",
                        lot_id=lot.id,
                        qty=variance,
                        actor=actor.name,
                        reason=why.value,
                        ref=f"{count.code}/{location.code}",
                    )
                )
                moves.append(Adjustment(sku.code, lot.lot_code, location.code, variance))
        _release_set_aside(session, count)
        count.status = CountStatus.APPROVED.value
        count.approved_by, count.approved_at = actor.name, now
        audit.record(
            session,
            actor,
            "count.approved",
            "count",
            count.code,
            None,
            {"reason": why.value, "moves": len(moves), "units": sum(m.qty for m in moves)},
        )
        result = ApproveResult(count.code, why.value, moves)
        uow.commit()
    return result


def cancel(uow: UnitOfWork, actor: Actor, count_ref: str) -> str:
    """A supervisor calls a count off before approval: nothing of it reaches the ledger, and its
    locations are free for another count."""
    actor.require(Action.MANAGE_COUNTS)
    uow = require_central(uow, msg.WHAT_COUNT())
    with uow:
        session = uow.session
        count = _count(session, count_ref, lock=True)
        if count.status not in ACTIVE:
            raise CountRefused(msg.COUNT_CLOSED(count=count.code, status=count_word(count.status)))
        before = count.status
        _release_set_aside(session, count)
        count.status = CountStatus.CANCELLED.value
        audit.record(
            session, actor, "count.cancelled", "count", count.code, {"status": before}, None
        )
        code = count.code
        uow.commit()
    return code


def list_counts(uow: UnitOfWork) -> list[CountRow]:
    """Every count, newest first, with how many of its locations are counted."""
    with uow.reading() as session:
        first = (
            select(
                CountLocation.count_id,
                func.count().label("n"),
                func.sum((CountLocation.status == LocationStatus.DONE.value).cast(Integer)).label(
                    "done"
                ),
            )
            .where(CountLocation.round == 1)
            .group_by(CountLocation.count_id)
            .subquery()
        )
        return [
            CountRow(
                c.code,
                c.scope,
                c.status,
                int(n or 0),
                int(done or 0),
                c.created_by,
                c.created_at,
                c.approved_by,
            )
            for c, n, done in session.execute(
                select(StockCount, first.c.n, first.c.done)
                .outerjoin(first, first.c.count_id == StockCount.id)
                .order_by(StockCount.id.desc())
            )
        ]


def count_variances(uow: UnitOfWork, count_ref: str, *, all_lines: bool = True) -> list[Variance]:
    """The supervisor's view of a count: each counted line, expected and counted side by side
    with the earlier rounds' counts (the variance report's rows)."""
    with uow.reading() as session:
        return variances(session, _count(session, count_ref), all_lines=all_lines)


@dataclass(frozen=True)
class CountRounds:
    """What each round of a count counted, for the supervisor's count-vs-recount view."""

    #: the count's highest round (1: no recount ordered)
    rounds: int
    #: (location, SKU, lot) → {round: counted}, for the rounds its location was counted in
    counted: dict[tuple[str, str, str], dict[int, int]]
    #: location → {round: who counted it}, for the rounds it was counted (or is being counted)
    counters: dict[str, dict[int, str]]


def count_rounds(uow: UnitOfWork, count_ref: str) -> CountRounds:
    """Round by round, what a count's locations counted (a location counted with no line of a
    SKU or lot counted none of it: 0) and who counted them."""
    with uow.reading() as session:
        count = _count(session, count_ref)
        places = session.execute(
            select(
                CountLocation.id,
                Location.code,
                CountLocation.round,
                CountLocation.status,
                CountLocation.counter,
            )
            .join(Location, Location.id == CountLocation.location_id)
            .where(CountLocation.count_id == count.id)
        ).all()
        last = max((p.round for p in places), default=1)
        counters: dict[str, dict[int, str]] = {}
        done: dict[int, tuple[str, int]] = {}
        for p in places:
            if p.counter is not None:
                counters.setdefault(p.code, {})[p.round] = p.counter
            if p.status == LocationStatus.DONE:
                done[p.id] = (p.code, p.round)
        counted: dict[tuple[str, str, str], dict[int, int]] = {}
        for place_id, sku, lot, qty in session.execute(
            select(CountLine.count_location_id, Sku.code, CountLine.lot_code, CountLine.counted)
            .join(Sku, Sku.id == CountLine.sku_id)
            .join(CountLocation, CountLocation.id == CountLine.count_location_id)
            .where(CountLocation.count_id == count.id)
        ):
            if place_id in done:
                location, round_no = done[place_id]
                counted.setdefault((location, sku, lot), {})[round_no] = qty
        return CountRounds(
            rounds=last,
            counted=counted,
            counters=counters,
        )


@dataclass(frozen=True)
class RoundProgress:
    """A count's latest round: which, of how many locations, how many counted."""

    round: int
    locations: int
    done: int


def rounds_progress(uow: UnitOfWork) -> dict[str, RoundProgress]:
    """Each count's latest round's progress (a recount's own, not the first count's), by
    count code."""
    with uow.reading() as session:
        found: dict[str, RoundProgress] = {}
        for code, round_no, n, finished in session.execute(
            select(
                StockCount.code,
                CountLocation.round,
                func.count(),
                func.sum((CountLocation.status == LocationStatus.DONE.value).cast(Integer)),
            )
            .join(CountLocation, CountLocation.count_id == StockCount.id)
            .group_by(StockCount.code, CountLocation.round)
        ):
            if code not in found or round_no > found[code].round:
                found[code] = RoundProgress(int(round_no), int(n), int(finished or 0))
        return found
