"""The low-stock banner (库存预警) on a supervisor's screens: "12 SKUs below their threshold".

A `LowStockWatcher` counts the SKUs below their threshold off the GUI thread — at once, every
minute (other stations pick and receive too), and whenever this window changed stock (a pick,
a wave, an import, a cancellation: `poke`). The banner shows the count in words and opens the
low-stock list when pressed (Enter, Space or a click).
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.context import AppContext
from app.services import stock
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

#: Application-wide (the main window's): the low-stock list from any screen.
LOW_STOCK_KEY = "Ctrl+Shift+L"

#: How often the count is read again although nothing here changed stock.
INTERVAL_MS = 60_000

BANNER_STYLE = """
QPushButton#lowStockBanner {
    background: #fff4d6; color: #5c3d00; border: 2px solid #b07800; border-radius: 0;
    padding: 6px 14px; text-align: left; font-weight: bold;
}
QPushButton#lowStockBanner:focus { border: 3px solid #ffb000; }
"""


class LowStockWatcher(QObject):
    """Counts the SKUs below their threshold in a worker; ``counted(n)`` after each count."""

    counted = Signal(int)

    def __init__(
        self, ctx: AppContext, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._worker: ServiceWorker | None = None
        self._again = False
        self.count: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poke)

    def start(self) -> None:
        self._timer.start()
        self.poke()

    def stop(self) -> None:
        """No more counts; a count under way is waited for (one aggregate query), so that no
        thread outlives the window."""
        self._timer.stop()
        self._again = False
        if self._worker is not None:
            self._worker.wait()

    def is_busy(self) -> bool:
        return self._worker is not None

    def poke(self, *_args: object) -> None:
        """Count again (now, or as soon as the count under way has finished)."""
        if self._worker is not None:
            self._again = True
            return
        ctx = self._ctx

        def job(_progress: Progress) -> object:
            return stock.low_stock_count(ctx.uow(), dt.date.today())

        self._worker = start_worker(
            self, job, "low stock", on_progress=lambda *_: None, on_done=self._on_done
        )

    def _on_done(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.error is None and isinstance(worker.result, int):
            self.count = worker.result
            self.counted.emit(worker.result)
        elif worker is not None:
            log.warning("the low-stock count failed: %s", worker.error)
        if self._again:
            self._again = False
            self.poke()


class LowStockBanner(QPushButton):
    """ "⚠ 12 SKUs below their low-stock threshold — Enter: the list"; hidden at 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lowStockBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAutoDefault(False)
        self.count = 0
        self.hide()

    def show_count(self, n: int) -> None:
        self.count = n
        self._retranslate()
        self.setVisible(n > 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self.count == 1:
            said = self.tr("1 SKU is below its low-stock threshold")
        else:
            said = self.tr("{n} SKUs are below their low-stock threshold").format(n=self.count)
        key = self.tr("{key}: the list").format(key=LOW_STOCK_KEY)
        self.setText("⚠ " + said + " — " + key)
