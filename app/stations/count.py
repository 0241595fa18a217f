"""The count screen's station (盘点) without Qt: choose the count (scan its code), scan a
location (it is yours to count: its on-hand is noted), scan every unit there (or type a
quantity, then the item), F10 when the location is done.  Blind: the counter sees what they
counted, never what the records expect.

Keys (:class:`CountKey`): F10 finishes the location.  Esc goes back a step (the location's
count stays; scanning the location again goes on with it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from app.domain.counts import CountStatus
from app.domain.scans import Scan, ScanKind
from app.messages import counts as msg
from app.messages.words import count_word
from app.services import counts
from app.services.counts import CountRow, LocationView
from app.services.users import UserInfo
from app.stations.base import Outcome, ScanStation, Sound, UowFactory

log = logging.getLogger(__name__)

__all__ = ["CountDisplay", "CountKey", "CountStation", "CountStep"]


class CountStep(StrEnum):
    COUNT = "count"
    LOCATION = "location"
    ITEM = "item"


class CountKey(StrEnum):
    DONE = "done"  # F10


@dataclass(frozen=True)
class CountDisplay:
    step: CountStep
    #: counts being counted or recounted (newest first)
    open_counts: tuple[CountRow, ...]
    count: CountRow | None
    #: the location being counted (the item step) or the last one done
    location: LocationView | None
    #: a quantity typed for the next item scan
    qty: int | None
    #: a lot scanned (its label) for the next item scan
    lot: str | None = None


CountOutcome = Outcome[CountDisplay]


class CountStation(ScanStation[CountDisplay, CountKey]):
    def __init__(self, uow: UowFactory, user: UserInfo) -> None:
        super().__init__(uow)
        self.user = user
        self.step = CountStep.COUNT
        self.open_counts: tuple[CountRow, ...] = ()
        self.count: CountRow | None = None
        self.location: LocationView | None = None
        self.qty: int | None = None
        self.lot: str | None = None
        #: the lot codes the records have in the location being counted (a lot label scanned
        #: is known by them; what they hold is not shown)
        self.lots_here: frozenset[str] = frozenset()

    def display(self) -> CountDisplay:
        return CountDisplay(
            self.step, self.open_counts, self.count, self.location, self.qty, self.lot
        )

    def load(self) -> CountOutcome:
        """Read the open counts (the screen calls this when it is shown); with only one, it is
        chosen."""
        self.open_counts = tuple(
            c
            for c in counts.list_counts(self.uow())
            if c.status in (CountStatus.OPEN, CountStatus.RECOUNT)
        )
        if self.step is CountStep.COUNT and len(self.open_counts) == 1:
            return self._choose(self.open_counts[0].code)
        if self.step is CountStep.COUNT:
            return self.info(msg.SCAN_COUNT())
        return self.quiet()

    # -- inputs -------------------------------------------------------------------------------

    def _scan(self, scan: Scan) -> CountOutcome:
        if self.step is CountStep.COUNT:
            return self._choose(scan.value)
        if scan.kind == ScanKind.LOCATION:
            return self._location(scan.value.strip().upper())
        if self.step is CountStep.LOCATION:
            return self.refuse(msg.SCAN_LOCATION(code=scan.value))
        if scan.kind == ScanKind.QUANTITY and scan.quantity is not None:
            self.qty = scan.quantity
            return self.info(msg.QTY_NEXT(qty=scan.quantity))
        if scan.value.strip() in self.lots_here:
            self.lot = scan.value.strip()
            return self.info(msg.LOT_NEXT(lot=self.lot))
        return self._item(scan)

    def _choose(self, code: str) -> CountOutcome:
        code = code.strip().upper()
        found = next((c for c in counts.list_counts(self.uow()) if c.code == code), None)
        if found is None:
            return self.refuse(msg.NO_COUNT(count=code))
        if found.status not in (CountStatus.OPEN, CountStatus.RECOUNT):
            return self.refuse(msg.NOT_COUNTING(count=code, status=count_word(found.status)))
        self.count, self.step, self.location = found, CountStep.LOCATION, None
        return self.info(msg.COUNT_CHOSEN(count=found.code, scope=found.scope))

    def _location(self, code: str) -> CountOutcome:
        assert self.count is not None
        if self.step is CountStep.ITEM and self.location is not None:
            if code == self.location.location:
                return self.quiet()
            return self.refuse(msg.FINISH_FIRST(location=self.location.location, scanned=code))
        self.location = counts.start_location(self.uow(), self.user.actor, self.count.code, code)
        self.lots_here = frozenset(counts.lots_at(self.uow(), code))
        self.step, self.qty, self.lot = CountStep.ITEM, None, None
        return self.ok(msg.LOCATION_STARTED(location=code))

    def _item(self, scan: Scan) -> CountOutcome:
        assert self.count is not None and self.location is not None
        qty, self.qty = self.qty or 1, None
        lot, self.lot = scan.lot or self.lot, None
        self.location = counts.record(
            self.uow(),
            self.user.actor,
            self.count.code,
            self.location.location,
            scan.value,
            qty,
            lot=lot,
        )
        last = self.location.last
        assert last is not None
        return self.ok(
            msg.COUNTED_UNITS(qty=qty, sku=last.sku, lot=last.lot or "—", counted=last.counted)
        )

    def _text(self, text: str) -> CountOutcome:  # no text step
        return self.quiet()

    def _key(self, action: CountKey) -> CountOutcome:
        if self.step is not CountStep.ITEM or self.count is None or self.location is None:
            return self.quiet()
        where = self.location.location
        self.location = counts.finish_location(self.uow(), self.user.actor, self.count.code, where)
        self.step, self.qty = CountStep.LOCATION, None
        return self.ok(
            msg.LOCATION_FINISHED(
                location=where,
                units=sum(line.counted for line in self.location.lines),
                left=self.location.left,
            ),
            Sound.DONE,
        )

    def _escape(self) -> CountOutcome:
        if self.step is CountStep.ITEM:
            self.step, self.qty, self.lot = CountStep.LOCATION, None, None
        elif self.step is CountStep.LOCATION:
            self.step, self.count, self.location = CountStep.COUNT, None, None
        return self.quiet()
