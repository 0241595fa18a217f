"""The label print jobs (newest first) with "Print again" + reason: Settings → Devices and the
label desk share it.

The widget says its outcomes through ``message(kind, text)``; the screen that holds it shows
them in its own inline message line. Reprinting is for label staff and supervisors: the service
enforces it and its refusal is said in words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.services import printing_jobs
from app.services.users import UserInfo
from ui.devices import DeviceHub
from ui.i18n import error_text, message_text

log = logging.getLogger(__name__)

JOB_ROWS = 15
COL_JOB, COL_TIME, COL_WHAT, COL_STATUS, COL_TRIES, COL_PROBLEM = range(6)


class PrintJobsWidget(QWidget):
    """The jobs table, "Send waiting jobs now", and the reason + "Print again" row."""

    message = Signal(str, str)  # kind ("ok" / "error" / "info"), sentence
    reprinted = Signal(int)  # the new job's id

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo | None,
        parent: QWidget | None = None,
        *,
        rows: int = JOB_ROWS,
        with_title: bool = True,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.user = user
        self.hub: DeviceHub | None = None
        self._rows = rows
        self.title = QLabel()
        self.title.setObjectName("subheading")
        if not with_title:
            self.title.hide()
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.send_button = QPushButton()
        self.send_button.setAutoDefault(False)
        self._reason_label = QLabel()
        self.reprint_reason = QLineEdit()
        self._reason_label.setBuddy(self.reprint_reason)
        self.reprint_button = QPushButton()
        self.reprint_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addSpacing(16)
        buttons.addWidget(self._reason_label)
        buttons.addWidget(self.reprint_reason, 1)
        buttons.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.send_button.clicked.connect(self._on_send_now)
        self.reprint_button.clicked.connect(self._on_reprint)
        self.reprint_reason.returnPressed.connect(self._on_reprint)
        self.send_button.setEnabled(False)
        self._retranslate()

    # --- the hub ------------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        self.hub = hub
        self.send_button.setEnabled(hub is not None)
        self.refresh_jobs()

    # --- the table ----------------------------------------------------------------------------

    def refresh_jobs(self) -> None:
        printer = self.hub.devices.label_printer if self.hub is not None else None
        name = printer.name if printer is not None else None
        try:
            jobs = printing_jobs.list_jobs(self._ctx.uow(), name, limit=self._rows)
        except Exception:  # the screen must not die because the list could not be read
            log.exception("cannot list print jobs")
            return
        statuses = {
            "queued": self.tr("waiting"),
            "sent": self.tr("printed"),
            "failed": self.tr("failed"),
        }
        current = self.selected_job()
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            cells = [
                f"#{job.id}",
                job.created_at.strftime("%m-%d %H:%M:%S"),
                job.description + (f" (↻ #{job.reprint_of})" if job.reprint_of else ""),
                statuses.get(job.status, job.status),
                str(job.attempts),
                message_text(job.last_error) if job.last_error else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, job.id)
                if column in (COL_WHAT, COL_PROBLEM):
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
            if job.id == current:
                self.table.selectRow(row)

    def selected_job(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, COL_JOB) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_job(self, job_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_JOB)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == job_id:
                self.table.selectRow(row)
                return True
        return False

    # --- actions ------------------------------------------------------------------------------

    def _on_send_now(self) -> None:
        if self.hub is not None:
            self.hub.send_pending()

    def _on_reprint(self) -> None:
        self.reprint()

    def reprint(self) -> int | None:
        """Queue the selected job again with the typed reason; the new job's id, or None."""
        if self.user is None:
            return None
        job_id = self.selected_job()
        if job_id is None:
            self.message.emit("error", self.tr("Choose the job to print again first."))
            self.table.setFocus()
            return None
        try:
            new_id = printing_jobs.reprint(
                self._ctx.uow(), self.user.actor, job_id, self.reprint_reason.text()
            )
        except DomainError as exc:
            log.info("reprint of job #%s refused: %s", job_id, exc)
            self.message.emit("error", error_text(exc))
            self.reprint_reason.setFocus()
            return None
        log.info("%s reprinted job #%s as #%s", self.user.name, job_id, new_id)
        self.reprint_reason.clear()
        self.message.emit(
            "info", self.tr("Job #{job} queued again as #{new}.").format(job=job_id, new=new_id)
        )
        self.refresh_jobs()
        if self.hub is not None:
            self.hub.send_pending()
        self.reprinted.emit(new_id)
        return new_id

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self.table.rowCount():
                self.refresh_jobs()  # statuses and problems in the new language
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Label print jobs"))
        self._reason_label.setText(self.tr("Reason"))
        self.send_button.setText(self.tr("Send waiting jobs now"))
        self.reprint_button.setText(self.tr("Print again"))
        self.reprint_reason.setPlaceholderText(self.tr("Why, e.g. label torn"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Job"),
                self.tr("Time"),
                self.tr("What"),
                self.tr("Status"),
                self.tr("Tries"),
                self.tr("Problem"),
            ]
        )
        self.refresh_jobs()
