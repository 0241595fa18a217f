"""A label printer = a command language (ZPL or TSPL) + a byte transport (composition).

    printer = LabelPrinter("zpl", TcpTransport("192.168.1.50"), name="waybill printer")
    printer.ensure_ready()          # PrinterNotReady("paper out") ... or nothing
    printer.print_label(label)      # the bytes sent

A status query that gets no answer in time raises ``PrinterNotReady("no answer")``; an answer
that cannot be parsed raises ``PrinterNotReady`` too. Neither ever reads as "ready".

Packing slips (A4/A5) and waybills (100x150 mm) are PDFs for a CUPS queue:

    slips = DocumentPrinter(CupsTransport("office", raw=False), cups_media(210, 297))
    job_id = slips.print_pdf(pdf_bytes, title="Packing slip 1001")     # "office-42"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.messages import Message
from app.messages import devices as dm
from devices.errors import DeviceError, DeviceTimeout, PrinterNotReady
from devices.transports import Complete, CupsTransport, Transport, check_cups_option
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


# -- PDF documents through CUPS ----------------------------------------------------------------

PDF_MAGIC = b"%PDF-"
_NAMED_MEDIA = {(210, 297): "A4", (148, 210): "A5"}


def cups_media(width_mm: float, height_mm: float) -> str:
    """The CUPS ``media`` value for a page size: ``"A4"``, ``"A5"`` or ``"Custom.100x150mm"``.

    Sizes are rounded to whole millimetres; A4 and A5 match in either orientation (CUPS turns
    a landscape page to fit the sheet). Any other size is a custom size, width first.
    """
    if not (width_mm > 0 and height_mm > 0):
        raise ValueError(f"A page size must be positive, not {width_mm} x {height_mm} mm.")
    width, height = round(width_mm), round(height_mm)
    named = _NAMED_MEDIA.get((width, height)) or _NAMED_MEDIA.get((height, width))
    return named or f"Custom.{width}x{height}mm"


class NotAPdf(DeviceError):
    """A document for a :class:`DocumentPrinter` is not a PDF; nothing was printed."""

    def __init__(self, printer: str, port: str | Message) -> None:
        self.printer = printer
        self.port = port
        super().__init__(dm.NOT_A_PDF(device=dm.device_word(printer), port=port))


class DocumentPrinter:
    """Prints PDFs (packing slips, waybills) on a CUPS queue on paper of size ``media``.

    Composition, not a :class:`LabelPrinter`: the transport does the talking to CUPS; every
    job goes with ``-o media=MEDIA -o fit-to-page`` and never as raw, whatever the transport's
    own ``raw`` setting.
    """

    def __init__(
        self, transport: CupsTransport, media: str, name: str = "document printer"
    ) -> None:
        check_cups_option("media", media)
        if not media:
            raise ValueError("A document printer needs a media size such as A4.")
        self.transport = transport
        self.media = media
        self.name = name

    @property
    def port(self) -> str:
        return self.transport.where

    def print_pdf(self, pdf: bytes, title: str = "") -> str | None:
        """Queue ``pdf``; returns the CUPS job id (``"QUEUE-42"``), None if lp did not say."""
        data = bytes(pdf)
        if not data.startswith(PDF_MAGIC):
            raise NotAPdf(self.name, self.transport.place)
        return self.transport.submit(
            data,
            title,
            raw=False,
            media=self.media,
            options={"fit-to-page": ""},
            device=self.name,
        )

    def close(self) -> None:
        self.transport.close()
