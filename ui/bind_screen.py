"""Binding tracking numbers (绑定运单号): scan the order (or a parcel's waybill), then the
tracking number; the verdict in large type, colour, words and a beep.

Keys: Enter after a typed code; Esc starts over; F6 binds the next scan to a new parcel of the
order; F9 (supervisors) changes the parcel's number, with a reason typed first.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.users import Action
from app.services import shipping
from app.services.shipping import BindView
from app.services.users import UserInfo
from devices.scanning import ScanEvent
from ui.i18n import error_text, status_text
from ui.orders_screen import may
from ui.theme import ACCENT, PANEL, MessageLabel, heading

log = logging.getLogger(__name__)

LOCAL_STYLE = f"""
QLabel#bindStep {{ font-size: 26pt; font-weight: bold; color: {ACCENT}; }}
QLabel#bindOrder {{ font-size: 30pt; font-weight: bold; }}
QLabel#bindBig {{ font-size: 18pt; }}
QLineEdit#bindScan {{ font-size: 24pt; padding: 10px; }}
QFrame#bindPanel {{ background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px; }}
QLabel#verdict[kind="ok"] {{ font-size: 22pt; font-weight: bold; color: white;
    background: #0a6b2d; padding: 14px; border-radius: 6px; }}
QLabel#verdict[kind="error"] {{ font-size: 22pt; font-weight: bold; color: white;
    background: #b00020; padding: 14px; border-radius: 6px; }}
