"""Sync (同步), on a station only: the events the central database refused (被拒事件), for a
supervisor to resolve, and the stations as the central database lists them.

Keyboard only: the arrows choose a rejected event, Enter or F9 resolves it (a supervisor; a
packer is told in words who can), F5 runs a sync round now.  The lists are read off the GUI
thread, after every sync round while the screen is shown.  ``SyncStatusLabel`` says in one line
where the station stands (the status bar and this screen show it).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Action
from app.services.users import UserInfo
from app.sync.station import CentralUnreachable
from ui.i18n import error_text, failure_text, message_text, role_text
from ui.orders_screen import may, shortcut
from ui.sync_runner import SyncReport, SyncRunner
from ui.table_base import RowsTableModel
from ui.theme import ERROR, OK, MessageLabel, heading
from ui.workers import ServiceWorker, start_worker

if TYPE_CHECKING:
    from app.context import AppContext, SyncAccess
    from app.sync.central import StationRow
    from app.sync.station import Rejection

log = logging.getLogger(__name__)

COL_TIME, COL_USER, COL_WHAT, COL_REASON = range(4)
COL_STATION, COL_CONTACT, COL_EVENTS, COL_WAITING = range(4)
RESOLVE_KEY = "F9"
SYNC_NOW_KEY = "F5"
_Index = QModelIndex | QPersistentModelIndex


def local_time(utc: dt.datetime) -> dt.datetime:
    """A time Packdesk wrote (naive UTC) on this computer's clock."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


# --- the one line: online or not, waiting, rejected ---------------------------------------------


class SyncStatusLabel(QLabel):
    """One line: "● Online · 3 waiting · synced 15:06:44"; "○ Offline · 12 waiting" in red;
    "· 2 rejected" in red when there are (in place of the time).  The tooltip names the station,
    the time of the last sync and the last error."""

    def __init__(self, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.station = station
        self.report: SyncReport | None = None
        self.kind = "starting"  # starting, online, offline, stopped
        self._plain = ""
        self.show_report(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_report(self.report)
        super().changeEvent(event)

    def plain_text(self) -> str:
        """The words shown, without their colours (tests, the log)."""
        return self._plain

    def show_report(self, report: SyncReport | None) -> None:
        self.report = report
        status = report.status if report is not None else None
        parts: list[tuple[str, str]] = []  # (words, colour; "" for the ink)
        if report is None:
            self.kind = "starting"
            parts.append((self.tr("◌ Connecting to the central database…"), ""))
        elif status is not None and status.online is False:
            self.kind = "offline"
            parts.append((self.tr("○ Offline"), ERROR))
        elif report.error is not None:
            self.kind = "stopped"
            parts.append((self.tr("✖ Not syncing"), ERROR))
        else:
            self.kind = "online"
            parts.append((self.tr("● Online"), OK))
        red = ERROR if self.kind in ("offline", "stopped") else ""
        if status is not None:
            parts.append((self.tr("{n} waiting").format(n=f"{status.pending:,}"), red))
            # The status bar fits 1366 pixels: with rejections to show, the time of the last
            # sync is in the tooltip only.
            synced = report.synced_at if report is not None else None
            if self.kind == "online" and synced is not None and not status.rejected_open:
                when = synced.strftime("%H:%M:%S")
                parts.append((self.tr("synced {time}").format(time=when), ""))
            if status.rejected_open:
                n = f"{status.rejected_open:,}"
                parts.append((self.tr("{n} rejected").format(n=n), ERROR))
        self._plain = " · ".join(words for words, _ in parts)
        self.setText(
            " · ".join(
                f'<span style="color:{colour}; font-weight:bold">{html.escape(words)}</span>'
                if colour
                else html.escape(words)
                for words, colour in parts
            )
        )
        self.setToolTip(self.tooltip_text())

    def tooltip_text(self) -> str:
        report = self.report
        status = report.status if report is not None else None
        lines = [self.tr("Station {station}").format(station=self.station)]
        if status is not None:
            lines[0] += " · " + self.tr("central database {url}").format(url=status.central)
        detail = self.detail_text()
        return "\n".join([*lines, detail] if detail else lines)

    def detail_text(self) -> str:
        """When the station last synced, and the last error in words ("" before a round)."""
        report = self.report
        parts = []
        if report is not None and report.synced_at is not None:
            when = report.synced_at.strftime("%Y-%m-%d %H:%M:%S")
            parts.append(self.tr("Last synced {time}").format(time=when))
        error = self.error_sentence()
        if error:
            parts.append(error[:1].upper() + error[1:])
        return " · ".join(parts)

    def error_sentence(self) -> str:
        """The last error in words ("" when the last round went well)."""
        report = self.report
        if report is None:
            return ""
        if report.error is not None:
            return error_text(report.error)
        if report.status is not None and report.status.last_error is not None:
            return message_text(report.status.last_error)
        return ""


# --- the rejected events ------------------------------------------------------------------------


class RejectionsModel(RowsTableModel["Rejection"]):
    """Rejected events nobody resolved yet, oldest first: time, user, what, the reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self._header_list, parent)

    def _header_list(self) -> list[str]:
        return [self.tr("Time"), self.tr("User"), self.tr("What"), self.tr("Why it was rejected")]

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if column == COL_TIME:
            return local_time(r.at).strftime("%Y-%m-%d %H:%M:%S")
        if column == COL_USER:
            return r.actor
        if column == COL_WHAT:
            return self.kind_text(r.kind)
        return message_text(r.reason)

    def kind_text(self, kind: str) -> str:
        """An event's kind (app.domain.events) as the floor says it."""
        words = {
            "wave.started": self.tr("wave started"),
            "wave.confirmed": self.tr("pick list confirmed"),
            "pick.confirmed": self.tr("pick"),
            "putaway.confirmed": self.tr("put-away"),
            "waybill.bound": self.tr("waybill bound"),
            "pack.opened": self.tr("order opened at packing"),
            "pack.scanned": self.tr("pack scan"),
            "pack.undone": self.tr("pack scan undone"),
            "pack.insert": self.tr("insert confirmed"),
            "pack.damage_checked": self.tr("damage check"),
            "pack.packaging": self.tr("box or bag chosen"),
            "pack.damaged": self.tr("damaged item swapped"),
            "pack.weighed": self.tr("weighing"),
            "pack.weight_overridden": self.tr("weight accepted by a supervisor"),
            "pack.no_scale": self.tr("packed without a scale"),
            "pack.closed": self.tr("parcel closed"),
            "pack.waybill": self.tr("waybill scanned"),
            "pack.released": self.tr("order let go at packing"),
        }
        return words.get(kind, kind)

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 3))


