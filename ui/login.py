"""The log-in window: scan a badge (the scanner types it and presses Enter), or name + PIN."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
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
from app.domain.scans import Scan
from app.services import users
from app.services.users import UserInfo
from ui.i18n import error_text, role_text
from ui.theme import MessageLabel, heading

log = logging.getLogger(__name__)


class LoginWindow(QWidget):
    """Emits ``logged_in(UserInfo)``; wrong credentials show words in red and clear the field."""

    logged_in = Signal(object)

    def __init__(self, ctx: AppContext, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._demo = demo
        self.user: UserInfo | None = None

        self._title = heading()
        self._badge_label = QLabel()
        self.badge_edit = QLineEdit()
        self.badge_edit.setObjectName("badge")
        self.badge_edit.setMinimumWidth(420)
        self._or_label = QLabel()
        self._or_label.setObjectName("subheading")
        self._name_label = QLabel()
        self.name_edit = QLineEdit()
        self._pin_label = QLabel()
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.login_button = QPushButton()
        self.login_button.setObjectName("primary")
        self.message = MessageLabel()

        self._badge_label.setBuddy(self.badge_edit)
        self._name_label.setBuddy(self.name_edit)
        self._pin_label.setBuddy(self.pin_edit)

        # Nested layouts inherit the outer spacing (40) unless told otherwise.
        form = QFormLayout()
        form.setSpacing(12)
        form.addRow(self._name_label, self.name_edit)
        form.addRow(self._pin_label, self.pin_edit)

        card = QVBoxLayout()
        card.setSpacing(8)
        card.addWidget(self._title)
        card.addSpacing(12)
        card.addWidget(self._badge_label)
        card.addWidget(self.badge_edit)
        card.addSpacing(20)
        card.addWidget(self._or_label)
        card.addLayout(form)
        card.addWidget(self.login_button, 0, Qt.AlignmentFlag.AlignLeft)
        card.addSpacing(8)
        card.addWidget(self.message)
        card.addStretch(1)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.setSpacing(40)
        outer.addLayout(card, 1)

        self.demo_table: QTableWidget | None = None
        self._demo_title = QLabel()
        self._demo_hint = QLabel()
        if demo:
            outer.addLayout(self._build_demo_panel(), 1)

        self.badge_edit.returnPressed.connect(self._on_badge_entered)
        self.name_edit.returnPressed.connect(self._on_name_entered)
        self.pin_edit.returnPressed.connect(self._on_pin_entered)
        self.login_button.clicked.connect(self._on_pin_entered)

        QWidget.setTabOrder(self.badge_edit, self.name_edit)
        QWidget.setTabOrder(self.name_edit, self.pin_edit)
        QWidget.setTabOrder(self.pin_edit, self.login_button)
        if self.demo_table is not None:
            QWidget.setTabOrder(self.login_button, self.demo_table)

        self._retranslate()
        self.resize(1100 if demo else 640, 560)
        self.badge_edit.setFocus()

    def _build_demo_panel(self) -> QVBoxLayout:
        from app.services.demo import DEMO_USERS

        self._demo_title.setObjectName("subheading")
        self._demo_hint.setWordWrap(True)
        self._demo_hint.setObjectName("hint")
        table = QTableWidget(len(DEMO_USERS), 4)
        table.setObjectName("demoUsers")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rows = table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 16)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, user in enumerate(DEMO_USERS):
            cells = [user.name, str(user.role), user.pin, user.badge]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.badge)
                table.setItem(row, column, item)
        table.activated.connect(self._on_demo_user_activated)
        self.demo_table = table
        panel = QVBoxLayout()
        panel.setSpacing(8)
        panel.addWidget(self._demo_title)
        panel.addWidget(self._demo_hint)
        panel.addWidget(table)
        panel.addStretch(1)
        # As tall as its rows: no empty box under four users.
        table.setFixedHeight(
            rows.defaultSectionSize() * len(DEMO_USERS) + self.fontMetrics().height() + 24
        )
        return panel

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Packdesk — log in"))
        self._title.setText(self.tr("Log in to Packdesk"))
        self._badge_label.setText(self.tr("Scan your badge"))
        self.badge_edit.setPlaceholderText(self.tr("Scan or type the badge, then Enter"))
        self._or_label.setText(self.tr("Or log in with your name and PIN"))
        self._name_label.setText(self.tr("Name"))
        self._pin_label.setText(self.tr("PIN"))
        self.pin_edit.setPlaceholderText(self.tr("4 to 12 digits, then Enter"))
        self.login_button.setText(self.tr("Log in"))
        if self.demo_table is not None:
            self._demo_title.setText(self.tr("Demo users"))
            self._demo_hint.setText(
                self.tr(
                    "This is the demo warehouse. Scan or type a badge, or choose a user below "
                    "and press Enter."
                )
            )
            self.demo_table.setHorizontalHeaderLabels(
                [self.tr("Name"), self.tr("Role"), self.tr("PIN"), self.tr("Badge")]
            )
            for row in range(self.demo_table.rowCount()):
                item = self.demo_table.item(row, 1)
                if item is not None:
                    role = item.data(Qt.ItemDataRole.UserRole + 1) or item.text()
                    item.setData(Qt.ItemDataRole.UserRole + 1, role)
                    item.setText(role_text(role))

    # --- logging in ------------------------------------------------------------------------

    def _on_badge_entered(self) -> None:
        badge = self.badge_edit.text().strip()
        if not badge:
            self._fail(self.tr("Scan your badge first."), self.badge_edit)
            return
        try:
            user = users.login_with_badge(self._ctx.uow(), badge)
        except DomainError as exc:
            self.badge_edit.clear()
            self._fail(error_text(exc), self.badge_edit)
            return
        self._succeed(user)

    def accept_scan(self, event: Scan) -> bool:
        """Any scan on the log-in window is a badge, wherever the focus is (never into PIN)."""
        self.badge_edit.setText(event.value)
        self._on_badge_entered()
        return True

    def _on_name_entered(self) -> None:
        if self.name_edit.text().strip():
            self.pin_edit.setFocus()
        else:
            self._fail(self.tr("Type your name, then your PIN."), self.name_edit)

    def _on_pin_entered(self) -> None:
        name = self.name_edit.text().strip()
        pin = self.pin_edit.text()
        if not name:
            self._fail(self.tr("Type your name, then your PIN."), self.name_edit)
            return
        try:
            user = users.login_with_pin(self._ctx.uow(), name, pin)
        except DomainError as exc:
            self.pin_edit.clear()
            self._fail(error_text(exc), self.pin_edit)
            return
        self._succeed(user)

    def _on_demo_user_activated(self, index: QModelIndex) -> None:
        badge = index.data(Qt.ItemDataRole.UserRole)
        if badge:
            self.badge_edit.setText(str(badge))
            self._on_badge_entered()

    def _fail(self, text: str, field: QLineEdit) -> None:
        log.info("log-in refused: %s", text)
        self.message.show_message("error", text)
        field.setFocus()

    def _succeed(self, user: UserInfo) -> None:
        log.info("%s (%s) logged in", user.name, user.role.value)
        self.user = user
        self.message.clear_message()
        self.badge_edit.clear()
        self.name_edit.clear()
        self.pin_edit.clear()
        self.logged_in.emit(user)
