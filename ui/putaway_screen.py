"""Put-away (上架 / 还库): the units of cancelled orders go back onto their shelves.  The open
tasks are listed in walking order with their age (a supervisor sees what is left in totes);
scan the location, then one unit of the item, and the task is done.  The workflow is
app.stations.putaway.PutawayStation's; this screen shows what it says.

Keys: Enter after a typed code; Esc goes back to the location step; F5 reads the list again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QTableWidgetItem,
    QWidget,
)

from app.context import AppContext
from app.domain.scans import ClassifierConfig
from app.services.users import UserInfo
from app.stations.putaway import PutawayDisplay, PutawayKey, PutawayStation, PutawayStep
from ui.scan_screen import BANNER_STYLE, ScanStationScreen, lay_out_station, station_table
from ui.sounds import Sounds
from ui.theme import ACCENT

__all__ = ["PutawayScreen"]

LOCAL_STYLE = (
    f"""
QLabel#putawayStep {{ font-size: 24pt; font-weight: bold; color: {ACCENT}; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 10px; }}
QTableWidget#putawayTasks {{ font-size: 14pt; }}
"""
    + BANNER_STYLE
)

#: the task table's columns
COL_TASK, COL_LOCATION, COL_SKU, COL_LOT, COL_QTY, COL_AGE, COL_FROM, COL_ORDER = range(8)


class PutawayScreen(ScanStationScreen):
    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {
        (Qt.Key.Key_F5, False): PutawayKey.REFRESH,
    }
    LOUD = True

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        parent: QWidget | None = None,
        *,
        sounds: Sounds | None = None,
        classifier: ClassifierConfig | None = None,
    ) -> None:
        self.putaway = PutawayStation(ctx.uow, user)
        super().__init__(self.putaway, sounds, parent, classifier=classifier)
        self.setStyleSheet(LOCAL_STYLE)
        self.table = station_table(8, "putawayTasks")
        self.table.horizontalHeader().setStretchLastSection(True)
        self._title, self._hint, self.step_label = lay_out_station(self, "putawayStep", self.table)
        self._retranslate()

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Put away"))
        self._hint.setText(
            self.tr(
                "Units of cancelled orders go back to their shelf: scan the location, then one "
                "unit of the item · F5: read the list again · Esc: back to the location"
            )
        )
        self.scan_edit.setPlaceholderText(self.tr("Scan here"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Task"),
                self.tr("Location"),
                self.tr("SKU"),
                self.tr("Lot"),
                self.tr("Qty"),
                self.tr("Age"),
                self.tr("Now at"),
                self.tr("Order"),
            ]
        )
        self.show_display(self.putaway.display())

    # --- what the screen shows ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply(self.putaway.load())

    def age_text(self, age: dt.timedelta) -> str:
        minutes = max(0, int(age.total_seconds() // 60))
        if minutes < 60:
            return self.tr("{m} min").format(m=minutes)
        if minutes < 48 * 60:
            return self.tr("{h} h {m} min").format(h=minutes // 60, m=minutes % 60)
        return self.tr("{d} days").format(d=minutes // (24 * 60))

    def show_display(self, display: PutawayDisplay) -> None:
        task = display.next_task
        if task is None:
            self.step_label.setText(self.tr("No put-away task is open"))
        elif display.step is PutawayStep.ITEM:
            self.step_label.setText(
                self.tr("At {location}: scan one {sku} to put back {qty}").format(
                    location=task.location, sku=task.sku, qty=task.qty
                )
            )
        else:
            self.step_label.setText(
                self.tr("Next: {qty} × {sku} to {location} — scan the location").format(
                    qty=task.qty, sku=task.sku, location=task.location
                )
            )
        self.table.setRowCount(len(display.tasks))
        for row, t in enumerate(display.tasks):
            values = (
                str(t.task),
                t.location,
                t.sku,
                t.lot,
                str(t.qty),
                self.age_text(t.age(display.now)),
                t.units_at,
                t.order_no,
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == COL_SKU:
                    item.setToolTip(t.name)
                if display.task is not None and t.task == display.task.task:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)

    # --- state (tests) -----------------------------------------------------------------------

    @property
    def step(self) -> PutawayStep:
        return self.putaway.step
