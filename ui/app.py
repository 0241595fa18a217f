"""Starting the desktop app: QApplication, language, error handling, log-in, main window.

The CLI calls :func:`run_gui`.  Tests build the windows without an event loop through
:class:`LoginWindow` and :func:`build_main_window`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.config import Settings, paths
from app.context import AppContext
from app.devices import StationDevices
from app.domain.errors import DomainError
from app.domain.scans import classifier_with
from app.domain.scans import warm_up as warm_up_scanning
from app.services.users import UserInfo
from devices.scanning import ScanBurstDetector
from ui import i18n
from ui.devices import DeviceHub
from ui.login import LoginWindow
from ui.main_window import MainWindow
from ui.scan_router import ScanRouter
from ui.theme import apply_theme
from ui.wedge import WedgeFilter

log = logging.getLogger("packdesk.ui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

__all__ = ["AppController", "LoginWindow", "MainWindow", "build_main_window", "run_gui"]


def build_main_window(
    ctx: AppContext,
    user: UserInfo,
    settings: Settings,
    *,
    hub: DeviceHub | None = None,
    router: ScanRouter | None = None,
) -> MainWindow:
    """The main window for *user*, not shown yet."""
    return MainWindow(ctx, user, settings, hub=hub, router=router)


def error_message(exc: BaseException, log_file: Path) -> str:
    message = str(exc) or type(exc).__name__
    return QCoreApplication.translate(
        "Error", "Something went wrong: {message}. The details are in the log file {path}."
    ).format(message=message, path=log_file)


def make_excepthook(log_file: Path) -> ExceptHook:
    """An excepthook that logs the traceback and tells the person in words, instead of a
    silent exit."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            return
        try:
            QMessageBox.critical(
                None,
                QCoreApplication.translate("Error", "Packdesk"),
                error_message(exc, log_file),
            )
        except Exception:  # never let the error report itself crash the app
            log.exception("could not show the error message")

    return hook


def install_excepthook(log_file: Path) -> ExceptHook:
    hook = make_excepthook(log_file)
    sys.excepthook = hook
    return hook


class AppController(QObject):
    """Log-in window → main window → (log out) → log-in window again.

    It owns what outlives a log-in: the station's devices (``hub``), the scan router and, with
    ``wedge=True``, the application-wide keyboard-wedge filter.
    """

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings,
        demo: bool = False,
        *,
        devices: StationDevices | None = None,
        wedge: bool = False,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.demo = demo
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None
        self.router = ScanRouter(self._scan_target, parent=self)
        self._configure_scans(settings)
        self.hub: DeviceHub | None = None
        self.wedge: WedgeFilter | None = None
        if wedge:
            self.wedge = make_wedge(settings, self)
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self.wedge)
            self.wedge.scanned.connect(self._on_wedge_scan)
        if devices is not None:
            self._attach_devices(devices)

    def _configure_scans(self, settings: Settings) -> None:
        packaging = frozenset(str(p.get("code") or "").strip().upper() for p in settings.packaging)
        config, problems = classifier_with(
            settings.devices.scanner.patterns, packaging - frozenset({""})
        )
        for problem in problems:
            log.warning("%s (settings file %s)", problem, "devices.scanner.patterns")
        self.router.config = config

    def _scan_target(self) -> QWidget | None:
        if self.main_window is not None:
            return self.main_window
        return self.login_window

    def _on_wedge_scan(self, raw: str) -> None:
        self.router.route(raw, "wedge")

    def _on_device_scan(self, raw: str, source: str) -> None:
        self.router.route(raw, source)

    def _attach_devices(self, devices: StationDevices) -> None:
        hub = DeviceHub(self.ctx, devices, self)
        hub.scanned.connect(self._on_device_scan)
        self.hub = hub
        hub.start()

    def reload_devices(self, settings: Settings) -> None:
        """Settings changed: close the devices and open them again as now configured."""
        self.settings = settings
        self._configure_scans(settings)
        if self.wedge is not None:
            configure_wedge(self.wedge, settings)
        old = self.hub
        if old is not None:
            old.close()
            old.deleteLater()
        self.hub = None
        self._attach_devices(self.ctx.build_devices(settings.devices))
        if self.main_window is not None:
            self.main_window.set_hub(self.hub)

    def shutdown(self) -> None:
        if self.main_window is not None:
            self.main_window.stop_sync()
        if self.hub is not None:
            self.hub.close()
        if self.wedge is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.wedge)

    def start(self) -> None:
        self.show_login()

    def show_login(self) -> None:
        window = LoginWindow(self.ctx, self.demo)
        window.logged_in.connect(self._on_logged_in)
        self.login_window = window
        window.show()
        window.activateWindow()
        window.badge_edit.setFocus()

    def _on_logged_in(self, user: object) -> None:
        assert isinstance(user, UserInfo)
        window = build_main_window(self.ctx, user, self.settings, hub=self.hub, router=self.router)
        window.logged_out.connect(self._on_logged_out)
        window.devices_reconfigured.connect(self.reload_devices)
        self.main_window = window
        window.showMaximized()
        window.activateWindow()
        if self.demo:
            window.show_sim_panel()
        if self.login_window is not None:
            self.login_window.close()
            self.login_window.deleteLater()
            self.login_window = None

    def _on_logged_out(self) -> None:
        window = self.main_window
        if window is not None:
            self.settings = window.settings
        self.show_login()
        if window is not None:
            window.close()
            window.deleteLater()
        self.main_window = None


