"""The packing station (打包台 / 验货) without Qt.

Scan the order number, its waybill, or (single-item waves) the item → scan every item (each
scan is checked and persisted by app.services.packing before it is confirmed) → F4 weighs the
parcel (in its box or bag, whose tare counts) → F10 closes it and prints its waybill (and the
packing slip) → scan the printed waybill → packed, ready for the courier's handover (shipped
here when the station ships at the pack station).  A refusal stays until Esc or a scan of
CLEAR, so a refused item is never missed.

Keys (:class:`PackKey`): F2 undo my last scan · F3 damage check done · F4 weigh (no scale, when
the settings warn: record the parcel as not weighed) · F6 insert added · F7 then scan a damaged
item: it comes out of the parcel (booked to quarantine) · F8 put the order aside · F9 supervisor
accepts a refused weight · F10 close the parcel and print (Shift+F10: close it as one of several
parcels) · a typed quantity before a scan (bulk lines) · a packaging code chooses the parcel's
box or bag.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from app.domain.errors import DomainError
from app.domain.orders import OrderStatus
from app.domain.packing import Packaging, WeightVerdict
from app.domain.scans import DEFAULT, ClassifierConfig, Scan, ScanKind
from app.domain.users import Action, Actor
from app.messages import Message, grams
from app.messages import labels as labels_m
from app.messages import stations as msg
from app.services import documents, packing
from app.services.packing import (
    OrderBlocked,
    PackerToday,
    PackOrderCache,
    PackView,
    ParcelView,
)
from app.services.users import UserInfo, login_with_badge
from app.stations.base import (
    Level,
    Outcome,
    Progress,
    ScanStation,
    Sound,
    UowFactory,
    Work,
    words_of,
)

if TYPE_CHECKING:
    from app.devices import StationDevices
    from app.services.rendering import DocumentRenderer

log = logging.getLogger(__name__)


class PackStep(StrEnum):
    ORDER = "order"  # waiting for an order / waybill / single item
    ITEMS = "items"  # the order is open: item scans
    BADGE = "badge"  # a supervisor's badge, to accept a refused weight
    REASON = "reason"  # the supervisor types why
    DAMAGED = "damaged"  # F7: scan the damaged item, it comes out of the parcel
    PRINTING = "printing"  # the waybill is being rendered (off the GUI thread)
    WAYBILL = "waybill"  # scan the printed waybill label


class PackKey(StrEnum):
    UNDO = "undo"  # F2
    DAMAGE_CHECKED = "damage_checked"  # F3
    WEIGH = "weigh"  # F4
    INSERT_ADDED = "insert_added"  # F6
    DAMAGED = "damaged"  # F7
    PUT_ASIDE = "put_aside"  # F8
    OVERRIDE = "override"  # F9
    CLOSE = "close"  # F10
    CLOSE_PART = "close_part"  # Shift+F10: one parcel of several, on purpose


class WeightReading(Protocol):
    """A scale's reading (devices.scales.Reading)."""

    @property
    def grams(self) -> float: ...

    @property
    def stable(self) -> bool: ...

    @property
    def overload(self) -> bool: ...


class PackDevices(Protocol):
    """What the pack station needs of the station's device hub (ui.devices.DeviceHub)."""

    @property
    def devices(self) -> StationDevices: ...

    def queue_label(self, actor: Actor, payload: bytes, description: str) -> int | None: ...


