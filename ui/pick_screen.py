"""The pick screen (拣货): scanner and keyboard only, one always-focused scan field.  The
workflow is app.stations.pick.PickStation's; this screen shows what it says.

wave barcode → for each task: location → item (counts as one unit) → more units by scanning,
or a typed quantity.  F8 declares a short pick (an inline panel, never a modal dialog that
would swallow the scanner's keystrokes).  Every refusal is said in words, with the refusal
sound; nothing is recorded for a refused scan.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.scans import ClassifierConfig, Scan
from app.services.picking import TaskView, WaveView
from app.services.users import UserInfo
from app.stations.base import Outcome, Sound
from app.stations.pick import SHORT_REASONS, PickDisplay, PickKey, PickStation, PickStep
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.orders_screen import shortcut
from ui.scan_screen import BANNER_STYLE, ScanStationScreen
from ui.sounds import Sounds
from ui.theme import ACCENT, PANEL, heading

log = logging.getLogger(__name__)

__all__ = ["PickScreen", "PickStep", "ShortPanel"]

SHORT_KEY = "F8"

#: The short-pick reasons (stored in English, app.stations.pick.SHORT_REASONS) in words.
REASON_WORDS: list[tuple[str, str]] = list(
    zip(
        SHORT_REASONS,
        (
            QT_TRANSLATE_NOOP("PickScreen", "Location empty"),
            QT_TRANSLATE_NOOP("PickScreen", "Damaged"),
            QT_TRANSLATE_NOOP("PickScreen", "Not found"),
        ),
        strict=True,
    )
)

LOCAL_STYLE = (
    f"""
