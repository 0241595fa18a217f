"""The put-away station (上架 / 还库) without Qt: the open put-away tasks in walking order with
their age; scan the location (the first open task there is taken), then one unit of the item:
the task's units are booked back onto their lot and the next task is shown.

Keys (:class:`PutawayKey`): F5 reads the list again.  Esc goes back to the location step.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.scans import Scan
from app.messages import cancellation as msg
from app.services import putaway
from app.services.putaway import PutawayView
from app.services.users import UserInfo
from app.stations.base import Outcome, ScanStation, Sound, UowFactory

log = logging.getLogger(__name__)

__all__ = ["PutawayDisplay", "PutawayKey", "PutawayStation", "PutawayStep", "PutawayView"]


class PutawayStep(StrEnum):
    LOCATION = "location"
    ITEM = "item"


class PutawayKey(StrEnum):
    REFRESH = "refresh"  # F5


@dataclass(frozen=True)
class PutawayDisplay:
    step: PutawayStep
    #: open tasks in walking order
    tasks: tuple[PutawayView, ...]
    #: the task whose location was scanned (the item step)
    task: PutawayView | None
    #: when the list was read (ages are counted from it)
    now: dt.datetime

    @property
    def next_task(self) -> PutawayView | None:
        return self.task or (self.tasks[0] if self.tasks else None)


PutawayOutcome = Outcome[PutawayDisplay]


def _utcnow() -> dt.datetime:
    """Naive UTC, as the tasks' created_at is stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class PutawayStation(ScanStation[PutawayDisplay, PutawayKey]):
    def __init__(
        self, uow: UowFactory, user: UserInfo, clock: Callable[[], dt.datetime] = _utcnow
    ) -> None:
        super().__init__(uow)
        self.user = user
        self.clock = clock
        self.step = PutawayStep.LOCATION
        self.tasks: tuple[PutawayView, ...] = ()
        self.task: PutawayView | None = None
        self.read_at = clock()

    def display(self) -> PutawayDisplay:
        return PutawayDisplay(self.step, self.tasks, self.task, self.read_at)

    def load(self) -> PutawayOutcome:
        """Read the open tasks again (the screen calls this when it is shown)."""
        self._reload()
        return self.quiet()

    def _reload(self) -> None:
        self.tasks = tuple(putaway.open_tasks(self.uow(), self.user.actor))
        self.read_at = self.clock()
        if self.task is not None and all(t.task != self.task.task for t in self.tasks):
            self._back()

    def _back(self) -> None:
        self.task = None
        self.step = PutawayStep.LOCATION

    # -- inputs -------------------------------------------------------------------------------

    def _scan(self, scan: Scan) -> PutawayOutcome:
        if self.step is PutawayStep.ITEM and self.task is not None:
            return self._item(self.task, scan)
        return self._location(scan.value.strip().upper())

    def _location(self, code: str) -> PutawayOutcome:
        self._reload()
        if not self.tasks:
            return self.refuse(msg.PUTAWAY_NOTHING_OPEN())
        here = next((t for t in self.tasks if t.location == code), None)
        if here is None:
            first = self.tasks[0]
            return self.refuse(
                msg.PUTAWAY_WRONG_LOCATION(scanned=code, task=first.task, location=first.location)
            )
        putaway.check_location(self.uow(), here.task, code)
        self.task, self.step = here, PutawayStep.ITEM
        return self.ok(msg.PUTAWAY_SCAN_ITEM(location=here.location, sku=here.sku, qty=here.qty))

    def _item(self, task: PutawayView, scan: Scan) -> PutawayOutcome:
        putaway.check_item(self.uow(), task.task, scan.item)
        done = putaway.confirm(self.uow(), self.user.actor, task.task)
        log.info("%s put away task %s", self.user.name, done.task)
        self._back()
        self._reload()
        return self.ok(
            msg.PUTAWAY_CONFIRMED(
                qty=done.qty, sku=done.sku, lot=done.lot, location=done.location, task=done.task
            ),
            Sound.DONE,
        )

    def _text(self, text: str) -> PutawayOutcome:  # no text step
        return self.quiet()

    def _key(self, action: PutawayKey) -> PutawayOutcome:
        self._reload()
        return self.quiet()

    def _escape(self) -> PutawayOutcome:
        self._back()
        return self.quiet()

    def _after_refusal(self) -> None:
        """A task done elsewhere meanwhile leaves the list; the station goes back a step."""
        try:
            self._reload()
        except Exception:  # the refusal is said already; a failing read must not hide it
            log.exception("reading the put-away tasks again failed")
