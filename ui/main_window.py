"""The main window: navigation on the left (Ctrl+1 … Ctrl+0, Ctrl+-, Ctrl+=; Ctrl+Shift+T for
Stock; Ctrl+Shift+C for Count review; on a station Ctrl+Shift+S for Sync), the screens, the
user, the sync and the devices below; above the screens of those who replenish, the low-stock
banner."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.context import AppContext
from app.domain.scans import Scan
from app.domain.users import Action
from app.services.users import UserInfo
from ui.bind_screen import BindScreen
from ui.count_review_screen import CountReviewScreen
from ui.count_screen import CountScreen
from ui.device_widgets import DeviceStatusBar, SimulatedDevicesPanel
from ui.devices import DeviceHub
from ui.exceptions_screen import ExceptionsScreen
from ui.followup_screen import FollowUpScreen
from ui.handover_screen import HandoverScreen
from ui.i18n import role_text
from ui.label_desk import LabelDeskScreen
from ui.low_stock import LOW_STOCK_KEY, LowStockBanner, LowStockWatcher
from ui.orders_screen import OrdersScreen, may
from ui.pack_screen import PackScreen
from ui.pick_screen import PickScreen
from ui.putaway_screen import PutawayScreen
from ui.scan_router import ScanRouter
from ui.schedule import ReviewScheduler
from ui.settings_screen import SettingsScreen
from ui.stock_screen import StockScreen
from ui.sync_runner import SyncReport, SyncRunner
from ui.sync_screen import SyncScreen, SyncStatusLabel
from ui.theme import ERROR, INK
from ui.waves_screen import WavesScreen

log = logging.getLogger(__name__)

# Navigation order; screen i is reached with the key screen_key(i) gives.
SCREENS = (
    "orders",
    "exceptions",
    "pack",
    "pick",
    "waves",
    "stock",
    "counts",
    "count_review",
    "labels",
    "bind",
    "settings",
    "putaway",
    "handover",
    "followup",
    "sync",
)
#: Screens only some roles see (the navigation hides them from the others).
LEADS_ONLY = {"followup": Action.COMPLETE_ORDERS, "count_review": Action.MANAGE_COUNTS}
#: Screens only a station's database has (app.sync): hidden elsewhere.
STATION_ONLY = frozenset({"sync"})
LOGOUT_KEY = "Ctrl+L"
#: The number row is full: Sync (S) and Stock (T) take Shift with them (F12 is the simulated
#: devices').
SYNC_KEY = "Ctrl+Shift+S"
STOCK_KEY = "Ctrl+Shift+T"
#: Count review (盘点审核), C for count.
COUNT_REVIEW_KEY = "Ctrl+Shift+C"

#: The keys of the screens: the number row and the two keys after it in navigation order
#: (as they were before Stock came), then Stock's, Count review's and Sync's.
_NUMBER_ROW = (*(f"Ctrl+{n}" for n in range(1, 10)), "Ctrl+0", "Ctrl+-", "Ctrl+=")
_SHIFTED = {"stock": STOCK_KEY, "count_review": COUNT_REVIEW_KEY, "sync": SYNC_KEY}
SCREEN_KEYS: dict[str, str] = {
    **dict(zip((k for k in SCREENS if k not in _SHIFTED), _NUMBER_ROW, strict=True)),
    **_SHIFTED,
}


def screen_key(i: int) -> str:
    """Screen i's key: Ctrl+1 … Ctrl+9, Ctrl+0, Ctrl+-, Ctrl+=, Ctrl+Shift+T, Ctrl+Shift+C,
    Ctrl+Shift+S."""
    return SCREEN_KEYS[SCREENS[i]]


SIM_PANEL_KEY = "F12"
SCAN_MESSAGE_MS = 8_000


class MainWindow(QMainWindow):
    logged_out = Signal()
    devices_reconfigured = Signal(object)  # Settings: the device settings were applied

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        hub: DeviceHub | None = None,
        router: ScanRouter | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.settings = settings
        self.hub: DeviceHub | None = None
        self.router = router

        self.orders_screen = OrdersScreen(ctx, user)
        self.exceptions_screen = ExceptionsScreen(ctx, user)
        self.settings_screen = SettingsScreen(ctx, settings, user)
        self.screens: dict[str, QWidget] = {
            "orders": self.orders_screen,
            "exceptions": self.exceptions_screen,
        }
        classifier = router.config if router is not None else None
        self.pick_screen = PickScreen(ctx, user, classifier=classifier)
        self.waves_screen = WavesScreen(ctx, user)
        self.labels_screen = LabelDeskScreen(ctx, user)
        self.pack_screen = PackScreen(  # station None: the hostname
            ctx,
            user,
            station=None,
            packaging=settings.packaging,
            default_packaging_code=settings.default_packaging,
            classifier=classifier,
            always_check_damage=settings.always_check_damage,
            ship_at_pack=settings.ship_at_pack,
        )
        self.screens["pack"] = self.pack_screen
        self.stock_screen = StockScreen(ctx, user)
        self.screens["stock"] = self.stock_screen
        self.count_screen = CountScreen(ctx, user, classifier=classifier)
        self.screens["counts"] = self.count_screen
        self.count_review_screen = CountReviewScreen(ctx, user)
        self.screens["count_review"] = self.count_review_screen
        self.count_review_screen.stock_changed.connect(self.stock_screen.mark_stale)
        self.screens["labels"] = self.labels_screen
        self.bind_screen = BindScreen(ctx, user, classifier=classifier)
        self.screens["bind"] = self.bind_screen
        self.handover_screen = HandoverScreen(
            ctx, user, classifier=classifier, overdue_hours=settings.handover_overdue_hours
        )
        self.screens["handover"] = self.handover_screen
        self.screens["pick"] = self.pick_screen
        self.screens["waves"] = self.waves_screen
        self.putaway_screen = PutawayScreen(ctx, user, classifier=classifier)
        self.screens["putaway"] = self.putaway_screen
        self.pick_screen.picked.connect(self.waves_screen.mark_stale)
        self.pick_screen.picked.connect(self.stock_screen.mark_stale)
        self.waves_screen.waves_changed.connect(self.stock_screen.mark_stale)
        self.screens["settings"] = self.settings_screen
        self.followup_screen = FollowUpScreen(ctx, user, lambda: self.settings)
        self.screens["followup"] = self.followup_screen
        # The station's sync (None on a database that is not a station's).
        self.sync_runner: SyncRunner | None = None
        self.sync_screen: SyncScreen | None = None
        self.sync_label: SyncStatusLabel | None = None
        self._logging_out = False
        if ctx.sync is not None:
            self.sync_runner = SyncRunner(ctx.sync, settings.sync_interval_s, self)
            self.sync_screen = SyncScreen(ctx, user, self.sync_runner)
            self.screens["sync"] = self.sync_screen
        else:
            self.screens["sync"] = QWidget()  # never shown: the navigation hides it

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
        # The low-stock banner above the screens of those who replenish (库存预警).
        self.low_stock_banner = LowStockBanner()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.low_stock_banner)
        right.addWidget(self.stack, 1)
        body.addLayout(right, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel()
        self.keys_label = QLabel()
        self.device_bar = DeviceStatusBar()
        # The status bar never makes the window wider than the screen (1366 pixels at a
        # packing station): the user's name gives way first (its tooltip keeps the words).
        self.user_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.user_label.setMinimumWidth(60)
        self.statusBar().addWidget(self.user_label, 1)
        if ctx.sync is not None and self.sync_runner is not None:
            self.sync_label = SyncStatusLabel(ctx.sync.station)
            self.statusBar().addPermanentWidget(self.sync_label)
            self.sync_runner.reported.connect(self.sync_label.show_report)
            self.sync_runner.reported.connect(self._on_sync_report)
        self.statusBar().addPermanentWidget(self.device_bar)
        self.statusBar().addPermanentWidget(self.keys_label)
        self.statusBar().setSizeGripEnabled(False)
        self.sim_panel: SimulatedDevicesPanel | None = None
        self.sim_action = QAction(self)
        self.sim_action.setShortcut(QKeySequence(SIM_PANEL_KEY))
        # Also from the panel's own window (a tool window is a window of its own).
        self.sim_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sim_action.triggered.connect(self._on_toggle_sim_panel)
        self.addAction(self.sim_action)
        if router is not None:
            router.refused.connect(self._on_scan_refused)
            router.unhandled.connect(self._on_scan_unhandled)
            router.routed.connect(self.settings_screen.show_scan)

        self.screen_actions: list[QAction] = []
        for i, key in enumerate(SCREENS):
            action = QAction(self)
            action.setShortcut(QKeySequence(screen_key(i)))
            # Application-wide: also from the demo's simulated-devices window (a window of
            # its own); a modal dialog still blocks them.
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _=False, k=key: self.show_screen(k))
            self.addAction(action)
            self.screen_actions.append(action)
            if key in LEADS_ONLY and not may(user, LEADS_ONLY[key]):
                self.nav.item(i).setHidden(True)  # courtesy: the services refuse anyway
                action.setEnabled(False)
            if key in STATION_ONLY and ctx.sync is None:
                self.nav.item(i).setHidden(True)
                action.setEnabled(False)
        self.low_stock_action = QAction(self)
        self.low_stock_action.setShortcut(QKeySequence(LOW_STOCK_KEY))
        self.low_stock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.low_stock_action.triggered.connect(self.show_low_stock)
        self.addAction(self.low_stock_action)
        self.low_stock_watcher: LowStockWatcher | None = None
        if may(user, Action.IMPORT_STOCK):
            self.low_stock_watcher = LowStockWatcher(ctx, self)
            self.low_stock_watcher.counted.connect(self.low_stock_banner.show_count)
            self.low_stock_banner.clicked.connect(self.show_low_stock)
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
        self.settings_screen.devices_applied.connect(self.devices_reconfigured)
        self.set_hub(hub)
        if self.sync_screen is not None and self.sync_runner is not None:
            self.sync_screen.resolved.connect(self.sync_runner.wake)  # the count, at once

        self.scheduler = ReviewScheduler(lambda: self.settings, parent=self)
        self.scheduler.due.connect(self._on_review_due)
        self.scheduler.start()
        if self.sync_runner is not None:
            self.sync_runner.start()
        if self.low_stock_watcher is not None:
            # Stock moved here: count again at once (other stations: the watcher's minute).
            watcher = self.low_stock_watcher
            for changed in (
                self.pick_screen.picked,
                self.waves_screen.waves_changed,
                self.orders_screen.orders_changed,
                self.exceptions_screen.orders_changed,
                self.count_review_screen.stock_changed,
            ):
                changed.connect(watcher.poke)
            watcher.start()

        self._retranslate()
        self.nav.setCurrentRow(0)
        available = self.screen().availableGeometry()
        self.resize(min(1440, available.width()), min(900, available.height()))

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
            "stock": self.tr("Stock"),
            "counts": self.tr("Stock counts"),
            "count_review": self.tr("Count review"),
            "labels": self.tr("Labels"),
            "bind": self.tr("Bind tracking"),
            "settings": self.tr("Settings"),
            "followup": self.tr("Follow-up"),
            "putaway": self.tr("Put away"),
            "handover": self.tr("Handover"),
            "sync": self.tr("Sync"),
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
            if key == "sync" and self._sync_rejected():
                text = f"{text} ({self._sync_rejected():,})"
            item.setText(text)
            item.setToolTip(screen_key(i))
            self.screen_actions[i].setText(names[key])
        self.logout_button.setText(self.tr("Log out ({key})").format(key=LOGOUT_KEY))
        self.logout_action.setText(self.tr("Log out"))
        self.user_label.setText(
            self.tr("{name} — {role}").format(
                name=self.user.name, role=role_text(self.user.role.value)
            )
        )
        self.keys_label.setText(
            # As short as it was with nine screens: the status bar must fit 1366 pixels (on a
            # station with the sync's line too), so Sync's key is in the tooltips.
            self.tr("Ctrl+1…= screens · {key} log out").format(key=LOGOUT_KEY)
        )
        if self.sync_screen is not None:
            self.keys_label.setToolTip(
                self.tr("Ctrl+1…= screens · {sync} sync · {key} log out").format(
                    sync=SYNC_KEY, key=LOGOUT_KEY
                )
            )
        else:
            self.keys_label.setToolTip(self.keys_label.text())
        self.user_label.setToolTip(self.user_label.text())
        self.sim_action.setText(self.tr("Simulated devices"))
        self._retranslate_dock()

    # --- devices and scans --------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        """Show (and use) the station's devices; None: no devices (tests, or being rebuilt)."""
        if self.hub is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.hub.scan_refused.disconnect(self._on_scan_refused)
        self.hub = hub
        self.device_bar.set_hub(hub)
        self.settings_screen.set_hub(hub)
        self.labels_screen.set_hub(hub)
        self.pack_screen.set_hub(hub)
        if hub is not None:
            hub.scan_refused.connect(self._on_scan_refused)
        if self.sim_panel is not None:
            self.sim_panel.close()
            self.sim_panel.deleteLater()
            self.sim_panel = None
        if hub is not None and hub.simulators and self.router is not None:
            # A window of its own (a tool window above this one), so that the screens keep
            # their full width on a 1366-pixel monitor; F12 shows and hides it.
            panel = SimulatedDevicesPanel(hub, self.router, self)
            panel.setWindowFlag(Qt.WindowType.Tool, True)
            panel.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.sim_panel = panel
            self._retranslate_dock()

    def _retranslate_dock(self) -> None:
        if self.sim_panel is not None:
            title = self.tr("Simulated devices ({key})").format(key=SIM_PANEL_KEY)
            self.sim_panel.setWindowTitle(title)

    def show_sim_panel(self) -> None:
        """Put the simulated-devices window at the right edge of the screen, over this one."""
        panel = self.sim_panel
        if panel is None:
            return
        panel.adjustSize()
        screen = self.screen().availableGeometry()
        width = min(max(panel.sizeHint().width(), 400), 440)
        height = min(panel.sizeHint().height(), screen.height() - 40)
        panel.resize(width, height)
        panel.move(screen.right() - width - 4, screen.bottom() - height - 40)
        panel.show()

    def _on_toggle_sim_panel(self) -> None:
        """F12: show the panel and go to its scan field; F12 again (or Esc) comes back here."""
        panel = self.sim_panel
        if panel is None:
            return
        if panel.isVisible() and panel.isActiveWindow():
            panel.hide()
            self.activateWindow()
            return
        if not panel.isVisible():
            self.show_sim_panel()
        panel.activateWindow()
        panel.scan_edit.setFocus()

    def accept_scan(self, event: Scan) -> bool:
        """A scan goes to the current screen when it takes scans (else to the focused field)."""
        screen = self.stack.currentWidget()
        handler = getattr(screen, "accept_scan", None)
        if callable(handler):
            return bool(handler(event))
        return False

    def _on_scan_refused(self, text: str) -> None:
        QApplication.beep()
        self._show_scan_message("error", text)

    def _on_scan_unhandled(self, event: object) -> None:
        value = getattr(event, "value", "")
        self._show_scan_message(
            "info",
            self.tr("Scanned {code}: nothing on this screen takes a scan.").format(code=value),
        )

    def _show_scan_message(self, kind: str, text: str) -> None:
        """In the status bar for a while, in place of the user's name (devices stay visible)."""
        colour = {"error": ERROR, "info": INK}.get(kind, INK)
        symbol = "✖ " if kind == "error" else "ℹ "
        self.statusBar().setStyleSheet(f"QStatusBar {{ color: {colour}; font-weight: bold; }}")
        self.statusBar().showMessage(symbol + text, SCAN_MESSAGE_MS)

    def scan_message(self) -> str:
        return self.statusBar().currentMessage()

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

    def show_low_stock(self) -> None:
        """The low-stock list (the banner, Ctrl+Shift+L): the stock screen's list mode."""
        self.show_screen("stock")
        self.stock_screen.show_low_stock()
        if self.low_stock_watcher is not None:
            self.low_stock_watcher.poke()

    def _on_counts_changed(self, _counts: object) -> None:
        self._retranslate()

    # --- settings and the scheduled review ----------------------------------------------------

    def _on_settings_changed(self, settings: object) -> None:
        if isinstance(settings, Settings):
            self.settings = settings
            self.pack_screen.pack.cache.always_check_damage = settings.always_check_damage
            self.pack_screen.pack.ship_at_pack = settings.ship_at_pack
            self.handover_screen.handover.overdue_after = dt.timedelta(
                hours=settings.handover_overdue_hours
            )
            if self.sync_runner is not None:
                self.sync_runner.set_interval(settings.sync_interval_s)

    # --- the station's sync -------------------------------------------------------------------

    def _sync_rejected(self) -> int:
        """Rejected events waiting for a supervisor (the navigation shows how many)."""
        report = self.sync_runner.last if self.sync_runner is not None else None
        return report.status.rejected_open if report and report.status else 0

    def _on_sync_report(self, report: object) -> None:
        """The navigation counts the rejected events; central changes came in: the lists read
        them when they are shown next."""
        row = SCREENS.index("sync")
        name = self._nav_names()["sync"]
        rejected = self._sync_rejected()
        self.nav.item(row).setText(f"{name} ({rejected:,})" if rejected else name)
        if isinstance(report, SyncReport) and report.result is not None and report.result.pulled:
            self.orders_screen.mark_stale()
            self.exceptions_screen.mark_stale()
            self.waves_screen.mark_stale()
            self.followup_screen.mark_stale()
            self.stock_screen.mark_stale()
            self.count_review_screen.mark_stale()
            if self.low_stock_watcher is not None:
                self.low_stock_watcher.poke()

    def sync_text(self) -> str:
        """The status bar's sync line ("" on a database that is not a station's)."""
        return self.sync_label.plain_text() if self.sync_label is not None else ""

    def stop_sync(self) -> None:
        """No more sync rounds; waits for a running one (its thread is gone afterwards)."""
        if self.sync_runner is not None:
            self.sync_runner.stop()

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
            or self.labels_screen.is_busy()
            or self.pack_screen.is_busy()
            or self.settings_screen.devices_panel.is_busy()
            or self.stock_screen.is_busy()
            or self.count_review_screen.is_busy()
        )

    def _on_logout(self) -> None:
        if self.is_busy():
            self.orders_screen.message.show_message(
                "info", self.tr("Wait until the review or import has finished, then log out.")
            )
            return
        if self._logging_out:
            return
        runner = self.sync_runner
        if runner is not None and runner.is_busy():
            # Not the GUI's to wait for (offline, a round may wait for the network): log out
            # when the round has ended.
            self._logging_out = True
            self.statusBar().showMessage(
                self.tr("Logging out when the sync round has ended…"), SCAN_MESSAGE_MS
            )
            runner.finish(self._logout_now)
            return
        self._logout_now()

    def _logout_now(self) -> None:
        self._logging_out = False
        log.info("%s logged out", self.user.name)
        self.stop_sync()
        self.scheduler.stop()
        if self.low_stock_watcher is not None:
            self.low_stock_watcher.stop()
        self.set_hub(None)  # the devices outlive this window; stop listening to them
        self.logged_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            self.orders_screen.message.show_message(
                "info", self.tr("Wait until the review or import has finished, then close.")
            )
            return
        self.scheduler.stop()
        self.stop_sync()
        if self.low_stock_watcher is not None:
            self.low_stock_watcher.stop()
        super().closeEvent(event)
