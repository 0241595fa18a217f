"""The pack station (验货打包): open an order, check every item scan, weigh, close, scan the
waybill.  The rules are app.domain.packing's; this module persists them.

    view = open_order(uow(), actor, "TB001", "PACK-01")    # order no, bound waybill, or item
    result = scan_item(uow(), actor, "TB001", "PACK-01", "6901234567892")
    check_weight(uow(), actor, "TB001", "PACK-01", 612.0)
    close_parcel(uow(), actor, "TB001", "PACK-01")          # picked → packing → packed
    confirm_waybill(uow(), actor, "TB001", "PACK-01", "SF1234567890123")  # → handover

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
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventKind
from app.domain.orders import OrderStatus
from app.domain.packing import (
    CannotClose,
    PackEvent,
    PackLine,
    PackOrder,
    PackRefused,
    PackSession,
    ParcelCheck,
    ResolvedScan,
    ScanReason,
    WeightNotChecked,
    WeightVerdict,
    WrongWaybill,
)
from app.domain.scans import ItemScan, Scan, ScanKind, classify
from app.domain.users import Action, Actor
from app.messages import Message, grams
from app.messages import packing as msg
from app.messages import waves as wave_msg
from app.messages.words import status_word
from app.services import audit, lifecycle
from app.services.shipping import find_order

__all__ = [
    "CannotClose",
    "ClaimedElsewhere",
    "NotOpenHere",
    "OrderBlocked",
    "PackOrderCache",
    "PackingRefused",
    "WeightNotChecked",
    "WrongWaybill",
]

#: A claim without a heartbeat for this long may be taken over by another station.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)

#: The wave kind whose orders may be opened by scanning the item itself (一单一货).
SINGLE_ITEM_WAVE = "single-item"


# --- refusals --------------------------------------------------------------------------------


#: A pack-station action was refused; nothing was changed (the domain's refusal).
PackingRefused = PackRefused
#: The order is cancelled, on hold, changed or otherwise not waiting to be packed.
OrderBlocked = rules.PackBlocked


class ClaimedElsewhere(PackingRefused):
    def __init__(self, order_no: str, station: str, packer: str, since: dt.datetime) -> None:
        self.order_no = order_no
        self.station = station
        self.packer = packer
        self.since = since
        super().__init__(
            msg.CLAIMED_ELSEWHERE(
                order=order_no, station=station, packer=packer, since=f"{since:%H:%M}"
            )
        )


class NotOpenHere(PackingRefused):
    """The station does not hold the order's claim (never opened, released or taken over)."""


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
    #: the damage check must be confirmed (a fragile item is in the order, or the station
    #: checks every order)
    fragile: bool
    damage_checked: bool
    #: why the order must not be packed now, with what to do; None = go on
    blocked: Message | None
    parcels: tuple[ParcelView, ...]
    open_parcel: int
    last_seq: int
    #: what is still missing before the order can be closed ([] = it can)
    can_close: tuple[Message, ...]
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
    message: Message
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
    #: the order shipped here (the station ships at the pack station: no handover step)
    shipped: bool
    #: the next closed parcel whose label is to be scanned, if any
    next_waybill: int | None
    #: every label of the packed order is checked: it waits for the courier's handover
    #: (or has shipped, with ``shipped``)
    done: bool = False


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
        raise InvalidInput(msg.NO_STATION_NAME())
    return name


_StaticOrder = tuple[tuple[PackLine, ...], tuple[rules.Insert, ...], dict[int, list[int]]]


class PackOrderCache:
    """What a pack station keeps of the orders it packs between scans.

    Lines, their SKUs, barcodes and picked lots do not change while an order is packed, so a
    station reads them once per order (and database, and order version ``updated_at``) and a
    scan then reads only the order's status, its claim and its events.  One cache belongs to
    one station (``app.stations.pack.PackStation``); the services work without one.

    The station's pack rule travels with it: ``always_check_damage`` (the station setting
    "damage check on every order", 检查外观无破损污渍) makes every order's last parcel wait for
    the damage check, not only an order with a fragile item.
    """

    def __init__(self, size: int = 256, *, always_check_damage: bool = False) -> None:
        self.size = size
        self.always_check_damage = always_check_damage
        self._orders: OrderedDict[tuple[str, int, dt.datetime], _StaticOrder] = OrderedDict()

    def get(self, session: Session, order: Order) -> _StaticOrder:
        key = (str(session.get_bind().engine.url), order.id, order.updated_at)
        found = self._orders.get(key)
        if found is None:
            found = _read_pack_order(session, order)
            self._orders[key] = found
            while len(self._orders) > self.size:
                self._orders.popitem(last=False)
        else:
            self._orders.move_to_end(key)
        return found


