"""The pack station (验货打包): open an order, check every item scan, weigh, close, scan the
waybill.  The rules are app.domain.packing's; this module persists them.

    view = open_order(uow(), actor, "TB001", "PACK-01")    # order no, bound waybill, or item
    result = scan_item(uow(), actor, "TB001", "PACK-01", "6901234567892")
    check_weight(uow(), actor, "TB001", "PACK-01", 612.0)
    close_parcel(uow(), actor, "TB001", "PACK-01")          # picked → packing → packed
    confirm_waybill(uow(), actor, "TB001", "PACK-01", "SF1234567890123")  # → shipped

* One transaction per action.  An accepted scan is written as a ``pack_events`` row in the same
  transaction that re-reads the order's status, before the call returns; a refused scan writes
  only an audit event ("pack scan refused").
* The session is rebuilt from its events on every action, so a station that crashed reopens
  the order exactly where it was (``open_sessions`` lists what it holds).
* A claim (``pack_claims``) keeps two stations from packing one order; every action refreshes
  its heartbeat; a claim silent for longer than :data:`CLAIM_TIMEOUT` may be taken over, and a
  supervisor may release any claim.
* Weighing, closing and the waybill scan of each parcel are kept in ``pack_parcels``; changing a
  parcel's contents or packaging after weighing means weighing it again.  A station without a
  scale whose settings warn instead of blocking records the parcel as not weighed
  (:func:`weigh_without_scale`, audited) and closes it all the same.

Packing is done by anyone allowed to pick (``Action.PICK``); overriding a refused weight needs
``Action.RESOLVE_EXCEPTION`` (supervisors).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    AuditEvent,
    Barcode,
    Location,
    Lot,
    Order,
    OrderInsert,
    OrderLine,
    PackClaim,
    PackEventRecord,
    PackParcel,
    Parcel,
    PickTask,
    Sku,
    StockMove,
    Wave,
    WaveOrder,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain import packing as rules
from app.domain.carriers import normalize_tracking
from app.domain.errors import DomainError, InvalidInput, NotFound
from app.domain.orders import OrderLifecycle, OrderStatus
from app.domain.packing import (
    PackEvent,
    PackLine,
    PackOrder,
    PackSession,
    ResolvedScan,
    ScanReason,
    WeightVerdict,
)
from app.domain.scans import parse_item_scan
from app.domain.users import Action, Actor
from app.services import audit
from app.services.shipping import find_order

#: A claim without a heartbeat for this long may be taken over by another station.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)

#: The wave kind whose orders may be opened by scanning the item itself (一单一货).
SINGLE_ITEM_WAVE = "single-item"


# --- refusals --------------------------------------------------------------------------------


class PackingRefused(DomainError):
    """A pack-station action was refused; nothing was changed."""


class ClaimedElsewhere(PackingRefused):
    def __init__(self, order_no: str, station: str, packer: str, since: dt.datetime) -> None:
        self.order_no = order_no
        self.station = station
        self.packer = packer
        self.since = since
        super().__init__(
            f"order {order_no} is being packed at station {station} by {packer} since"
            f" {since:%H:%M} — pack another order, or ask a supervisor to release it"
        )


class NotOpenHere(PackingRefused):
    """The station does not hold the order's claim (never opened, released or taken over)."""


class OrderBlocked(PackingRefused):
    """The order is cancelled, on hold, changed or otherwise not waiting to be packed."""


class WeightNotChecked(PackingRefused):
    pass


