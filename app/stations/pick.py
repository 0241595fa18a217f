"""The pick station (拣货) without Qt.

wave barcode → for each task: location → item (counts as one unit) → more units by scanning,
or a typed quantity.  The short-pick key (F8) opens the short pick: a reason, then confirm, and
the rest of the task is declared short.  A refused scan records nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import DomainError
from app.domain.scans import Scan, ScanKind
from app.domain.waves import TaskStatus
from app.messages import Message
from app.messages import stations as msg
from app.services import picking
from app.services.picking import ShortResult, TaskView, WaveView
from app.services.users import UserInfo
from app.stations.base import Level, Outcome, ScanStation, Sound, UowFactory

log = logging.getLogger(__name__)


class PickStep(StrEnum):
    WAVE = "wave"
    LOCATION = "location"
    ITEM = "item"
    QUANTITY = "quantity"


class PickKey(StrEnum):
    SHORT = "short"  # F8: the rest of the task is not there


#: Short-pick reasons as stored (English, in the ledger and the audit); screens translate them.
SHORT_REASONS = ("location empty", "damaged", "not found")


@dataclass(frozen=True)
class PickDisplay:
    step: PickStep
    wave: WaveView | None
    task: TaskView | None
    #: the short-pick panel is open (it takes the keyboard until Enter or Esc)
    short_open: bool

    @property
    def position(self) -> int | None:
        """The task's place in the wave (1-based)."""
        if self.wave is None or self.task is None:
            return None
        return next(i for i, t in enumerate(self.wave.tasks, start=1) if t.id == self.task.id)


PickOutcome = Outcome[PickDisplay]


class PickStation(ScanStation[PickDisplay, PickKey]):
    def __init__(self, uow: UowFactory, user: UserInfo) -> None:
        super().__init__(uow)
        self.user = user
        self.wave: WaveView | None = None
        self.task_id: int | None = None
        self.step = PickStep.WAVE
        self.short_open = False

    def display(self) -> PickDisplay:
        return PickDisplay(self.step, self.wave, self.current_task(), self.short_open)

    def current_task(self) -> TaskView | None:
        if self.wave is None or self.task_id is None:
            return None
        return next((t for t in self.wave.tasks if t.id == self.task_id), None)

    # -- scans --------------------------------------------------------------------------------

    def _scan(self, scan: Scan) -> PickOutcome:
        if self.short_open:
            return self.refuse(msg.FINISH_SHORT_FIRST())
        task = self.current_task()
        if self.step is PickStep.WAVE or task is None:
            view = picking.start_picking(self.uow(), self.user.actor, scan.value)
            log.info("%s started picking wave %s", self.user.name, view.code)
            self.wave = view
            return self._advance(msg.WAVE_TASKS(wave=view.code, n=len(view.tasks)))
        if self.step is PickStep.LOCATION:
            picking.check_location(self.uow(), task.id, scan.value)
            self.step = PickStep.ITEM
            return self.ok(msg.LOCATION_RIGHT(location=task.location))
        if self.step is PickStep.QUANTITY and scan.kind == ScanKind.QUANTITY:
            return self._confirm(task, int(scan.value))
        picking.check_item(self.uow(), task.id, scan.item)
        return self._confirm(task, 1)

    def _text(self, text: str) -> PickOutcome:  # the pick station has no text step
        return self.quiet()

    def _confirm(self, task: TaskView, qty: int) -> PickOutcome:
        view = picking.confirm_pick(self.uow(), self.user.actor, task.id, qty)
        self.wave = view
        now = self.current_task()
        if now is not None and now.remaining > 0:
            self.step = PickStep.QUANTITY
            return self.ok(
                msg.PICKED_SO_FAR(picked=now.picked_qty, qty=now.qty, left=now.remaining)
            )
        return self._advance(msg.TASK_DONE(qty=task.qty, sku=task.sku))

    def _advance(self, said: Message, level: Level = Level.OK) -> PickOutcome:
        """Move to the next open task (or finish the wave), saying *said* first."""
        view = self.wave
        task = view.next_task() if view is not None else None
        if view is None or view.done or task is None:
            code = view.code if view is not None else ""
            self._reset()
            return self.ok(msg.BOTH(first=said, second=msg.WAVE_DONE(wave=code)), Sound.DONE)
        self.task_id = task.id
        self.step = PickStep.LOCATION
        both = msg.BOTH(first=said, second=msg.GO_TO(location=task.location))
        if level is Level.OK:
            return self.ok(both)
        return self.outcome(level, both, Sound.ACCEPT)

    def _reset(self) -> None:
        self.wave = None
        self.task_id = None
        self.step = PickStep.WAVE
        self.short_open = False

    def _after_refusal(self) -> None:
        """After a refusal: if the task was finished elsewhere meanwhile, move on quietly."""
        if self.wave is None or self.step is PickStep.WAVE:
            return
        try:
            view = picking.load_wave(self.uow(), self.wave.id)
        except DomainError:
            self._reset()
            return
        self.wave = view
        task = self.current_task()
        if task is None or task.status is not TaskStatus.OPEN:
            nxt = view.next_task()
            if view.done or nxt is None:
                self._reset()
                return
            self.task_id = nxt.id
            self.step = PickStep.LOCATION

    # -- the short pick -----------------------------------------------------------------------

    def _key(self, action: PickKey) -> PickOutcome:
        if self.current_task() is None or self.step is PickStep.WAVE:
            return self.refuse(msg.SHORT_NEEDS_WAVE())
        self.short_open = True
        return self.quiet()

    def _escape(self) -> PickOutcome:
        if self.short_open:
            self.short_open = False
        return self.quiet()

    def short(self, reason: str) -> PickOutcome:
        """The short-pick panel confirmed: the rest of the task is missing, for *reason*."""
        task = self.current_task()
        self.short_open = False
        if task is None:
            return self.quiet()

        def act() -> PickOutcome:
            result = picking.declare_short(self.uow(), self.user.actor, task.id, reason)
            log.info("%s declared task %s short (%s)", self.user.name, task.id, reason)
            self.wave = result.wave
            return self._advance(short_words(result), Level.INFO)

        return self._guard(act, "short pick")


def short_words(result: ShortResult) -> Message:
    if result.exception_order is not None:
        return msg.SHORT_TO_EXCEPTION(
            missing=result.missing, order=result.exception_order, count=result.count
        )
    if result.new_task is not None:
        return msg.SHORT_NEW_TASK(
            missing=result.missing, location=result.new_task.location, count=result.count
        )
    return msg.SHORT_MISSING(missing=result.missing, count=result.count)