def _pack_order(
    session: Session, order: Order, cache: PackOrderCache | None = None
) -> tuple[PackOrder, dict[int, list[int]]]:
    """The order as the pack check sees it, and the lots (ids) each line was picked from."""
    lines, inserts, lots_of = (
        cache.get(session, order) if cache is not None else _read_pack_order(session, order)
    )
    pack = PackOrder(
        order.order_no,
        OrderStatus(order.status),
        lines,
        inserts,
        note=order.note,
        changed_since_pick=order.changed_at is not None,
        changes=tuple(order.changes or ()),
    )
    return pack, lots_of


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


def _load(session: Session, order: Order, cache: PackOrderCache | None = None) -> _Loaded:
    pack_order, lots = _pack_order(session, order, cache)
    always = cache is not None and cache.always_check_damage
    restored = PackSession.restore(pack_order, _events(session, order), always_check_damage=always)
    return _Loaded(order, restored, lots)


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
        raise PackingRefused(msg.SAME_MOMENT(order=order.order_no)) from exc


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
            raise PackingRefused(msg.JUST_OPENED_ELSEWHERE(order=order.order_no)) from exc
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
        raise NotOpenHere(msg.NOT_OPEN_HERE(order=order.order_no, station=station))
    if claim.station != station:
        raise NotOpenHere(
            msg.HELD_ELSEWHERE(
                order=order.order_no, station=claim.station, packer=claim.packer, here=station
            )
        )
    claim.heartbeat_at = now
    return claim


def _open_for_action(
    session: Session,
    actor: Actor,
    order_no: str,
    station: str,
    now: dt.datetime,
    cache: PackOrderCache | None = None,
) -> _Loaded:
    order = find_order(session, order_no, lock=True)
    _require_claim(session, actor, order, station, now)
    return _load(session, order, cache)


# --- the view --------------------------------------------------------------------------------


def _pack_parcels(session: Session, order: Order) -> dict[int, PackParcel]:
    """The order's parcel rows, read once per action (the session's memo: a new row added by
    ``_check_row`` joins it)."""
    memo: dict[int, dict[int, PackParcel]] = session.info.setdefault("pack_parcels", {})
    rows = memo.get(order.id)
    if rows is None:
        found = session.scalars(select(PackParcel).where(PackParcel.order_id == order.id))
        rows = memo[order.id] = {row.parcel_no: row for row in found}
    return rows


def _shipping_parcels(session: Session, order: Order) -> dict[int, Parcel]:
    rows = session.scalars(select(Parcel).where(Parcel.order_id == order.id))
    return {row.parcel_no: row for row in rows}


def _check(row: PackParcel) -> ParcelCheck:
    return ParcelCheck(
        parcel_no=row.parcel_no,
        expected_g=row.expected_g,
        measured_g=row.measured_g,
        weight_ok=bool(row.weight_ok),
        overridden=bool(row.override_by),
        not_weighed=bool(row.no_scale),
        closed=row.closed_at is not None,
        waybill_confirmed=row.waybill_at is not None,
    )


def _checks(session: Session, order: Order) -> dict[int, ParcelCheck]:
    """The station's record of each parcel (weighing, closing, waybill) for the domain's gates."""
    return {no: _check(row) for no, row in _pack_parcels(session, order).items()}


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
    checks = _checks(session, order)
    shipped = _shipping_parcels(session, order)
    parcels = []
    for state in pack.parcels:
        check = checks.get(state.parcel_no)
        box = shipped.get(state.parcel_no)
        closed = state.closed or (check is not None and check.closed)
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
                weight_overridden=bool(check and check.overridden),
                waybill_confirmed=bool(check and check.waybill_confirmed),
                not_weighed=bool(check and check.not_weighed),
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
        blocked=pack.blocked(),
        parcels=tuple(parcels),
        open_parcel=pack.current_parcel.parcel_no,
        last_seq=pack.last_seq,
        can_close=can_close,
        awaiting_waybill=rules.awaiting_waybill(checks),
        found_by=found_by,
        took_over_from=took_over_from,
    )


