"""What every scan station shares, without Qt: typed scans and named keys in, an
:class:`Outcome` out.

A station (pick, pack, bind — and the put-away, handover, count, returns and receiving stations
to come) holds the state of one person's work at one screen: which step it is at, what is
open, a refusal that waits to be acknowledged.  The screen calls one of its methods for every
input — ``scan(Scan)`` for a code (classified once, at the edge), ``text(str)`` for words typed
in a text step (a reason), ``key(action)`` for an F-key with a name — and shows what the
outcome says: the level (colour), the message (words, in the screen's language), the sound,
and the station's display (what the screen shows next).  Services are reached through the
unit-of-work factory the station is given; a station never holds a Session.

Slow work (rendering and printing a waybill) is not done by the station: the outcome carries a
:class:`Work` that the screen runs off the GUI thread and hands back with ``finish``.

A refusal at a station with ``sticky_refusals`` waits until Esc or a scan of CLEAR; a scan in
the meantime is refused again ("acknowledge first") and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

from app.domain.errors import DomainError
from app.domain.scans import DEFAULT, ClassifierConfig, Scan, ScanKind, ScanRefused, classify
from app.messages import Message
from app.messages import stations as msg
from app.messages.common import UNEXPECTED

if TYPE_CHECKING:
    from app.db.uow import UnitOfWork

log = logging.getLogger(__name__)

#: A fresh unit of work per user action (app.context.AppContext.uow).
UowFactory = Callable[[], "UnitOfWork"]
#: progress(done, total) of slow work
Progress = Callable[[int, int], None]


class Level(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    #: the order must not go on (cancelled, on hold): the screen says it loudest
    BLOCKED = "blocked"


class Sound(StrEnum):
    """The station's sounds (resources/sounds/<name>.wav)."""

    ACCEPT = "accept"
    REFUSE = "refuse"
    DONE = "done"


D = TypeVar("D")


@dataclass(frozen=True)
class Work(Generic[D]):
    """Slow work a station asks for: ``run(progress)`` goes off the GUI thread (it opens its own
    units of work), then the screen calls ``finish(result, error)`` on the GUI thread."""

    name: str
    run: Callable[[Progress], object]
    finish: Callable[[object, BaseException | None], Outcome[D]]


@dataclass(frozen=True)
class Outcome(Generic[D]):
    """What one input did, for the screen to show.

    ``level`` None: nothing to say (the display changed, e.g. a weight reading).  ``sticky``:
    the refusal stays until Esc or CLEAR.  ``show``: the station's display after the input.
    """

    level: Level | None
    message: Message | None
    sound: Sound | None
    show: D
    sticky: bool = False
    work: Work[D] | None = field(default=None, compare=False)

    @property
    def refused(self) -> bool:
        return self.level in (Level.ERROR, Level.BLOCKED)


K = TypeVar("K", bound=StrEnum)


