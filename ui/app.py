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
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine

from app.bootstrap import open_database, setup_logging
from app.config import Settings
from app.services.users import UserInfo
from ui import i18n
from ui.login import LoginWindow
from ui.main_window import MainWindow
from ui.theme import apply_theme

log = logging.getLogger("packdesk.ui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

__all__ = ["AppController", "LoginWindow", "MainWindow", "build_main_window", "run_gui"]


def build_main_window(engine: Engine, user: UserInfo, settings: Settings) -> MainWindow:
    """The main window for *user*, not shown yet."""
    return MainWindow(engine, user, settings)


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
    """Log-in window → main window → (log out) → log-in window again."""

    def __init__(self, engine: Engine, settings: Settings, demo: bool = False) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.demo = demo
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None

    def start(self) -> None:
        self.show_login()

    def show_login(self) -> None:
        window = LoginWindow(self.engine, self.demo)
        window.logged_in.connect(self._on_logged_in)
        self.login_window = window
        window.show()
        window.activateWindow()
        window.badge_edit.setFocus()

    def _on_logged_in(self, user: object) -> None:
        assert isinstance(user, UserInfo)
        window = build_main_window(self.engine, user, self.settings)
        window.logged_out.connect(self._on_logged_out)
        self.main_window = window
        window.showMaximized()
        window.activateWindow()
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


def run_gui(db_url: str, *, demo: bool = False) -> int:
    """Run the desktop app on the database at *db_url* until the last window closes."""
    log_file = setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Packdesk")
    app.setApplicationDisplayName("Packdesk")
    apply_theme(app)
    settings = Settings.load()
    language = i18n.install_translator(settings.language)
    log.info("Packdesk UI starting (language %s, database %s)", language, _safe(db_url))
    i18n.check_cjk_font()
    install_excepthook(log_file)
    try:
        engine = open_database(db_url)
    except Exception as exc:
        log.exception("cannot open the database %s", _safe(db_url))
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
    controller = AppController(engine, settings, demo)
    controller.start()
    try:
        return int(app.exec())
    finally:
        engine.dispose()


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unreadable database address>"
