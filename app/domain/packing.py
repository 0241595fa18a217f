"""The pack check (验货) at a packing station, pure.

A :class:`PackSession` holds one order and what has been done to it at the station: accepted item
scans (each going into the open parcel), undos, damaged units swapped out, inserts and the damage
check confirmed, parcels closed.  Every change is an *event* with a sequence number (1, 2, 3 …);
the session's state is exactly the result of applying its events in order, so a station that
crashed rebuilds the same state with :meth:`PackSession.restore` from the persisted events, and
applying an event twice changes nothing (:meth:`PackSession.replay` skips sequence numbers it has
already applied and refuses a different event under a number it knows).

A refused scan returns a :class:`ScanVerdict` with ``accepted=False`` and changes nothing; any
other refused action raises :class:`PackRefused` and changes nothing.  Sentences say what
happened and what to do; the UI translates them for display.

Rules (docs: DESIGN.md "Pack check"):

* only orders that are picked or packing, and have not changed since picking, take scans;
  cancelled / on-hold / changed orders are refused loudly with what to do with the items;
* a scan counts for one line; a line never gets more than its quantity (over-quantity refused);
* lot-tracked lines take only the picked lot (when the code carries a lot); expired lots
  (expiring today or before, from the code or from the picked lot — as allocation never
  allocates them) are refused;
* bulk lines need a typed quantity; other lines are scanned unit by unit;
* an order can close when every line is scanned to its exact quantity, every insert is confirmed
  and (for fragile items, or always when the station asks for it) the damage check is confirmed.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeAlias, TypeVar

from app.domain.barcodes import lookup_key
from app.domain.errors import DomainError
from app.domain.orders import OrderStatus
from app.domain.scans import ItemScan
from app.messages import Message, grams
from app.messages import packing as msg
from app.messages.orders import change_items
from app.messages.words import status_word


class PackRefused(DomainError):
    """A pack-station action was refused; the session is unchanged."""


class PackBlocked(PackRefused):
    """The order is cancelled, on hold, changed or otherwise not waiting to be packed."""


class WeightNotChecked(PackRefused):
    """The open parcel is not weighed, or its weight was refused and not accepted."""


class CannotClose(PackRefused):
    def __init__(self, order_no: str, reasons: Sequence[Message]) -> None:
        self.reasons = list(reasons)
        super().__init__(msg.CANNOT_CLOSE(order=order_no, reasons=self.reasons))


class WrongWaybill(PackRefused):
    """The scanned label is not the closed parcel's waybill."""


#: Order states in which the pack check may run.
PACKABLE: frozenset[OrderStatus] = frozenset({OrderStatus.PICKED, OrderStatus.PACKING})


# --- what the order needs ------------------------------------------------------------------------


@dataclass(frozen=True)
class PackLine:
    """One line to pack: qty units of a SKU (of the picked lot, when the SKU is lot-tracked)."""

    line_id: int
    sku: str
    name: str
    qty: int
    lot: str | None = None
    expiry: dt.date | None = None
    gift: bool = False
    #: counted by a typed quantity (screws, stickers), not scanned unit by unit
    bulk: bool = False
    unit_weight_g: int = 0
    fragile: bool = False
    #: lookup keys (:func:`app.domain.barcodes.lookup_key`) of the SKU's barcodes
    barcodes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.qty < 1:
            raise ValueError(f"line {self.line_id}: quantity must be at least 1, not {self.qty}")
        if self.unit_weight_g < 0:
            raise ValueError(f"line {self.line_id}: unit weight cannot be negative")

    @property
    def label(self) -> Message:
        """How a sentence names the line: "gift SKU CUP-500 (Ceramic cup)"."""
        text = msg.LINE_NAMED(sku=self.sku, name=self.name) if self.name else msg.LINE(sku=self.sku)
        return msg.GIFT(line=text) if self.gift else text


@dataclass(frozen=True)
class Insert:
    """Something without a barcode that goes into the parcel: a flyer, a card, a sample."""

    code: str
    name: str


