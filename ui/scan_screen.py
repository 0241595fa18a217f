"""The base of every scan-station screen (pick, pack, bind, and the ones to come).

The screen is thin: it owns the widgets and shows what its station (app.stations) says.  One
scan field that keeps the focus; a code typed there and Enter goes to ``station.typed``, a scan
from the router (wedge, serial scanner, simulated panel) to ``station.scan``; Esc and the
station's F-keys to ``station.escape`` / ``station.key``.  Every outcome is shown the same way:

* a sticky refusal (the pack station's): the large red banner with the words and "Esc or scan
  CLEAR to go on", the refusal sound — it stays until the station says it was acknowledged;
* a loud verdict (the bind screen's, or "shipped"): the banner in green or red;
* anything else: the message line (symbol + words + colour);
* the station's sound (accept / refuse / done), never the only signal;
* slow work the outcome asks for runs in a worker thread; its outcome is shown when it ends.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.scans import ClassifierConfig, Scan
from app.stations.base import Level, Outcome, ScanStation, Sound, Work
from ui.i18n import message_text
from ui.sounds import Sounds
from ui.theme import MessageLabel, heading
from ui.workers import ServiceWorker, start_worker

log = logging.getLogger(__name__)

#: A code in the scan field untouched this long (ms) is selected: the next key replaces it.
STALE_MS = 3000
#: how often a screen asks its station whether what is open changed under it (cancelled…)
WATCH_MS = 1000
#: how long a screen being hidden waits for its watch read to end
WATCH_GRACE_MS = 2000
#: watch reads let go by a hidden screen, kept until their thread ends
_ADRIFT: set[ServiceWorker] = set()

BANNER_STYLE = """
QLabel#message { font-size: 18pt; }
QLabel#banner { font-size: 22pt; font-weight: bold; color: white; padding: 12px;
    border-radius: 6px; }