# --- opening ---------------------------------------------------------------------------------


def _item(item: ItemScan | str) -> ItemScan:
    return ItemScan.of(item) if isinstance(item, str) else item


def _sku_of(session: Session, item: ItemScan) -> str | None:
    """The SKU the scanned item belongs to: by barcode, else by its SKU code."""
    code = session.scalar(
        select(Sku.code)
        .join(Barcode, Barcode.sku_id == Sku.id)
        .where(Barcode.lookup == item.lookup)
    )
    if code is None:
        code = session.scalar(select(Sku.code).where(Sku.code == item.raw.strip()))
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


def _find_for_open(session: Session, scan: Scan, now: dt.datetime) -> tuple[Order, str]:
    """The order a scan at an idle pack station opens: its order number, a tracking number
    bound to it, or (single-item waves) the item itself."""
    text = scan.value.strip()
    orders = session.scalars(select(Order).where(Order.order_no == text).limit(2)).all()
    if len(orders) > 1:
        shops = ", ".join(sorted(o.shop for o in orders))
        raise InvalidInput(msg.ORDER_IN_SHOPS(order=text, shops=shops))
    if orders:
        return orders[0], "order"
    parcel = session.scalar(select(Parcel).where(Parcel.tracking_no == normalize_tracking(text)))
    if parcel is not None:
        order = session.get(Order, parcel.order_id)
        assert order is not None
        return order, "tracking"
    sku = _sku_of(session, scan.item) if ScanKind(scan.kind).is_item else None
    if sku is not None:
        found = _single_item_order(session, sku, now)
        if found is None:
            raise NotFound(msg.NO_SINGLE_ITEM_ORDER(sku=sku))
        return found, "item"
    raise NotFound(msg.NOTHING_MATCHES(code=text))


def _scan_of(code: Scan | str) -> Scan:
    if isinstance(code, Scan):
        return code
    if not code.strip():
        raise InvalidInput(msg.NOTHING_SCANNED())
    return classify(code, source="text")


def open_order(
    uow: UnitOfWork,
    actor: Actor,
    code: Scan | str,
    station: str,
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    cache: PackOrderCache | None = None,
) -> PackView:
    """Open an order at the station by its order number, a tracking number bound to it, or (a
    single-item wave) the item itself — which then counts as the first scan.  Claims the order,
    moves it picked → packing and restores the session from its events.  *code*: the scan (a
    text is classified first: the command line, tests)."""
    actor.require(Action.PICK)
    station = _station(station)
    now = now or utcnow()
    scan = _scan_of(code)
    with uow:
        session = uow.session
        order, found_by = _find_for_open(session, scan, now)
        session.refresh(order, with_for_update=True)  # a cancel meanwhile is seen, or waits
        status = OrderStatus(order.status)
        mine = (claim := _claim_of(session, order)) is not None and claim.station == station
        if status not in (OrderStatus.PICKED, OrderStatus.PACKING, OrderStatus.PACKED):
            if status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED):
                raise OrderBlocked(
                    msg.ALREADY_DONE(order=order.order_no, status=status_word(status))
                )
            if not mine:
                blocked = _load(session, order, cache).pack.order.blocked_reason()
                raise OrderBlocked(
                    blocked or msg.NOT_PACKABLE(order=order.order_no, status=status_word(status))
                )
        if order.changed_at is not None:  # the platform changed it after picking
            said = rules.pack_blocked(
                order.order_no, status, changed=True, changes=order.changes or ()
            )
            raise OrderBlocked(said or msg.CHANGED(order=order.order_no))
        if status is OrderStatus.PACKED and not mine and _all_labels_checked(session, order):
            raise OrderBlocked(msg.WAITS_FOR_HANDOVER(order=order.order_no))
        took_over = _take_claim(session, actor, order, station, now)
        if status is OrderStatus.PICKED:
            lifecycle.move(session, actor, order, OrderStatus.PACKING, station=station)
        loaded = _load(session, order, cache)
        if found_by == "item":
            _scan(session, actor, loaded, station, scan.item, None, today or now.date(), now)
        view = _view(
            session, loaded, station, actor.name, found_by=found_by, took_over_from=took_over
        )
        _note(
            uow,
            actor,
            EventKind.PACK_OPENED,
            order.order_no,
            station,
            now,
            code=scan.raw,
            today=(today or now.date()).isoformat(),
        )
        uow.commit()
        return view