@dataclass(frozen=True)
class PackDisplay:
    """What the pack screen shows after an input."""

    step: PackStep
    view: PackView | None
    pending_qty: int | None
    pending_wave: str | None
    #: the supervisor whose reason is typed (step REASON)
    supervisor: str | None
    weight: WeightReading | None
    verdict: WeightVerdict | None
    has_scale: bool
    scale_required: bool
    today: PackerToday | None
    last_line_id: int | None
    #: a refusal waiting for Esc or CLEAR (its level)
    refusal: Level | None
    packaging_codes: tuple[str, ...]

    @property
    def secret(self) -> bool:
        """The scan field takes a badge: it must not show what is typed."""
        return self.step is PackStep.BADGE

    @property
    def busy(self) -> bool:
        return self.step is PackStep.PRINTING

    @property
    def open_parcel(self) -> ParcelView | None:
        view = self.view
        if view is None:
            return None
        return next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)

    @property
    def expected_g(self) -> int | None:
        """What the open parcel should weigh (its contents + the packaging's tare)."""
        view, parcel = self.view, self.open_parcel
        if view is None or parcel is None:
            return None
        weights = {line.line_id: line.unit_weight_g for line in view.lines}
        return parcel.tare_g + sum(weights.get(lid, 0) * n for lid, n in parcel.contents)


@dataclass
class Printed:
    """What the print job did (in the worker): the waybill as the label printer's bytes."""

    order_no: str
    parcel_no: int
    tracking_no: str
    label: bytes | None
    slip_job: str | None = None
    slip_error: Message | str | None = None
    slip_skipped: bool = False
    cannot_print: tuple[Message, ...] = ()  # characters no font has, printed as □


def packaging_types(entries: Sequence[Mapping[str, object]]) -> dict[str, Packaging]:
    """The station's packaging settings as {CODE: Packaging}; entries without a code are left
    out (app.config checks the settings file)."""
    found: dict[str, Packaging] = {}
    for entry in entries:
        code = str(entry.get("code") or "").strip()
        tare = entry.get("tare_g", 0)
        if not code:
            continue
        found.setdefault(
            code.upper(),
            Packaging(
                code,
                str(entry.get("name") or code).strip(),
                tare if isinstance(tare, int) and not isinstance(tare, bool) else 0,
                str(entry.get("size") or "").strip(),
            ),
        )
    return found


PackOutcome = Outcome[PackDisplay]


