"""Slow work off the GUI thread.

A job is a function that receives a progress callback and returns a result.  It runs in its own
QThread and must open its own unit of work there (a Session never crosses threads): build the
UnitOfWork *inside* the job, e.g. ``lambda progress: review_new_orders(ctx.uow(), ...)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from app.domain.errors import DomainError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Job = Callable[[Progress], object]


class ServiceWorker(QThread):
    """Runs one job; reports progress (done, total), then succeeded(result) or failed(error).

    ``done`` is emitted in the GUI thread once the thread has really ended, with ``result`` /
    ``error`` set; then the worker deletes itself (so nothing can destroy a running thread).
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, job: Job, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.result: object = None
        self.error: BaseException | None = None
        self.setObjectName(name)
        # The receiver is this object, which lives in the GUI thread: a queued connection.
        self.finished.connect(self._on_finished)

    def _on_finished(self) -> None:
        self.wait()
        try:
            self.done.emit()
        finally:
            self.deleteLater()

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self._job(self._report)
        except DomainError as exc:
            log.info("%s refused: %s", self.objectName(), exc)
            self.error = exc
            self.failed.emit(exc)
        except Exception as exc:
            log.exception("%s failed", self.objectName())
            self.error = exc
            self.failed.emit(exc)
        else:
            self.result = result
            self.succeeded.emit(result)


def start_worker(
    owner: QObject,
    job: Job,
    name: str,
    *,
    on_progress: Callable[[int, int], None],
    on_done: Callable[[], None],
) -> ServiceWorker:
    """Create, connect and start a worker owned by *owner* (connect bound methods of *owner*)."""
    worker = ServiceWorker(job, name, owner)
    worker.progressed.connect(on_progress)
    worker.done.connect(on_done)
    worker.start()
    return worker