class CannotClose(PackingRefused):
    def __init__(self, order_no: str, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__(f"order {order_no} cannot be closed yet: " + "; ".join(reasons))


class WrongWaybill(PackingRefused):
    pass


# --- what the screen shows -------------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    line_id: int
    sku: str
    name: str
    qty: int
    scanned: int
    lot: str | None
    gift: bool
    fragile: bool
    unit_weight_g: int

    @property
    def missing(self) -> int:
        return self.qty - self.scanned

    @property
    def complete(self) -> bool:
        return self.scanned == self.qty


@dataclass(frozen=True)
class InsertView:
    code: str
    name: str
    confirmed: bool


@dataclass(frozen=True)
class ParcelView:
    parcel_no: int
    #: (line_id, units) in this parcel
    contents: tuple[tuple[int, int], ...]
    units: int
    packaging: str | None
    tare_g: int
    closed: bool
    carrier: str | None
    tracking_no: str | None
    expected_g: int | None
    measured_g: int | None
    weight_ok: bool
    weight_overridden: bool
    waybill_confirmed: bool
    #: closed without a weight check (no scale at the station, which warns instead of blocking)
    not_weighed: bool = False


@dataclass(frozen=True)
class PackView:
    order_no: str
    shop: str
    status: str
    station: str
    packer: str
    lines: tuple[LineView, ...]
    inserts: tuple[InsertView, ...]
    note: str
    #: the damage check must be confirmed (a fragile item is in the order)
    fragile: bool
    damage_checked: bool
    #: why the order must not be packed now, with what to do; None = go on
    blocked: str | None
    parcels: tuple[ParcelView, ...]
    open_parcel: int
    last_seq: int
    #: what is still missing before the order can be closed ([] = it can)
    can_close: tuple[str, ...]
    #: the closed parcel whose waybill label is to be scanned next
    awaiting_waybill: int | None
    #: "order", "tracking" or "item": what the opening scan was
    found_by: str = "order"
    #: station whose stale claim this station took over
    took_over_from: str | None = None

    @property
    def units_ordered(self) -> int:
        return sum(line.qty for line in self.lines)

    @property
    def units_scanned(self) -> int:
        return sum(line.scanned for line in self.lines)


@dataclass(frozen=True)
class ScanResult:
    accepted: bool
    reason: ScanReason
    sentence: str
    sku: str | None
    line_id: int | None
    #: the line's scanned units after the scan (unchanged when refused) and its quantity
    scanned: int
    qty: int
    #: the persisted event's sequence number (accepted scans)
    seq: int | None
    view: PackView


@dataclass(frozen=True)
class WaybillResult:
    order_no: str
    parcel_no: int
    tracking_no: str
    shipped: bool
    #: the next closed parcel whose label is to be scanned, if any
    next_waybill: int | None


@dataclass(frozen=True)
class PackerToday:
    orders: int
    units: int
    per_hour: float


# --- loading ---------------------------------------------------------------------------------


@dataclass
class _Loaded:
    order: Order
    pack: PackSession
    #: line_id → the lots (ids) it was picked from
    lots: dict[int, list[int]]


def _station(station: str) -> str:
    name = station.strip()
    if not name:
        raise InvalidInput("the station has no name; set it in the station settings")
    return name


def _pack_order(session: Session, order: Order) -> tuple[PackOrder, dict[int, list[int]]]:
    """The order as the pack check sees it, and the lots (ids) each line was picked from.

    Lines, their SKUs, barcodes and picked lots do not change while an order is packed, so they
    are read once per order (and database, and order version ``updated_at``) and kept for the
    scans that follow: a scan reads only the order's status, its claim and its events.
    """
    bind = session.get_bind()
    key = (str(bind.engine.url), order.id, order.updated_at)
    cached = _PACK_ORDERS.get(key)
    if cached is None:
        cached = _read_pack_order(session, order)
        _PACK_ORDERS[key] = cached
        while len(_PACK_ORDERS) > _PACK_ORDERS_KEPT:
            _PACK_ORDERS.popitem(last=False)
    else:
        _PACK_ORDERS.move_to_end(key)
    lines, inserts, lots_of = cached
    pack = PackOrder(order.order_no, OrderStatus(order.status), lines, inserts, note=order.note)
    return pack, lots_of


_StaticOrder = tuple[tuple[PackLine, ...], tuple[rules.Insert, ...], dict[int, list[int]]]
_PACK_ORDERS: OrderedDict[tuple[str, int, dt.datetime], _StaticOrder] = OrderedDict()
_PACK_ORDERS_KEPT = 256


def _read_pack_order(session: Session, order: Order) -> _StaticOrder:
    lines: list[PackLine] = []
    lots_of: dict[int, list[int]] = {}
    for line in order.lines:
        sku = (
            session.get(Sku, line.sku_id)
            if line.sku_id is not None
            else session.scalar(select(Sku).where(Sku.code == line.sku_code))
        )
        lots = list(
            session.scalars(
                select(Lot)
                .join(PickTask, PickTask.lot_id == Lot.id)
                .where(PickTask.order_line_id == line.id, PickTask.picked_qty > 0)
                .order_by(Lot.id)
                .distinct()
            )
        )
        lots_of[line.id] = [lot.id for lot in lots]
        codes = {lot.lot_code for lot in lots}
        one_lot = lots[0] if len(codes) == 1 and len(lots) == 1 else None
        keys: frozenset[str] = frozenset()
        if sku is not None:
            keys = frozenset(
                session.scalars(select(Barcode.lookup).where(Barcode.sku_id == sku.id))
            )
        lines.append(
            PackLine(
                line_id=line.id,
                sku=line.sku_code,
                name=sku.name if sku is not None else "",
                qty=line.qty,
                lot=one_lot.lot_code
                if one_lot is not None and sku and sku.expiry_tracked
                else None,
                expiry=one_lot.expiry if one_lot is not None else None,
                gift=line.gift,
                bulk=bool(sku.bulk) if sku is not None else False,
                unit_weight_g=sku.weight_g if sku is not None else 0,
                fragile=bool(sku.fragile) if sku is not None else False,
                barcodes=keys,
            )
        )
    inserts = tuple(
        rules.Insert(row.code, row.name)
        for row in session.scalars(
            select(OrderInsert).where(OrderInsert.order_id == order.id).order_by(OrderInsert.id)
        )
    )
    return tuple(lines), inserts, lots_of


def _events(session: Session, order: Order) -> list[PackEvent]:
    rows = session.scalars(
        select(PackEventRecord.data)
        .where(PackEventRecord.order_id == order.id)
        .order_by(PackEventRecord.seq)
    )
    return [rules.event_from_dict(data) for data in rows]


def _load(session: Session, order: Order) -> _Loaded:
    pack_order, lots = _pack_order(session, order)
    return _Loaded(order, PackSession.restore(pack_order, _events(session, order)), lots)


def _persist(session: Session, order: Order, event: PackEvent, now: dt.datetime) -> None:
    data = rules.event_to_dict(event)
    session.add(
        PackEventRecord(
            order_id=order.id,
            seq=event.seq,
            kind=str(data["kind"]),
            data=data,
            by=event.by,
            at=now,
        )
    )
    try:
        session.flush()
    except IntegrityError as exc:
        raise PackingRefused(
            f"order {order.order_no}: another action was recorded at the same moment"
            " — scan the order again to see where it stands"
        ) from exc


def _record(
    session: Session, loaded: _Loaded, event: PackEvent | None, now: dt.datetime
) -> PackEvent | None:
    """Persist an event the session produced (it is applied already)."""
    if event is not None:
        _persist(session, loaded.order, event, now)
    return event


# --- claims ----------------------------------------------------------------------------------


def _claim_of(session: Session, order: Order) -> PackClaim | None:
    return session.scalar(select(PackClaim).where(PackClaim.order_id == order.id))


def _take_claim(
    session: Session, actor: Actor, order: Order, station: str, now: dt.datetime
) -> str | None:
    """Claim the order for the station; returns the station a stale claim was taken from."""
    claim = _claim_of(session, order)
    if claim is None:
        session.add(
            PackClaim(
                order_id=order.id,
                station=station,
                packer=actor.name,
                claimed_at=now,
                heartbeat_at=now,
            )
        )
        audit.record(
            session, actor, "pack claim", "order", order.order_no, None, {"station": station}
        )
        try:
            session.flush()
        except IntegrityError as exc:  # another station claimed it a moment ago
            raise PackingRefused(
                f"order {order.order_no} was just opened at another station — pack another order"
            ) from exc
        return None
    if claim.station == station:
        claim.packer = actor.name
        claim.heartbeat_at = now
        return None
    if now - claim.heartbeat_at < CLAIM_TIMEOUT:
        raise ClaimedElsewhere(order.order_no, claim.station, claim.packer, claim.claimed_at)
    previous = claim.station
    audit.record(
        session,
        actor,
        "pack claim taken over",
        "order",
        order.order_no,
        {
            "station": claim.station,
            "packer": claim.packer,
            "heartbeat_at": claim.heartbeat_at.isoformat(sep=" ", timespec="seconds"),
        },
        {"station": station, "packer": actor.name},
    )
    claim.station, claim.packer = station, actor.name
    claim.claimed_at = claim.heartbeat_at = now
    return previous


def _require_claim(
    session: Session, actor: Actor, order: Order, station: str, now: dt.datetime
) -> PackClaim:
    claim = _claim_of(session, order)
    if claim is None:
        raise NotOpenHere(
            f"order {order.order_no} is not open at station {station} — scan the order to open it"
        )
    if claim.station != station:
        raise NotOpenHere(
            f"order {order.order_no} is held by station {claim.station} ({claim.packer}), not"
            f" {station} — if its items are here, put them aside and tell a supervisor"
        )
    claim.heartbeat_at = now
    return claim


def _open_for_action(
    session: Session, actor: Actor, order_no: str, station: str, now: dt.datetime
) -> _Loaded:
    order = find_order(session, order_no)
    _require_claim(session, actor, order, station, now)
    return _load(session, order)


def _move(
    session: Session, actor: Actor, order: Order, target: OrderStatus, **info: object
) -> None:
    life = OrderLifecycle(order.order_no, OrderStatus(order.status), _held(order))
    before = order.status
    life.move_to(target)
    order.status = life.status.value
    order.updated_at = utcnow()
    audit.record(
        session,
        actor,
        f"order.{target.value}",
        "order",
        order.order_no,
        {"status": before},
        {"status": order.status, **info},
    )


def _held(order: Order) -> OrderStatus | None:
    return OrderStatus(order.held_from) if order.held_from else None


# --- the view --------------------------------------------------------------------------------


def _pack_parcels(session: Session, order: Order) -> dict[int, PackParcel]:
    rows = session.scalars(select(PackParcel).where(PackParcel.order_id == order.id))
    return {row.parcel_no: row for row in rows}


def _shipping_parcels(session: Session, order: Order) -> dict[int, Parcel]:
    rows = session.scalars(select(Parcel).where(Parcel.order_id == order.id))
    return {row.parcel_no: row for row in rows}


def _awaiting_waybill(checks: dict[int, PackParcel]) -> int | None:
    waiting = [no for no, row in checks.items() if row.closed_at is not None and not row.waybill_at]
    return min(waiting) if waiting else None


def _blocked(loaded: _Loaded) -> str | None:
    if OrderStatus(loaded.order.status) is OrderStatus.PACKED:
        return None  # packed, waiting for its waybill scan
    return loaded.pack.order.blocked_reason()


def _view(
    session: Session,
    loaded: _Loaded,
    station: str,
    packer: str,
    *,
    found_by: str = "order",
    took_over_from: str | None = None,
) -> PackView:
    pack, order = loaded.pack, loaded.order
    checks = _pack_parcels(session, order)
    shipped = _shipping_parcels(session, order)
    parcels = []
    for state in pack.parcels:
        check = checks.get(state.parcel_no)
        box = shipped.get(state.parcel_no)
        closed = state.closed or (check is not None and check.closed_at is not None)
        if not closed and not state.units and state.parcel_no > 1:
            continue  # the next parcel, not started yet
        parcels.append(
            ParcelView(
                parcel_no=state.parcel_no,
                contents=state.contents,
                units=state.units,
                packaging=state.packaging.name if state.packaging else None,
                tare_g=state.packaging.tare_g if state.packaging else 0,
                closed=closed,
                carrier=box.carrier if box is not None else None,
                tracking_no=box.tracking_no if box is not None else None,
                expected_g=check.expected_g if check else None,
                measured_g=check.measured_g if check else None,
                weight_ok=bool(check and check.weight_ok),
                weight_overridden=bool(check and check.override_by),
                waybill_confirmed=bool(check and check.waybill_at),
                not_weighed=bool(check and check.no_scale),
            )
        )
    lines = tuple(
        LineView(
            p.line.line_id,
            p.line.sku,
            p.line.name,
            p.line.qty,
            p.scanned,
            p.line.lot,
            p.line.gift,
            p.line.fragile,
            p.line.unit_weight_g,
        )
        for p in pack.progress()
    )
    inserts = tuple(
        InsertView(i.code, i.name, i.code in pack.inserts_confirmed) for i in pack.order.inserts
    )
    status = OrderStatus(order.status)
    can_close = () if status is OrderStatus.PACKED else tuple(pack.can_close())
    return PackView(
        order_no=order.order_no,
        shop=order.shop,
        status=order.status,
        station=station,
        packer=packer,
        lines=lines,
        inserts=inserts,
        note=order.note,
        fragile=pack.damage_check_required,
        damage_checked=pack.damage_checked,
        blocked=_blocked(loaded),
        parcels=tuple(parcels),
        open_parcel=pack.current_parcel.parcel_no,
        last_seq=pack.last_seq,
        can_close=can_close,
        awaiting_waybill=_awaiting_waybill(checks),
        found_by=found_by,
        took_over_from=took_over_from,
    )


# --- opening ---------------------------------------------------------------------------------


def _sku_of(session: Session, raw: str) -> str | None:
    item = parse_item_scan(raw)
    code = session.scalar(
        select(Sku.code)
        .join(Barcode, Barcode.sku_id == Sku.id)
        .where(Barcode.lookup == item.lookup)
    )
    if code is None:
        code = session.scalar(select(Sku.code).where(Sku.code == raw.strip()))
    return code


def _single_item_order(session: Session, sku: str, now: dt.datetime) -> Order | None:
    """The oldest picked order of a single-item wave that needs exactly one unit of the SKU and
    no station is packing."""
    # Correlated to the candidate line (found through the SKU's index), never a GROUP BY over
    # every order line: 1,000,000 orders took 0.5 s that way.
    other_line = aliased(OrderLine)
    another = (
        select(other_line.id)
        .where(other_line.order_id == OrderLine.order_id, other_line.id != OrderLine.id)
        .exists()
    )
    fresh = select(PackClaim.order_id).where(PackClaim.heartbeat_at > now - CLAIM_TIMEOUT)
    return session.scalar(
        select(Order)
        .join(WaveOrder, WaveOrder.order_id == Order.id)
        .join(Wave, Wave.id == WaveOrder.wave_id)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(
            Wave.kind == SINGLE_ITEM_WAVE,
            Order.status == OrderStatus.PICKED.value,
            OrderLine.sku_code == sku,
            OrderLine.qty == 1,
            ~another,
            Order.id.not_in(fresh),
        )
        .order_by(Wave.id, Order.ordered_at, Order.id)
        .limit(1)
    )


def _find_for_open(session: Session, code: str, now: dt.datetime) -> tuple[Order, str]:
    text = code.strip()
    if not text:
        raise InvalidInput("nothing was scanned — scan the order number or the waybill label")
    orders = session.scalars(select(Order).where(Order.order_no == text).limit(2)).all()
    if len(orders) > 1:
        shops = ", ".join(sorted(o.shop for o in orders))
        raise InvalidInput(
            f"order no {text} exists in several shops ({shops}) — scan the waybill label instead"
        )
    if orders:
        return orders[0], "order"
    parcel = session.scalar(select(Parcel).where(Parcel.tracking_no == normalize_tracking(text)))
    if parcel is not None:
        order = session.get(Order, parcel.order_id)
        assert order is not None
        return order, "tracking"
    sku = _sku_of(session, text)
    if sku is not None:
        found = _single_item_order(session, sku, now)
        if found is None:
            raise NotFound(
                f"no picked single-item order is waiting for SKU {sku} — scan the order number"
                " or the waybill label instead"
            )
        return found, "item"
    raise NotFound(
        f"no order, waybill or item matches {text} — scan the order number or the waybill label"
    )


def open_order(
    uow: UnitOfWork,
    actor: Actor,
    code: str,
    station: str,
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> PackView:
    """Open an order at the station by its order number, a tracking number bound to it, or (a
    single-item wave) the item itself — which then counts as the first scan.  Claims the order,
    moves it picked → packing and restores the session from its events."""
    actor.require(Action.PICK)
    station = _station(station)
    now = now or utcnow()
    with uow:
        session = uow.session
        order, found_by = _find_for_open(session, code, now)
        status = OrderStatus(order.status)
        mine = (claim := _claim_of(session, order)) is not None and claim.station == station
        if status not in (OrderStatus.PICKED, OrderStatus.PACKING, OrderStatus.PACKED):
            if status is OrderStatus.SHIPPED or status in (
                OrderStatus.DELIVERED,
                OrderStatus.COMPLETED,
            ):
                raise OrderBlocked(
                    f"order {order.order_no} is {status.value} already — nothing to pack;"
                    " put the items aside and ask a supervisor"
                )
            if not mine:
                blocked = _load(session, order).pack.order.blocked_reason()
                raise OrderBlocked(blocked or f"order {order.order_no} cannot be packed now")
        took_over = _take_claim(session, actor, order, station, now)
        if status is OrderStatus.PICKED:
            _move(session, actor, order, OrderStatus.PACKING, station=station)
        loaded = _load(session, order)
        if found_by == "item":
            _scan(session, actor, loaded, station, code, None, today or now.date(), now)
        view = _view(
            session, loaded, station, actor.name, found_by=found_by, took_over_from=took_over
        )
        uow.commit()
        return view


def open_sessions(uow: UnitOfWork, station: str) -> list[str]:
    """Orders this station holds (to reopen after a crash), oldest claim first."""
    station = _station(station)
    with uow.reading() as session:
        return list(
            session.scalars(
                select(Order.order_no)
                .join(PackClaim, PackClaim.order_id == Order.id)
                .where(PackClaim.station == station)
                .order_by(PackClaim.claimed_at, Order.id)
            )
        )


def touch_claims(uow: UnitOfWork, station: str, *, now: dt.datetime | None = None) -> int:
    """Refresh the heartbeat of every claim the station holds (the screen calls this while it
    waits for a scan); returns how many."""
    station = _station(station)
    with uow:
        claims = uow.session.scalars(select(PackClaim).where(PackClaim.station == station)).all()
        for claim in claims:
            claim.heartbeat_at = now or utcnow()
        uow.commit()
        return len(claims)


# --- scans -----------------------------------------------------------------------------------


def _other_open_order(session: Session, order: Order, station: str, sku: str) -> str | None:
    return session.scalar(
        select(Order.order_no)
        .join(PackClaim, PackClaim.order_id == Order.id)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(PackClaim.station == station, Order.id != order.id, OrderLine.sku_code == sku)
        .order_by(PackClaim.claimed_at)
        .limit(1)
    )


def _require_open_parcel(session: Session, loaded: _Loaded) -> int:
    """The open parcel's number; refused once the station closed it (the order is packed)."""
    parcel_no = loaded.pack.current_parcel.parcel_no
    check = _pack_parcels(session, loaded.order).get(parcel_no)
    if check is not None and check.closed_at is not None:
        raise PackingRefused(
            f"parcel {parcel_no} of order {loaded.order.order_no} is closed — scan its waybill"
            " label, or ask a supervisor to reopen it"
        )
    return parcel_no


def _clear_weight(session: Session, order: Order, parcel_no: int) -> None:
    """The open parcel's contents or packaging changed: it has to be weighed again."""
    check = _pack_parcels(session, order).get(parcel_no)
    if check is not None and check.closed_at is None:
        check.measured_g = check.expected_g = None
        check.weight_ok = check.no_scale = False
        check.override_by = check.override_reason = None


def _scan(
    session: Session,
    actor: Actor,
    loaded: _Loaded,
    station: str,
    raw_code: str,
    qty: int | None,
    today: dt.date,
    now: dt.datetime,
) -> rules.ScanVerdict:
    item = parse_item_scan(raw_code)
    sku = _sku_of(session, raw_code)
    other = _other_open_order(session, loaded.order, station, sku) if sku else None
    resolved = ResolvedScan.of(item, sku, other)
    verdict = loaded.pack.check_scan(resolved, today=today, by=actor.name, qty=qty)
    if verdict.event is not None:
        _persist(session, loaded.order, verdict.event, now)
        loaded.pack.apply(verdict.event)
        _clear_weight(session, loaded.order, verdict.event.parcel_no)
    else:
        audit.record(
            session,
            actor,
            "pack scan refused",
            "order",
            loaded.order.order_no,
            None,
            {
                "station": station,
                "code": raw_code,
                "qty": qty,
                "reason": verdict.reason.value,
                "sentence": verdict.sentence,
            },
        )
    return verdict


def scan_item(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    raw_code: str,
    qty: int | None = None,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ScanResult:
    """Check one item scan (qty: a typed quantity for bulk lines).  Accepted: the event is
    persisted before this returns.  Refused: only an audit event is written."""
    actor.require(Action.PICK)
    station = _station(station)
    now = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, now)
        verdict = _scan(session, actor, loaded, station, raw_code, qty, today or now.date(), now)
        view = _view(session, loaded, station, actor.name)
        uow.commit()
    line = verdict.line
    return ScanResult(
        verdict.accepted,
        verdict.reason,
        verdict.sentence,
        line.sku if line else None,
        line.line_id if line else None,
        verdict.scanned,
        line.qty if line else 0,
        verdict.event.seq if verdict.event else None,
        view,
    )


def _session_action(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    now: dt.datetime | None,
    act: Callable[[Session, _Loaded, dt.datetime], None],
) -> PackView:
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at)
        act(session, loaded, at)
        view = _view(session, loaded, station, actor.name)
        uow.commit()
        return view


def undo_last(
    uow: UnitOfWork, actor: Actor, order_no: str, station: str, *, now: dt.datetime | None = None
) -> PackView:
    """Take back the packer's own last scan (audited)."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _require_open_parcel(session, loaded)
        event = loaded.pack.undo_last(actor.name)
        _persist(session, loaded.order, event, now)
        _clear_weight(session, loaded.order, loaded.pack.current_parcel.parcel_no)
        audit.record(
            session,
            actor,
            "pack scan undone",
            "order",
            loaded.order.order_no,
            None,
            {"station": station, "seq": event.seq, "undone_seq": event.undone_seq},
        )

    return _session_action(uow, actor, order_no, station, now, act)


def confirm_insert(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    code: str,
    *,
    now: dt.datetime | None = None,
) -> PackView:
    """The insert (flyer, card, sample) is in the parcel."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _record(session, loaded, loaded.pack.confirm_insert(code.strip(), actor.name), now)

    return _session_action(uow, actor, order_no, station, now, act)


def confirm_damage_check(
    uow: UnitOfWork, actor: Actor, order_no: str, station: str, *, now: dt.datetime | None = None
) -> PackView:
    """The items were looked over and none is damaged."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _record(session, loaded, loaded.pack.confirm_damage_check(actor.name), now)

    return _session_action(uow, actor, order_no, station, now, act)


def choose_packaging(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    code: str,
    name: str,
    tare_g: int,
    size: str = "",
    *,
    now: dt.datetime | None = None,
) -> PackView:
    """The box or bag of the open parcel; its tare counts in the expected weight."""
    if tare_g < 0:
        raise InvalidInput(f"the tare of {name or code} cannot be negative ({tare_g} g)")

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        packaging = rules.Packaging(code.strip(), name.strip(), tare_g, size.strip())
        event = loaded.pack.choose_packaging(packaging, actor.name)
        _persist(session, loaded.order, event, now)
        _clear_weight(session, loaded.order, event.parcel_no)

    return _session_action(uow, actor, order_no, station, now, act)


def _quarantine_location(session: Session) -> Location | None:
    return session.scalar(
        select(Location)
        .where(Location.quarantined.is_(True))
        .order_by(Location.pick_sequence, Location.code)
        .limit(1)
    )


def _swap(
    session: Session,
    actor: Actor,
    loaded: _Loaded,
    station: str,
    line_id: int,
    now: dt.datetime,
) -> dict[str, object]:
    """Take one damaged unit of the line out of the open parcel and book it (see
    :func:`swap_damaged`); returns what was booked ("booked", "location", "lot" or "to_do")."""
    _require_open_parcel(session, loaded)
    event = loaded.pack.swap_damaged(line_id, actor.name)
    _persist(session, loaded.order, event, now)
    _clear_weight(session, loaded.order, event.parcel_no)
    line = loaded.pack.order.line(line_id)
    lots = [lot for i in loaded.lots.get(line_id, []) if (lot := session.get(Lot, i)) is not None]
    where = _quarantine_location(session)
    booked: dict[str, object] = {"booked": False}
    if len(lots) == 1 and where is not None:
        source = lots[0]
        target = session.scalar(
            select(Lot).where(
                Lot.sku_id == source.sku_id,
                Lot.lot_code == source.lot_code,
                Lot.location_id == where.id,
            )
        )
        if target is None:
            target = Lot(
                sku_id=source.sku_id,
                lot_code=source.lot_code,
                location_id=where.id,
                received_at=source.received_at,
                expiry=source.expiry,
                on_hand=0,
                allocated=0,
            )
            session.add(target)
            session.flush()
        session.add(
            StockMove(
                at=now,
                kind="quarantine",
                lot_id=target.id,
                qty=1,
                actor=actor.name,
                reason=f"damaged at pack station {station}",
                ref=f"{loaded.order.order_no}/pack {event.seq}",
            )
        )
        target.on_hand += 1
        booked = {"booked": True, "location": where.code, "lot": source.lot_code}
    else:
        why = "the line was picked from several lots" if lots else "no picked lot"
        if where is None:
            why = "no quarantine location exists"
        booked["to_do"] = f"book the damaged unit into quarantine by hand ({why})"
    audit.record(
        session,
        actor,
        "pack damaged unit swapped out",
        "order",
        loaded.order.order_no,
        None,
        {"station": station, "sku": line.sku, "seq": event.seq, **booked},
    )
    return booked


def swap_damaged(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    line_id: int,
    *,
    now: dt.datetime | None = None,
) -> PackView:
    """A damaged unit comes out of the open parcel (the line needs one more scan).  When the
    lot it was picked from is known and a quarantine location exists, the unit is booked into
    quarantine (a "quarantine" stock move, +1 on the lot at the quarantine location — it left
    its shelf lot with the pick); otherwise the audit event says it is to be booked by hand."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _swap(session, actor, loaded, station, line_id, now)

    return _session_action(uow, actor, order_no, station, now, act)


@dataclass(frozen=True)
class DamagedResult:
    """What :func:`swap_damaged_item` did: the line the damaged unit came out of."""

    line_id: int
    sku: str
    name: str
    #: booked into quarantine (else the audit says to book it by hand)
    booked: bool
    #: the quarantine location it was booked to
    location: str | None
    view: PackView


def _damaged_line(loaded: _Loaded, session: Session, raw_code: str) -> int:
    """The line of the open parcel a scan of the damaged item belongs to."""
    pack = loaded.pack
    item = parse_item_scan(raw_code)
    sku = _sku_of(session, raw_code)
    key = ResolvedScan.of(item, sku).key
    lines = [
        line
        for line in pack.order.lines
        if (line.sku == sku if sku is not None else key in line.barcodes)
    ]
    if item.lot is not None:
        lines = [line for line in lines if line.lot is None or line.lot == item.lot] or lines
    if not lines:
        what = f"SKU {sku}" if sku else f"item {raw_code.strip()}"
        raise PackingRefused(
            f"{what} is not in order {loaded.order.order_no} — scan the damaged item itself"
            " (an item of this order, in the open parcel)"
        )
    inside = dict(pack.current_parcel.contents)
    with_units = [line for line in lines if inside.get(line.line_id, 0) > 0]
    return (with_units or lines)[-1].line_id


def swap_damaged_item(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    raw_code: str,
    *,
    now: dt.datetime | None = None,
) -> DamagedResult:
    """:func:`swap_damaged` for the line of the scanned damaged item (its barcode or SKU code):
    the unit comes out of the open parcel and is booked to quarantine; the line needs one more
    scan (a replacement)."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at)
        line_id = _damaged_line(loaded, session, raw_code)
        booked = _swap(session, actor, loaded, station, line_id, at)
        view = _view(session, loaded, station, actor.name)
        uow.commit()
    line = loaded.pack.order.line(line_id)
    where = booked.get("location")
    return DamagedResult(
        line_id,
        line.sku,
        line.name,
        bool(booked.get("booked")),
        where if isinstance(where, str) else None,
        view,
    )


# --- weight ----------------------------------------------------------------------------------


def _check_row(session: Session, order: Order, parcel_no: int) -> PackParcel:
    row = _pack_parcels(session, order).get(parcel_no)
    if row is None:
        row = PackParcel(order_id=order.id, parcel_no=parcel_no, weight_ok=False)
        session.add(row)
    return row


def _parcel_to_weigh(
    session: Session,
    actor: Actor,
    order_no: str,
    station: str,
    at: dt.datetime,
    then: str,
) -> tuple[_Loaded, rules.ParcelState]:
    """The order open here, not blocked, and its open parcel with something in it."""
    loaded = _open_for_action(session, actor, order_no, station, at)
    blocked = _blocked(loaded)
    if blocked:
        raise OrderBlocked(blocked)
    _require_open_parcel(session, loaded)
    parcel = loaded.pack.current_parcel
    if not parcel.units:
        raise PackingRefused(
            f"parcel {parcel.parcel_no} is empty — scan the items into it, then {then}"
        )
    return loaded, parcel


def check_weight(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    measured_g: float,
    tare_g: int | None = None,
    *,
    now: dt.datetime | None = None,
) -> WeightVerdict:
    """Weigh the open parcel: its contents + the packaging's tare (or *tare_g*) against the
    scale.  The verdict is kept for close_parcel; a refusal is audited."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded, parcel = _parcel_to_weigh(session, actor, order_no, station, at, "weigh it")
        tare = (
            tare_g if tare_g is not None else (parcel.packaging.tare_g if parcel.packaging else 0)
        )
        expected = rules.expected_weight(loaded.pack.order.lines, tare, dict(parcel.contents))
        verdict = rules.check_weight(expected, measured_g)
        row = _check_row(session, loaded.order, parcel.parcel_no)
        row.expected_g, row.measured_g = expected, round(measured_g)
        row.weight_ok = verdict.ok
        row.no_scale = False
        row.override_by = row.override_reason = None
        if not verdict.ok:
            audit.record(
                session,
                actor,
                "pack weight refused",
                "order",
                loaded.order.order_no,
                None,
                {
                    "station": station,
                    "parcel_no": parcel.parcel_no,
                    "measured_g": measured_g,
                    "expected_g": expected,
                    "tolerance_g": verdict.tolerance_g,
                    "sentence": verdict.sentence,
                },
            )
        uow.commit()
        return verdict


def override_weight(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> PackView:
    """A supervisor accepts the open parcel's refused weight, with a reason (audited)."""
    actor.require(Action.RESOLVE_EXCEPTION)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("say why the weight is accepted (e.g. the SKU's weight is wrong)")
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at)
        parcel_no = loaded.pack.current_parcel.parcel_no
        row = _pack_parcels(session, loaded.order).get(parcel_no)
        if row is None or row.measured_g is None or row.closed_at is not None:
            raise PackingRefused(
                f"parcel {parcel_no} of order {loaded.order.order_no} has not been weighed"
                " — weigh it first; an override accepts a refused weight"
            )
        if row.weight_ok:
            raise PackingRefused(f"the weight of parcel {parcel_no} is within tolerance already")
        row.override_by, row.override_reason = actor.name, reason
        audit.record(
            session,
            actor,
            "pack weight overridden",
            "order",
            loaded.order.order_no,
            {"measured_g": row.measured_g, "expected_g": row.expected_g},
            {"station": station, "parcel_no": parcel_no, "reason": reason},
        )
        view = _view(session, loaded, station, actor.name)
        uow.commit()
        return view


#: The audited warning of a parcel closed at a station without a scale.
NO_SCALE_WARNING = "no scale at this station: parcel closed without a weight check"


def weigh_without_scale(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    *,
    now: dt.datetime | None = None,
) -> PackView:
    """The station has no scale and its settings say "warn" (ScaleSettings.when_missing): the
    open parcel is recorded as not weighed, with an audited warning ("pack weight not
    checked"), and close_parcel may go on.  A station whose settings say "block" must not call
    this (the screen refuses instead).  Changing the parcel afterwards needs it again."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded, parcel = _parcel_to_weigh(session, actor, order_no, station, at, "close it")
        expected = loaded.pack.parcel_expected_weight(parcel.parcel_no)
        row = _check_row(session, loaded.order, parcel.parcel_no)
        row.expected_g, row.measured_g = expected, None
        row.weight_ok, row.no_scale = False, True
        row.override_by = row.override_reason = None
        audit.record(
            session,
            actor,
            "pack weight not checked",
            "order",
            loaded.order.order_no,
            None,
            {
                "station": station,
                "parcel_no": parcel.parcel_no,
                "expected_g": expected,
                "warning": NO_SCALE_WARNING,
            },
        )
        view = _view(session, loaded, station, actor.name)
        uow.commit()
        return view


# --- closing and the waybill -----------------------------------------------------------------


def _shipping_parcel(session: Session, order: Order, parcel_no: int) -> Parcel:
    parcel = _shipping_parcels(session, order).get(parcel_no)
    if parcel is None:
        parcel = Parcel(order_id=order.id, parcel_no=parcel_no, carrier=order.carrier)
        session.add(parcel)
        session.flush()
    return parcel


def close_parcel(
    uow: UnitOfWork, actor: Actor, order_no: str, station: str, *, now: dt.datetime | None = None
) -> PackView:
    """Close the open parcel once it is weighed (or the weight overridden).  With every item
    scanned, the order is closed too (packing → packed, audited) — refused while anything of
    can_close() is missing; otherwise the next parcel starts."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at)
        order, pack = loaded.order, loaded.pack
        blocked = _blocked(loaded) or (
            f"order {order.order_no} is packed already — scan the waybill label"
            if order.status == OrderStatus.PACKED.value
            else None
        )
        if blocked:
            raise OrderBlocked(blocked)
        parcel = pack.current_parcel
        if not parcel.units:
            raise PackingRefused(
                f"parcel {parcel.parcel_no} of order {order.order_no} is empty — scan items into"
                " it before closing it"
            )
        final = pack.complete
        if final:
            reasons = pack.can_close()
            if reasons:
                raise CannotClose(order.order_no, reasons)
        row = _pack_parcels(session, order).get(parcel.parcel_no)
        weighed = row is not None and row.measured_g is not None
        if row is None or not (row.no_scale or (weighed and (row.weight_ok or row.override_by))):
            expected = pack.parcel_expected_weight(parcel.parcel_no)
            refused = weighed
            raise WeightNotChecked(
                f"parcel {parcel.parcel_no} of order {order.order_no}: the weight was refused"
                " — find what is wrong and weigh it again, or ask a supervisor to accept it"
                if refused
                else f"parcel {parcel.parcel_no} of order {order.order_no} is not weighed yet"
                f" — put it on the scale (about {expected:,} g expected)"
            )
        if not final:
            _persist(session, order, pack.next_parcel(actor.name), at)
        row.closed_at, row.closed_by = at, actor.name
        box = _shipping_parcel(session, order, parcel.parcel_no)
        box.weight_g = row.measured_g
        if final:
            _move(
                session,
                actor,
                order,
                OrderStatus.PACKED,
                station=station,
                parcels=len([p for p in pack.parcels if p.units]),
                units=pack.units_scanned,
            )
        else:
            audit.record(
                session,
                actor,
                "pack parcel closed",
                "order",
                order.order_no,
                None,
                {"station": station, "parcel_no": parcel.parcel_no, "units": parcel.units},
            )
        view = _view(session, loaded, station, actor.name)
        uow.commit()
        return view


def _label_owner(session: Session, number: str) -> tuple[str, int] | None:
    row = session.execute(
        select(Order.order_no, Parcel.parcel_no)
        .join(Order, Order.id == Parcel.order_id)
        .where(Parcel.tracking_no == number)
    ).first()
    return (row[0], row[1]) if row else None


def confirm_waybill(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    scanned_code: str,
    *,
    now: dt.datetime | None = None,
) -> WaybillResult:
    """The waybill label stuck on the closed parcel was scanned: it must be the parcel's bound
    tracking number.  When the last parcel's label matches on a packed order, the order is
    shipped (audited) and the claim released."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at)
        order = loaded.order
        status = OrderStatus(order.status)
        if status not in (OrderStatus.PACKING, OrderStatus.PACKED):
            raise OrderBlocked(
                loaded.pack.order.blocked_reason() or f"order {order.order_no} cannot ship now"
            )
        checks = _pack_parcels(session, order)
        parcel_no = _awaiting_waybill(checks)
        if parcel_no is None:
            raise PackingRefused(
                f"no parcel of order {order.order_no} is closed and waiting for its label"
                f" — close parcel {loaded.pack.current_parcel.parcel_no} first"
            )
        box = _shipping_parcels(session, order).get(parcel_no)
        if box is None or not box.tracking_no:
            raise WrongWaybill(
                f"parcel {parcel_no} of order {order.order_no} has no tracking number yet"
                " — print its waybill first, then scan the label"
            )
        number = normalize_tracking(scanned_code)
        if number != box.tracking_no:
            owner = _label_owner(session, number)
            if owner is not None and owner[0] != order.order_no:
                sentence = (
                    f"this label belongs to order {owner[0]}, not {order.order_no} — take it off"
                    f" and stick on the label {box.tracking_no}"
                )
            else:
                which = f" (it is parcel {owner[1]}'s)" if owner is not None else ""
                sentence = (
                    f"{number or 'this code'} is not this parcel's label{which}: parcel"
                    f" {parcel_no} of order {order.order_no} has {box.tracking_no}"
                    " — stick on the right label and scan it"
                )
            audit.record(
                session,
                actor,
                "pack waybill refused",
                "order",
                order.order_no,
                None,
                {"station": station, "parcel_no": parcel_no, "code": scanned_code},
            )
            uow.commit()  # the refusal is recorded; nothing else changed
            raise WrongWaybill(sentence)
        check = checks[parcel_no]
        check.waybill_at, check.waybill_by = at, actor.name
        audit.record(
            session,
            actor,
            "pack waybill confirmed",
            "order",
            order.order_no,
            None,
            {"station": station, "parcel_no": parcel_no, "tracking_no": number},
        )
        shipped = False
        if status is OrderStatus.PACKED and _awaiting_waybill(checks) is None:
            _move(session, actor, order, OrderStatus.SHIPPED, station=station)
            _release(session, actor, order, reason="shipped")
            shipped = True
        next_waybill = _awaiting_waybill(checks)
        uow.commit()
        return WaybillResult(order.order_no, parcel_no, number, shipped, next_waybill)


def _release(
    session: Session, actor: Actor, order: Order, *, reason: str, forced: bool = False
) -> None:
    claim = _claim_of(session, order)
    if claim is None:
        return
    audit.record(
        session,
        actor,
        "pack claim released",
        "order",
        order.order_no,
        {"station": claim.station, "packer": claim.packer},
        {"reason": reason, "forced": forced},
    )
    session.execute(delete(PackClaim).where(PackClaim.id == claim.id))


def release_claim(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    *,
    force: bool = False,
    reason: str = "",
) -> bool:
    """Let go of the order at this station (False: no station held it).  ``force`` (a
    supervisor) releases another station's claim.  An order with nothing scanned goes back to
    picked; scanned items stay recorded for whoever opens it next."""
    actor.require(Action.PICK)
    station = _station(station)
    with uow:
        session = uow.session
        order = find_order(session, order_no)
        claim = _claim_of(session, order)
        if claim is None:
            return False
        if claim.station != station:
            if not force:
                raise NotOpenHere(
                    f"order {order.order_no} is held by station {claim.station}"
                    f" ({claim.packer}) — only that station or a supervisor can release it"
                )
            actor.require(Action.RESOLVE_EXCEPTION)
            if not reason.strip():
                raise InvalidInput("say why the other station's claim is released")
        _release(session, actor, order, reason=reason.strip() or "released", forced=force)
        if order.status == OrderStatus.PACKING.value:
            loaded = _load(session, order)
            if loaded.pack.units_scanned == 0 and not _pack_parcels(session, order):
                _move(session, actor, order, OrderStatus.PICKED, station=station)
        uow.commit()
        return True


# --- figures ---------------------------------------------------------------------------------


def packer_today(
    uow: UnitOfWork, actor: Actor, *, today: dt.date | None = None, now: dt.datetime | None = None
) -> PackerToday:
    """Orders and units the packer closed today (UTC day), and units per hour since the
    packer's first pack event of the day."""
    at = now or utcnow()
    day = today or at.date()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    with uow.reading() as session:
        packed = session.scalars(
            select(AuditEvent.after).where(
                AuditEvent.actor == actor.name,
                AuditEvent.action == "order.packed",
                AuditEvent.at >= start,
                AuditEvent.at < end,
            )
        ).all()
        first = session.scalar(
            select(func.min(PackEventRecord.at)).where(
                PackEventRecord.by == actor.name,
                PackEventRecord.at >= start,
                PackEventRecord.at < end,
            )
        )
    units = 0
    for after in packed:
        value = (after or {}).get("units", 0)
        units += value if isinstance(value, int) else 0
    hours = max((at - first).total_seconds() / 3600, 1 / 60) if first else 0.0
    per_hour = round(units / hours, 1) if hours else 0.0
    return PackerToday(len(packed), units, per_hour)


def order_at_slot(uow: UnitOfWork, wave_code: str, slot: int) -> str:
    """The order sorted into ``slot`` (格口) of the wave: what the packer has in front of them
    when the cart's slot is scanned or typed after the wave."""
    with uow.reading() as session:
        wave = session.scalar(select(Wave).where(Wave.code == wave_code.strip().upper()))
        if wave is None:
            raise NotFound(f"no wave {wave_code}")
        order_no = session.scalar(
            select(Order.order_no)
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .where(WaveOrder.wave_id == wave.id, WaveOrder.slot == slot)
        )
        if order_no is None:
            slots = sorted(
                s
                for s in session.scalars(select(WaveOrder.slot).where(WaveOrder.wave_id == wave.id))
                if s is not None
            )
            if not slots:
                raise InvalidInput(
                    f"wave {wave.code} has no slots (a single-item wave): scan the item or the "
                    "order number"
                )
            raise NotFound(
                f"wave {wave.code} has no slot {slot}; its slots are {slots[0]} to {slots[-1]}"
            )
        return str(order_no)


@dataclass(frozen=True)
class ClaimInfo:
    order_no: str
    station: str
    packer: str
    claimed_at: dt.datetime
    heartbeat_at: dt.datetime
    stale: bool  # older than CLAIM_TIMEOUT: another station may take the order over


def claims(uow: UnitOfWork, *, now: dt.datetime | None = None) -> list[ClaimInfo]:
    """Which station holds which order (for a supervisor: who packs what, what is stuck)."""
    at = now or utcnow()
    with uow.reading() as session:
        rows = session.execute(
            select(Order.order_no, PackClaim)
            .join(PackClaim, PackClaim.order_id == Order.id)
            .order_by(PackClaim.claimed_at)
        ).all()
    return [
        ClaimInfo(
            order_no,
            c.station,
            c.packer,
            c.claimed_at,
            c.heartbeat_at,
            c.heartbeat_at <= at - CLAIM_TIMEOUT,
        )
        for order_no, c in rows
    ]