class PackStation(ScanStation[PackDisplay, PackKey]):
    sticky_refusals = True

    def __init__(
        self,
        uow: UowFactory,
        user: UserInfo,
        renderer: DocumentRenderer,
        *,
        station: str | None = None,
        packaging: Mapping[str, Packaging] | None = None,
        default_packaging: str | None = None,
        classifier: ClassifierConfig | None = None,
        always_check_damage: bool = False,
        ship_at_pack: bool = False,
    ) -> None:
        super().__init__(uow)
        self.user = user
        self.renderer = renderer
        #: the order ships at the waybill scan (no handover step); else it waits, packed, for
        #: the courier's handover
        self.ship_at_pack = ship_at_pack
        self.station = (station or socket.gethostname() or "packing station").strip()
        #: the station's box and bag types, by code (upper case): a scan of one chooses it
        self.packaging: dict[str, Packaging] = {k.upper(): v for k, v in (packaging or {}).items()}
        default = (default_packaging or "").strip().upper()
        self.default_packaging = self.packaging.get(default) if default else None
        self.classifier = (classifier or DEFAULT).with_packaging(
            (classifier or DEFAULT).packaging | frozenset(self.packaging)
        )
        #: also the station's setting "damage check on every order" (see PackOrderCache)
        self.cache = PackOrderCache(always_check_damage=always_check_damage)
        self.hub: PackDevices | None = None
        self.view: PackView | None = None
        self.step = PackStep.ORDER
        self.weight: WeightReading | None = None
        self.verdict: WeightVerdict | None = None
        self.today: PackerToday | None = None
        self.pending_qty: int | None = None
        self.pending_wave: str | None = None
        self.supervisor: UserInfo | None = None
        self.printed = False
        #: the print queue's last word on our waybill (why it has not printed)
        self.waybill_problem: Message | str | None = None
        self.last_line_id: int | None = None

    @property
    def actor(self) -> Actor:
        return self.user.actor

    # -- what the screen shows ----------------------------------------------------------------

    def display(self) -> PackDisplay:
        return PackDisplay(
            step=self.step,
            view=self.view,
            pending_qty=self.pending_qty,
            pending_wave=self.pending_wave,
            supervisor=self.supervisor.name if self.supervisor else None,
            weight=self.weight,
            verdict=self.verdict,
            has_scale=self.has_scale(),
            scale_required=self.scale_required(),
            today=self.today,
            last_line_id=self.last_line_id,
            refusal=self.refusal,
            packaging_codes=tuple(p.code for p in self.packaging.values()),
        )

    def expects_text(self) -> bool:
        return self.step in (PackStep.BADGE, PackStep.REASON)

    # -- devices ------------------------------------------------------------------------------

    def set_devices(self, hub: PackDevices | None, reading: WeightReading | None = None) -> None:
        self.hub = hub
        self.weight = reading

    def has_scale(self) -> bool:
        return self.hub is not None and self.hub.devices.scale is not None

    def scale_required(self) -> bool:
        return self.hub is None or self.hub.devices.scale_required

    def weight_reading(self, reading: WeightReading) -> PackOutcome:
        """The scale's newest reading (the screen shows it; F4 uses the steady one)."""
        self.weight = reading
        return self.quiet()

    def print_report(self, kind: str, why: Message | str) -> PackOutcome:
        """What the label printer's queue did with our waybill (it reports after the fact)."""
        if not self.printed or self.step is not PackStep.WAYBILL:
            return self.quiet()
        if kind == "error":
            self.waybill_problem = why
            return self.refuse(msg.WAYBILL_NOT_PRINTED(why=why))
        if kind == "ok" and self.waybill_problem is not None:
            self.waybill_problem = None
            return self.info(msg.WAYBILL_PRINTED_NOW())
        return self.quiet()

    # -- watching the open order -------------------------------------------------------------

    def watch(self) -> Work[PackDisplay] | None:
        """Read whether the open order was cancelled, held or taken from this station since the
        last input: the screen asks every second, so the packer sees it within two, not at the
        next scan."""
        view = self.view
        if view is None or view.blocked is not None or self.refusal is not None:
            return None
        if view.status not in (OrderStatus.PACKING.value, OrderStatus.PACKED.value):
            return None
        if view.status == OrderStatus.PACKED.value and view.awaiting_waybill is None:
            return None  # done here: the order waits for the courier, not for this station
        uow, order_no, shop, station = self.uow, view.order_no, view.shop, self.station

        def run(_progress: Progress) -> object:
            return packing.watch_open(uow(), order_no, shop, station)

        def finish(result: object, error: BaseException | None) -> PackOutcome:
            if error is not None:
                log.warning("watching order %s failed: %s", order_no, error)
                return self.quiet()
            current = self.view
            if not isinstance(result, Message) or current is None:
                return self.quiet()
            if current.order_no != order_no or current.blocked is not None:
                return self.quiet()  # the packer moved on meanwhile
            log.info("order %s stopped at %s: %s", order_no, station, result.english())
            self.view = replace(current, blocked=result)
            return self.refuse(result, blocked=True)

        return Work("watch the open order", run, finish)

    # -- scans --------------------------------------------------------------------------------

    def _scan(self, scan: Scan) -> PackOutcome:
        step = self.step
        if step is PackStep.BADGE:
            return self._badge(scan.value)
        if step is PackStep.REASON:
            return self.refuse(msg.REASON_EXPECTED())
        if step is PackStep.DAMAGED:
            return self._damaged(scan)
        if step is PackStep.PRINTING:
            return self.refuse(msg.PRINTING_WAIT())
        if step is PackStep.WAYBILL:
            return self._waybill(scan.value)
        if self.view is None and self.pending_wave is not None:
            return self._slot(scan)
        if self.view is None and scan.kind == ScanKind.WAVE:
            self.pending_wave = scan.value.upper()
            return self.info(msg.WAVE_SCANNED(wave=self.pending_wave))
        if self.view is None:
            return self._open(scan)
        return self._item(scan)

    def _text(self, text: str) -> PackOutcome:
        if self.step is PackStep.REASON:
            return self._override(text)
        return self._badge(text)

    def _slot(self, scan: Scan) -> PackOutcome:
        wave, self.pending_wave = self.pending_wave, None
        assert wave is not None
        if scan.kind == ScanKind.QUANTITY:
            slot = int(scan.value)
        elif scan.kind == ScanKind.TOTE:
            slot = int(scan.value.upper().lstrip("T") or "0")
        else:
            return self._open(scan)  # not a slot after all: an order, a waybill or an item
        return self._open(packing.order_at_slot(self.uow(), wave, slot))

    def _set_view(self, view: PackView) -> None:
        self.view = view
        if view.awaiting_waybill is not None:
            self.step = PackStep.WAYBILL
        elif self.step not in (PackStep.BADGE, PackStep.REASON):
            self.step = PackStep.ITEMS
        parcel = next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)
        if parcel is None or parcel.measured_g is None:
            self.verdict = None

    def _open(self, code: Scan | str) -> PackOutcome:
        view = packing.open_order(self.uow(), self.actor, code, self.station, cache=self.cache)
        log.info("%s opened order %s at %s", self.user.name, view.order_no, self.station)
        self.last_line_id = None
        self.verdict = None
        self.printed = False
        self._set_view(view)
        self._refresh_today()
        if view.blocked:
            return self.refuse(view.blocked, blocked=True)
        said = msg.ORDER_OPEN(order=view.order_no, n=view.units_ordered - view.units_scanned)
        if view.found_by == "item":
            said = msg.ORDER_BY_ITEM(order=view.order_no)
        if view.took_over_from:
            said = msg.BOTH(first=said, second=msg.TAKEN_OVER(station=view.took_over_from))
        return self.ok(said)

    def _item(self, scan: Scan) -> PackOutcome:
        view = self.view
        assert view is not None
        if scan.kind == ScanKind.QUANTITY:
            self.pending_qty = int(scan.value)
            return self.info(msg.QUANTITY_NEXT(n=self.pending_qty))
        if scan.kind == ScanKind.PACKAGING:
            return self._choose_packaging(self.packaging[scan.value.upper()])
        insert = next((i for i in view.inserts if i.code == scan.value and not i.confirmed), None)
        if insert is not None:
            new = packing.confirm_insert(
                self.uow(), self.actor, view.order_no, self.station, insert.code, cache=self.cache
            )
            self._set_view(new)
            return self.ok(msg.INSERT_IN(name=insert.name))
        qty, self.pending_qty = self.pending_qty, None
        result = packing.scan_item(
            self.uow(), self.actor, view.order_no, self.station, scan.item, qty, cache=self.cache
        )
        self.last_line_id = result.line_id
        self._set_view(result.view)
        if result.accepted:
            return self.ok(result.message)
        log.info("pack scan %r refused: %s", scan.value, result.message)
        return self.refuse(result.message, blocked=result.view.blocked is not None)

    def _choose_packaging(self, chosen: Packaging, *, default: bool = False) -> PackOutcome:
        """The open parcel goes into this box or bag (its tare counts in the expected weight)."""
        view = self.view
        assert view is not None
        new = packing.choose_packaging(
            self.uow(),
            self.actor,
            view.order_no,
            self.station,
            chosen.code,
            chosen.name,
            chosen.tare_g,
            chosen.size,
            cache=self.cache,
        )
        self.verdict = None
        self._set_view(new)
        said = msg.PACKAGING_CHOSEN(
            n=new.open_parcel,
            name=chosen.name,
            code=chosen.code,
            tare=grams(chosen.tare_g),
            expected=grams(self.display().expected_g),
        )
        if default:
            said = msg.BOTH(
                first=msg.PACKAGING_DEFAULT(n=new.open_parcel, name=chosen.name, code=chosen.code),
                second=said,
            )
        return self.ok(said)

    # -- keys ---------------------------------------------------------------------------------

    def key(self, action: PackKey) -> PackOutcome:
        # A blocked order may be put aside even with its banner showing.
        if action is PackKey.PUT_ASIDE and self.refusal is Level.BLOCKED:
            self.refusal = None
        return super().key(action)

    def _key(self, action: PackKey) -> PackOutcome:
        if self.step in (PackStep.BADGE, PackStep.REASON, PackStep.PRINTING):
            return self.refuse(msg.FINISH_FIRST())
        view = self.view
        if view is None:
            return self.refuse(msg.SCAN_ORDER_FIRST())
        if action in (PackKey.CLOSE, PackKey.CLOSE_PART):
            return self._close(view, part=action is PackKey.CLOSE_PART)
        handlers = {
            PackKey.UNDO: self._undo,
            PackKey.DAMAGE_CHECKED: self._damage_checked,
            PackKey.WEIGH: self._weigh,
            PackKey.INSERT_ADDED: self._insert_added,
            PackKey.DAMAGED: self._start_damaged,
            PackKey.PUT_ASIDE: self._put_aside,
            PackKey.OVERRIDE: self._start_override,
        }
        return handlers[action](view)

    def _escape(self) -> PackOutcome:
        if self.step in (PackStep.BADGE, PackStep.REASON):
            self.supervisor = None
            self.step = PackStep.ITEMS
            return self.info(msg.OVERRIDE_CANCELLED())
        if self.step is PackStep.DAMAGED:
            self.step = PackStep.ITEMS
            return self.info(msg.NOTHING_TAKEN_OUT())
        if self.pending_qty is not None:
            self.pending_qty = None
            return self.info(msg.QUANTITY_DROPPED())
        return self.quiet()

    def _acknowledged(self) -> PackOutcome:
        if self.view is not None and self.view.blocked:
            return self.info(self.view.blocked)
        return self.quiet()

    def _blocks(self, exc: DomainError) -> bool:
        return isinstance(exc, OrderBlocked)

    def _undo(self, view: PackView) -> PackOutcome:
        new = packing.undo_last(
            self.uow(), self.actor, view.order_no, self.station, cache=self.cache
        )
        self._set_view(new)
        return self.ok(msg.UNDONE(n=new.units_scanned, m=new.units_ordered))

    def _damage_checked(self, view: PackView) -> PackOutcome:
        if not view.fragile:
            return self.info(msg.NO_DAMAGE_CHECK())
        new = packing.confirm_damage_check(
            self.uow(), self.actor, view.order_no, self.station, cache=self.cache
        )
        self._set_view(new)
        return self.ok(msg.DAMAGE_CHECKED())

    def _insert_added(self, view: PackView) -> PackOutcome:
        """F6: the next insert (flyer, card, sample) is in the parcel — one key instead of a
        scan, for inserts without a code to scan."""
        insert = next((i for i in view.inserts if not i.confirmed), None)
        if insert is None:
            return self.info(msg.NO_INSERT_WAITING())
        new = packing.confirm_insert(
            self.uow(), self.actor, view.order_no, self.station, insert.code, cache=self.cache
        )
        self._set_view(new)
        return self.ok(msg.INSERT_IN(name=insert.name))

    def _start_damaged(self, view: PackView) -> PackOutcome:
        if self.step is not PackStep.ITEMS or not view.units_scanned:
            return self.refuse(msg.NOTHING_TO_TAKE_OUT())
        self.pending_qty = None
        self.step = PackStep.DAMAGED
        return self.info(msg.SCAN_DAMAGED())

    def _damaged(self, scan: Scan) -> PackOutcome:
        view = self.view
        assert view is not None
        self.step = PackStep.ITEMS  # one item per F7; a refusal goes back to the item scans
        done = packing.swap_damaged_item(
            self.uow(), self.actor, view.order_no, self.station, scan.item, cache=self.cache
        )
        log.info("%s swapped out a damaged %s of %s", self.user.name, done.sku, view.order_no)
        self.last_line_id = done.line_id
        self._set_view(done.view)
        item = f"{done.sku} ({done.name})" if done.name else done.sku
        if done.booked:
            return self.ok(msg.DAMAGED_BOOKED(item=item, location=done.location or ""))
        return self.ok(msg.DAMAGED_TO_BOOK(item=item))

    # -- weight -------------------------------------------------------------------------------

    def _weigh(self, view: PackView) -> PackOutcome:
        """F4: the open parcel's weight, with the scale's steady reading."""
        if not self.has_scale():
            return self._weigh_without_scale(view)
        reading = self.weight
        if reading is None:
            return self.refuse(msg.NO_READING())
        if reading.overload:
            return self.refuse(msg.OVERLOAD())
        if not reading.stable:
            return self.refuse(msg.NOT_STEADY())
        chose = self._default_packaging(view)
        verdict = packing.check_weight(
            self.uow(),
            self.actor,
            view.order_no,
            self.station,
            reading.grams,
            packaging=tuple(p.code for p in self.packaging.values()),
            cache=self.cache,
        )
        self.verdict = verdict
        if verdict.ok:
            return self.ok(self._with(chose, msg.WEIGHED_OK(verdict=verdict.message)))
        return self.refuse(self._with(chose, msg.WEIGHED_REFUSED(verdict=verdict.message)))

    def _default_packaging(self, view: PackView) -> Message | None:
        """No box or bag scanned for the open parcel: the station's default one, if it has one
        (said with the verdict); without a default, the weighing asks for the packaging."""
        parcel = self.display().open_parcel
        chosen = self.default_packaging
        if chosen is None or parcel is None or parcel.packaging is not None or not parcel.units:
            return None
        outcome = self._choose_packaging(chosen, default=True)
        return outcome.message

    @staticmethod
    def _with(first: Message | None, second: Message) -> Message:
        return second if first is None else msg.BOTH(first=first, second=second)

    def _weigh_without_scale(self, view: PackView) -> PackOutcome:
        if self.scale_required():
            return self.refuse(msg.SCALE_NEEDED())
        # The station's settings warn instead of blocking: recorded as not weighed (audited).
        new = packing.weigh_without_scale(
            self.uow(), self.actor, view.order_no, self.station, cache=self.cache
        )
        self.verdict = None
        self._set_view(new)
        return self.ok(msg.NOT_WEIGHED_NO_SCALE(n=new.open_parcel))

    def _start_override(self, view: PackView) -> PackOutcome:
        """F9: a supervisor accepts the open parcel's refused weight (badge, then a reason)."""
        parcel = self.display().open_parcel
        refused = self.verdict is not None and not self.verdict.ok
        stored = parcel is not None and parcel.measured_g is not None and not parcel.weight_ok
        if not (refused or stored) or (parcel is not None and parcel.weight_overridden):
            return self.refuse(msg.NO_REFUSED_WEIGHT())
        self.step = PackStep.BADGE
        return self.info(msg.SUPERVISOR_BADGE())

    def _badge(self, badge: str) -> PackOutcome:
        supervisor = login_with_badge(self.uow(), badge)
        if not supervisor.actor.may(Action.RESOLVE_EXCEPTION):
            return self.refuse(msg.NOT_A_SUPERVISOR(name=supervisor.name))
        self.supervisor = supervisor
        self.step = PackStep.REASON
        return self.info(msg.TYPE_REASON(name=supervisor.name))

    def _override(self, reason: str) -> PackOutcome:
        view, supervisor = self.view, self.supervisor
        assert view is not None and supervisor is not None
        self.step = PackStep.ITEMS
        self.supervisor = None
        new = packing.override_weight(
            self.uow(), supervisor.actor, view.order_no, self.station, reason, cache=self.cache
        )
        log.info("%s accepted the weight of %s: %s", supervisor.name, view.order_no, reason)
        self._set_view(new)
        return self.ok(msg.WEIGHT_ACCEPTED(name=supervisor.name, reason=reason))

    def _after_refusal(self) -> None:
        if self.step is PackStep.REASON:  # the override failed: start it over
            self.step = PackStep.ITEMS
            self.supervisor = None

    # -- closing, printing, the waybill -------------------------------------------------------

    def _put_aside(self, view: PackView) -> PackOutcome:
        """F8: let go of the order at this station (the scans stay recorded)."""
        packing.release_claim(self.uow(), self.actor, view.order_no, self.station, cache=self.cache)
        log.info("%s put order %s aside", self.user.name, view.order_no)
        self._reset()
        return self.ok(msg.PUT_ASIDE(order=view.order_no))

    def _close(self, view: PackView, *, part: bool) -> PackOutcome:
        """F10: close the open parcel (the order, once every item is in) and print its waybill;
        Shift+F10 closes it as one of several parcels — a deliberate act, never a hint."""
        if self.step is PackStep.WAYBILL:
            return self._print_again(view)
        missing_units = view.units_scanned < view.units_ordered
        if view.can_close and not (part and missing_units):
            reasons = list(view.can_close)
            if missing_units and not view.blocked:
                return self.refuse(msg.MISSING_IS_A_SHORT(reasons=reasons))
            return self.refuse(msg.CANNOT_CLOSE_YET(reasons=reasons))
        new = packing.close_parcel(
            self.uow(), self.actor, view.order_no, self.station, cache=self.cache
        )
        log.info("%s closed a parcel of %s", self.user.name, view.order_no)
        self._set_view(new)
        self._refresh_today()
        return self._print(new)

    def _print_again(self, view: PackView) -> PackOutcome:
        if self.printed and self.waybill_problem is not None:
            return self.refuse(msg.WAYBILL_QUEUED(why=self.waybill_problem))
        if self.printed:
            return self.refuse(msg.WAYBILL_PRINTED_ALREADY())
        return self._print(view)

    def _print(self, view: PackView) -> PackOutcome:
        parcel_no = view.awaiting_waybill
        if parcel_no is None:
            return self.quiet()
        hub = self.hub
        printer = hub.devices.label_printer if hub is not None else None
        if hub is None or printer is None:
            self.printed = False
            self.step = PackStep.WAYBILL
            return self.info(msg.NO_LABEL_PRINTER_CLOSED())
        uow, renderer, actor, order_no = self.uow, self.renderer, self.actor, view.order_no
        language = printer.language
        width, height = hub.devices.label_size_mm
        dpi = hub.devices.label_dpi
        paper = hub.devices.document_printer
        last = view.status == "packed"

        def run(progress: Progress) -> object:
            data = documents.waybill_data(uow(), actor, order_no, parcel_no=parcel_no)
            label = renderer.render_waybill(data, language, f"{width}x{height}", dpi)
            done = Printed(order_no, parcel_no, data.tracking_no, label)
            waybill = labels_m.WAYBILL(tracking=data.tracking_no, order=order_no, parcel=parcel_no)
            done.cannot_print = documents.cannot_print(waybill, data, renderer.unprintable)
            if not last:
                return done
            if paper is None:
                done.slip_skipped = True
                return done
            try:
                slip = documents.slip_data(uow(), actor, order_no)
                pdf = renderer.render_packing_slip(slip)
                done.slip_job = paper.print_pdf(pdf, f"packing slip {order_no}") or "?"
                slip_what = labels_m.SLIP(order=order_no)
                done.cannot_print += documents.cannot_print(slip_what, slip, renderer.unprintable)
            except Exception as exc:  # the waybill still goes out; the slip is said to fail
                log.exception("packing slip of %s failed", order_no)
                done.slip_error = words_of(exc)
            return done

        self.step = PackStep.PRINTING
        return self.outcome(
            Level.INFO,
            msg.PRINTING(),
            work=Work(f"pack print {order_no}", run, self._printed),
        )

    def _printed(self, result: object, error: BaseException | None) -> PackOutcome:
        self.step = PackStep.WAYBILL
        if error is not None:
            self.printed = False
            return self.refuse(msg.PRINT_FAILED(why=words_of(error)))
        hub = self.hub
        if not isinstance(result, Printed) or result.label is None or hub is None:
            return self.quiet()
        try:
            job_id = hub.queue_label(
                self.actor,
                result.label,
                f"waybill {result.tracking_no} {result.order_no}/{result.parcel_no}",
            )
        except DomainError as exc:
            return self.refuse(exc.message)
        if job_id is None:
            return self.refuse(msg.NO_LABEL_PRINTER())
        self.printed = True
        self.waybill_problem = None
        said: Message = msg.WAYBILL_SENT(number=result.tracking_no)
        if result.slip_skipped:
            said = msg.BOTH(first=said, second=msg.NO_DOCUMENT_PRINTER())
        elif result.slip_error:
            said = msg.BOTH(first=said, second=msg.SLIP_FAILED(why=result.slip_error))
        elif result.slip_job:
            said = msg.BOTH(first=said, second=msg.SLIP_SENT())
        for warning in result.cannot_print:  # printed, with □ where no font has a character
            said = msg.BOTH(first=said, second=warning)
        return self.info(said)

    def _waybill(self, code: str) -> PackOutcome:
        view = self.view
        assert view is not None
        result = packing.confirm_waybill(
            self.uow(),
            self.actor,
            view.order_no,
            self.station,
            code,
            cache=self.cache,
            ship_at_pack=self.ship_at_pack,
        )
        if result.done:
            done = "shipped" if result.shipped else "packed for handover"
            log.info("%s %s %s (%s)", self.user.name, done, result.order_no, result.tracking_no)
            self._reset()
            self._refresh_today()
            said = msg.SHIPPED if result.shipped else msg.PACKED_FOR_HANDOVER
            return self.ok(said(order=result.order_no, number=result.tracking_no), Sound.DONE)
        self.printed = False
        fresh = packing.open_order(
            self.uow(), self.actor, view.order_no, self.station, cache=self.cache
        )
        self._set_view(fresh)
        return self.ok(msg.PARCEL_LABEL_RIGHT(n=result.parcel_no, number=result.tracking_no))

    # -- life cycle ---------------------------------------------------------------------------

    def _reset(self) -> None:
        self.view = None
        self.step = PackStep.ORDER
        self.verdict = None
        self.pending_qty = None
        self.supervisor = None
        self.printed = False
        self.last_line_id = None

    def _refresh_today(self) -> None:
        try:
            self.today = packing.packer_today(self.uow(), self.actor)
        except Exception:
            log.exception("packer figures failed")

    def restore(self) -> PackOutcome:
        """Reopen what this station holds (after a crash: exactly where it was)."""
        try:
            held = packing.open_sessions(self.uow(), self.station)
            if not held or self.view is not None:
                self._refresh_today()
                return self.quiet()
            view = packing.open_order(
                self.uow(), self.actor, held[0], self.station, cache=self.cache
            )
        except DomainError as exc:
            return self.refuse(exc.message)
        except Exception as exc:
            log.exception("reopening the station's orders failed")
            from app.stations.base import failure

            return self.refuse(failure(exc))
        self._set_view(view)
        self._refresh_today()
        if view.blocked:
            return self.refuse(view.blocked, blocked=True)
        said: Message = msg.REOPENED(
            order=view.order_no, n=view.units_scanned, m=view.units_ordered
        )
        if len(held) > 1:
            said = msg.BOTH(first=said, second=msg.MORE_HELD(n=len(held) - 1))
        return self.info(said)

    @property
    def wants_heartbeat(self) -> bool:
        """An order is open here: its claim must stay fresh (the screen calls heartbeat())."""
        return self.view is not None

    def heartbeat(self) -> None:
        try:
            packing.touch_claims(self.uow(), self.station)
        except Exception:
            log.exception("refreshing the station's claims failed")
