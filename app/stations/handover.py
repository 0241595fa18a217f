"""The handover station (交接 / 揽收) without Qt: the courier's pickup, parcel by parcel.

Scan (or type) the carrier (SF, ZTO, 顺丰 …) → a handover batch starts; or scan a batch's code
(HO000001) to go on with one left open → scan the parcels back to back: each is checked by
app.services.handover and said in words, colour and sound, with the running count; a parcel
whose order was cancelled or held is refused in red and stays on screen until Esc or CLEAR
(take the parcel out) → F10 closes the batch with its count (the orders handed over whole
ship) and saves the handover manifest (交接单) PDF off the GUI thread.  F11 saves the last
closed batch's manifest again.  Esc leaves the open batch open and starts over.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.domain.scans import Scan, ScanKind
from app.messages import Message
from app.messages import handover as msg
from app.messages import stations as station_msg
from app.services import handover
from app.services.handover import HandoverRefused, ManifestRenderer, PendingParcel, Scanned
from app.services.users import UserInfo
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

log = logging.getLogger(__name__)

#: A handover batch's code, as its manifest's barcode carries it.
BATCH_CODE = re.compile(r"^HO\d{6}$", re.IGNORECASE)
#: The last parcels shown on screen, newest first.
RECENT = 8


class HandoverStep(StrEnum):
    CARRIER = "carrier"  # scan the carrier (or a batch's code)
    PARCELS = "parcels"  # scan the parcels of the open batch
    SAVING = "saving"  # the manifest is being rendered and saved


class HandoverKey(StrEnum):
    CLOSE = "close"  # F10
    SAVE_AGAIN = "save_again"  # F11


@dataclass(frozen=True)
class HandoverDisplay:
    step: HandoverStep
    batch: str | None
    carrier: str | None
    #: parcels in the open batch
    count: int
    #: the last parcels accepted, newest first
    recent: tuple[Scanned, ...]
    #: the last manifest saved here
    manifest: Path | None
    refusal: Level | None
    #: parcels packed and not handed over yet, oldest first (as last looked at)
    pending: tuple[PendingParcel, ...] = ()

    @property
    def overdue(self) -> int:
        return sum(p.overdue for p in self.pending)


HandoverOutcome = Outcome[HandoverDisplay]


class HandoverStation(ScanStation[HandoverDisplay, HandoverKey]):
    def __init__(
        self,
        uow: UowFactory,
        user: UserInfo,
        renderer: ManifestRenderer,
        manifests: Path,
        *,
        overdue_after: dt.timedelta = handover.OVERDUE_AFTER,
    ) -> None:
        super().__init__(uow)
        self.user = user
        self.renderer = renderer
        #: where the manifests are saved (HO000001.pdf)
        self.manifests = manifests
        self.step = HandoverStep.CARRIER
        self.batch: handover.Batch | None = None
        self.count = 0
        self.recent: list[Scanned] = []
        self.manifest: Path | None = None
        #: the last batch closed here (F11 saves its manifest again)
        self.closed: str | None = None
        #: packed parcels waiting longer than this are overdue (the station setting)
        self.overdue_after = overdue_after
        self.pending: tuple[PendingParcel, ...] = ()

    def display(self) -> HandoverDisplay:
        return HandoverDisplay(
            step=self.step,
            batch=self.batch.code if self.batch else None,
            carrier=self.batch.carrier if self.batch else None,
            count=self.count,
            recent=tuple(self.recent),
            manifest=self.manifest,
            refusal=self.refusal,
            pending=self.pending,
        )

    def look(self) -> HandoverOutcome:
        """What waits at the dock: the parcels packed and not handed over (the screen asks when
        it is shown; starting and closing a batch look again)."""
        try:
            found = handover.pending(self.uow(), self.user.actor, overdue_after=self.overdue_after)
        except Exception:
            log.exception("the parcels waiting for handover could not be listed")
            return self.quiet()
        self.pending = tuple(found)
        return self.quiet()

    # -- scans ----------------------------------------------------------------------------------

    def _scan(self, scan: Scan) -> HandoverOutcome:
        if self.step is HandoverStep.SAVING:
            return self.refuse(msg.SAVING_WAIT())
        if BATCH_CODE.match(scan.value):
            return self._resume(scan.value)
        if self.step is HandoverStep.CARRIER or self.batch is None:
            return self._start(scan)
        return self._parcel(scan.value)

    def _start(self, scan: Scan) -> HandoverOutcome:
        if scan.kind == ScanKind.TRACKING:
            return self.refuse(msg.SCAN_CARRIER_FIRST())
        batch = handover.start(self.uow(), self.user.actor, scan.value)
        self._open(batch)
        self.look()
        log.info("%s started handover %s (%s)", self.user.name, batch.code, batch.carrier)
        return self.ok(msg.STARTED(batch=batch.code, carrier=batch.carrier))

    def _resume(self, code: str) -> HandoverOutcome:
        batch = handover.batch_info(self.uow(), self.user.actor, code)
        if batch.closed_at is not None:
            return self.refuse(
                msg.BATCH_CLOSED(batch=batch.code, at=f"{batch.closed_at:%Y-%m-%d %H:%M}")
            )
        self._open(batch)
        return self.info(msg.RESUMED(batch=batch.code, carrier=batch.carrier, count=batch.count))

    def _open(self, batch: handover.Batch) -> None:
        self.batch = batch
        self.count = batch.count
        self.recent = []
        self.step = HandoverStep.PARCELS

    def _parcel(self, number: str) -> HandoverOutcome:
        assert self.batch is not None
        try:
            scanned = handover.scan(self.uow(), self.user.actor, self.batch.code, number)
        except HandoverRefused as exc:
            if exc.intercept:  # the parcel must come out of the pile: said until acknowledged
                self.refusal = Level.BLOCKED
                return Outcome(Level.BLOCKED, exc.message, Sound.REFUSE, self.display(), True)
            return self.refuse(exc.message)
        self.count = scanned.count
        self.recent = [scanned, *self.recent][:RECENT]
        return self.ok(scanned.message)

    # -- keys -----------------------------------------------------------------------------------

    def _key(self, action: HandoverKey) -> HandoverOutcome:
        if self.step is HandoverStep.SAVING:
            return self.refuse(msg.SAVING_WAIT())
        if action is HandoverKey.SAVE_AGAIN:
            if self.closed is None:
                return self.refuse(msg.NOTHING_TO_SAVE())
            return self._save(self.closed, None)
        if self.batch is None:
            return self.refuse(msg.NO_OPEN_BATCH())
        closed = handover.close(self.uow(), self.user.actor, self.batch.code)
        log.info("%s closed handover %s", self.user.name, self.batch.code)
        self.closed = self.batch.code
        self.batch = None
        self.recent = []
        self.count = closed.manifest.count
        return self._save(closed.manifest.batch, closed.message)

    def _save(self, code: str, said: Message | None) -> HandoverOutcome:
        """Render and save the manifest off the GUI thread; then say *said* and where."""
        uow, actor, renderer, folder = self.uow, self.user.actor, self.renderer, self.manifests

        def run(progress: Progress) -> object:
            return handover.save_manifest(uow(), actor, code, renderer, folder)

        def finish(result: object, error: BaseException | None) -> HandoverOutcome:
            self.step = HandoverStep.CARRIER
            self.count = 0
            if error is not None or not isinstance(result, Path):
                why = words_of(error) if error is not None else str(result)
                log.warning("manifest of %s not saved: %s", code, why)
                failed = msg.MANIFEST_NOT_SAVED(why=why)
                return self.refuse(station_msg.BOTH(first=said, second=failed) if said else failed)
            self.manifest = result
            self.look()
            saved = msg.MANIFEST_SAVED(path=str(result))
            both = station_msg.BOTH(first=said, second=saved) if said else saved
            return self.ok(both, Sound.DONE)

        self.step = HandoverStep.SAVING
        return self.outcome(Level.INFO, said, work=Work(f"manifest {code}", run, finish))

    def _escape(self) -> HandoverOutcome:
        batch = self.batch
        if batch is None or self.step is HandoverStep.SAVING:
            return self.quiet()
        self.batch = None
        self.recent = []
        self.step = HandoverStep.CARRIER
        return self.info(msg.LEFT_OPEN(batch=batch.code, count=self.count))
