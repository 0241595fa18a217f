"""The main window: navigation on the left (Ctrl+1 … Ctrl+8), the screens, the user below."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.config import Settings
from app.domain.users import Action
from app.services.users import UserInfo
from ui.exceptions_screen import ExceptionsScreen
from ui.i18n import role_text
from ui.orders_screen import OrdersScreen, may
from ui.pick_screen import PickScreen
from ui.placeholders import PlaceholderScreen
from ui.schedule import ReviewScheduler
from ui.settings_screen import SettingsScreen
from ui.waves_screen import WavesScreen

log = logging.getLogger(__name__)

# Navigation order; screen i is reached with Ctrl+(i+1).
SCREENS = ("orders", "exceptions", "pack", "pick", "waves", "counts", "labels", "settings")
LOGOUT_KEY = "Ctrl+L"


class MainWindow(QMainWindow):
    logged_out = Signal()

    def __init__(
        self,
        engine: Engine,
        user: UserInfo,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.settings = settings

        self.orders_screen = OrdersScreen(engine, user)
        self.exceptions_screen = ExceptionsScreen(engine, user)
        self.settings_screen = SettingsScreen(engine, settings)
        self.screens: dict[str, QWidget] = {
            "orders": self.orders_screen,
            "exceptions": self.exceptions_screen,
        }
        self.pick_screen = PickScreen(engine, user)
        self.waves_screen = WavesScreen(engine, user)
        for key in ("pack", "counts", "labels"):
            self.screens[key] = PlaceholderScreen(key)
        self.screens["pick"] = self.pick_screen
        self.screens["waves"] = self.waves_screen
        self.pick_screen.picked.connect(self.waves_screen.mark_stale)
        self.screens["settings"] = self.settings_screen

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(250)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for key in SCREENS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(self.screens[key])

        self.logout_button = QPushButton()
        self.logout_button.setAutoDefault(False)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 8)
        left.addWidget(self.nav, 1)
        left.addWidget(self.logout_button)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left_panel.setFixedWidth(250)

        central = QWidget()
        body = QHBoxLayout(central)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(left_panel)
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel()
        self.keys_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.keys_label)
        self.statusBar().setSizeGripEnabled(False)

        self.screen_actions: list[QAction] = []
        for i, key in enumerate(SCREENS):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, k=key: self.show_screen(k))
            self.addAction(action)
            self.screen_actions.append(action)
        self.logout_action = QAction(self)
        self.logout_action.setShortcut(QKeySequence(LOGOUT_KEY))
        self.logout_action.triggered.connect(self._on_logout)
        self.addAction(self.logout_action)

        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.logout_button.clicked.connect(self._on_logout)
        self.orders_screen.orders_changed.connect(self.exceptions_screen.mark_stale)
        self.orders_screen.counts_changed.connect(self._on_counts_changed)
        self.exceptions_screen.orders_changed.connect(self.orders_screen.mark_stale)
        self.settings_screen.settings_changed.connect(self._on_settings_changed)

        self.scheduler = ReviewScheduler(lambda: self.settings, parent=self)
        self.scheduler.due.connect(self._on_review_due)
        self.scheduler.start()

        self._retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1440, 900)

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _nav_names(self) -> dict[str, str]:
        return {
            "orders": self.tr("Orders"),
            "exceptions": self.tr("Exceptions"),
            "pack": self.tr("Pack"),
            "pick": self.tr("Pick"),
            "waves": self.tr("Waves"),
            "counts": self.tr("Stock counts"),
            "labels": self.tr("Labels"),
            "settings": self.tr("Settings"),
        }

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Packdesk — {user}").format(user=self.user.name))
        names = self._nav_names()
        exceptions = self.orders_screen.counts().get("exception", 0)
        for i, key in enumerate(SCREENS):
            item = self.nav.item(i)
            text = names[key]
            if key == "exceptions" and exceptions:
                text = f"{text} ({exceptions:,})"
            item.setText(text)
            item.setToolTip(f"Ctrl+{i + 1}")
            self.screen_actions[i].setText(names[key])
        self.logout_button.setText(self.tr("Log out ({key})").format(key=LOGOUT_KEY))
        self.logout_action.setText(self.tr("Log out"))
        self.user_label.setText(
            self.tr("Logged in: {name} — {role}").format(
                name=self.user.name, role=role_text(self.user.role.value)
            )
        )
        self.keys_label.setText(
            self.tr("Ctrl+1 … Ctrl+8: screens · {key}: log out").format(key=LOGOUT_KEY)
        )

    # --- navigation --------------------------------------------------------------------------

    def show_screen(self, key: str) -> None:
        self.nav.setCurrentRow(SCREENS.index(key))

    def current_screen(self) -> str:
        return SCREENS[self.stack.currentIndex()]

    def nav_labels(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        screen = self.stack.currentWidget()
        target = getattr(screen, "focus_target", None)
        widget = target() if callable(target) else screen
        if isinstance(widget, QWidget):
            widget.setFocus()

    def _on_counts_changed(self, _counts: object) -> None:
        self._retranslate()

    # --- settings and the scheduled review ----------------------------------------------------

    def _on_settings_changed(self, settings: object) -> None:
        if isinstance(settings, Settings):
            self.settings = settings

    def _on_review_due(self, at: object) -> None:
        when = at.strftime("%H:%M") if isinstance(at, dt.datetime) else str(at)
        if not self.settings.auto_review:
            return
        if not may(self.user, Action.REVIEW_ORDERS):
            log.info(
                "scheduled review at %s skipped: %s (%s) may not review orders",
                when,
                self.user.name,
                self.user.role.value,
            )
            return
        if not self.orders_screen.start_review(at if isinstance(at, dt.datetime) else None):
            log.info("scheduled review at %s skipped: a review is already running", when)

    # --- logging out and closing -----------------------------------------------------------

    def is_busy(self) -> bool:
        dialog = self.orders_screen.import_dialog
        return (
            self.orders_screen.is_reviewing()
            or (dialog is not None and dialog.is_busy())
            or self.waves_screen.is_busy()
        )

    def _on_logout(self) -> None:
        if self.is_busy():
            self.orders_screen.message.show_message(
                "info", self.tr("Wait until the review or import has finished, then log out.")
            )
            return
        log.info("%s logged out", self.user.name)
        self.scheduler.stop()
        self.logged_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            self.orders_screen.message.show_message(
                "info", self.tr("Wait until the review or import has finished, then close.")
            )
            return
        self.scheduler.stop()
        super().closeEvent(event)