class ScanStation(Generic[D, K]):
    """The base of every scan station: outcomes, sticky refusals, CLEAR, failures in words."""

    #: A refusal stays until Esc or CLEAR (the pack station); otherwise the next scan goes on.
    sticky_refusals = False

    def __init__(self, uow: UowFactory, classifier: ClassifierConfig = DEFAULT) -> None:
        self.uow = uow
        #: what a code typed into the scan field is (the station's patterns: the scan router's)
        self.classifier = classifier
        #: the refusal waiting to be acknowledged (sticky stations): its level
        self.refusal: Level | None = None

    # -- what the subclass provides ---------------------------------------------------------------

    def display(self) -> D:
        raise NotImplementedError

    def _scan(self, scan: Scan) -> Outcome[D]:
        raise NotImplementedError

    def expects_text(self) -> bool:
        """Whether the station waits for words typed by a person (a reason, a badge)."""
        return False

    def _key(self, action: K) -> Outcome[D]:
        raise NotImplementedError

    def watch(self) -> Work[D] | None:
        """Work that reads, off the GUI thread, whether what the station has open changed
        under it (cancelled, put on hold, taken elsewhere); the screen asks every second and
        shows what the work's ``finish`` says.  None: nothing to watch now."""
        return None

    def _text(self, text: str) -> Outcome[D]:
        """Words typed in a text step; stations without one take typed text as a scan."""
        raise NotImplementedError

    def _escape(self) -> Outcome[D]:
        """Esc with no refusal waiting: cancel the current sub-step (nothing by default)."""
        return self.quiet()

    def _after_refusal(self) -> None:
        """Called after a refusal the station did not expect (a DomainError): resync."""

    def _acknowledged(self) -> Outcome[D]:
        return self.quiet()

    # -- inputs ---------------------------------------------------------------------------------

    def typed(self, text: str) -> Outcome[D]:
        """Enter in the scan field: words for a text step, else a code typed by hand —
        classified exactly as a scanned one."""
        text = text.strip()
        if not text:
            return self.quiet()
        if self.expects_text():
            return self.text(text)
        try:
            scan = classify(text, self.classifier, source="keyboard")
        except ScanRefused as exc:
            return self.refuse(exc.message)
        return self.scan(scan)

    def scan(self, scan: Scan) -> Outcome[D]:
        """A code from the scanner (or typed into the scan field), classified."""
        if scan.kind == ScanKind.CLEAR:
            if self.refusal is None:
                return self.info(msg.NOTHING_TO_ACKNOWLEDGE())
            return self.escape()
        if self.refusal is not None:
            return self.nag()
        return self._guard(lambda: self._scan(scan), f"scan {scan.value!r}")

    def text(self, text: str) -> Outcome[D]:
        """Words typed in a text step (the display says when one is expected)."""
        if self.refusal is not None:
            return self.nag()
        return self._guard(lambda: self._text(text.strip()), "typed text")

    def key(self, action: K) -> Outcome[D]:
        """A named key action (F-keys)."""
        if self.refusal is not None:
            return self.nag()
        return self._guard(lambda: self._key(action), f"key {action}")

    def finish(self, work: Work[D], result: object, error: BaseException | None) -> Outcome[D]:
        """The screen's worker finished *work* (off the GUI thread): what it did."""
        return work.finish(result, error)

    def escape(self) -> Outcome[D]:
        """Esc (or CLEAR): put away a waiting refusal, else cancel the current sub-step."""
        if self.refusal is not None:
            self.refusal = None
            return self._acknowledged()
        return self._escape()

    # -- building outcomes ----------------------------------------------------------------------

    def outcome(
        self,
        level: Level | None,
        message: Message | None,
        sound: Sound | None = None,
        *,
        work: Work[D] | None = None,
    ) -> Outcome[D]:
        sticky = self.sticky_refusals and level in (Level.ERROR, Level.BLOCKED)
        if sticky:
            self.refusal = level
        return Outcome(level, message, sound, self.display(), sticky, work)

    def ok(self, message: Message, sound: Sound = Sound.ACCEPT) -> Outcome[D]:
        return self.outcome(Level.OK, message, sound)

    def info(self, message: Message) -> Outcome[D]:
        return self.outcome(Level.INFO, message)

    def refuse(self, message: Message, *, blocked: bool = False) -> Outcome[D]:
        return self.outcome(Level.BLOCKED if blocked else Level.ERROR, message, Sound.REFUSE)

    def quiet(self) -> Outcome[D]:
        return self.outcome(None, None)

    def nag(self) -> Outcome[D]:
        """Something came while a refusal waits to be acknowledged: nothing changes."""
        return Outcome(
            Level.ERROR, msg.ACKNOWLEDGE_FIRST(), Sound.REFUSE, self.display(), False, None
        )

    def _guard(self, act: Callable[[], Outcome[D]], what: str) -> Outcome[D]:
        """Run an input: a refusal by the warehouse's rules is said in its words; anything else
        is said as a failure (the details go to the log)."""
        try:
            return act()
        except DomainError as exc:
            log.info("%s refused: %s", what, exc)
            self._after_refusal()
            return self.refuse(exc.message, blocked=self._blocks(exc))
        except Exception as exc:
            log.exception("%s failed", what)
            return self.refuse(failure(exc))

    def _blocks(self, exc: DomainError) -> bool:
        """Whether a refusal means the order must not go on (said loudest)."""
        return False


def failure(exc: BaseException) -> Message:
    """Anything that went wrong, in words: a refusal as its own message, else the error with
    where the details are."""
    if isinstance(exc, DomainError):
        return exc.message
    from app.config import paths

    return UNEXPECTED(message=str(exc) or type(exc).__name__, path=str(paths().log_file))


def words_of(exc: BaseException) -> Message | str:
    """What an error says: its message when it carries one (a refusal, a device error), else
    its own text (an operating system's words)."""
    said = getattr(exc, "message", None)
    return said if isinstance(said, Message) else (str(exc) or type(exc).__name__)
