"""Handover to the carrier (交接 / 揽收): scan the carrier, then the courier's parcels back to
back; each verdict in large type, colour, words and a sound, the running count beside it; F10
closes the batch and saves its manifest (交接单).  The workflow is
app.stations.handover.HandoverStation's; this screen shows what it says.

Keys: Enter after a typed code; Esc puts a refusal away, else leaves the batch open; F10 closes
the batch and saves the manifest; F11 saves the last closed batch's manifest again.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.config import paths
from app.context import AppContext
from app.domain.scans import ClassifierConfig
from app.services.users import UserInfo
from app.stations.base import Outcome, Sound
from app.stations.handover import HandoverDisplay, HandoverKey, HandoverStation, HandoverStep
from ui.scan_screen import BANNER_STYLE, ScanStationScreen
from ui.sounds import Sounds
from ui.theme import ACCENT, ERROR, PANEL, heading

log = logging.getLogger(__name__)

__all__ = ["HandoverScreen", "HandoverStep"]

LOCAL_STYLE = (
    f"""
QLabel#handoverStep {{ font-size: 26pt; font-weight: bold; color: {ACCENT}; }}
QLabel#handoverBatch {{ font-size: 24pt; font-weight: bold; }}
QLabel#handoverCount {{ font-size: 48pt; font-weight: bold; color: {ACCENT}; }}
QLabel#handoverBig {{ font-size: 16pt; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 10px; }}
QFrame#handoverPanel {{ background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px; }}
"""
    + BANNER_STYLE
)


def manifests_folder() -> Path:
    """Where the station saves the handover manifests (the data folder's ``manifests``)."""
    return paths().data_dir / "manifests"


class HandoverScreen(ScanStationScreen):
    closed = Signal(str)  # the batch whose manifest was saved

    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {
        (Qt.Key.Key_F10, False): HandoverKey.CLOSE,
        (Qt.Key.Key_F11, False): HandoverKey.SAVE_AGAIN,
    }
    LOUD = True
    BANNER_ON_DONE = True

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        parent: QWidget | None = None,
        *,
        sounds: Sounds | None = None,
        classifier: ClassifierConfig | None = None,
        manifests: Path | None = None,
        overdue_hours: float = 24.0,
    ) -> None:
        self.handover = HandoverStation(
            ctx.uow,
            user,
            ctx.renderer,
            manifests or manifests_folder(),
            overdue_after=dt.timedelta(hours=overdue_hours),
        )
        super().__init__(self.handover, sounds, parent, classifier=classifier)
        self.user = user
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("handoverStep")
        self.step_label.setWordWrap(True)

        self.panel = QFrame()
        self.panel.setObjectName("handoverPanel")
        self.batch_label = QLabel()
        self.batch_label.setObjectName("handoverBatch")
        self.count_label = QLabel()
        self.count_label.setObjectName("handoverCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.recent_label = QLabel()
        self.recent_label.setObjectName("handoverBig")
        self.recent_label.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.batch_label, 1)
        top.addWidget(self.count_label)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addLayout(top)
        panel_layout.addWidget(self.recent_label)
        self.manifest_label = QLabel()
        self.manifest_label.setObjectName("hint")
        self.manifest_label.setWordWrap(True)
        self.manifest_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: the parcels packed and still at the dock (overdue ones in red)
        self.pending_label = QLabel()
        self.pending_label.setObjectName("handoverBig")
        self.pending_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.step_label)
        layout.addWidget(self.scan_edit)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.panel)
        layout.addWidget(self.manifest_label)
        layout.addWidget(self.pending_label)
        layout.addStretch(1)
        self._retranslate()

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Handover to the carrier"))
        self._hint.setText(
            self.tr(
                "Scan the carrier (SF, ZTO …) or a batch's code, then every parcel the courier "
                "takes · F10: close the batch and save the manifest · F11: save it again · "
                "Esc: leave the batch open"
            )
        )
        self.scan_edit.setPlaceholderText(self.tr("Scan here"))
        self.show_display(self.handover.display())

    # --- state (tests) -----------------------------------------------------------------------

    @property
    def step(self) -> HandoverStep:
        return self.handover.step

    @property
    def count(self) -> int:
        return self.handover.count

    # --- what the screen shows ---------------------------------------------------------------

    def apply(self, outcome: Outcome[Any]) -> None:
        super().apply(outcome)
        display = outcome.show
        if outcome.sound is Sound.DONE and display.manifest is not None:
            self.closed.emit(display.manifest.stem)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply(self.handover.look())  # what waits at the dock, each time the screen is shown

    def _show_pending(self, display: HandoverDisplay) -> None:
        if not display.pending:
            self.pending_label.setText(self.tr("No packed parcel is waiting for a courier."))
            self.pending_label.setStyleSheet("")
            return
        oldest = display.pending[0]
        self.pending_label.setText(
            self.tr(
                "Waiting for a courier: {n} parcel(s), {late} overdue · the oldest: {carrier} "
                "{number} (order {order}), packed {hours} h ago"
            ).format(
                n=len(display.pending),
                late=display.overdue,
                carrier=oldest.carrier or "",
                number=oldest.tracking_no,
                order=oldest.order_no,
                hours=f"{oldest.age.total_seconds() / 3600:.0f}",
            )
        )
        self.pending_label.setStyleSheet(f"color: {ERROR};" if display.overdue else "")

    def show_display(self, display: HandoverDisplay) -> None:
        self._show_pending(display)
        if display.step is HandoverStep.SAVING:
            self.step_label.setText(self.tr("Saving the manifest…"))
        elif display.step is HandoverStep.PARCELS:
            self.step_label.setText(self.tr("Scan the next parcel"))
        else:
            self.step_label.setText(self.tr("Scan the carrier to start a batch"))
        if display.manifest is not None:
            self.manifest_label.setText(
                self.tr("Last manifest: {path}").format(path=str(display.manifest))
            )
        if display.batch is None:
            self.panel.hide()
            return
        self.batch_label.setText(
            self.tr("Batch {batch} · {carrier}").format(
                batch=display.batch, carrier=display.carrier or ""
            )
        )
        self.count_label.setText(str(display.count))
        self.count_label.setToolTip(self.tr("parcels in this batch"))
        self.recent_label.setText(
            "\n".join(
                self.tr("{number} · order {order}, parcel {n}").format(
                    number=s.tracking_no, order=s.order_no, n=s.parcel_no
                )
                for s in display.recent
            )
        )
        self.panel.show()