QLabel#pickStep {{ font-size: 26pt; font-weight: bold; color: {ACCENT}; }}
QLabel#pickLocation {{ font-size: 56pt; font-weight: bold; }}
QLabel#pickSku {{ font-size: 28pt; font-weight: bold; }}
QLabel#pickQty {{ font-size: 34pt; font-weight: bold; }}
QLabel#pickSlot {{ font-size: 28pt; font-weight: bold; color: {ACCENT}; }}
QLabel#pickBig {{ font-size: 20pt; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 10px; }}
QFrame#taskPanel, QFrame#shortPanel {{
    background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px;
}}
"""
    + BANNER_STYLE
)


class ShortPanel(QFrame):
    """Inline (never modal): reason + free text; Enter confirms, Esc cancels."""

    confirmed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortPanel")
        self._title = QLabel()
        self._title.setObjectName("subheading")
        self._reason_label = QLabel()
        self.reason_combo = QComboBox()
        self._note_label = QLabel()
        self.note_edit = QLineEdit()
        self._reason_label.setBuddy(self.reason_combo)
        self._note_label.setBuddy(self.note_edit)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAutoDefault(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self._reason_label)
        row.addWidget(self.reason_combo)
        row.addSpacing(12)
        row.addWidget(self._note_label)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(row)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.cancel_button.clicked.connect(self.cancelled)
        self._retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(
            self.tr("Short pick: why are units missing? Enter confirms, Esc cancels")
        )
        self._reason_label.setText(self.tr("Reason"))
        self._note_label.setText(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Optional, e.g. box crushed"))
        self.confirm_button.setText(self.tr("Confirm short (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        current = self.reason_combo.currentIndex()
        self.reason_combo.clear()
        for key, words in REASON_WORDS:
            self.reason_combo.addItem(translate("PickScreen", words), key)
        self.reason_combo.setCurrentIndex(max(current, 0))

    def open_panel(self) -> None:
        self.reason_combo.setCurrentIndex(0)
        self.note_edit.clear()
        self.show()
        self.reason_combo.setFocus()

    def reason(self) -> str:
        """The reason as stored (English key, plus the note when given)."""
        key = str(self.reason_combo.currentData())
        note = self.note_edit.text().strip()
        return f"{key}: {note}" if note else key

    def _on_confirm(self) -> None:
        self.confirmed.emit(self.reason())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_confirm()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class PickScreen(ScanStationScreen):
    picked = Signal(object)  # WaveView after every recorded pick or short
    wave_done = Signal(str)  # wave code

    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {}

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        parent: QWidget | None = None,
        *,
        sounds: Sounds | None = None,
        classifier: ClassifierConfig | None = None,
    ) -> None:
        self.pick = PickStation(ctx.uow, user)
        super().__init__(self.pick, sounds, parent, classifier=classifier)
        self._user = user
        self._shown_wave: WaveView | None = None
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("pickStep")
        self.step_label.setWordWrap(True)

        self.task_panel = QFrame()
        self.task_panel.setObjectName("taskPanel")
        self.location_label = QLabel()
        self.location_label.setObjectName("pickLocation")
        self.sku_label = QLabel()
        self.sku_label.setObjectName("pickSku")
        self.name_label = QLabel()
        self.name_label.setObjectName("pickBig")
        self.name_label.setWordWrap(True)
        self.lot_label = QLabel()
        self.lot_label.setObjectName("pickBig")
        self.qty_label = QLabel()
        self.qty_label.setObjectName("pickQty")
        self.slot_label = QLabel()
        self.slot_label.setObjectName("pickSlot")
        self.order_label = QLabel()
        self.order_label.setObjectName("pickBig")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("pickBig")
        grid = QGridLayout(self.task_panel)
        grid.addWidget(self.location_label, 0, 0, 1, 2)
        grid.addWidget(self.sku_label, 1, 0)
        grid.addWidget(self.qty_label, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.name_label, 2, 0, 1, 2)
        grid.addWidget(self.lot_label, 3, 0)
        grid.addWidget(self.slot_label, 3, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.order_label, 4, 0)
        grid.addWidget(self.progress_label, 4, 1, Qt.AlignmentFlag.AlignRight)

        self.short_button = QPushButton()
        self.short_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps focus
        self.short_panel = ShortPanel()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.short_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.step_label)
        layout.addWidget(self.scan_edit)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.short_panel)
        layout.addWidget(self.task_panel)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.short_button.clicked.connect(self._on_short_requested)
        self.short_panel.confirmed.connect(self._on_short_confirmed)
        self.short_panel.cancelled.connect(self._on_short_cancelled)
        shortcut(SHORT_KEY, self, self._on_short_requested)

        self._retranslate()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Pick"))
        self._hint.setText(
            self.tr(
                "Scan into the field below; the scanner presses Enter · {key}: short pick"
            ).format(key=SHORT_KEY)
        )
        self.scan_edit.setPlaceholderText(self.tr("Scan here"))
        self.short_button.setText(self.tr("Short pick ({key})").format(key=SHORT_KEY))
        self.show_display(self.pick.display())

    # --- state (tests, the main window) ------------------------------------------------------

    @property
    def step(self) -> PickStep:
        return self.pick.step

    def current_wave(self) -> WaveView | None:
        return self.pick.wave

    def current_task(self) -> TaskView | None:
        return self.pick.current_task()

    # --- what the screen shows ---------------------------------------------------------------

    def apply(self, outcome: Outcome[Any]) -> None:
        before = self._shown_wave
        super().apply(outcome)
        display: PickDisplay = outcome.show
        wave = display.wave
        if wave is not None and wave is not before:
            self.picked.emit(wave)
        if before is not None and wave is None and outcome.sound is Sound.DONE:
            self.wave_done.emit(before.code)
        self._shown_wave = wave
        self.short_panel.setVisible(display.short_open)
        if not display.short_open:
            self.scan_edit.setFocus()

    def show_display(self, display: PickDisplay) -> None:
        task = display.task
        step = display.step
        if step is PickStep.WAVE or task is None:
            self.step_label.setText(self.tr("Scan the wave barcode"))
        elif step is PickStep.LOCATION:
            self.step_label.setText(
                self.tr("Go to {location} and scan the location").format(location=task.location)
            )
        elif step is PickStep.ITEM:
            self.step_label.setText(self.tr("Scan the item"))
        else:
            self.step_label.setText(self.tr("Scan each unit, or type the quantity and press Enter"))
        self.short_button.setEnabled(task is not None and step is not PickStep.WAVE)
        wave = display.wave
        if task is None or wave is None:
            self.task_panel.hide()
            return
        self.task_panel.show()
        self.location_label.setText(task.location)
        self.sku_label.setText(self.tr("SKU {sku}").format(sku=task.sku))
        self.name_label.setText(task.name)
        self.lot_label.setText(self.tr("Lot {lot}").format(lot=task.lot))
        self.qty_label.setText(
            self.tr("Picked {picked} of {qty}").format(picked=task.picked_qty, qty=task.qty)
        )
        self.slot_label.setVisible(task.slot is not None)
        self.slot_label.setText(self.tr("Slot {slot}").format(slot=task.slot))
        self.order_label.setText(self.tr("Order {order}").format(order=task.order_no))
        self.progress_label.setText(
            self.tr("Task {n} of {m} · wave {wave}").format(
                n=display.position, m=len(wave.tasks), wave=wave.code
            )
        )

    # --- short pick --------------------------------------------------------------------------

    def _on_short_requested(self) -> None:
        self.apply(self.pick.key(PickKey.SHORT))
        if self.pick.short_open:
            self.short_panel.open_panel()

    def open_short_panel(self) -> None:
        self._on_short_requested()

    def _on_short_cancelled(self) -> None:
        self.apply(self.pick.escape())

    def _on_short_confirmed(self, reason: str) -> None:
        self.apply(self.pick.short(reason))

    # --- focus -------------------------------------------------------------------------------

    def accept_scan(self, scan: Scan) -> bool:
        """Scans are for the scan field, even while the short-pick panel or another window has
        the focus (a scanner never types into the short-pick note)."""
        super().accept_scan(scan)
        if self.pick.short_open:
            self.short_panel.reason_combo.setFocus()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pick.short_open:
            self._on_short_cancelled()
            return
        super().keyPressEvent(event)
