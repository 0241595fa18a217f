"""The pick screen (拣货): scanner and keyboard only, one always-focused scan field.

wave barcode → for each task: location → item (counts as one unit) → more units by scanning,
or a typed quantity.  F8 declares the rest of the task short.  Every refusal is said in words,
with a beep; the services record nothing for a refused scan.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
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
from app.domain.errors import DomainError
from app.services import picking
from app.services.picking import ShortResult, TaskView, WaveView
from app.services.users import UserInfo
from devices.scanning import ScanEvent
from ui.i18n import QT_TRANSLATE_NOOP, failure_text, translate
from ui.orders_screen import shortcut
from ui.theme import ACCENT, PANEL, MessageLabel, heading

log = logging.getLogger(__name__)

SHORT_KEY = "F8"
#: A typed quantity in the quantity step: 1 to 4 digits (a barcode is longer).
QTY_PATTERN = re.compile(r"^\d{1,4}$")

#: Short-pick reasons: stored in English (ledger, audit), shown translated.
SHORT_REASONS: list[tuple[str, str]] = [
    ("location empty", QT_TRANSLATE_NOOP("PickScreen", "Location empty")),
    ("damaged", QT_TRANSLATE_NOOP("PickScreen", "Damaged")),
    ("not found", QT_TRANSLATE_NOOP("PickScreen", "Not found")),
]

LOCAL_STYLE = f"""
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


class PickStep(StrEnum):
    WAVE = "wave"
    LOCATION = "location"
    ITEM = "item"
    QUANTITY = "quantity"


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
        for key, words in SHORT_REASONS:
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


