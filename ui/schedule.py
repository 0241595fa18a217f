"""Scheduled order review: while the app runs, review at the station's review times.

`due_times` is the pure rule (tested without Qt); `ReviewScheduler` checks it once a minute.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from app.config import Settings, valid_review_time

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000
# After a long sleep (laptop lid closed) only look back this far: one review, not a backlog.
MAX_LOOKBACK = dt.timedelta(days=1)


def parse_time(text: str) -> dt.time:
    if not valid_review_time(text):
        raise ValueError(f"{text!r} is not a time like 09:00")
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def due_times(last_check: dt.datetime, now: dt.datetime, times: Sequence[str]) -> list[dt.datetime]:
    """Every review time t with last_check < t <= now, oldest first (invalid entries ignored)."""
    if now <= last_check:
        return []
    start = max(last_check, now - MAX_LOOKBACK)
    clock_times = sorted({parse_time(t) for t in times if valid_review_time(t)})
    due: list[dt.datetime] = []
    day = start.date()
    while day <= now.date():
        for clock in clock_times:
            at = dt.datetime.combine(day, clock, tzinfo=now.tzinfo)
            if start < at <= now:
                due.append(at)
        day += dt.timedelta(days=1)
    return due


class ReviewScheduler(QObject):
    """Emits ``due(at)`` once when one or more review times have passed since the last check."""

    due = Signal(object)

    def __init__(
        self,
        settings: Callable[[], Settings],
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._clock = clock
        self._last_check = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self._last_check = self._clock()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def _on_tick(self) -> None:
        self.check()

    def check(self) -> list[dt.datetime]:
        now = self._clock()
        settings = self._settings()
        due = due_times(self._last_check, now, settings.review_times)
        self._last_check = now
        if due and settings.auto_review:
            log.info("scheduled review due at %s", due[-1].strftime("%Y-%m-%d %H:%M"))
            self.due.emit(due[-1])
        return due