@dataclass(frozen=True)
class PackOrder:
    order_no: str
    status: OrderStatus
    lines: tuple[PackLine, ...]
    inserts: tuple[Insert, ...] = ()
    note: str = ""
    #: the address changed or the payment was withdrawn after the order was picked
    changed_since_pick: bool = False
    #: what the platform changed since picking ({"field", "old", "new"}), for the packer
    changes: tuple[Mapping[str, str], ...] = ()

    def __post_init__(self) -> None:
        ids = [line.line_id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError(f"order {self.order_no}: line ids repeat")
        codes = [insert.code for insert in self.inserts]
        if len(set(codes)) != len(codes):
            raise ValueError(f"order {self.order_no}: insert codes repeat")

    def line(self, line_id: int) -> PackLine:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise PackRefused(msg.NO_SUCH_LINE(order=self.order_no, line=line_id))

    def insert(self, code: str) -> Insert:
        for insert in self.inserts:
            if insert.code == code:
                return insert
        known = ", ".join(i.code for i in self.inserts) or "—"
        raise PackRefused(msg.INSERT_UNKNOWN(code=code, order=self.order_no, known=known))

    def blocked_reason(self) -> Message | None:
        """Why the order must not be packed now, with what to do with the items; None = go."""
        return pack_blocked(
            self.order_no, self.status, changed=self.changed_since_pick, changes=self.changes
        )


def pack_blocked(
    order_no: str,
    status: OrderStatus,
    *,
    changed: bool = False,
    changes: Sequence[Mapping[str, str]] = (),
) -> Message | None:
    """Why an order in *status* must not be packed now, with what to do with its items (None:
    go on) — for the pack check and for a station watching the order it has open.  An order
    the platform changed after picking says what changed, old → new."""
    if status is OrderStatus.CANCELLED:
        return msg.CANCELLED(order=order_no)
    if status is OrderStatus.ON_HOLD:
        return msg.ON_HOLD(order=order_no)
    if status is OrderStatus.NEW and changes:
        # The lines changed after allocation: the order is reviewed (and picked) again.
        return msg.BACK_TO_REVIEW(order=order_no, changes=change_items(changes))
    if changed and changes:
        return msg.CHANGED_WHAT(order=order_no, changes=change_items(changes))
    if changed:
        return msg.CHANGED(order=order_no)
    if status not in PACKABLE:
        return msg.NOT_PACKABLE(order=order_no, status=status_word(status))
    return None


# --- what the scanner read -----------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedScan:
    """An item scan resolved against the catalogue and the station (the pack check's input).

    ``sku`` is the SKU the code belongs to (None: not on any SKU); ``other_open_order`` is set
    when the code belongs to another order open at this station.  Without a SKU, the code is
    still matched against the lines' own barcodes.
    """

    raw: str
    sku: str | None
    lot: str | None = None
    expiry: dt.date | None = None
    other_open_order: str | None = None
    #: barcode lookup key; "" = derived from *raw*
    lookup: str = ""

    @classmethod
    def of(
        cls, item: ItemScan, sku: str | None, other_open_order: str | None = None
    ) -> ResolvedScan:
        return cls(item.raw, sku, item.lot, item.expiry, other_open_order, item.lookup)

    @property
    def key(self) -> str:
        return self.lookup or lookup_key(self.raw)


class ScanReason(StrEnum):
    ACCEPTED = "accepted"
    NOT_IN_ORDER = "not_in_order"
    OVER_QUANTITY = "over_quantity"
    UNKNOWN_BARCODE = "unknown_barcode"
    WRONG_LOT = "wrong_lot"
    EXPIRED_LOT = "expired_lot"
    OTHER_ORDER = "other_order"
    ORDER_BLOCKED = "order_blocked"
    BULK_NEEDS_QTY = "bulk_needs_qty"
    #: a typed quantity on a line that is scanned unit by unit
    SCAN_EACH_UNIT = "scan_each_unit"
    BAD_QUANTITY = "bad_quantity"


# --- events: the only way the state changes ------------------------------------------------------


@dataclass(frozen=True)
class Packaging:
    code: str
    name: str
    tare_g: int
    size: str = ""


@dataclass(frozen=True)
class ScanAccepted:
    seq: int
    by: str
    line_id: int
    qty: int
    parcel_no: int
    raw: str
    lot: str | None = None  # as read from the code (GS1 AI 10), if it carried one
    expiry: dt.date | None = None


@dataclass(frozen=True)
class ScanUndone:
    seq: int
    by: str
    undone_seq: int


@dataclass(frozen=True)
class InsertConfirmed:
    seq: int
    by: str
    code: str


@dataclass(frozen=True)
class DamageCheckConfirmed:
    seq: int
    by: str


@dataclass(frozen=True)
class DamagedSwappedOut:
    """One scanned unit taken out again as damaged (to be booked to quarantine)."""

    seq: int
    by: str
    line_id: int
    parcel_no: int


@dataclass(frozen=True)
class PackagingChosen:
    seq: int
    by: str
    parcel_no: int
    packaging: Packaging


@dataclass(frozen=True)
class ParcelClosed:
    """The parcel's contents are final; the next scans go into parcel_no + 1."""

    seq: int
    by: str
    parcel_no: int


@dataclass(frozen=True)
class PackReset:
    """The order's lines were replaced (the platform changed them after picking): what was
    packed before is undone — its units are put away — and packing starts again from an empty
    first parcel.  Events before it are history only."""

    seq: int
    by: str


PackEvent: TypeAlias = (
    PackReset
    | ScanAccepted
    | ScanUndone
    | InsertConfirmed
    | DamageCheckConfirmed
    | DamagedSwappedOut
    | PackagingChosen
    | ParcelClosed
)

_E = TypeVar("_E", bound=PackEvent)


# --- results and snapshots -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScanVerdict:
    accepted: bool
    reason: ScanReason
    message: Message
    line: PackLine | None = None
    #: units this scan counts (or would have counted)
    qty: int = 0
    #: the line's scanned units after the scan (unchanged when refused)
    scanned: int = 0
    #: the event to persist (accepted scans only)
    event: ScanAccepted | None = None


@dataclass(frozen=True)
class DamagedUnit:
    seq: int
    by: str
    line_id: int
    sku: str
    lot: str | None
    parcel_no: int


@dataclass(frozen=True)
class ParcelState:
    parcel_no: int
    #: (line_id, units) for the lines with units in this parcel, by line id
    contents: tuple[tuple[int, int], ...]
    packaging: Packaging | None
    closed: bool

    @property
    def units(self) -> int:
        return sum(n for _, n in self.contents)


@dataclass(frozen=True)
class LineProgress:
    line: PackLine
    scanned: int

    @property
    def missing(self) -> int:
        return self.line.qty - self.scanned

    @property
    def complete(self) -> bool:
        return self.scanned == self.line.qty


@dataclass(frozen=True)
class PackState:
    """Everything a session holds, comparable with ==."""

    order_no: str
    last_seq: int
    scans: tuple[ScanAccepted, ...]  # in effect (not undone), by sequence number
    parcels: tuple[ParcelState, ...]
    inserts_confirmed: frozenset[str]
    damage_checked: bool
    damaged: tuple[DamagedUnit, ...]


@dataclass
class _Parcel:
    parcel_no: int
    contents: dict[int, int] = field(default_factory=dict)
    packaging: Packaging | None = None
    closed: bool = False

    def freeze(self) -> ParcelState:
        contents = tuple(sorted((k, v) for k, v in self.contents.items() if v))
        return ParcelState(self.parcel_no, contents, self.packaging, self.closed)


@dataclass(frozen=True)
class ParcelCheck:
    """What the station recorded about a parcel besides its contents: its weighing (or that the
    station has no scale), its closing, and the scan of its printed waybill."""

    parcel_no: int
    expected_g: int | None = None
    measured_g: int | None = None
    weight_ok: bool = False
    overridden: bool = False
    #: closed without a weight check: the station has no scale and its settings warn
    not_weighed: bool = False
    closed: bool = False
    waybill_confirmed: bool = False

    @property
    def weighed(self) -> bool:
        return self.measured_g is not None

    @property
    def weight_accepted(self) -> bool:
        """The parcel may close: weighed within tolerance, accepted by a supervisor, or
        recorded as not weighed at a station without a scale."""
        return self.not_weighed or (self.weighed and (self.weight_ok or self.overridden))


def awaiting_waybill(checks: Mapping[int, ParcelCheck]) -> int | None:
    """The first closed parcel whose printed waybill has not been scanned yet."""
    waiting = [no for no, c in checks.items() if c.closed and not c.waybill_confirmed]
    return min(waiting) if waiting else None


# --- the session ---------------------------------------------------------------------------------


class PackSession:
    """The pack check of one order at one station."""

    def __init__(self, order: PackOrder, *, always_check_damage: bool = False) -> None:
        self._order = order
        self.always_check_damage = always_check_damage
        self._events: list[PackEvent] = []
        self._scans: dict[int, ScanAccepted] = {}
        self._parcels: list[_Parcel] = [_Parcel(1)]
        self._inserts: set[str] = set()
        self._damage_checked = False
        self._damaged: list[DamagedUnit] = []

    @classmethod
    def restore(
        cls,
        order: PackOrder,
        events: Iterable[PackEvent],
        *,
        always_check_damage: bool = False,
    ) -> PackSession:
        """A session rebuilt from persisted events (crash recovery).  Events up to the last
        :class:`PackReset` are kept as history only: they may name lines the order no longer
        has."""
        session = cls(order, always_check_damage=always_check_damage)
        ordered = sorted(events, key=lambda e: e.seq)
        cut = max((i for i, e in enumerate(ordered) if isinstance(e, PackReset)), default=-1)
        history = ordered[: cut + 1]
        if [e.seq for e in history] == list(range(1, cut + 2)):
            session._events = list(history)
            ordered = ordered[cut + 1 :]
        session.replay(ordered)
        return session

    # -- reading ---------------------------------------------------------------------------------

    @property
    def order(self) -> PackOrder:
        return self._order

    @property
    def events(self) -> tuple[PackEvent, ...]:
        return tuple(self._events)

    @property
    def last_seq(self) -> int:
        return len(self._events)

    @property
    def parcels(self) -> tuple[ParcelState, ...]:
        return tuple(p.freeze() for p in self._parcels)

    @property
    def current_parcel(self) -> ParcelState:
        return self._open.freeze()

    @property
    def damaged(self) -> tuple[DamagedUnit, ...]:
        return tuple(self._damaged)

    @property
    def inserts_confirmed(self) -> frozenset[str]:
        return frozenset(self._inserts)

    @property
    def damage_checked(self) -> bool:
        return self._damage_checked

    @property
    def damage_check_required(self) -> bool:
        return self.always_check_damage or any(line.fragile for line in self._order.lines)

    def scanned(self, line_id: int) -> int:
        """Units of the line scanned so far, across all parcels."""
        return sum(p.contents.get(line_id, 0) for p in self._parcels)

    def progress(self) -> tuple[LineProgress, ...]:
        return tuple(LineProgress(line, self.scanned(line.line_id)) for line in self._order.lines)

    @property
    def units_ordered(self) -> int:
        return sum(line.qty for line in self._order.lines)

    @property
    def units_scanned(self) -> int:
        return sum(p.freeze().units for p in self._parcels)

    @property
    def complete(self) -> bool:
        """Every line scanned to its exact quantity (across parcels)."""
        return bool(self._order.lines) and all(p.complete for p in self.progress())

    def parcel_expected_weight(self, parcel_no: int) -> int:
        """The parcel's contents plus its packaging's tare (0 while no packaging is chosen)."""
        parcel = self._parcel(parcel_no)
        tare = parcel.packaging.tare_g if parcel.packaging else 0
        return expected_weight(self._order.lines, tare, parcel.contents)

    def state(self) -> PackState:
        return PackState(
            self._order.order_no,
            self.last_seq,
            tuple(self._scans[seq] for seq in sorted(self._scans)),
            self.parcels,
            frozenset(self._inserts),
            self._damage_checked,
            tuple(self._damaged),
        )

    def can_close(self) -> list[Message]:
        """Every reason the order cannot be closed yet ([] = it can)."""
        reasons: list[Message] = []
        blocked = self._order.blocked_reason()
        if blocked:
            reasons.append(blocked)
        if not self._order.lines:
            reasons.append(msg.NO_LINES(order=self._order.order_no))
        for p in self.progress():
            if not p.complete:
                missing = msg.GIFT_MISSING if p.line.gift else msg.LINE_MISSING
                reasons.append(
                    missing(line=p.line.label, n=p.scanned, qty=p.line.qty, missing=p.missing)
                )
        for insert in self._order.inserts:
            if insert.code not in self._inserts:
                reasons.append(msg.INSERT_NOT_CONFIRMED(code=insert.code, name=insert.name))
        if self.damage_check_required and not self._damage_checked:
            reasons.append(msg.DAMAGE_CHECK_MISSING())
        return reasons

    # -- the order changes under the station ------------------------------------------------------

    def update_order(self, order: PackOrder) -> None:
        """Take news about the order (status, changed since picking, note, inserts).  The lines
        cannot change under a session: the scans were made against them."""
        if order.order_no != self._order.order_no or order.lines != self._order.lines:
            raise PackRefused(msg.LINES_CHANGED(order=self._order.order_no))
        self._order = order

    # -- actions ---------------------------------------------------------------------------------

    def check_scan(
        self, item: ResolvedScan, *, today: dt.date, by: str, qty: int | None = None
    ) -> ScanVerdict:
        """What :meth:`scan` would do, without doing it.  A service may persist
        ``verdict.event`` first and then :meth:`apply` it."""
        order = self._order
        blocked = order.blocked_reason()
        if blocked:
            return _refuse(ScanReason.ORDER_BLOCKED, blocked)
        if qty is not None and qty < 1:
            return _refuse(ScanReason.BAD_QUANTITY, msg.BAD_QUANTITY(qty=qty))
        candidates = self._lines_for(item)
        if not candidates:
            if item.other_open_order:
                return _refuse(ScanReason.OTHER_ORDER, _other_order(item, order.order_no))
            if item.sku is not None:
                return _refuse(
                    ScanReason.NOT_IN_ORDER, msg.NOT_IN_ORDER(sku=item.sku, order=order.order_no)
                )
            return _refuse(ScanReason.UNKNOWN_BARCODE, msg.UNKNOWN_BARCODE(code=item.raw.strip()))
        matching = [c for c in candidates if c.lot is None or item.lot is None or c.lot == item.lot]
        if not matching:
            picked = " or ".join(sorted({c.lot for c in candidates if c.lot}))
            return _refuse(
                ScanReason.WRONG_LOT,
                msg.WRONG_LOT(sku=candidates[0].sku, lot=item.lot, picked=picked),
                candidates[0],
                scanned=self.scanned(candidates[0].line_id),
            )
        if item.expiry is not None and item.expiry <= today:
            return _refuse(
                ScanReason.EXPIRED_LOT,
                _expired(matching[0].sku, item.lot, item.expiry, today),
                matching[0],
                scanned=self.scanned(matching[0].line_id),
            )
        n = qty if qty is not None else 1
        line = self._target(matching, n)
        have = self.scanned(line.line_id)
        if item.expiry is None and line.expiry is not None and line.expiry <= today:
            return _refuse(
                ScanReason.EXPIRED_LOT,
                _expired(line.sku, line.lot, line.expiry, today),
                line,
                scanned=have,
            )
        if line.bulk and qty is None:
            return _refuse(
                ScanReason.BULK_NEEDS_QTY,
                msg.BULK_NEEDS_QTY(line=line.label, n=line.qty - have),
                line,
                scanned=have,
            )
        if not line.bulk and n != 1:
            return _refuse(
                ScanReason.SCAN_EACH_UNIT,
                msg.SCAN_EACH_UNIT(line=line.label, n=line.qty - have),
                line,
                qty=n,
                scanned=have,
            )
        if have + n > line.qty:
            if item.other_open_order:
                return _refuse(
                    ScanReason.OTHER_ORDER,
                    _other_order(item, order.order_no),
                    line,
                    qty=n,
                    scanned=have,
                )
            return _refuse(
                ScanReason.OVER_QUANTITY, self._over(matching, line, n), line, qty=n, scanned=have
            )
        event = ScanAccepted(
            self.last_seq + 1,
            by,
            line.line_id,
            n,
            self._open.parcel_no,
            item.raw,
            item.lot,
            item.expiry,
        )
        after = have + n
        said = msg.SCANNED
        if after == line.qty:
            said = msg.LINE_COMPLETE
            if self.units_scanned + n == self.units_ordered:
                said = msg.ALL_SCANNED
        return ScanVerdict(
            True,
            ScanReason.ACCEPTED,
            said(line=line.label, n=after, qty=line.qty),
            line,
            n,
            after,
            event,
        )

    def scan(
        self, item: ResolvedScan, *, today: dt.date, by: str, qty: int | None = None
    ) -> ScanVerdict:
        """Check one scan against the order and count it when accepted.  *qty* is the typed
        quantity (bulk lines need one; None = a single unit scanned).  A refusal changes
        nothing."""
        verdict = self.check_scan(item, today=today, by=by, qty=qty)
        if verdict.event is not None:
            self.apply(verdict.event)
        return verdict

    def undo_last(self, by: str) -> ScanUndone:
        """Take back the last accepted scan still in effect, when it is *by*'s own."""
        if not self._scans:
            raise PackRefused(msg.NOTHING_TO_UNDO())
        last = self._scans[max(self._scans)]
        line = self._order.line(last.line_id)
        if last.by != by:
            raise PackRefused(msg.UNDO_NOT_YOURS(line=line.label, by=last.by, me=by))
        return self._do(ScanUndone(self.last_seq + 1, by, last.seq))

    def confirm_insert(self, code: str, by: str) -> InsertConfirmed | None:
        """The insert is in the parcel (None: it was confirmed already)."""
        self._require_not_blocked()
        self._order.insert(code)
        if code in self._inserts:
            return None
        return self._do(InsertConfirmed(self.last_seq + 1, by, code))

    def confirm_damage_check(self, by: str) -> DamageCheckConfirmed | None:
        """The items were looked over and none is damaged (None: confirmed already)."""
        self._require_not_blocked()
        if self._damage_checked:
            return None
        return self._do(DamageCheckConfirmed(self.last_seq + 1, by))

    def swap_damaged(self, line_id: int, by: str) -> DamagedSwappedOut:
        """Scan-out of a damaged unit from the open parcel: the line needs one more scan, and the
        damaged unit is recorded to be booked to quarantine.  Like :meth:`undo_last`, this takes
        items out, so it works on a blocked (e.g. cancelled) order too."""
        return self._do(DamagedSwappedOut(self.last_seq + 1, by, line_id, self._open.parcel_no))

    def choose_packaging(self, packaging: Packaging, by: str) -> PackagingChosen:
        """The box or bag of the open parcel (its tare counts in the expected weight)."""
        self._require_not_blocked()
        return self._do(PackagingChosen(self.last_seq + 1, by, self._open.parcel_no, packaging))

    def next_parcel(self, by: str) -> ParcelClosed:
        """Close the open parcel's contents; the next scans go into a new parcel."""
        self._require_not_blocked()
        if self.complete:
            raise PackRefused(
                msg.NOTHING_LEFT(order=self._order.order_no, parcel=self._open.parcel_no + 1)
            )
        return self._do(ParcelClosed(self.last_seq + 1, by, self._open.parcel_no))

    # -- the gates: weighing, closing, the waybill -------------------------------------------------

    def blocked(self) -> Message | None:
        """Why the order must not be packed now (None: go on).  A packed order waiting for its
        waybill scan is not blocked."""
        if self._order.status is OrderStatus.PACKED:
            return None
        return self._order.blocked_reason()

    def require_open_parcel(self, checks: Mapping[int, ParcelCheck]) -> ParcelState:
        """The open parcel; refused once the station closed it (the order is packed)."""
        parcel = self.current_parcel
        check = checks.get(parcel.parcel_no)
        if check is not None and check.closed:
            raise PackRefused(
                msg.PARCEL_CLOSED(parcel=parcel.parcel_no, order=self._order.order_no)
            )
        return parcel

    def parcel_to_weigh(
        self, checks: Mapping[int, ParcelCheck], *, packaging: Sequence[str] = ()
    ) -> ParcelState:
        """The open parcel, ready to be weighed: the order not blocked, the parcel open and not
        empty, and — when the station has packaging types (*packaging*: their codes) — in a
        box or bag, whose tare is part of the expected weight."""
        blocked = self.blocked()
        if blocked:
            raise PackBlocked(blocked)
        parcel = self.require_open_parcel(checks)
        if not parcel.units:
            raise PackRefused(msg.PARCEL_EMPTY(parcel=parcel.parcel_no, order=self._order.order_no))
        if packaging and parcel.packaging is None:
            raise PackRefused(msg.NO_PACKAGING(parcel=parcel.parcel_no, codes=", ".join(packaging)))
        return parcel

    def weigh(
        self,
        measured_g: float,
        checks: Mapping[int, ParcelCheck],
        *,
        tare_g: int | None = None,
        packaging: Sequence[str] = (),
    ) -> WeightVerdict:
        """The open parcel's weight against its contents + the packaging's tare (or *tare_g*)."""
        parcel = self.parcel_to_weigh(checks, packaging=packaging)
        tare = (
            tare_g if tare_g is not None else (parcel.packaging.tare_g if parcel.packaging else 0)
        )
        return check_weight(
            expected_weight(self._order.lines, tare, dict(parcel.contents)), measured_g
        )

    def check_override(self, checks: Mapping[int, ParcelCheck]) -> int:
        """The open parcel whose refused weight a supervisor may accept (its number)."""
        parcel_no = self.current_parcel.parcel_no
        check = checks.get(parcel_no)
        if check is None or not check.weighed or check.closed:
            raise PackRefused(
                msg.NOT_WEIGHED_FOR_OVERRIDE(parcel=parcel_no, order=self._order.order_no)
            )
        if check.weight_ok:
            raise PackRefused(msg.WEIGHT_WITHIN(parcel=parcel_no))
        return parcel_no

    def check_close(self, checks: Mapping[int, ParcelCheck]) -> bool:
        """May the open parcel close now?  Returns True when it is the order's last (every item
        scanned: the order closes too); raises with what is missing otherwise."""
        order = self._order
        if order.status is OrderStatus.PACKED:
            raise PackBlocked(msg.PACKED_ALREADY(order=order.order_no))
        blocked = self.blocked()
        if blocked:
            raise PackBlocked(blocked)
        parcel = self.current_parcel
        if not parcel.units:
            raise PackRefused(msg.PARCEL_EMPTY(parcel=parcel.parcel_no, order=order.order_no))
        final = self.complete
        if final:
            reasons = self.can_close()
            if reasons:
                raise CannotClose(order.order_no, reasons)
        check = checks.get(parcel.parcel_no)
        if check is None or not check.weight_accepted:
            if check is not None and check.weighed:
                raise WeightNotChecked(
                    msg.WEIGHT_REFUSED(parcel=parcel.parcel_no, order=order.order_no)
                )
            raise WeightNotChecked(
                msg.NOT_WEIGHED(
                    parcel=parcel.parcel_no,
                    order=order.order_no,
                    expected=grams(self.parcel_expected_weight(parcel.parcel_no)),
                )
            )
        return final

    def waybill_parcel(
        self, checks: Mapping[int, ParcelCheck], tracking_no: Mapping[int, str | None]
    ) -> tuple[int, str]:
        """The closed parcel whose printed waybill is to be scanned now, and its number."""
        order = self._order
        if order.status not in (OrderStatus.PACKING, OrderStatus.PACKED):
            raise PackBlocked(order.blocked_reason() or msg.CANNOT_SHIP_NOW(order=order.order_no))
        parcel_no = awaiting_waybill(checks)
        if parcel_no is None:
            raise PackRefused(
                msg.NO_PARCEL_WAITING(order=order.order_no, parcel=self.current_parcel.parcel_no)
            )
        number = tracking_no.get(parcel_no)
        if not number:
            raise WrongWaybill(msg.NO_TRACKING_YET(parcel=parcel_no, order=order.order_no))
        return parcel_no, number

    def label_refusal(
        self, parcel_no: int, number: str, scanned: str, owner: tuple[str, int] | None
    ) -> Message | None:
        """Why the scanned label is not parcel *parcel_no*'s waybill *number* (None: it is).
        *owner*: the order and parcel the scanned number belongs to, if any."""
        if scanned == number:
            return None
        order_no = self._order.order_no
        if owner is not None and owner[0] != order_no:
            return msg.LABEL_OF_OTHER_ORDER(other=owner[0], order=order_no, number=number)
        if owner is not None:
            return msg.LABEL_OF_OTHER_PARCEL(
                code=scanned, other=owner[1], parcel=parcel_no, order=order_no, number=number
            )
        return msg.LABEL_WRONG(code=scanned or "—", parcel=parcel_no, order=order_no, number=number)

    # -- events ----------------------------------------------------------------------------------

    def apply(self, event: PackEvent) -> bool:
        """Apply one event; False when it was applied already (same sequence number)."""
        return self.replay([event]) == 1

    def replay(self, events: Iterable[PackEvent]) -> int:
        """Apply persisted events in sequence order, skipping those already applied; returns how
        many were new.  All or nothing: when one does not fit, nothing is applied."""
        ordered = sorted(events, key=lambda e: e.seq)
        # One event is checked before anything changes; several need a way back.
        saved = self._save() if len(ordered) > 1 else None
        applied = 0
        try:
            for event in ordered:
                if event.seq <= self.last_seq:
                    if event.seq < 1 or self._events[event.seq - 1] != event:
                        raise PackRefused(
                            msg.EVENT_DIFFERS(order=self._order.order_no, seq=event.seq)
                        )
                    continue
                if event.seq != self.last_seq + 1:
                    first, last = self.last_seq + 1, event.seq - 1
                    no = self._order.order_no
                    raise PackRefused(
                        msg.EVENT_MISSING(order=no, first=first)
                        if first == last
                        else msg.EVENTS_MISSING(order=no, first=first, last=last)
                    )
                self._mutate(event)
                applied += 1
        except PackRefused:
            if saved is not None:
                self._load(saved)
            raise
        return applied

    # -- internals -------------------------------------------------------------------------------

    @property
    def _open(self) -> _Parcel:
        return self._parcels[-1]

    def _parcel(self, parcel_no: int) -> _Parcel:
        if not 1 <= parcel_no <= len(self._parcels):
            raise PackRefused(msg.NO_SUCH_PARCEL(order=self._order.order_no, parcel=parcel_no))
        return self._parcels[parcel_no - 1]

    def _require_not_blocked(self) -> None:
        blocked = self._order.blocked_reason()
        if blocked:
            raise PackRefused(blocked)

    def _lines_for(self, item: ResolvedScan) -> list[PackLine]:
        lines = self._order.lines
        if item.sku is not None:
            return [line for line in lines if line.sku == item.sku]
        key = item.key
        return [line for line in lines if key in line.barcodes]

    def _target(self, matching: Sequence[PackLine], n: int) -> PackLine:
        """The line a scan of n units counts for: the first with room for all n, else the first
        with room, else the first."""
        for room in (n, 1):
            for line in matching:
                if line.qty - self.scanned(line.line_id) >= room:
                    return line
        return matching[0]

    def _over(self, matching: Sequence[PackLine], line: PackLine, n: int) -> Message:
        needed = sum(m.qty for m in matching)
        have = sum(self.scanned(m.line_id) for m in matching)
        if have + n <= needed:  # several lines of the SKU, none with room for all n
            needed, have = line.qty, self.scanned(line.line_id)
        extra = have + n - needed
        if extra == 1:
            return msg.OVER_ONE(sku=line.sku, needed=needed, would=have + n)
        return msg.OVER_MANY(sku=line.sku, needed=needed, would=have + n, extra=extra)

    def _do(self, event: _E) -> _E:
        self.apply(event)
        return event

    def _mutate(self, event: PackEvent) -> None:
        """Check that the event fits the state, then apply it; raises before changing
        anything."""
        order = self._order
        no = order.order_no
        if isinstance(event, PackReset):
            self._scans, self._parcels, self._inserts = {}, [_Parcel(1)], set()
            self._damage_checked, self._damaged = False, []
        elif isinstance(event, ScanAccepted):
            line = order.line(event.line_id)
            self._require_open(event.parcel_no)
            if event.qty < 1 or self.scanned(line.line_id) + event.qty > line.qty:
                raise PackRefused(msg.SCAN_OVER_ON_REPLAY(order=no, seq=event.seq, line=line.label))
            contents = self._open.contents
            contents[line.line_id] = contents.get(line.line_id, 0) + event.qty
            self._scans[event.seq] = event
        elif isinstance(event, ScanUndone):
            if not self._scans or max(self._scans) != event.undone_seq:
                raise PackRefused(msg.UNDO_ONLY_LAST(order=no, seq=event.undone_seq))
            scan = self._scans[event.undone_seq]
            line = order.line(scan.line_id)
            if self._parcel(scan.parcel_no).closed:
                raise PackRefused(msg.UNDO_CLOSED_PARCEL(line=line.label, parcel=scan.parcel_no))
            contents = self._open.contents
            if contents.get(line.line_id, 0) < scan.qty:
                raise PackRefused(msg.UNDO_SWAPPED(line=line.label))
            contents[line.line_id] -= scan.qty
            del self._scans[event.undone_seq]
        elif isinstance(event, InsertConfirmed):
            order.insert(event.code)
            self._inserts.add(event.code)
        elif isinstance(event, DamageCheckConfirmed):
            self._damage_checked = True
        elif isinstance(event, DamagedSwappedOut):
            line = order.line(event.line_id)
            self._require_open(event.parcel_no)
            contents = self._open.contents
            if contents.get(line.line_id, 0) < 1:
                raise PackRefused(msg.NONE_TO_SWAP(line=line.label, parcel=event.parcel_no))
            contents[line.line_id] -= 1
            self._damaged.append(
                DamagedUnit(event.seq, event.by, line.line_id, line.sku, line.lot, event.parcel_no)
            )
        elif isinstance(event, PackagingChosen):
            self._require_open(event.parcel_no)
            self._open.packaging = event.packaging
        else:  # ParcelClosed
            self._require_open(event.parcel_no)
            if not self._open.freeze().units:
                raise PackRefused(msg.PARCEL_EMPTY(parcel=event.parcel_no, order=no))
            self._open.closed = True
            self._parcels.append(_Parcel(event.parcel_no + 1))
        self._events.append(event)

    def _require_open(self, parcel_no: int) -> None:
        if parcel_no != self._open.parcel_no:
            raise PackRefused(
                msg.NOT_OPEN_PARCEL(
                    order=self._order.order_no, parcel=parcel_no, open=self._open.parcel_no
                )
            )

    def _save(self) -> tuple[Any, ...]:
        return copy.deepcopy(
            (
                self._events,
                self._scans,
                self._parcels,
                self._inserts,
                self._damage_checked,
                self._damaged,
            )
        )

    def _load(self, saved: tuple[Any, ...]) -> None:
        (
            self._events,
            self._scans,
            self._parcels,
            self._inserts,
            self._damage_checked,
            self._damaged,
        ) = saved


def _refuse(
    reason: ScanReason,
    message: Message,
    line: PackLine | None = None,
    *,
    qty: int = 0,
    scanned: int = 0,
) -> ScanVerdict:
    return ScanVerdict(False, reason, message, line, qty, scanned)


def item_words(sku: str | None, code: str) -> Message:
    """How a sentence names a scanned item: by its SKU when known, else by the code."""
    return msg.LINE(sku=sku) if sku else msg.ITEM(code=code.strip())


def _other_order(item: ResolvedScan, order_no: str) -> Message:
    return msg.OTHER_ORDER(
        what=item_words(item.sku, item.raw), other=item.other_open_order, order=order_no
    )


def _expired(sku: str, lot: str | None, expiry: dt.date, today: dt.date) -> Message:
    what = msg.SKU_LOT(sku=sku, lot=lot) if lot else msg.LINE(sku=sku)
    if expiry == today:
        return msg.EXPIRES_TODAY(what=what)
    return msg.EXPIRED(what=what, date=expiry.isoformat())


# --- weight check (称重 / 重量校验) --------------------------------------------------------------


def expected_weight(
    lines: Iterable[PackLine], tare_g: int = 0, qty: Mapping[int, int] | None = None
) -> int:
    """Σ unit weight × quantity + the packaging's tare.  *qty* (line_id → units) gives a
    parcel's contents; without it every line counts with its ordered quantity."""
    total = tare_g
    for line in lines:
        n = line.qty if qty is None else qty.get(line.line_id, 0)
        total += line.unit_weight_g * n
    return total


def lines_without_weight(lines: Iterable[PackLine]) -> list[str]:
    """SKUs whose unit weight is unknown (0): the weight check cannot see them."""
    return sorted({line.sku for line in lines if line.unit_weight_g == 0})


@dataclass(frozen=True)
class WeightVerdict:
    ok: bool
    expected_g: int
    measured_g: float
    tolerance_g: float
    message: Message

    @property
    def difference_g(self) -> float:
        """measured − expected (positive: too heavy)."""
        return self.measured_g - self.expected_g


def check_weight(
    expected_g: int, measured_g: float, pct: float = 5.0, min_g: int = 30
) -> WeightVerdict:
    """The parcel's weight is within ±max(pct % of expected, min_g) of the expected weight;
    exactly at the edge passes.  Exact arithmetic: no float rounding decides a verdict."""
    if not math.isfinite(measured_g):
        raise ValueError("measured weight must be a finite number")
    tolerance = max(Fraction(expected_g) * Fraction(str(pct)) / 100, Fraction(min_g))
    diff = Fraction(measured_g) - expected_g
    head = {
        "measured": grams(measured_g),
        "expected": grams(expected_g),
        "tolerance": grams(float(tolerance)),
    }
    if abs(diff) <= tolerance:
        said, ok = msg.WEIGHT_OK(**head), True
    elif diff > 0:
        said, ok = msg.TOO_HEAVY(**head, difference=grams(float(diff))), False
    else:
        said, ok = msg.TOO_LIGHT(**head, difference=grams(float(-diff))), False
    return WeightVerdict(ok, expected_g, measured_g, float(tolerance), said)


# --- persisting events ---------------------------------------------------------------------------

_KINDS: dict[str, type[PackEvent]] = {
    "reset": PackReset,
    "scan": ScanAccepted,
    "undo": ScanUndone,
    "insert": InsertConfirmed,
    "damage_check": DamageCheckConfirmed,
    "damaged": DamagedSwappedOut,
    "packaging": PackagingChosen,
    "parcel_closed": ParcelClosed,
}
_KIND_OF: dict[type[PackEvent], str] = {cls: kind for kind, cls in _KINDS.items()}


def event_to_dict(event: PackEvent) -> dict[str, object]:
    """A JSON-ready dict of the event (dates as ISO text), with its "kind"."""
    data: dict[str, object] = {"kind": _KIND_OF[type(event)]}
    for name, value in vars(event).items():
        if isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif isinstance(value, Packaging):
            data[name] = dict(vars(value))
        else:
            data[name] = value
    return data


def _get_int(data: Mapping[str, object], key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"pack event field {key!r} must be a whole number, not {value!r}")
    return value


def _get_str(data: Mapping[str, object], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"pack event field {key!r} must be text, not {value!r}")
    return value


def _get_opt_str(data: Mapping[str, object], key: str) -> str | None:
    return None if data.get(key) is None else _get_str(data, key)


def event_from_dict(data: Mapping[str, object]) -> PackEvent:
    """The event :func:`event_to_dict` wrote; ValueError when the data is not one."""
    kind = data.get("kind")
    seq, by = _get_int(data, "seq"), _get_str(data, "by")
    if kind == "scan":
        expiry = _get_opt_str(data, "expiry")
        return ScanAccepted(
            seq,
            by,
            _get_int(data, "line_id"),
            _get_int(data, "qty"),
            _get_int(data, "parcel_no"),
            _get_str(data, "raw"),
            _get_opt_str(data, "lot"),
            dt.date.fromisoformat(expiry) if expiry else None,
        )
    if kind == "reset":
        return PackReset(seq, by)
    if kind == "undo":
        return ScanUndone(seq, by, _get_int(data, "undone_seq"))
    if kind == "insert":
        return InsertConfirmed(seq, by, _get_str(data, "code"))
    if kind == "damage_check":
        return DamageCheckConfirmed(seq, by)
    if kind == "damaged":
        return DamagedSwappedOut(seq, by, _get_int(data, "line_id"), _get_int(data, "parcel_no"))
    if kind == "packaging":
        raw = data["packaging"]
        if not isinstance(raw, Mapping):
            raise ValueError(f"pack event field 'packaging' must be a mapping, not {raw!r}")
        packaging = Packaging(
            _get_str(raw, "code"),
            _get_str(raw, "name"),
            _get_int(raw, "tare_g"),
            _get_str(raw, "size"),
        )
        return PackagingChosen(seq, by, _get_int(data, "parcel_no"), packaging)
    if kind == "parcel_closed":
        return ParcelClosed(seq, by, _get_int(data, "parcel_no"))
    raise ValueError(f"unknown pack event kind {kind!r}")
