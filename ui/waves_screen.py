"""The waves screen (波次): every wave, the tasks of the selected one; supervisors create waves,
print pick lists and confirm a paper pick list as picked."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.users import Action
from app.services import picking, waves
from app.services.users import UserInfo
from app.services.waves import WaveKind, WaveResult, WaveSummary
from ui.i18n import failure_text, message_text
from ui.orders_screen import may, shortcut
from ui.theme import MessageLabel, heading
from ui.waves_model import WavesTableModel, WaveTasksModel, wave_word
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

DEFAULT_MAX_ORDERS = 50
#: How many unallocated orders the result message names (the rest are counted).
SHOWN_UNALLOCATED = 5


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class CreateWavePanel(QFrame):
    """Inline options of a new wave (never a modal dialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_label = QLabel()
        self.max_orders_spin = QSpinBox()
        self.max_orders_spin.setRange(1, 100_000)
        self.max_orders_spin.setValue(DEFAULT_MAX_ORDERS)
        self._kind_label = QLabel()
        self.kind_combo = QComboBox()
        self._carrier_label = QLabel()
        self.carrier_edit = QLineEdit()
        self._zone_label = QLabel()
        self.zone_edit = QLineEdit()
        self._max_label.setBuddy(self.max_orders_spin)
        self._kind_label.setBuddy(self.kind_combo)
        self._carrier_label.setBuddy(self.carrier_edit)
        self._zone_label.setBuddy(self.zone_edit)
        self.create_button = QPushButton()
        self.create_button.setObjectName("primary")
        self.cancel_button = QPushButton()
        row = QHBoxLayout(self)
        for label, field in (
            (self._max_label, self.max_orders_spin),
            (self._kind_label, self.kind_combo),
            (self._carrier_label, self.carrier_edit),
            (self._zone_label, self.zone_edit),
        ):
            row.addWidget(label)
            row.addWidget(field)
            row.addSpacing(8)
        row.addWidget(self.create_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self._retranslate()
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in any of the fields creates the wave, Esc cancels: no mouse needed."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.create_button.click()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel_button.click()
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._max_label.setText(self.tr("Max. orders"))
        self._kind_label.setText(self.tr("Kind"))
        self._carrier_label.setText(self.tr("Carrier"))
        self._zone_label.setText(self.tr("Zone"))
        self.carrier_edit.setPlaceholderText(self.tr("any"))
        self.zone_edit.setPlaceholderText(self.tr("any"))
        self.create_button.setText(self.tr("Create wave"))
        self.cancel_button.setText(self.tr("Cancel"))
        current = self.kind_combo.currentIndex()
        self.kind_combo.clear()
        for kind in (WaveKind.MIXED, WaveKind.SINGLE, WaveKind.MULTI):
            self.kind_combo.addItem(wave_word(kind.value), kind.value)
        self.kind_combo.setCurrentIndex(max(current, 0))

    def kind(self) -> WaveKind:
        return WaveKind(str(self.kind_combo.currentData()))


class WavesScreen(QWidget):
    waves_changed = Signal()
    orders_changed = Signal()
    wave_created = Signal(object)  # WaveResult
    wave_failed = Signal(str)

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._create_worker: ServiceWorker | None = None
        self._user = user
        self._stale = False

        self.model = WavesTableModel(ctx, parent=self)
        self.tasks_model = WaveTasksModel(ctx, parent=self)
        self.view = _table(self.model)
        self.tasks_view = _table(self.tasks_model)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.create_button = QPushButton()
        self.create_button.setObjectName("primary")
        self.print_button = QPushButton()
        self.confirm_button = QPushButton()
        self.create_button.setVisible(may(user, Action.CREATE_WAVE))
        self.confirm_button.setVisible(may(user, Action.CONFIRM_WAVE))
        self.create_panel = CreateWavePanel()
        self.message = MessageLabel()
        self._tasks_title = QLabel()
        self._tasks_title.setObjectName("subheading")

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addLayout(buttons)
        layout.addWidget(self.create_panel)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 2)
        layout.addWidget(self._tasks_title)
        layout.addWidget(self.tasks_view, 3)

        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.create_panel.create_button.clicked.connect(self._on_create_confirmed)
        self.create_panel.cancel_button.clicked.connect(self._on_create_cancelled)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        shortcut("F5", self, self._on_refresh_clicked)
        shortcut("Ctrl+N", self, self._on_create_clicked)
        shortcut("Ctrl+P", self, self._on_print_clicked)

        self._retranslate()
        self.select_row(0)

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.model.retranslate()
            self.tasks_model.retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Waves"))
        self._hint.setText(
            self.tr("F5: refresh · Ctrl+N: create a wave · Ctrl+P: print the pick list")
        )
        self.refresh_button.setText(self.tr("Refresh"))
        self.create_button.setText(self.tr("Create wave…"))
        self.print_button.setText(self.tr("Print pick list…"))
        self.confirm_button.setText(self.tr("Confirm as picked"))
        self._update_tasks_title()

    def _update_tasks_title(self) -> None:
        wave = self.tasks_model.wave
        if wave is None:
            self._tasks_title.setText(self.tr("Select a wave to see its pick tasks"))
        else:
            self._tasks_title.setText(
                self.tr("Pick tasks of wave {wave} ({n})").format(wave=wave.code, n=len(wave.tasks))
            )

    # --- selection and refreshing ----------------------------------------------------------

    def selected_wave(self) -> WaveSummary | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.wave_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)
        else:
            self._show_tasks(None)

    def select_wave(self, code: str) -> None:
        self.select_row(self.model.row_of(code))

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        wave = self.selected_wave()
        self._show_tasks(wave.id if wave is not None else None)

    def _show_tasks(self, wave_id: int | None) -> None:
        try:
            self.tasks_model.load(wave_id)
        except Exception as exc:
            log.info("loading the tasks of wave %s failed: %s", wave_id, exc)
            self.message.show_message("error", failure_text(exc))
            self.tasks_model.load(None)
        self._update_tasks_title()

    def refresh(self, select: str | None = None) -> None:
        self._stale = False
        current = self.selected_wave()
        code = select or (current.code if current is not None else None)
        self.model.refresh()
        row = self.model.row_of(code) if code else 0
        self.select_row(row if row >= 0 else 0)

    def mark_stale(self) -> None:
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_refresh_clicked(self) -> None:
        self.refresh()
        self.message.clear_message()

    # --- create ------------------------------------------------------------------------------

    def _on_create_clicked(self) -> None:
        if not may(self._user, Action.CREATE_WAVE):
            self.create_wave(max_orders=1)  # the service refuses in words
            return
        self.create_panel.show()
        self.create_panel.max_orders_spin.setFocus()
        self.create_panel.max_orders_spin.selectAll()

    def _on_create_cancelled(self) -> None:
        self.create_panel.hide()
        self.view.setFocus()

    def _on_create_confirmed(self) -> None:
        panel = self.create_panel
        if self.create_wave(
            max_orders=panel.max_orders_spin.value(),
            kind=panel.kind(),
            carrier=panel.carrier_edit.text().strip() or None,
            zone=panel.zone_edit.text().strip() or None,
        ):
            panel.hide()
            self.view.setFocus()

    def create_wave(
        self,
        *,
        max_orders: int,
        kind: WaveKind = WaveKind.MIXED,
        carrier: str | None = None,
        zone: str | None = None,
    ) -> bool:
        """Allocate in a worker thread (a big wave must not freeze the screen); the result
        arrives as wave_created(WaveResult) or wave_failed(text).  False if one is running."""
        if self._create_worker is not None:
            return False
        ctx, actor = self._ctx, self._user.actor

        def job(_progress: Progress) -> object:
            return waves.create_wave(
                ctx.uow(),
                actor,
                max_orders=max_orders,
                kind=kind,
                carrier=carrier,
                zone=zone,
            )

        self.create_button.setEnabled(False)
        self.message.show_message("info", self.tr("Allocating stock for the new wave…"))
        self._create_worker = start_worker(
            self,
            job,
            "create-wave",
            on_progress=self._on_create_progress,
            on_done=self._on_create_done,
        )
        return True

    def _on_create_progress(self, _done: int, _total: int) -> None:
        pass

    def _on_create_done(self) -> None:
        worker = self._create_worker
        self._create_worker = None
        self.create_button.setEnabled(True)
        if worker is None:
            return
        if worker.error is not None:
            log.info("create wave refused or failed: %s", worker.error)
            text = failure_text(worker.error)
            self.message.show_message("error", text)
            self.wave_failed.emit(text)
            return
        result: WaveResult = worker.result  # type: ignore[assignment]
        log.info("%s created wave %s", self._user.name, result.code)
        self.message.show_message("ok" if result.code else "info", self.result_text(result))
        self.refresh(select=result.code)
        if result.code:
            self.waves_changed.emit()
            self.orders_changed.emit()
        self.wave_created.emit(result)

    def is_busy(self) -> bool:
        return self._create_worker is not None

    def result_text(self, result: WaveResult) -> str:
        if result.code:
            text = self.tr("Wave {wave} created: {orders} orders, {tasks} pick tasks.").format(
                wave=result.code, orders=len(result.orders), tasks=len(result.tasks)
            )
        else:
            text = self.tr("No wave created: no reviewed order could be allocated.")
        if result.unallocated:
            shown = "; ".join(
                f"{order} — {message_text(reason)}"
                for order, reason in result.unallocated[:SHOWN_UNALLOCATED]
            )
            text += " " + self.tr("Not allocated ({n}): {orders}").format(
                n=len(result.unallocated), orders=shown
            )
            if len(result.unallocated) > SHOWN_UNALLOCATED:
                text += " …"
        return text

    # --- print -------------------------------------------------------------------------------

    def _on_print_clicked(self) -> None:
        wave = self.selected_wave()
        if wave is None:
            self.message.show_message("error", self.tr("Select a wave first."))
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the pick list"),
            f"{wave.code}-pick-list.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pick_list(Path(path))

    def save_pick_list(self, path: Path) -> bool:
        wave = self.selected_wave()
        if wave is None:
            self.message.show_message("error", self.tr("Select a wave first."))
            return False
        try:
            data = self._ctx.renderer.render_pick_list(waves.pick_list(self._ctx.uow(), wave.id))
            path.write_bytes(data)
        except Exception as exc:
            log.info("pick list of %s not saved: %s", wave.code, exc)
            self.message.show_message("error", failure_text(exc))
            return False
        log.info("pick list of %s saved to %s", wave.code, path)
        self.message.show_message(
            "ok", self.tr("Pick list of {wave} saved: {path}").format(wave=wave.code, path=path)
        )
        return True

    # --- paper fallback ----------------------------------------------------------------------

    def _on_confirm_clicked(self) -> None:
        wave = self.selected_wave()
        if wave is None:
            self.message.show_message("error", self.tr("Select a wave first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Confirm as picked"),
            self.tr(
                "Confirm that every open task of wave {wave} was picked exactly as printed? "
                "Stock is taken off and its orders become picked."
            ).format(wave=wave.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.confirm_selected()

    def confirm_selected(self) -> bool:
        """The paper fallback for the selected wave (after the question was answered)."""
        wave = self.selected_wave()
        if wave is None:
            self.message.show_message("error", self.tr("Select a wave first."))
            return False
        try:
            result = picking.confirm_wave(self._ctx.uow(), self._user.actor, wave.id)
        except Exception as exc:
            log.info("confirm wave %s refused or failed: %s", wave.code, exc)
            self.message.show_message("error", failure_text(exc))
            return False
        log.info("%s confirmed wave %s on paper", self._user.name, wave.code)
        self.message.show_message(
            "ok",
            self.tr(
                "Wave {wave} confirmed: {tasks} tasks, {units} units, {orders} orders picked."
            ).format(
                wave=result.wave,
                tasks=result.tasks,
                units=result.units,
                orders=len(result.orders),
            ),
        )
        self.refresh(select=wave.code)
        self.waves_changed.emit()
        self.orders_changed.emit()
        return True

    # --- focus -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.view
