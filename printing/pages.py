"""Rendered documents as pages: page 1 as a picture (the label desk's preview, made from the very
bytes that print) and several documents as one file ("save as file").

Pure: bytes in, a Pillow image or bytes out.  PDFs are read with pypdfium2 (imported when a PDF
is), label jobs with :mod:`printing.raster`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image

from printing.raster import rasterize_tspl_labels, rasterize_zpl_labels

#: A PDF page is shown at about this many dots per inch (an A4 page: 827 x 1169 pixels).
PREVIEW_PDF_DPI = 100

FORMATS = ("pdf", "zpl", "tspl")


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown document format {fmt!r}; use pdf, zpl or tspl.")


def first_page(payload: bytes, fmt: str, dpi: int = 203) -> Image.Image:
    """Page 1 of *payload* as it prints: a PDF page at :data:`PREVIEW_PDF_DPI`, or the first
    label of a ZPL / TSPL job at the printer's *dpi*, one pixel a dot.  ValueError when the
    bytes cannot be read."""
    _check(fmt)
    if fmt == "pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(payload)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"The PDF cannot be read: {exc}.") from exc
        if len(pdf) == 0:
            raise ValueError("The PDF has no pages.")
        picture: Image.Image = pdf[0].render(scale=PREVIEW_PDF_DPI / 72).to_pil()
        return picture
    pages = (
        rasterize_zpl_labels(payload, dpi) if fmt == "zpl" else rasterize_tspl_labels(payload, dpi)
    )
    if not pages:
        raise ValueError(f"The {fmt.upper()} job prints no label.")
    return pages[0]


def join(payloads: Sequence[bytes], fmt: str) -> bytes:
    """One file of several documents: PDFs page after page, label jobs one after another (a
    printer prints such a file as it prints the jobs one by one)."""
    _check(fmt)
    if fmt != "pdf":
        return b"".join(payloads)
    if len(payloads) == 1:
        return payloads[0]
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for payload in payloads:
        out.import_pages(pdfium.PdfDocument(payload))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