"""


class BindStep(StrEnum):
    ORDER = "order"
    TRACKING = "tracking"
    REASON = "reason"


class BindScreen(QWidget):
    bound = Signal(str)  # order no whose parcel got a number

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.user = user
        self.step = BindStep.ORDER
        self.view: BindView | None = None
        self.parcel_no = 1
        self.rebind_reason: str | None = None
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setObjectName("bindStep")
        self.step_label.setWordWrap(True)
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("bindScan")
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.hide()
        self.message = MessageLabel()

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
        layout.addWidget(self.verdict)
        layout.addWidget(self.message)
        layout.addWidget(self.panel)
        layout.addStretch(1)

        self.scan_edit.returnPressed.connect(self._on_entered)
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
        self._render()

    # --- the steps ----------------------------------------------------------------------------

    def _render(self) -> None:
        view = self.view
        if self.step is BindStep.ORDER or view is None:
            self.step_label.setText(self.tr("Scan the order number"))
            self.panel.hide()
            return
        if self.step is BindStep.REASON:
            self.step_label.setText(
                self.tr("Why is the number of parcel {n} changed? Type it, then Enter").format(
                    n=self.parcel_no
                )
            )
        elif self.rebind_reason is not None:
            self.step_label.setText(
                self.tr("Scan the NEW tracking number for parcel {n}").format(n=self.parcel_no)
            )
        else:
            self.step_label.setText(
                self.tr("Scan the tracking number for parcel {n}").format(n=self.parcel_no)
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
        if self.parcel_no > len(view.parcels):
            lines.append(self.tr("Parcel {n}: new").format(n=self.parcel_no))
        self.parcels_label.setText("\n".join(lines))
        self.panel.show()

    def reset(self) -> None:
        self.step = BindStep.ORDER
        self.view = None
        self.rebind_reason = None
        self.scan_edit.clear()
        self.scan_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self._render()
        self.scan_edit.setFocus()

    def submit_scan(self, text: str) -> None:
        self.scan_edit.setText(text)
        self._on_entered()

    def accept_scan(self, event: ScanEvent) -> bool:
        if self.step is BindStep.REASON:
            return False  # typing a reason: a scan is not a reason
        self.submit_scan(event.value)
        return True

    def _on_entered(self) -> None:
        text = self.scan_edit.text().strip()
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        if not text:
            return
        if self.step is BindStep.REASON:
            self.rebind_reason = text
            self.step = BindStep.TRACKING
            self._render()
            return
        if self.step is BindStep.ORDER:
            self._open(text)
        else:
            self._bind(text)

    def _open(self, code: str) -> None:
        try:
            view = shipping.binding_view(self._ctx.uow(), code)
        except DomainError as exc:
            self._refuse(error_text(exc))
            return
        if view is None:
            self._refuse(
                self.tr("{code} is neither an order number nor a bound tracking number").format(
                    code=code
                )
            )
            return
        self.view = view
        self.parcel_no = view.next_parcel
        self.step = BindStep.TRACKING
        self.verdict.hide()
        self.message.clear_message()
        if view.found_by_tracking:
            owner = next(p for p in view.parcels if p.tracking_no == view.found_by_tracking)
            self.message.show_message(
                "info",
                self.tr("{number} is order {order}, parcel {n}").format(
                    number=view.found_by_tracking, order=view.order_no, n=owner.parcel_no
                ),
            )
        self._render()

    def _bind(self, number: str) -> None:
        view = self.view
        assert view is not None
        carrier = view.carrier
        if not carrier:
            fits = shipping.carrier_for(self._ctx.uow(), number)
            if len(fits) != 1:
                self._refuse(
                    self.tr(
                        "Order {order} has no carrier and the number fits {fits}; set the "
                        "order's carrier first"
                    ).format(order=view.order_no, fits=", ".join(fits) or self.tr("no carrier"))
                )
                return
            carrier = fits[0]
        try:
            result = shipping.bind(
                self._ctx.uow(),
                self.user.actor,
                view.order_no,
                number,
                carrier=carrier,
                parcel_no=self.parcel_no,
                shop=view.shop,
                rebind_reason=self.rebind_reason,
            )
        except DomainError as exc:
            text = error_text(exc)
            if "already has tracking number" in str(exc):
                text += " " + self.tr("(F6: bind it to a new parcel instead)")
            self._refuse(text)
            return
        if result.changed:
            said = self.tr("✔ Bound {number} to order {order}, parcel {n}").format(
                number=result.tracking_no, order=result.order_no, n=result.parcel_no
            )
            if result.previous:
                said += " " + self.tr("(was {old})").format(old=result.previous)
        else:
            said = self.tr("✔ {number} was already bound to order {order}, parcel {n}").format(
                number=result.tracking_no, order=result.order_no, n=result.parcel_no
            )
        self._verdict("ok", said)
        self.bound.emit(result.order_no)
        log.info("bound %s to %s/%s", result.tracking_no, result.order_no, result.parcel_no)
        self.reset()

    def _verdict(self, kind: str, text: str) -> None:
        self.verdict.setProperty("kind", kind)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.setText(text)
        self.verdict.show()

    def _refuse(self, text: str) -> None:
        QApplication.beep()
        self._verdict("error", "✖ " + text[:1].upper() + text[1:])
        self.scan_edit.setFocus()

    # --- keys ---------------------------------------------------------------------------------

    def _on_new_parcel(self) -> None:
        if self.view is None:
            return
        self.parcel_no = len(self.view.parcels) + 1
        self.step = BindStep.TRACKING
        self._render()

    def _on_rebind(self) -> None:
        if self.view is None:
            return
        if not may(self.user, Action.REBIND_TRACKING):
            self._refuse(self.tr("Changing a bound tracking number is for a supervisor"))
            return
        bound = [p for p in self.view.parcels if p.tracking_no]
        if not bound:
            self._refuse(self.tr("No parcel of this order has a tracking number yet"))
            return
        self.parcel_no = (
            bound[0].parcel_no if self.parcel_no > len(self.view.parcels) else (self.parcel_no)
        )
        self.step = BindStep.REASON
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F-keys and Esc typed in the scan field come up here (a line edit ignores them).
        if event.key() == Qt.Key.Key_Escape:
            self.verdict.hide()
            self.message.clear_message()
            self.reset()
        elif event.key() == Qt.Key.Key_F6:
            self._on_new_parcel()
        elif event.key() == Qt.Key.Key_F9:
            self._on_rebind()
        else:
            super().keyPressEvent(event)

    def focus_target(self) -> QWidget:
        return self.scan_edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_edit.setFocus()