class PickScreen(QWidget):
    picked = Signal(object)  # WaveView after every recorded pick or short
    wave_done = Signal(str)  # wave code

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._wave: WaveView | None = None
        self._task_id: int | None = None
        self.step = PickStep.WAVE
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("pickStep")
        self.step_label.setWordWrap(True)
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scanEdit")
        self.message = MessageLabel()

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
        layout.addWidget(self.message)
        layout.addWidget(self.short_panel)
        layout.addWidget(self.task_panel)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.scan_edit.returnPressed.connect(self._on_scan_entered)
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
        self._render()

    # --- state -------------------------------------------------------------------------------

    def current_wave(self) -> WaveView | None:
        return self._wave

    def current_task(self) -> TaskView | None:
        if self._wave is None or self._task_id is None:
            return None
        return next((t for t in self._wave.tasks if t.id == self._task_id), None)

    def _set_step(self, step: PickStep) -> None:
        self.step = step
        self._render()

    def _render(self) -> None:
        task = self.current_task()
        if self.step is PickStep.WAVE or task is None:
            self.step_label.setText(self.tr("Scan the wave barcode"))
        elif self.step is PickStep.LOCATION:
            self.step_label.setText(
                self.tr("Go to {location} and scan the location").format(location=task.location)
            )
        elif self.step is PickStep.ITEM:
            self.step_label.setText(self.tr("Scan the item"))
        else:
            self.step_label.setText(self.tr("Scan each unit, or type the quantity and press Enter"))
        self.short_button.setEnabled(task is not None and self.step is not PickStep.WAVE)
        if task is None or self._wave is None:
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
        position = next(i for i, t in enumerate(self._wave.tasks, start=1) if t.id == task.id)
        self.progress_label.setText(
            self.tr("Task {n} of {m} · wave {wave}").format(
                n=position, m=len(self._wave.tasks), wave=self._wave.code
            )
        )

    def _reset(self) -> None:
        self._wave = None
        self._task_id = None
        self._set_step(PickStep.WAVE)

    # --- scanning ----------------------------------------------------------------------------

    def submit_scan(self, text: str) -> None:
        """What the scanner does: type the code, press Enter."""
        self.scan_edit.setText(text)
        self._on_scan_entered()

    def _on_scan_entered(self) -> None:
        text = self.scan_edit.text().strip()
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        if not text:
            return
        try:
            self._handle_scan(text)
        except DomainError as exc:
            log.info("pick scan %r refused: %s", text, exc)
            self._refuse(failure_text(exc))
            self._resync()
        except Exception as exc:
            log.exception("pick scan %r failed", text)
            self._refuse(failure_text(exc))

    def _handle_scan(self, text: str) -> None:
        task = self.current_task()
        if self.step is PickStep.WAVE or task is None:
            view = picking.start_picking(self._ctx.uow(), self._user.actor, text)
            log.info("%s started picking wave %s", self._user.name, view.code)
            self._wave = view
            self._advance(
                self.tr("Wave {wave}: {n} tasks.").format(wave=view.code, n=len(view.tasks))
            )
            return
        if self.step is PickStep.LOCATION:
            picking.check_location(self._ctx.uow(), task.id, text)
            self._set_step(PickStep.ITEM)
            self.message.show_message(
                "ok", self.tr("Location {location} is right.").format(location=task.location)
            )
            return
        if self.step is PickStep.QUANTITY and QTY_PATTERN.match(text):
            self._confirm(task, int(text))
            return
        picking.check_item(self._ctx.uow(), task.id, text)
        self._confirm(task, 1)

    def _confirm(self, task: TaskView, qty: int) -> None:
        view = picking.confirm_pick(self._ctx.uow(), self._user.actor, task.id, qty)
        self._wave = view
        self.picked.emit(view)
        now = self.current_task()
        if now is not None and now.remaining > 0:
            self._set_step(PickStep.QUANTITY)
            self.message.show_message(
                "ok",
                self.tr("{picked} of {qty} picked; {left} to go.").format(
                    picked=now.picked_qty, qty=now.qty, left=now.remaining
                ),
            )
            return
        self._advance(self.tr("Task done: {qty} × {sku}.").format(qty=task.qty, sku=task.sku))

    def _advance(self, said: str, kind: str = "ok") -> None:
        """Move to the next open task (or finish the wave), saying *said* first."""
        view = self._wave
        if view is None:
            self._reset()
            return
        task = view.next_task()
        if view.done or task is None:
            code = view.code
            self._reset()
            self.message.show_message(
                "ok",
                said + " " + self.tr("Wave {wave} is done. Scan the next wave.").format(wave=code),
            )
            self.wave_done.emit(code)
            return
        self._task_id = task.id
        self._set_step(PickStep.LOCATION)
        self.message.show_message(
            kind, said + " " + self.tr("Go to {location}.").format(location=task.location)
        )

    def _refuse(self, text: str) -> None:
        self.message.show_message("error", text)
        QApplication.beep()
        self.scan_edit.clear()
        self.scan_edit.setFocus()

    def _resync(self) -> None:
        """After a refusal: if the task was finished elsewhere meanwhile, move on quietly."""
        if self._wave is None or self.step is PickStep.WAVE:
            return
        try:
            view = picking.load_wave(self._ctx.uow(), self._wave.id)
        except DomainError:
            self._reset()
            return
        self._wave = view
        task = self.current_task()
        if task is None or task.status != "open":
            nxt = view.next_task()
            if view.done or nxt is None:
                self._reset()
                return
            self._task_id = nxt.id
            self._set_step(PickStep.LOCATION)
            return
        self._render()

    # --- short pick --------------------------------------------------------------------------

    def _on_short_requested(self) -> None:
        if self.current_task() is None or self.step is PickStep.WAVE:
            self._refuse(self.tr("Scan the wave barcode first; then F8 declares a short pick."))
            return
        self.short_panel.open_panel()

    def open_short_panel(self) -> None:
        self._on_short_requested()

    def _on_short_cancelled(self) -> None:
        self.short_panel.hide()
        self.scan_edit.setFocus()

    def _on_short_confirmed(self, reason: str) -> None:
        task = self.current_task()
        self.short_panel.hide()
        self.scan_edit.setFocus()
        if task is None:
            return
        try:
            result = picking.declare_short(self._ctx.uow(), self._user.actor, task.id, reason)
        except DomainError as exc:
            log.info("short pick refused: %s", exc)
            self._refuse(failure_text(exc))
            self._resync()
            return
        except Exception as exc:
            log.exception("short pick failed")
            self._refuse(failure_text(exc))
            return
        log.info("%s declared task %s short (%s)", self._user.name, task.id, reason)
        self._wave = result.wave
        self.picked.emit(result.wave)
        self._advance(self.short_text(result), "info")

    def short_text(self, result: ShortResult) -> str:
        if result.exception_order is not None:
            return self.tr(
                "{missing} missing; order {order} sent to exception: no stock left."
            ).format(missing=result.missing, order=result.exception_order)
        if result.new_task is not None:
            return self.tr("{missing} missing; new task at {location}.").format(
                missing=result.missing, location=result.new_task.location
            )
        return self.tr("{missing} missing.").format(missing=result.missing)

    # --- focus -------------------------------------------------------------------------------

    def accept_scan(self, event: ScanEvent) -> bool:
        """Scans are for the scan field, even while the short-pick panel or another window has
        the focus (a scanner never types into the short-pick note)."""
        if self.short_panel.isVisible():
            self._refuse(
                self.tr("Finish the short pick first: Enter confirms it, Esc cancels; then scan.")
            )
            self.short_panel.reason_combo.setFocus()
            return True
        self.submit_scan(event.value)
        return True

    def focus_target(self) -> QWidget:
        return self.scan_edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_edit.setFocus()