QLabel#banner[kind="ok"] { background: #0a6b2d; }
QLabel#banner[kind="info"] { background: #1f4e8c; }
QLabel#banner[kind="error"] { background: #b00020; }
QLabel#banner[kind="blocked"] { background: #b00020; font-size: 26pt; padding: 20px; }
"""


class ScanStationScreen(QWidget):
    """A screen in front of one station: scan field, banner, message line, sounds, keys."""

    #: (key, shift held) → the station's key action
    KEYS: ClassVar[dict[tuple[Qt.Key, bool], StrEnum]] = {}
    #: verdicts (OK and refusals) in the large banner rather than the message line
    LOUD: ClassVar[bool] = False
    #: the end of a piece of work (the "done" sound: shipped) in the large green banner
    BANNER_ON_DONE: ClassVar[bool] = False

    def __init__(
        self,
        station: ScanStation[Any, Any],
        sounds: Sounds | None = None,
        parent: QWidget | None = None,
        *,
        classifier: ClassifierConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        if classifier is not None:  # the scan router's: one meaning for every code
            station.classifier = classifier
        self.sounds = sounds or Sounds()
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scanEdit")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.hide()
        #: "error" / "blocked" while a refusal waits for Esc or CLEAR
        self.banner_kind: str | None = None
        self.message = MessageLabel()
        self._worker: ServiceWorker | None = None
        self._work: Work[Any] | None = None
        self.scan_edit.returnPressed.connect(self._on_entered)
        # A code left in the field without Enter (a torn scan, typing interrupted) must never
        # join what comes next: after a pause it is selected, so the next key replaces it.
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(STALE_MS)
        self._stale.timeout.connect(self._on_stale)
        self.scan_edit.textEdited.connect(self._on_edited)
        # What the station has open may change under it (a supervisor cancels the order): it
        # is read every second off the GUI thread, while the screen is shown.
        self._watcher: ServiceWorker | None = None
        self._watch_work: Work[Any] | None = None
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._on_watch)

    # -- what a subclass provides ---------------------------------------------------------------

    def show_display(self, display: Any) -> None:
        """Show the station's display (steps, panels, counts)."""
        raise NotImplementedError

    def acknowledge_hint(self) -> str:
        return self.tr("Esc or scan CLEAR to go on")

    # -- inputs -------------------------------------------------------------------------------

    def _on_edited(self, text: str) -> None:
        if text:
            self._stale.start()
        else:
            self._stale.stop()

    def _on_stale(self) -> None:
        if self.scan_edit.text() and not self.station.expects_text():
            self.scan_edit.selectAll()

    def _on_entered(self) -> None:
        text = self.scan_edit.text()
        self._stale.stop()
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        if text.strip():
            self.apply(self.station.typed(text))

    def submit_scan(self, text: str) -> None:
        """What a scanner in keyboard mode does: type the code, press Enter."""
        self.scan_edit.setText(text)
        self._on_entered()

    def accept_scan(self, scan: Scan) -> bool:
        """A scan the router classified (wedge, serial scanner, simulated panel)."""
        self.scan_edit.clear()  # a half-typed code never joins the next input
        self.apply(self.station.scan(scan))
        self.scan_edit.setFocus()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F-keys and Esc typed in the scan field come up here (a line edit ignores them).
        key = Qt.Key(event.key())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            self.apply(self.station.escape())
        elif (key, shift) in self.KEYS:
            self.apply(self.station.key(self.KEYS[(key, shift)]))
        else:
            super().keyPressEvent(event)
            return
        self.scan_edit.setFocus()

    # -- showing an outcome -------------------------------------------------------------------

    def apply(self, outcome: Outcome[Any]) -> None:
        self.show_display(outcome.show)
        self.say(outcome)
        if outcome.work is not None:
            self._start(outcome.work)

    def say(self, outcome: Outcome[Any]) -> None:
        level = outcome.level
        waiting = self.station.refusal
        if waiting is None and self.banner_kind is not None:
            self._hide_banner()  # acknowledged
        if level is None or outcome.message is None:
            return
        text = message_text(outcome.message)
        if outcome.sticky:
            self.message.clear_message()
            self._show_banner(str(level), text, sticky=True)
        elif waiting is not None:
            self.message.show_message("error", text)  # "acknowledge first": the banner stays
        elif (self.LOUD and level in (Level.OK, Level.ERROR)) or (
            self.BANNER_ON_DONE and outcome.sound is Sound.DONE
        ):
            self.message.clear_message()
            self._show_banner("ok" if level is Level.OK else "error", text, sticky=False)
        else:
            self._hide_banner()
            self.message.show_message("error" if outcome.refused else str(level), text)
        if outcome.sound is not None:
            self.sounds.play(str(outcome.sound))

    def _show_banner(self, kind: str, text: str, *, sticky: bool) -> None:
        symbol = "✔ " if kind == "ok" else "✖ "
        self.banner_kind = kind if sticky else None
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        body = text if text.startswith(("✔", "✖")) else symbol + text[:1].upper() + text[1:]
        if sticky:
            body += "\n" + self.acknowledge_hint()
        self.banner.setText(body)
        self.banner.show()

    def _hide_banner(self) -> None:
        self.banner_kind = None
        self.banner.hide()

    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisible() else ""

    # -- slow work ----------------------------------------------------------------------------

    def _start(self, work: Work[Any]) -> None:
        self._work = work
        self._worker = start_worker(
            self, work.run, work.name, on_progress=self._on_progress, on_done=self._on_work_done
        )

    def _on_progress(self, done: int, total: int) -> None:
        pass

    def _on_work_done(self) -> None:
        worker, self._worker = self._worker, None
        work, self._work = self._work, None
        if worker is None or work is None:
            return
        self.apply(self.station.finish(work, worker.result, worker.error))

    def is_busy(self) -> bool:
        return self._worker is not None

    # -- watching what is open ------------------------------------------------------------------

    def _on_watch(self) -> None:
        if self._watcher is not None or not self.isVisible():
            return
        work = self.station.watch()
        if work is None:
            return
        self._watch_work = work
        self._watcher = start_worker(
            self, work.run, work.name, on_progress=self._on_progress, on_done=self._on_watched
        )

    def _on_watched(self) -> None:
        worker, self._watcher = self._watcher, None
        work, self._watch_work = self._watch_work, None
        if worker is None or work is None:
            return
        self.apply(self.station.finish(work, worker.result, worker.error))

    # -- focus --------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.scan_edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_edit.setFocus()
        self._watch.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._watch.stop()
        self._let_watcher_go()
        super().hideEvent(event)

    def _let_watcher_go(self) -> None:
        """A hidden screen (or one about to be deleted) waits for its watch read to end — a few
        milliseconds — so that no running thread is destroyed with it; a read stuck on the
        network is let go on its own, its answer dropped."""
        worker, self._watcher, self._watch_work = self._watcher, None, None
        if worker is None or worker.wait(WATCH_GRACE_MS):
            return
        worker.done.disconnect(self._on_watched)
        worker.setParent(None)
        _ADRIFT.add(worker)
        worker.done.connect(lambda: _ADRIFT.discard(worker))


def station_table(columns: int, name: str) -> QTableWidget:
    """A scan station's list: read only, never the keyboard's (the scan field keeps it),
    columns sized to their contents."""
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def lay_out_station(
    screen: ScanStationScreen, step_name: str, table: QWidget
) -> tuple[QLabel, QLabel, QLabel]:
    """The scan station's page, top to bottom: title, hint, the step in large type, the scan
    field, banner, message line, and *table*; returns (title, hint, step label)."""
    title = heading()
    hint = QLabel()
    hint.setObjectName("hint")
    hint.setWordWrap(True)
    step = QLabel()
    step.setObjectName(step_name)
    step.setWordWrap(True)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(20, 12, 20, 12)
    for widget in (title, hint, step, screen.scan_edit, screen.banner, screen.message):
        layout.addWidget(widget)
    layout.addWidget(table, 1)
    return title, hint, step
