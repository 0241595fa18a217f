"""Import a CSV or XLSX file (SKUs, a stock receipt or orders) in a worker thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.services.users import UserInfo
from ui.i18n import error_text, message_text
from ui.theme import MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

if TYPE_CHECKING:
    from app.services.imports import ImportResult

log = logging.getLogger(__name__)

KINDS = ("skus", "stock", "orders")


class ImportDialog(QDialog):
    """Choose kind + file, press Enter: the result shows counts, or every row error."""

    import_finished = Signal(object)  # ImportResult (with or without errors)
    import_failed = Signal(str)  # refused before reading (e.g. permission), in words

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._worker: ServiceWorker | None = None
        self.last_result: ImportResult | None = None
        self.imported_anything = False

        self._title = heading()
        self._kind_label = QLabel()
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem("", kind)
        self._file_label = QLabel()
        self.file_edit = QLineEdit()
        self.browse_button = QPushButton()
        self._columns_hint = QLabel()
        self._columns_hint.setObjectName("hint")
        self._columns_hint.setWordWrap(True)
        self._kind_label.setBuddy(self.kind_combo)
        self._file_label.setBuddy(self.file_edit)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self._kind_label, self.kind_combo)
        form.addRow(self._file_label, file_row)

        self.progress = QProgressBar()
        self.progress.hide()
        self.message = MessageLabel()
        self.errors_table = QTableWidget(0, 3)
        self.errors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors_table.verticalHeader().hide()
        header = self.errors_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.errors_table.hide()

        self.import_button = QPushButton()
        self.import_button.setObjectName("primary")
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.browse_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(form)
        layout.addWidget(self._columns_hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.errors_table, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)

        self.import_button.clicked.connect(self._on_import_clicked)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.buttons.rejected.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)

        QWidget.setTabOrder(self.kind_combo, self.file_edit)
        QWidget.setTabOrder(self.file_edit, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.close_button)

        self._retranslate()
        self.resize(900, 620)
        self.kind_combo.setFocus()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _kind_names(self) -> dict[str, str]:
        return {
            "skus": self.tr("SKUs (the product catalogue)"),
            "stock": self.tr("Stock receipt (goods received into lots)"),
            "orders": self.tr("Orders (from the shops)"),
        }

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a file"))
        self._title.setText(self.tr("Import a file"))
        self._kind_label.setText(self.tr("What is in the file"))
        for i, name in enumerate(self._kind_names().values()):
            self.kind_combo.setItemText(i, name)
        self._file_label.setText(self.tr("File (CSV or XLSX)"))
        self.file_edit.setPlaceholderText(self.tr("Path of the file"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.import_button.setText(self.tr("Import"))
        self.close_button.setText(self.tr("Close"))
        self.errors_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        if self.errors_table.rowCount() and self.last_result is not None:
            self._fill_error_rows(self.last_result)  # the problems in the new language
        self._on_kind_changed()

    def _on_kind_changed(self) -> None:
        from app.services.imports import REQUIRED_COLUMNS, ImportKind

        columns = REQUIRED_COLUMNS[ImportKind(self.kind())]
        self._columns_hint.setText(
            self.tr("The first row names the columns. Needed: {columns}.").format(
                columns=", ".join(columns)
            )
        )

    # --- choosing ----------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(KINDS.index(kind))

    def set_file(self, path: Path | str) -> None:
        self.file_edit.setText(str(path))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the file to import"),
            self.file_edit.text(),
            self.tr("Spreadsheets (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.set_file(path)
            self.import_button.setFocus()

    # --- importing ---------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._worker is not None

    def start_import(self) -> bool:
        """Start importing the chosen file; False when there is nothing to do yet."""
        if self._worker is not None:
            return False
        text = self.file_edit.text().strip()
        if not text:
            self.message.show_message("error", self.tr("Choose a file first."))
            self.file_edit.setFocus()
            return False
        path = Path(text)
        kind = self.kind()
        actor = self._user.actor
        ctx = self._ctx

        def job(progress: Progress) -> object:
            from app.services.imports import import_file

            return import_file(ctx.uow(), actor, kind, path, progress)

        self.errors_table.hide()
        self.errors_table.setRowCount(0)
        self.message.show_message("info", self.tr("Importing {file}…").format(file=path.name))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.import_button.setEnabled(False)
        log.info("%s imports %s from %s", actor.name, kind, path)
        self._worker = start_worker(
            self,
            job,
            "import",
            on_progress=self._on_progress,
            on_done=self._on_import_done,
        )
        return True

    def _on_import_clicked(self) -> None:
        self.start_import()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_import_done(self) -> None:
        worker = self._worker
        self._worker = None
        self.progress.hide()
        self.import_button.setEnabled(True)
        if worker is None:
            return
        if worker.error is not None:
            text = error_text(worker.error)
            self.message.show_message("error", text)
            self.import_failed.emit(text)
            return
        result: ImportResult = worker.result  # type: ignore[assignment]
        self.last_result = result
        if result.errors:
            self._show_errors(result)
        else:
            self.imported_anything = self.imported_anything or result.imported > 0
            said = self.tr("Import finished: {imported} imported, {skipped} already there.").format(
                imported=f"{result.imported:,}", skipped=f"{result.skipped:,}"
            )
            if result.changed:
                said += " " + self.tr(
                    "{changed} changed by the platform (updated, cancelled, or blocked at the "
                    "pack station until a supervisor confirms)."
                ).format(changed=f"{result.changed:,}")
            self.message.show_message("ok", said)
            self.close_button.setFocus()
        self.import_finished.emit(result)

    def _show_errors(self, result: ImportResult) -> None:
        self.message.show_message(
            "error", self.tr("Nothing was imported. Fix the rows below and import the file again.")
        )
        self._fill_error_rows(result)
        self.errors_table.show()
        self.errors_table.setFocus()

    def _fill_error_rows(self, result: ImportResult) -> None:
        self.errors_table.setRowCount(len(result.errors))
        for i, error in enumerate(result.errors):
            row_text = str(error.row) if error.row else self.tr("whole file")
            cells = [row_text, error.column or "—", message_text(error.message)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.errors_table.setItem(i, column, item)

    # --- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        if self._worker is not None:
            self.message.show_message(
                "info", self.tr("The import is still running; wait until it has finished.")
            )
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._worker is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