def run_gui(
    open_app: Callable[[], tuple[AppContext, Callable[[], None]]],
    database: str,
    *,
    demo: bool = False,
) -> int:
    """Run the desktop app until the last window closes.  ``open_app()`` (from app.bootstrap)
    opens the database and returns the app's context and how to close it; *database* is its
    address as a person may see it (for the sentence when it cannot be opened)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Packdesk")
    app.setApplicationDisplayName("Packdesk")
    apply_theme(app)
    settings = Settings.load()
    language = i18n.install_translator(settings.language)
    log.info("Packdesk UI starting (language %s, database %s)", language, database)
    i18n.check_cjk_font()
    log_file = paths().log_file
    install_excepthook(log_file)
    try:
        ctx, close = open_app()
    except DomainError as exc:  # the database cannot be used: the sentence the CLI prints too
        log.info("cannot open the database %s: %s", database, exc.message)
        QMessageBox.critical(
            None, QCoreApplication.translate("Error", "Packdesk"), i18n.message_text(exc.message)
        )
        return 1
    except Exception as exc:
        log.exception("cannot open the database %s", database)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Error", "Packdesk"),
            QCoreApplication.translate(
                "Error",
                "The database could not be opened: {message}. Check the address and that the "
                "database server is running; the details are in the log file {path}.",
            ).format(message=str(exc), path=log_file),
        )
        return 2
    warm_up_scanning()  # the GS1 parser's import, before the first scan rather than during it
    devices = ctx.build_devices(settings.devices)
    controller = AppController(ctx, settings, demo, devices=devices, wedge=True)
    app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    try:
        return int(app.exec())
    finally:
        controller.shutdown()
        close()


def make_wedge(settings: Settings, parent: QObject | None = None) -> WedgeFilter:
    wedge = WedgeFilter(parent)
    configure_wedge(wedge, settings)
    return wedge


def configure_wedge(wedge: WedgeFilter, settings: Settings) -> None:
    """The wedge's timing and prefix/suffix from the station's scanner settings."""
    s = settings.devices.scanner
    wedge.configure(
        ScanBurstDetector(
            max_gap_ms=max(s.max_gap_ms, 5),
            min_length=max(s.min_length, 1),
            prefix=s.prefix,
            suffix=s.suffix,
            dedupe_window_ms=s.dedupe_ms,
        )
    )
