"""Stock counts (盘点): the counter's screen, keyboard and scanner only, in large type like the
pack station.  Scan the count's code (chosen by itself when only one is open), then a
location, then every unit there (or type a quantity, then scan the item); F10 when the
location is done.  Blind: what the records expect is never shown.  The workflow is
app.stations.count.CountStation's; this screen shows what it says.

Keys: Enter after a typed code; F10 location done; Esc back a step; F5 reads the counts again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from app.context import AppContext
from app.domain.scans import ClassifierConfig
from app.services.users import UserInfo
from app.stations.count import CountDisplay, CountKey, CountStation, CountStep
from ui.scan_screen import BANNER_STYLE, ScanStationScreen, lay_out_station, station_table
from ui.sounds import Sounds
from ui.theme import ACCENT

__all__ = ["CountScreen"]

LOCAL_STYLE = (
    f"""
QLabel#countStep {{ font-size: 24pt; font-weight: bold; color: {ACCENT}; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 10px; }}
QTableWidget#countLines {{ font-size: 18pt; }}
"""
    + BANNER_STYLE
)

#: the counted lines' columns
COL_SKU, COL_NAME, COL_LOT, COL_COUNTED = range(4)


class CountScreen(ScanStationScreen):
    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {
        (Qt.Key.Key_F10, False): CountKey.DONE,
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
        self.counting = CountStation(ctx.uow, user)
        super().__init__(self.counting, sounds, parent, classifier=classifier)
        self.setStyleSheet(LOCAL_STYLE)
        self.table = station_table(4, "countLines")
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self._title, self._hint, self.step_label = lay_out_station(self, "countStep", self.table)
        self._retranslate()

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Stock count"))
        self._hint.setText(
            self.tr(
                "Scan the location, then every unit in it (or type a quantity, then the item) · "
                "F10: location done · Esc: back a step"
            )
        )
        self.scan_edit.setPlaceholderText(self.tr("Scan here"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Item"), self.tr("Lot"), self.tr("Counted")]
        )
        self.show_display(self.counting.display())

    # --- what the screen shows ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply(self.counting.load())

    def show_display(self, display: CountDisplay) -> None:
        count, where = display.count, display.location
        if display.step is CountStep.COUNT or count is None:
            codes = ", ".join(c.code for c in display.open_counts[:6])
            self.step_label.setText(
                self.tr("Scan the count's code ({codes})").format(codes=codes)
                if codes
                else self.tr("No stock count is open: a supervisor makes one")
            )
        elif display.step is CountStep.ITEM and where is not None:
            text = self.tr("{count} · {location}: scan every unit").format(
                count=count.code, location=where.location
            )
            if where.round > 1:
                text += " · " + self.tr("recount")
            if display.qty:
                text += " · " + self.tr("next item × {qty}").format(qty=display.qty)
            if display.lot:
                text += " · " + self.tr("lot {lot}").format(lot=display.lot)
            self.step_label.setText(text)
        else:
            self.step_label.setText(
                self.tr("{count} ({scope}): scan a location").format(
                    count=count.code, scope=count.scope
                )
            )
        lines = where.lines if where is not None and display.step is CountStep.ITEM else []
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for col, text in enumerate((line.sku, line.name, line.lot or "—", str(line.counted))):
                item = QTableWidgetItem(text)
                if col == COL_COUNTED:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)

    # --- state (tests) -----------------------------------------------------------------------

    @property
    def step(self) -> CountStep:
        return self.counting.step
