"""The station's sync while the app runs: one round every ``Settings.sync_interval_s`` seconds,
off the GUI thread, never two at once.

A round (``AppContext.sync.run_once``) pushes the outbox and pulls the central changes; then
the station's status is read, and ``reported`` carries both to the status bar and the Sync
screen.  A round that finds the central database unreachable is no failure: the status says
offline and the events wait in the outbox.  ``wake()`` asks for a round now (a change
notification, F5 on the Sync screen, a resolved rejection); asked while one runs, one more
round follows it.  ``stop()`` (log-out, window closed) waits for a running round to end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import DomainError
from ui.workers import ServiceWorker, start_worker

if TYPE_CHECKING:
    from app.context import SyncAccess
    from app.sync.station import SyncResult, SyncStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    """What one round did and where the station stands after it."""

    #: the station's status read after the round (None when even that failed)
    status: SyncStatus | None
    #: what the round pushed and pulled (None when it did not run to its end)
    result: SyncResult | None = None
    #: why the round did not run to its end (the central database unreachable, …)
    error: BaseException | None = None
    #: when the station last finished a round with the central database (this computer's
    #: clock): this round's end, else an earlier one's
    synced_at: dt.datetime | None = None

    @property
    def online(self) -> bool:
        return self.error is None and self.status is not None and self.status.online is True


def run_round(sync: SyncAccess) -> SyncReport:
    """One round and the status after it; nothing raises (the report says what went wrong)."""
    result: SyncResult | None = None
    error: BaseException | None = None
    try:
        result = sync.run_once()
    except Exception as exc:  # offline, refused, the station's own database locked, …
        error = exc
    try:
        status: SyncStatus | None = sync.status()
    except Exception as exc:
        status = None
        error = error or exc
    return SyncReport(status, result, error, dt.datetime.now() if error is None else None)


class SyncRunner(QObject):
    """Runs the station's sync rounds in a worker thread, one at a time."""

    reported = Signal(object)  # SyncReport, after each round
    #: the central database committed a change (emitted from the listener's thread: queued)
    changed_centrally = Signal()

    def __init__(self, sync: SyncAccess, interval_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.worker: ServiceWorker | None = None
        self.last: SyncReport | None = None
        self.rounds = 0
        self._again = False
        self._running = False
        self._then: Callable[[], None] | None = None
        self._stop_listening: Callable[[], None] | None = None
        self.changed_centrally.connect(self.wake)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # restarted when a round ends: rounds never pile up
        self._timer.timeout.connect(self._on_tick)
        self.set_interval(interval_s)

    # --- control ---------------------------------------------------------------------------

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(max(1, round(seconds * 1000)))

    def interval_s(self) -> float:
        return self._timer.interval() / 1000

    def start(self) -> None:
        """Begin: a round now, then one every interval — and at once whenever the central
        database says it changed (its listener, where the sync offers one)."""
        self._running = True
        listen = getattr(self.sync, "listen", None)
        if listen is not None and self._stop_listening is None:
            try:
                self._stop_listening = listen(self.changed_centrally.emit)
            except Exception:  # no listener: the interval still syncs
                log.info("not listening to the central database", exc_info=True)
        self.wake()

    def wake(self) -> None:
        """A round now; while one runs, another right after it."""
        if not self._running:
            return
        if self.worker is not None:
            self._again = True
            return
        self._start_round()

    def is_busy(self) -> bool:
        return self.worker is not None

    def is_running(self) -> bool:
        return self._running

    def _stop_listener(self) -> None:
        stop, self._stop_listening = self._stop_listening, None
        if stop is not None:
            stop()

    def stop(self) -> None:
        """No more rounds; waits for a running one to end (its thread is gone afterwards)."""
        self._stop_listener()
        self._running = False
        self._again = False
        self._then = None
        self._timer.stop()
        worker = self.worker
        if worker is not None:
            worker.wait()

    def finish(self, then: Callable[[], None]) -> None:
        """No more rounds; *then* is called (in the GUI thread) once none runs — at once when
        none does.  The GUI thread never waits for the network here."""
        self._stop_listener()
        self._running = False
        self._again = False
        self._timer.stop()
        if self.worker is None:
            then()
        else:
            self._then = then

    # --- rounds ----------------------------------------------------------------------------

    def _on_tick(self) -> None:
        if self.worker is None:
            self.wake()

    def _start_round(self) -> None:
        self._timer.stop()
        sync = self.sync

        def job(_progress: Callable[[int, int], None]) -> object:
            return run_round(sync)

        self.worker = start_worker(
            self, job, "sync round", on_progress=lambda *_: None, on_done=self._on_done
        )

    def _on_done(self) -> None:
        worker, self.worker = self.worker, None
        then, self._then = self._then, None
        if then is not None:
            then()
        if worker is None or not self._running:
            return
        report = worker.result
        if not isinstance(report, SyncReport):  # run_round never raises; this is a bug
            report = SyncReport(None, None, worker.error or RuntimeError("no sync report"))
        self.rounds += 1
        if report.synced_at is None:
            report = dataclasses.replace(report, synced_at=self._synced_before(report))
        self._log_change(self.last, report)
        self.last = report
        self.reported.emit(report)
        if self._again:
            self._again = False
            self._start_round()
        else:
            self._timer.start()

    def _synced_before(self, report: SyncReport) -> dt.datetime | None:
        """When the last good round ended: this session's, else what the station recorded."""
        if self.last is not None and self.last.synced_at is not None:
            return self.last.synced_at
        last = report.status.last_sync if report.status is not None else None
        if last is None:
            return None
        return last.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)  # naive UTC

    def _log_change(self, before: SyncReport | None, now: SyncReport) -> None:
        """Into the log when the sync changes state (not every five seconds)."""
        said = str(now.error) if now.error is not None else ""
        was = str(before.error) if before is not None and before.error is not None else None
        if said == (was or ""):
            return
        if now.error is None:
            log.info("sync of station %s: the central database answers again", self.sync.station)
        elif isinstance(now.error, DomainError):
            log.warning("sync of station %s: %s", self.sync.station, said)
        else:
            log.error("sync of station %s failed", self.sync.station, exc_info=now.error)