def _all_labels_checked(session: Session, order: Order) -> bool:
    """Every parcel of the packed order closed and its waybill scanned: packing is done."""
    checks = _checks(session, order)
    return bool(checks) and rules.awaiting_waybill(checks) is None


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
    at = now or utcnow()
    with uow:
        claims = uow.session.scalars(select(PackClaim).where(PackClaim.station == station)).all()
        for claim in claims:
            claim.heartbeat_at = at
        if claims:
            # The central database keeps the claims fresh too (else another station could
            # take over an order this one is packing offline-first).
            uow.record(
                EventKind.PACK_HEARTBEAT,
                {"station": station, "at": at.isoformat()},
                claims[0].packer,
            )
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
    return loaded.pack.require_open_parcel(_checks(session, loaded.order)).parcel_no


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
    item: ItemScan,
    qty: int | None,
    today: dt.date,
    now: dt.datetime,
) -> rules.ScanVerdict:
    sku = _sku_of(session, item)
    verdict = loaded.pack.check_scan(
        ResolvedScan.of(item, sku), today=today, by=actor.name, qty=qty
    )
    if sku and verdict.reason in (ScanReason.NOT_IN_ORDER, ScanReason.OVER_QUANTITY):
        # Only a refusal asks whether the item belongs to another order open here.
        other = _other_open_order(session, loaded.order, station, sku)
        if other is not None:
            verdict = loaded.pack.check_scan(
                ResolvedScan.of(item, sku, other), today=today, by=actor.name, qty=qty
            )
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
                "code": item.raw,
                "qty": qty,
                "reason": verdict.reason.value,
                "message": verdict.message.to_json(),
            },
        )
    return verdict


def scan_item(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    item: ItemScan | str,
    qty: int | None = None,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
) -> ScanResult:
    """Check one item scan (qty: a typed quantity for bulk lines).  Accepted: the event is
    persisted before this returns.  Refused: only an audit event is written."""
    actor.require(Action.PICK)
    station = _station(station)
    now = now or utcnow()
    scanned = _item(item)
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, now, cache)
        verdict = _scan(session, actor, loaded, station, scanned, qty, today or now.date(), now)
        view = _view(session, loaded, station, actor.name)
        _note(
            uow,
            actor,
            EventKind.PACK_SCANNED,
            loaded.order.order_no,
            station,
            now,
            item=scanned.raw,
            qty=qty,
            today=(today or now.date()).isoformat(),
            accepted=verdict.accepted,
        )
        uow.commit()
    line = verdict.line
    return ScanResult(
        verdict.accepted,
        verdict.reason,
        verdict.message,
        line.sku if line else None,
        line.line_id if line else None,
        verdict.scanned,
        line.qty if line else 0,
        verdict.event.seq if verdict.event else None,
        view,
    )


def _note(
    uow: UnitOfWork,
    actor: Actor,
    kind: EventKind,
    order_no: str,
    station: str,
    at: dt.datetime,
    **data: object,
) -> None:
    """The action's event for the central database (a station's outbox; nothing elsewhere)."""
    payload = {"order_no": order_no, "station": station, "at": at.isoformat(), **data}
    uow.record(kind, payload, actor.name)


def _session_action(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    now: dt.datetime | None,
    act: Callable[[Session, _Loaded, dt.datetime], None],
    cache: PackOrderCache | None = None,
    event: tuple[EventKind, dict[str, object]] | None = None,
) -> PackView:
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        act(session, loaded, at)
        view = _view(session, loaded, station, actor.name)
        if event is not None:
            _note(uow, actor, event[0], loaded.order.order_no, station, at, **event[1])
        uow.commit()
        return view


