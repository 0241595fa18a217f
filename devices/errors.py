"""Device errors whose text is a sentence a packer can act on.

``str(error)`` (also ``error.message``) says what happened and what to do. The UI shows it as is
(it translates it through its own message table; ``devices`` never imports Qt).
"""

from __future__ import annotations


def _seconds(seconds: float) -> str:
    return f"{seconds:g} s"


class DeviceError(Exception):
    """A scanner, printer or scale could not do what was asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeviceNotFound(DeviceError):
    """The port of a device cannot be opened (unplugged, wrong port, no permission)."""

    def __init__(self, device: str, port: str, detail: str = "") -> None:
        self.device = device
        self.port = port
        self.detail = detail
        message = (
            f"The {device} on {port} could not be opened. Check that it is plugged in and "
            f"switched on, and that Settings names the right port."
        )
        if detail:
            message += f" ({detail})"
        super().__init__(message)


class DeviceTimeout(DeviceError):
    """A device did not answer in time."""

    def __init__(self, device: str, port: str, seconds: float) -> None:
        self.device = device
        self.port = port
        self.seconds = seconds
        super().__init__(
            f"The {device} on {port} did not answer within {_seconds(seconds)}. "
            f"Check its cable and that it is switched on."
        )


_PRINTER_ADVICE = {
    "paper out": "Load a new roll of labels",
    "ribbon out": "Fit a new ribbon",
    "head open": "Close the print head",
    "paused": "Press its pause button to resume",
    "no answer": "Check its cable and that it is switched on",
    "busy": "Wait until it has finished and print again",
}


class PrinterNotReady(DeviceError):
    """A label printer reported that it cannot print now; ``reason`` is e.g. "paper out"."""

    def __init__(self, reason: str, printer: str = "label printer", port: str = "") -> None:
        self.reason = reason
        self.printer = printer
        self.port = port
        where = f"The {printer} on {port}" if port else f"The {printer}"
        advice = _PRINTER_ADVICE.get(reason.strip().lower(), "Check the printer's display")
        if reason.strip().lower() == "no answer":
            what = "does not answer"
        else:
            what = f"cannot print: {reason}"
        super().__init__(f"{where} {what}. {advice}, then print again.")