class StationsModel(RowsTableModel["StationRow"]):
    """The stations the central database knows: last contact, events sent, events waiting."""

    numbered_rows = False

    def __init__(self, here: str, parent: QObject | None = None) -> None:
        super().__init__(self._header_list, parent)
        self.here = here

    def _header_list(self) -> list[str]:
        return [
            self.tr("Station"),
            self.tr("Last contact"),
            self.tr("Events"),
            self.tr("Waiting"),
        ]

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_EVENTS, COL_WAITING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_STATION:
            if s.name == self.here:
                return self.tr("{station} (this station)").format(station=s.name)
            return s.name
        if column == COL_CONTACT:
            if s.last_contact_at is None:
                return self.tr("never")
            return local_time(s.last_contact_at).strftime("%Y-%m-%d %H:%M:%S")
        if column == COL_EVENTS:
            return f"{s.last_seq:,}"
        return f"{s.pending:,}"

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 3))


@dataclass(frozen=True)
class Loaded:
    """What one reading of the lists found (in the worker thread)."""

    rejections: list[Rejection]
    stations: list[StationRow] | None
    #: why the central list could not be read (the central database unreachable, …)
    stations_error: BaseException | None = None
    #: the rejected events just resolved (a supervisor's Enter / F9)
    resolved: int = 0


