"""Binding tracking numbers (绑定运单号): scan the order (or a parcel's waybill), then the
tracking number; the verdict in large type, colour, words and a sound.  The workflow is
app.stations.bind.BindStation's; this screen shows what it says.

Keys: Enter after a typed code; Esc starts over; F6 binds the next scan to a new parcel of the
order; F9 (supervisors) changes the parcel's number, with a reason typed first.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.context import AppContext
from app.domain.scans import ClassifierConfig
from app.services.shipping import BindView
from app.services.users import UserInfo
from app.stations.base import Level, Outcome
from app.stations.bind import BindDisplay, BindKey, BindStation, BindStep
from ui.i18n import status_text
from ui.scan_screen import BANNER_STYLE, ScanStationScreen
from ui.sounds import Sounds
from ui.theme import ACCENT, PANEL, heading

log = logging.getLogger(__name__)

__all__ = ["BindScreen", "BindStep"]

LOCAL_STYLE = (
    f"""
QLabel#bindStep {{ font-size: 26pt; font-weight: bold; color: {ACCENT}; }}
QLabel#bindOrder {{ font-size: 30pt; font-weight: bold; }}
QLabel#bindBig {{ font-size: 18pt; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 10px; }}
QFrame#bindPanel {{ background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px; }}
"""
    + BANNER_STYLE
)


class BindScreen(ScanStationScreen):
    bound = Signal(str)  # order no whose parcel got a number

    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {
        (Qt.Key.Key_F6, False): BindKey.NEW_PARCEL,
        (Qt.Key.Key_F9, False): BindKey.REBIND,
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
        self.binding = BindStation(ctx.uow, user)
        super().__init__(self.binding, sounds, parent, classifier=classifier)
        self.user = user
        #: the verdict in large type (the banner of every scan screen)
        self.verdict = self.banner
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("bindStep")
        self.step_label.setWordWrap(True)

        self.panel = QFrame()
        self.panel.setObjectName("bindPanel")
        self.order_label = QLabel()
        self.order_label.setObjectName("bindOrder")
        self.order_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setObjectName("bindBig")
        self.details_label.setWordWrap(True)
        self.parcels_label = QLabel()
        self.parcels_label.setObjectName("bindBig")
        self.parcels_label.setTextFormat(Qt.TextFormat.PlainText)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addWidget(self.order_label)
        panel_layout.addWidget(self.details_label)
        panel_layout.addWidget(self.parcels_label)
        self.panel.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.step_label)
        row = QHBoxLayout()
        row.addWidget(self.scan_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        self._retranslate()

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Bind tracking numbers"))
        self._hint.setText(
            self.tr(
                "Scan the order (or a parcel's waybill), then the tracking number · F6: a new "
                "parcel · F9: change a parcel's number (supervisor) · Esc: start over"
            )
        )
        self.scan_edit.setPlaceholderText(self.tr("Scan here"))
        self.show_display(self.binding.display())

    # --- state (tests) -----------------------------------------------------------------------

    @property
    def step(self) -> BindStep:
        return self.binding.step

    @property
    def view(self) -> BindView | None:
        return self.binding.view

    # --- what the screen shows ---------------------------------------------------------------

    def apply(self, outcome: Outcome[Any]) -> None:
        if outcome.level is None and outcome.show.step is BindStep.TRACKING:
            self.banner.hide()  # a new order on screen: the last verdict is done with
            self.message.clear_message()
        super().apply(outcome)
        if outcome.level is Level.OK and self.binding.bound:
            self.bound.emit(self.binding.bound)
            self.binding.bound = None

    def show_display(self, display: BindDisplay) -> None:
        self.scan_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        view = display.view
        if display.step is BindStep.ORDER or view is None:
            self.step_label.setText(self.tr("Scan the order number"))
            self.panel.hide()
            return
        if display.step is BindStep.REASON:
            self.step_label.setText(
                self.tr("Why is the number of parcel {n} changed? Type it, then Enter").format(
                    n=display.parcel_no
                )
            )
        elif display.rebinding:
            self.step_label.setText(
                self.tr("Scan the NEW tracking number for parcel {n}").format(n=display.parcel_no)
            )
        else:
            self.step_label.setText(
                self.tr("Scan the tracking number for parcel {n}").format(n=display.parcel_no)
            )
        self.order_label.setText(view.order_no)
        self.details_label.setText(
            self.tr("{shop} · {buyer}, {city} · carrier {carrier} · {status}").format(
                shop=view.shop,
                buyer=view.buyer_name,
                city=view.city,
                carrier=view.carrier or self.tr("none"),
                status=status_text(view.status),
            )
        )
        lines = [
            self.tr("Parcel {n}: {number}").format(
                n=p.parcel_no, number=p.tracking_no or self.tr("no tracking number yet")
            )
            for p in view.parcels
        ]
        if display.parcel_no > len(view.parcels):
            lines.append(self.tr("Parcel {n}: new").format(n=display.parcel_no))
        self.parcels_label.setText("\n".join(lines))
        self.panel.show()

    def reset(self) -> None:
        self.apply(self.binding.escape())
