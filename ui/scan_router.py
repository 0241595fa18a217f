"""Every scan, from any scanner, goes one way: classified once, then handed to the screen.

Sources: the keyboard-wedge filter (``ui.wedge``), the serial scanner (``ui.devices``), the
demo's simulated-devices panel. ``ScanRouter.route(raw, source)`` classifies the code
(``app.domain.scans.classify``) and delivers the :class:`Scan`:

1. to the target's ``accept_scan(event) -> bool`` (the log-in window, the main window, which
   asks its current screen);
2. else into the focused text field, as if typed, followed by Enter — so every field that
   takes a typed code takes a scanned one;
3. else it says that nothing on this screen takes a scan.

A code that is garbage (control characters, 4,000 characters) is refused with a sentence and
reaches no screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.domain.scans import DEFAULT, ClassifierConfig, Scan, ScanRefused, classify
from ui.i18n import message_text

log = logging.getLogger(__name__)


@runtime_checkable
class ScanTarget(Protocol):
    def accept_scan(self, event: Scan) -> bool: ...


def deliver_to_field(widget: QWidget | None, event: Scan) -> bool:
    """Put the code into ``widget`` when it is an editable text field, then "press" Enter."""
    if not isinstance(widget, QLineEdit) or widget.isReadOnly() or not widget.isEnabled():
        return False
    if widget.echoMode() != QLineEdit.EchoMode.Normal:
        return False  # never type a scanned code into a PIN field
    if widget.property("scanTarget") is False:
        return False  # e.g. the simulated scanner's own input field
    widget.setText(event.value)
    widget.returnPressed.emit()
    return True


class ScanRouter(QObject):
    """Classifies raw scans and hands them to the screen in front of the person."""

    routed = Signal(object)  # Scan, after delivery (or none)
    refused = Signal(str)  # a sentence: why the scan was not a code
    unhandled = Signal(object)  # Scan nothing on the screen took

    def __init__(
        self,
        target: Callable[[], QWidget | None],
        config: ClassifierConfig = DEFAULT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self.config = config
        self.last: Scan | None = None

    def route(self, raw: str, source: str = "wedge") -> Scan | None:
        try:
            event = classify(raw, self.config, source=source)
        except ScanRefused as exc:
            log.info("scan from %s refused: %s", source, exc)
            self.refused.emit(message_text(exc.message))
            return None
        self.last = event
        log.debug("scan %s %r from %s", event.kind, event.value, source)
        target = self._target()
        delivered = False
        if isinstance(target, ScanTarget):
            delivered = target.accept_scan(event)
        if not delivered:
            focus = QApplication.focusWidget()
            if focus is not None and (target is None or target.isAncestorOf(focus)):
                delivered = deliver_to_field(focus, event)
        if not delivered:
            self.unhandled.emit(event)
        self.routed.emit(event)
        return event