class SyncScreen(QWidget):
    """The rejected events to resolve, and the stations; F5 syncs now."""

    loaded = Signal()  # the lists were read again (after a refresh or a resolve)
    resolved = Signal(int)  # rejected events resolved

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        runner: SyncRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert ctx.sync is not None, "the Sync screen is for a station's database"
        self._sync: SyncAccess = ctx.sync
        self._user = user
        self.runner = runner
        self.worker: ServiceWorker | None = None
        #: a rejected event the supervisor chose to resolve while a reading ran
        self._pending_resolve: str | None = None
        self._reload = False
        self._sync_asked = False
        self._stale = True
        self._stations_error: BaseException | None = None

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.status_label = SyncStatusLabel(self._sync.station)
        self.status_label.setObjectName("subheading")  # larger here than in the status bar
        self.status_detail = QLabel()  # what the status bar's tooltip says, in full
        self.status_detail.setObjectName("hint")
        self.status_detail.setWordWrap(True)
        self.status_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.message = MessageLabel()
        self._rejected_title = QLabel()
        self._rejected_title.setObjectName("subheading")
        self.rejections_model = RejectionsModel(self)
        self.rejections_view = QTableView(self)
        self.rejections_view.setModel(self.rejections_model)
        self.rejections_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejections_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rejections_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejections_view.setTabKeyNavigation(False)
        self.rejections_view.setWordWrap(False)
        header = self.rejections_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.reason_label = QLabel()  # the chosen event's reason, whole
        self.reason_label.setObjectName("reasons")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self._stations_title = QLabel()
        self._stations_title.setObjectName("subheading")
        self.stations_model = StationsModel(self._sync.station, self)
        self.stations_view = QTableView(self)
        self.stations_view.setModel(self.stations_model)
        self.stations_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stations_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrows stay above
        self.stations_view.verticalHeader().hide()
        self.stations_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.stations_problem = QLabel()  # "central database unreachable", in words
        self.stations_problem.setWordWrap(True)
        self.stations_problem.setStyleSheet(f"color: {ERROR}; font-weight: bold;")
        self.stations_problem.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.status_detail)
        layout.addWidget(self._hint)
        layout.addWidget(self.message)
        layout.addWidget(self._rejected_title)
        layout.addWidget(self.rejections_view, 3)
        layout.addWidget(self.reason_label)
        layout.addWidget(self._stations_title)
        layout.addWidget(self.stations_problem)
        layout.addWidget(self.stations_view, 2)

        self.rejections_view.activated.connect(lambda _index: self.resolve_chosen())
        self.rejections_view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        shortcut(RESOLVE_KEY, self, self.resolve_chosen)
        shortcut(SYNC_NOW_KEY, self, self.sync_now)
        runner.reported.connect(self._on_report)
        self._show_status(runner.last)
        self._retranslate()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.rejections_model.retranslate()
            self.stations_model.retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Sync — station {station}").format(station=self._sync.station))
        self._hint.setText(
            self.tr(
                "Events of this station the central database refused, oldest first: what the "
                "central database says stands. ↑↓: choose · Enter or {resolve}: mark it "
                "resolved (supervisor) · {sync}: sync now"
            ).format(resolve=RESOLVE_KEY, sync=SYNC_NOW_KEY)
        )
        self._update_titles()
        self._on_row_changed(self.rejections_view.currentIndex())
        self._show_status(self.status_label.report)

    def _update_titles(self) -> None:
        self._rejected_title.setText(
            self.tr("Rejected events: {n}").format(n=self.rejections_model.rowCount())
        )
        self._stations_title.setText(self.tr("Stations, as the central database lists them"))
        self._show_stations_problem(self._stations_error)

    def _show_stations_problem(self, error: BaseException | None) -> None:
        self._stations_error = error
        if error is None:
            self.stations_problem.clear()
            self.stations_problem.hide()
            return
        if isinstance(error, CentralUnreachable):
            text = self.tr(
                "✖ Central database unreachable: the stations show when it answers again."
            )
        else:
            text = "✖ " + failure_text(error)
        self.stations_problem.setText(text)
        self.stations_problem.setToolTip(error_text(error))
        self.stations_problem.show()

    def _on_row_changed(self, current: QModelIndex, _previous: object = None) -> None:
        if not current.isValid() or current.row() >= self.rejections_model.rowCount():
            self.reason_label.clear()
            return
        r = self.rejections_model.rows[current.row()]
        self.reason_label.setText(
            self.tr("{what} by {user}: {reason}").format(
                what=self.rejections_model.kind_text(r.kind),
                user=r.actor,
                reason=message_text(r.reason),
            )
        )

    # --- reading the lists -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the rejected events and the central list again (off the GUI thread)."""
        self._start(None)

    def _show_status(self, report: SyncReport | None) -> None:
        self.status_label.show_report(report)
        self.status_detail.setText(self.status_label.detail_text())

    def _on_report(self, report: object) -> None:
        if not isinstance(report, SyncReport):
            return
        self._show_status(report)
        if self._sync_asked:
            self._sync_asked = False
            self._say_round(report)
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _say_round(self, report: SyncReport) -> None:
        if report.error is not None:
            self.message.show_message("error", error_text(report.error))
            return
        result = report.result
        if result is None:
            return
        said = self.tr("Synced: {pushed} event(s) sent, {pulled} change(s) received.").format(
            pushed=f"{result.pushed:,}", pulled=f"{result.pulled:,}"
        )
        if result.rejected:
            said += " " + self.tr("{n} rejected: see the list.").format(n=len(result.rejected))
        self.message.show_message("error" if result.rejected else "ok", said)

    def sync_now(self) -> None:
        """F5: a sync round now; the screen says how it went."""
        self._sync_asked = True
        self.message.show_message("info", self.tr("Syncing now…"))
        self.runner.wake()

    # --- resolving ---------------------------------------------------------------------------

    def resolve_chosen(self) -> None:
        """Enter / F9: the chosen rejected event was dealt with (a supervisor's call)."""
        index = self.rejections_view.currentIndex()
        if not index.isValid():
            self.message.show_message("error", self.tr("No rejected event is chosen."))
            return
        if not may(self._user, Action.RESOLVE_EXCEPTION):
            self.message.show_message(
                "error",
                self.tr(
                    "Only a supervisor can resolve a rejected event — {user} is logged in as "
                    "{role}. Ask a supervisor."
                ).format(user=self._user.name, role=role_text(self._user.role.value)),
            )
            return
        self._start(self.rejections_model.rows[index.row()].event_id)

    def _start(self, resolve: str | None) -> None:
        if self.worker is not None:
            # A reading runs (a round or the central database's notification asked for it):
            # the supervisor's key is kept and done right after it, never dropped.
            if resolve is None:
                self._reload = True
            else:
                self._pending_resolve = resolve
            return
        self._stale = False
        sync, actor = self._sync, self._user.actor

        def job(_progress: Callable[[int, int], None]) -> Loaded:
            resolved = sync.resolve(actor, [resolve]) if resolve is not None else 0
            rejections = sync.rejections()
            try:
                return Loaded(rejections, sync.stations(), None, resolved)
            except Exception as exc:  # offline: the rejected events show all the same
                return Loaded(rejections, None, exc, resolved)

        self.worker = start_worker(
            self, job, "sync lists", on_progress=lambda *_: None, on_done=self._on_done
        )

    def _on_done(self) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", failure_text(worker.error))
        elif isinstance(worker.result, Loaded):
            found = worker.result
            self._show(found)
            if found.resolved:
                self.message.show_message(
                    "ok",
                    self.tr("Resolved: the event is off the list (the audit trail keeps it)."),
                )
                self.resolved.emit(found.resolved)
        pending, self._pending_resolve = self._pending_resolve, None
        if pending is not None:
            self._reload = False
            self._start(pending)
            return  # its own reading ends in loaded
        if self._reload:
            self._reload = False
            self.refresh()
        self.loaded.emit()

    def _show(self, found: Loaded) -> None:
        shown = [r.event_id for r in self.rejections_model.rows]
        if [r.event_id for r in found.rejections] != shown:  # else the choice stays as it is
            row = max(self.rejections_view.currentIndex().row(), 0)
            self.rejections_model.set_rows(found.rejections)
            if found.rejections:
                row = min(row, len(found.rejections) - 1)
                self.rejections_view.setCurrentIndex(self.rejections_model.index(row, COL_TIME))
        self._on_row_changed(self.rejections_view.currentIndex())
        if found.stations is not None:
            self.stations_model.set_rows(found.stations)
            self._show_stations_problem(None)
            self.stations_view.show()
        else:
            self.stations_model.set_rows([])
            self._show_stations_problem(found.stations_error)
            self.stations_view.hide()
        self._update_titles()

    def focus_target(self) -> QWidget:
        return self.rejections_view
