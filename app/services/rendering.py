"""What the app needs from the document renderers (printing/): service data → bytes.

``printing/`` is pure (data → PDF, ZPL, TSPL) and knows nothing of the services; the mapping
from the services' DTOs to its documents lives in ``app.bootstrap`` (the composition root),
which hands an object of this shape to the screens and stations.  Rendering is CPU work of a
few milliseconds to a second: callers run it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.services.count_documents import CountSheet, VarianceReport
    from app.services.documents import SlipData, StockLabelData, WaybillData
    from app.services.handover import Manifest
    from app.services.waves import PickList
    from printing.label import Label


@dataclass(frozen=True)
class Picture:
    """A page as it prints, for a screen to show: ``width`` x ``height`` pixels, 3 bytes (RGB)
    a pixel, rows top to bottom."""

    width: int
    height: int
    rgb: bytes


class DocumentRenderer(Protocol):
    def render_pick_list(self, data: PickList) -> bytes: ...

    def render_waybill(
        self, data: WaybillData, fmt: str = "pdf", size: str = "100x150", dpi: int = 203
    ) -> bytes: ...

    def render_packing_slip(self, data: SlipData, size: str = "a4") -> bytes: ...

    def render_handover_manifest(self, data: Manifest) -> bytes:
        """The A4 handover manifest (交接单) of a closed (or open) handover batch."""
        ...

    def render_count_sheet(self, data: CountSheet) -> bytes:
        """The A4 count sheet (盘点单) of a count's round: locations and their barcodes, blind."""
        ...

    def render_variance_report(self, data: VarianceReport) -> bytes:
        """The A4 variance report (盘点差异报告) of a count, with its charts."""
        ...

    def render_stock_labels(
        self,
        items: Sequence[StockLabelData],
        copies: int = 1,
        fmt: str = "pdf",
        size: str = "60x40",
        dpi: int = 203,
    ) -> bytes: ...

    def test_label(
        self, when: str, where: str, language: str, size_mm: tuple[int, int], dpi: int
    ) -> Label: ...

    def preview(self, payload: bytes, fmt: str, dpi: int = 203) -> Picture:
        """Page 1 of a rendered document as it prints, from the very bytes that print: a PDF
        page at about 100 dpi, the first label of a ZPL / TSPL job dot for dot.  ValueError
        when the bytes cannot be read."""
        ...

    def join(self, payloads: Sequence[bytes], fmt: str) -> bytes:
        """Several rendered documents as one file: PDFs page after page, label jobs one after
        another."""
        ...

    def unprintable(self, text: str) -> str:
        """The characters of ``text`` (each once) that no font on this computer has: the
        documents print them as □ (``app.services.documents.cannot_print`` says where)."""
        ...
