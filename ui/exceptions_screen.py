"""Exception orders (异常订单): each reason in words, and the supervisor's decisions."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.orders import OrderStatus
from app.domain.users import Action
from app.services import orders
from app.services.orders import OrderQuery
from app.services.users import UserInfo
from ui.i18n import failure_text, message_text
from ui.orders_model import (
    COL_CARRIER,
    COL_CITY,
    COL_LINES,
    COL_SHOP,
    COL_STATUS,
    COL_UNITS,
    OrdersTableModel,
)
from ui.orders_screen import may, shortcut
from ui.orders_view import OrdersView
from ui.theme import MessageLabel, heading

log = logging.getLogger(__name__)

# The actions, in the order of their buttons, with their keys.
ACTION_KEYS = {"back_to_review": "F6", "approve": "F7", "hold": "F8", "cancel": "F9"}


class ExceptionsScreen(QWidget):
    orders_changed = Signal()
    action_done = Signal(str, int)  # action, number of orders changed
    action_failed = Signal(str)

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._stale = False
        self.model = OrdersTableModel(
            ctx, user.actor, OrderQuery(status=OrderStatus.EXCEPTION.value), parent=self
        )
        self.view = OrdersView(ctx, user.actor, self.model, self)
        for column in (COL_SHOP, COL_STATUS, COL_CITY, COL_CARRIER, COL_LINES, COL_UNITS):
            self.view.hideColumn(column)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self._reasons_title = QLabel()
        self._reasons_title.setObjectName("subheading")
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setObjectName("reasons")
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        # Room for the order number and three reasons, so the table does not jump.
        self.reasons_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.message = MessageLabel()
        self.count_label = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for action, key in ACTION_KEYS.items():
            button = QPushButton()
            # Courtesy only: the service refuses anyway.
            button.setEnabled(may(user, orders.ACTIONS[action]))
            button.clicked.connect(lambda _=False, a=action: self._on_action_clicked(a))
            shortcut(key, self, lambda a=action: self._on_action_clicked(a))
            self.buttons[action] = button
            row.addWidget(button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self._reasons_title)
        layout.addWidget(self.reasons_label)
        layout.addLayout(row)

        previous: QWidget = self.view
        for button in self.buttons.values():
            QWidget.setTabOrder(previous, button)
            previous = button

        self.view.failed.connect(self._on_view_failed)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.selectionModel().currentChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_rows_loaded)
        self.model.rowsInserted.connect(self._on_rows_loaded)
        shortcut("F5", self, self.refresh)

        self._retranslate()
        self.view.select_first()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.model.retranslate()
        super().changeEvent(event)

    def _action_names(self) -> dict[str, str]:
        return {
            "back_to_review": self.tr("Back to review"),
            "approve": self.tr("Approve"),
            "hold": self.tr("Hold"),
            "cancel": self.tr("Cancel order"),
        }

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Exceptions"))
        self._hint.setText(
            self.tr(
                "Orders that failed review. Select orders (Shift+arrows for several), then "
                "choose: F6 back to review · F7 approve · F8 hold · F9 cancel. "
                "Enter: order details · F5: refresh"
            )
        )
        for action, name in self._action_names().items():
            self.buttons[action].setText(f"{name}  ({ACTION_KEYS[action]})")
        if not may(self._user, Action.RESOLVE_EXCEPTION):
            for button in self.buttons.values():
                button.setToolTip(self.tr("Only a supervisor can decide on exceptions."))
        self._reasons_title.setText(self.tr("Why this order is an exception"))
        self._update_count_label()
        self._on_selection_changed()

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self.model.refresh()
        self.view.select_first()
        self._on_selection_changed()

    def mark_stale(self) -> None:
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_rows_loaded(self) -> None:
        self._update_count_label()

    def _update_count_label(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            text = self.tr("No exception orders. Nothing needs a decision.")
        else:
            text = self.tr("{shown} exception orders shown").format(shown=f"{shown:,}")
            if self.model.canFetchMore():
                text += " · " + self.tr("scroll down for more")
        self.count_label.setText(text)

    def _on_selection_changed(self, *_args: QItemSelection | object) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.reasons_label.setText("—")
            return
        row = self.model.order_at(index.row())
        lines = [f"• {message_text(reason)}" for reason in row.exception_reasons]
        title = self.tr("Order {order_no}:").format(order_no=row.order_no)
        self.reasons_label.setText(title + "\n" + "\n".join(lines))

    def _on_view_failed(self, text: str) -> None:
        self.message.show_message("error", text)

    # --- actions -----------------------------------------------------------------------------

    def _on_action_clicked(self, action: str) -> None:
        ids = self.view.selected_ids()
        if not ids:
            self.message.show_message("error", self.tr("Select one or more orders first."))
            self.view.setFocus()
            return
        if action == "cancel" and not self._confirm_cancel(len(ids)):
            return
        self.apply_action(action, ids)

    def _confirm_cancel(self, n: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Cancel orders"),
            self.tr("Cancel {n} order(s)? A cancelled order is never shipped.").format(n=n),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def apply_action(self, action: str, ids: list[int]) -> int:
        """Apply one action to the orders (all or nothing); returns how many changed."""
        try:
            changed = orders.apply_action(self._ctx.uow(), self._user.actor, ids, action)
        except (DomainError, ValueError) as exc:
            text = failure_text(exc)
            log.info("%s refused: %s", action, exc)
            self.message.show_message("error", text)
            self.action_failed.emit(text)
            return 0
        log.info("%s: %s on %d order(s)", self._user.name, action, changed)
        done = {
            "back_to_review": self.tr("Sent back to review: {n} order(s)."),
            "approve": self.tr("Approved: {n} order(s)."),
            "hold": self.tr("Put on hold: {n} order(s)."),
            "cancel": self.tr("Cancelled: {n} order(s)."),
        }[action]
        self.message.show_message("ok", done.format(n=changed))
        self.refresh()
        self.view.setFocus()
        self.action_done.emit(action, changed)
        self.orders_changed.emit()
        return changed

    def focus_target(self) -> QWidget:
        return self.view