def undo_last(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    *,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
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

    return _session_action(
        uow, actor, order_no, station, now, act, cache, (EventKind.PACK_UNDONE, {})
    )


def confirm_insert(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    code: str,
    *,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
) -> PackView:
    """The insert (flyer, card, sample) is in the parcel."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _record(session, loaded, loaded.pack.confirm_insert(code.strip(), actor.name), now)

    return _session_action(
        uow, actor, order_no, station, now, act, cache, (EventKind.PACK_INSERT, {"code": code})
    )


def confirm_damage_check(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    *,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
) -> PackView:
    """The items were looked over and none is damaged."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _record(session, loaded, loaded.pack.confirm_damage_check(actor.name), now)

    return _session_action(
        uow, actor, order_no, station, now, act, cache, (EventKind.PACK_DAMAGE_CHECKED, {})
    )


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
    cache: PackOrderCache | None = None,
) -> PackView:
    """The box or bag of the open parcel; its tare counts in the expected weight."""
    if tare_g < 0:
        raise InvalidInput(msg.NEGATIVE_TARE(what=name or code, tare=grams(tare_g)))

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        packaging = rules.Packaging(code.strip(), name.strip(), tare_g, size.strip())
        event = loaded.pack.choose_packaging(packaging, actor.name)
        _persist(session, loaded.order, event, now)
        _clear_weight(session, loaded.order, event.parcel_no)

    chosen = {"code": code, "name": name, "tare_g": tare_g, "size": size}
    return _session_action(
        uow, actor, order_no, station, now, act, cache, (EventKind.PACK_PACKAGING, chosen)
    )


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
    cache: PackOrderCache | None = None,
) -> PackView:
    """A damaged unit comes out of the open parcel (the line needs one more scan).  When the
    lot it was picked from is known and a quarantine location exists, the unit is booked into
    quarantine (a "quarantine" stock move, +1 on the lot at the quarantine location — it left
    its shelf lot with the pick); otherwise the audit event says it is to be booked by hand."""

    def act(session: Session, loaded: _Loaded, now: dt.datetime) -> None:
        _swap(session, actor, loaded, station, line_id, now)

    return _session_action(
        uow,
        actor,
        order_no,
        station,
        now,
        act,
        cache,
        (EventKind.PACK_DAMAGED, {"line_id": line_id}),
    )


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


def _damaged_line(loaded: _Loaded, session: Session, item: ItemScan) -> int:
    """The line of the open parcel a scan of the damaged item belongs to."""
    pack = loaded.pack
    sku = _sku_of(session, item)
    key = ResolvedScan.of(item, sku).key
    lines = [
        line
        for line in pack.order.lines
        if (line.sku == sku if sku is not None else key in line.barcodes)
    ]
    if item.lot is not None:
        lines = [line for line in lines if line.lot is None or line.lot == item.lot] or lines
    if not lines:
        raise PackingRefused(
            msg.DAMAGED_NOT_IN_ORDER(
                what=rules.item_words(sku, item.raw), order=loaded.order.order_no
            )
        )
    inside = dict(pack.current_parcel.contents)
    with_units = [line for line in lines if inside.get(line.line_id, 0) > 0]
    return (with_units or lines)[-1].line_id


