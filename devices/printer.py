"""A label printer = a command language (ZPL or TSPL) + a byte transport (composition).

    printer = LabelPrinter("zpl", TcpTransport("192.168.1.50"), name="waybill printer")
    printer.ensure_ready()          # PrinterNotReady("paper out") ... or nothing
    printer.print_label(label)      # the bytes sent

A status query that gets no answer in time raises ``PrinterNotReady("no answer")``; an answer
that cannot be parsed raises ``PrinterNotReady`` too. Neither ever reads as "ready".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from devices.errors import DeviceTimeout, PrinterNotReady
from devices.transports import Complete, Transport
from printing.label import Label, PrinterStatus
from printing.tspl import TSPL_STATUS_QUERY, encode_tspl, parse_tspl_status, tspl_status_complete
from printing.zpl import ZPL_STATUS_QUERY, encode_zpl, parse_zpl_host_status, zpl_status_complete

Language = Literal["zpl", "tspl"]


@dataclass(frozen=True)
class CommandLanguage:
    """What a label printer needs from a command language."""

    name: Language
    encode: Callable[[Label], bytes]
    status_query: bytes
    parse_status: Callable[[bytes], PrinterStatus]
    status_complete: Complete


LANGUAGES: dict[str, CommandLanguage] = {
    "zpl": CommandLanguage(
        "zpl", encode_zpl, ZPL_STATUS_QUERY, parse_zpl_host_status, zpl_status_complete
    ),
    "tspl": CommandLanguage(
        "tspl", encode_tspl, TSPL_STATUS_QUERY, parse_tspl_status, tspl_status_complete
    ),
}


class LabelPrinter:
    """Prints :class:`printing.label.Label` objects and reads the printer's status."""

    def __init__(
        self, language: Language, transport: Transport, name: str = "label printer"
    ) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"Unknown label printer language {language!r}; use zpl or tspl.")
        self.language: Language = language
        self.commands = LANGUAGES[language]
        self.transport = transport
        self.name = name

    @property
    def port(self) -> str:
        where = getattr(self.transport, "where", None)
        return where if isinstance(where, str) else ""

    def encode(self, label: Label) -> bytes:
        return self.commands.encode(label)

    def print_label(self, label: Label) -> bytes:
        """Encode ``label`` and send it; returns the bytes sent."""
        data = self.encode(label)
        self.send_raw(data)
        return data

    def send_raw(self, data: bytes) -> None:
        """Send already encoded bytes (a stored job) as they are."""
        self.transport.send(bytes(data))

    def status(self, timeout: float = 2.0) -> PrinterStatus:
        """Ask the printer for its status.

        No answer within ``timeout`` or an answer that is not a status raises
        ``PrinterNotReady`` ("no answer" / "unreadable status"); a dropped connection raises
        the transport's ``PrinterConnectionLost``.
        """
        try:
            answer = self.transport.query(
                self.commands.status_query, timeout, self.commands.status_complete
            )
        except DeviceTimeout as exc:
            raise PrinterNotReady("no answer", self.name, self.port) from exc
        try:
            return self.commands.parse_status(answer)
        except ValueError as exc:
            raise PrinterNotReady("unreadable status answer", self.name, self.port) from exc

    def ensure_ready(self, timeout: float = 2.0) -> PrinterStatus:
        """Return the status when the printer can print, else raise ``PrinterNotReady``."""
        status = self.status(timeout)
        if not status.ready:
            reasons = ", ".join(status.reasons) or "not ready"
            raise PrinterNotReady(reasons, self.name, self.port)
        return status

    def close(self) -> None:
        self.transport.close()
