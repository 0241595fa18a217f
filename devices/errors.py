"""Device errors that say what happened and what to do, as a message code with its values.

``error.message`` is an :class:`app.messages.Message` (codes in ``app.messages.devices``): the
screens render it in their language, the command line in the user's.  ``error.detail`` is what
the operating system or a driver said ("[Errno 2] No such file or directory"), kept for the log
and the command line; ``str(error)`` is the English sentence followed by that detail.
"""

from __future__ import annotations

from app.messages import Message
from app.messages import devices as dm


def _seconds(seconds: float) -> str:
    return f"{seconds:g}"


class DeviceError(Exception):
    """A scanner, printer or scale could not do what was asked."""

    def __init__(self, message: Message, detail: str = "") -> None:
        if not isinstance(message, Message):
            raise TypeError(f"{type(self).__name__} needs a Message, not {message!r}")
        self.message = message
        self.detail = detail
        english = message.english()
        super().__init__(f"{english} ({detail})" if detail else english)


class SettingError(ValueError):
    """A device setting that cannot work (an address, a queue name); nothing was opened."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.english())


class DeviceNotFound(DeviceError):
    """The port of a device cannot be opened (unplugged, wrong port, no permission)."""

    def __init__(self, device: str, port: str | Message, detail: str = "") -> None:
        self.device = device
        self.port = port
        super().__init__(dm.NOT_FOUND(device=dm.device_word(device), port=port), detail)


class DeviceTimeout(DeviceError):
    """A device did not answer in time."""

    def __init__(self, device: str, port: str | Message, seconds: float) -> None:
        self.device = device
        self.port = port
        self.seconds = seconds
        super().__init__(
            dm.TIMEOUT(device=dm.device_word(device), port=port, seconds=_seconds(seconds))
        )


class PrinterNotReady(DeviceError):
    """A label printer reported that it cannot print now; ``reason`` is e.g. "paper out"
    (several: "paper out, head open")."""

    def __init__(self, reason: str, printer: str = "label printer", port: str = "") -> None:
        self.reason = reason
        self.printer = printer
        self.port = port
        device = dm.device_word(printer)
        if reason.strip().lower() == "no answer":
            message = (
                dm.NO_ANSWER(device=device, port=port)
                if port
                else dm.NO_ANSWER_NO_PORT(device=device)
            )
        else:
            said = dm.printer_reasons(reason)
            advice = dm.printer_advice(reason)
            message = (
                dm.NOT_READY(device=device, port=port, reason=said, advice=advice)
                if port
                else dm.NOT_READY_NO_PORT(device=device, reason=said, advice=advice)
            )
        super().__init__(message)

    @property
    def reasons(self) -> tuple[Message, ...]:
        """The printer's reasons, each in words."""
        return dm.printer_reasons(self.reason)