def swap_damaged_item(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    item: ItemScan | str,
    *,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
) -> DamagedResult:
    """:func:`swap_damaged` for the line of the scanned damaged item (its barcode or SKU code):
    the unit comes out of the open parcel and is booked to quarantine; the line needs one more
    scan (a replacement)."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        line_id = _damaged_line(loaded, session, _item(item))
        booked = _swap(session, actor, loaded, station, line_id, at)
        view = _view(session, loaded, station, actor.name)
        _note(
            uow, actor, EventKind.PACK_DAMAGED, loaded.order.order_no, station, at, line_id=line_id
        )
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
    rows = _pack_parcels(session, order)
    row = rows.get(parcel_no)
    if row is None:
        row = rows[parcel_no] = PackParcel(order_id=order.id, parcel_no=parcel_no, weight_ok=False)
        session.add(row)
    return row


def check_weight(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    measured_g: float,
    tare_g: int | None = None,
    *,
    now: dt.datetime | None = None,
    packaging: Sequence[str] = (),
    cache: PackOrderCache | None = None,
) -> WeightVerdict:
    """Weigh the open parcel: its contents + the packaging's tare (or *tare_g*) against the
    scale.  *packaging*: the station's box and bag codes — when it has some, the parcel must be
    in one of them first.  The verdict is kept for close_parcel; a refusal is audited."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        checks = _checks(session, loaded.order)
        verdict = loaded.pack.weigh(measured_g, checks, tare_g=tare_g, packaging=packaging)
        parcel = loaded.pack.current_parcel
        expected = verdict.expected_g
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
                    "message": verdict.message.to_json(),
                },
            )
        _note(
            uow,
            actor,
            EventKind.PACK_WEIGHED,
            loaded.order.order_no,
            station,
            at,
            measured_g=measured_g,
            tare_g=tare_g,
            packaging=list(packaging),
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
    cache: PackOrderCache | None = None,
) -> PackView:
    """A supervisor accepts the open parcel's refused weight, with a reason (audited)."""
    actor.require(Action.RESOLVE_EXCEPTION)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(msg.OVERRIDE_REASON_MISSING())
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        parcel_no = loaded.pack.check_override(_checks(session, loaded.order))
        row = _pack_parcels(session, loaded.order)[parcel_no]
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
        _note(
            uow,
            actor,
            EventKind.PACK_WEIGHT_OVERRIDDEN,
            loaded.order.order_no,
            station,
            at,
            reason=reason,
        )
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
    cache: PackOrderCache | None = None,
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
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        parcel = loaded.pack.parcel_to_weigh(_checks(session, loaded.order))
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
        _note(uow, actor, EventKind.PACK_NO_SCALE, loaded.order.order_no, station, at)
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
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    station: str,
    *,
    now: dt.datetime | None = None,
    cache: PackOrderCache | None = None,
) -> PackView:
    """Close the open parcel once it is weighed (or the weight overridden).  With every item
    scanned, the order is closed too (packing → packed, audited) — refused while anything of
    can_close() is missing; otherwise the next parcel starts."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        order, pack = loaded.order, loaded.pack
        final = pack.check_close(_checks(session, order))
        parcel = pack.current_parcel
        row = _pack_parcels(session, order)[parcel.parcel_no]
        if not final:
            _persist(session, order, pack.next_parcel(actor.name), at)
        row.closed_at, row.closed_by = at, actor.name
        box = _shipping_parcel(session, order, parcel.parcel_no)
        box.weight_g = row.measured_g
        if final:
            lifecycle.move(
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
        _note(uow, actor, EventKind.PACK_CLOSED, order.order_no, station, at)
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
    cache: PackOrderCache | None = None,
    ship_at_pack: bool = False,
) -> WaybillResult:
    """The waybill label stuck on the closed parcel was scanned: it must be the parcel's bound
    tracking number.  When the last parcel's label matches on a packed order, the claim is
    released and the order waits, packed, for the courier's handover (app.services.handover
    ships it); a station that ships at the pack station (*ship_at_pack*: a warehouse without a
    handover step) ships it here (audited)."""
    actor.require(Action.PICK)
    station = _station(station)
    at = now or utcnow()
    with uow:
        session = uow.session
        loaded = _open_for_action(session, actor, order_no, station, at, cache)
        order = loaded.order
        status = OrderStatus(order.status)
        checks = _checks(session, order)
        numbers = {no: p.tracking_no for no, p in _shipping_parcels(session, order).items()}
        parcel_no, expected = loaded.pack.waybill_parcel(checks, numbers)
        number = normalize_tracking(scanned_code)
        refusal = loaded.pack.label_refusal(
            parcel_no, expected, number, _label_owner(session, number) if number else None
        )
        if refusal is not None:
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
            raise WrongWaybill(refusal)
        row = _pack_parcels(session, order)[parcel_no]
        row.waybill_at, row.waybill_by = at, actor.name
        audit.record(
            session,
            actor,
            "pack waybill confirmed",
            "order",
            order.order_no,
            None,
            {"station": station, "parcel_no": parcel_no, "tracking_no": number},
        )
        checks[parcel_no] = _check(row)
        shipped = done = False
        next_waybill = rules.awaiting_waybill(checks)
        if status is OrderStatus.PACKED and next_waybill is None:
            done = True
            if ship_at_pack:
                lifecycle.move(session, actor, order, OrderStatus.SHIPPED, station=station)
                shipped = True
            _release(session, actor, order, reason="shipped" if shipped else "packed")
        _note(
            uow,
            actor,
            EventKind.PACK_WAYBILL,
            order.order_no,
            station,
            at,
            code=scanned_code,
            ship_at_pack=ship_at_pack,
        )
        uow.commit()
        return WaybillResult(order.order_no, parcel_no, number, shipped, next_waybill, done)


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
    cache: PackOrderCache | None = None,
) -> bool:
    """Let go of the order at this station (False: no station held it).  ``force`` (a
    supervisor, with a reason) releases any station's claim, whichever station it names: a forced
    release is the supervisor's whatever the path.  An order with nothing scanned goes back to
    picked; scanned items stay recorded for whoever opens it next."""
    actor.require(Action.PICK)
    if force:
        actor.require(Action.RESOLVE_EXCEPTION)
        if not reason.strip():
            raise InvalidInput(msg.RELEASE_REASON_MISSING())
    station = _station(station)
    with uow:
        session = uow.session
        order = find_order(session, order_no, lock=True)
        claim = _claim_of(session, order)
        if claim is None:
            return False
        if claim.station != station and not force:
            raise NotOpenHere(
                msg.RELEASE_NOT_YOURS(
                    order=order.order_no, station=claim.station, packer=claim.packer
                )
            )
        _release(session, actor, order, reason=reason.strip() or "released", forced=force)
        if order.status == OrderStatus.PACKING.value:
            loaded = _load(session, order, cache)
            if loaded.pack.units_scanned == 0 and not _pack_parcels(session, order):
                lifecycle.move(session, actor, order, OrderStatus.PICKED, station=station)
        _note(
            uow,
            actor,
            EventKind.PACK_RELEASED,
            order.order_no,
            station,
            utcnow(),
            force=force,
            reason=reason,
        )
        uow.commit()
        return True


def watch_open(uow: UnitOfWork, order_no: str, shop: str, station: str) -> Message | None:
    """Why the order open at *station* must stop now, read afresh — a station asks every
    second, so that a cancellation or hold committed anywhere shows within two: cancelled, on
    hold, no longer packable, or no longer this station's (released or taken over).  None: go
    on.  Reads the order's status and claim only (no lines, no events)."""
    station = _station(station)
    with uow.reading() as session:
        found = session.execute(
            select(Order.id, Order.status, Order.changed_at, Order.changes).where(
                Order.order_no == order_no, Order.shop == shop
            )
        ).first()
        if found is None:
            return msg.NOT_OPEN_HERE(order=order_no, station=station)
        status = OrderStatus(found.status)
        # Packed and its claim still here: the station waits for the waybill scan.
        blocked = rules.pack_blocked(
            order_no,
            OrderStatus.PACKING if status is OrderStatus.PACKED else status,
            changed=found.changed_at is not None,
            changes=found.changes or (),
        )
        if blocked is not None:
            return blocked
        claim = session.execute(
            select(PackClaim.station, PackClaim.packer).where(PackClaim.order_id == found.id)
        ).first()
    if claim is None:
        return msg.NOT_OPEN_HERE(order=order_no, station=station)
    if claim.station != station:
        return msg.HELD_ELSEWHERE(
            order=order_no, station=claim.station, packer=claim.packer, here=station
        )
    return None


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
            raise NotFound(wave_msg.NO_WAVE(wave=wave_code))
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
                raise InvalidInput(msg.NO_SLOTS(wave=wave.code))
            raise NotFound(
                msg.NO_SUCH_SLOT(wave=wave.code, slot=slot, first=slots[0], last=slots[-1])
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
