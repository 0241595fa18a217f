"""The handover manifest (交接单) as a courier reads and scans it: every tracking number's
barcode decodes on the page it is printed on (ZXing, at 200 dpi), the batch barcode heads the
first page, the signature lines come once, after the last parcel, and a number that cannot be a
Code 128 barcode is refused before anything is drawn."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
import zxingcpp

from printing.handover_manifest import (
    ManifestDocument,
    ManifestParcel,
    render_handover_manifest_pdf,
)


def manifest(n: int, *, number: str | None = None) -> ManifestDocument:
    return ManifestDocument(
        batch="HO000007",
        carrier="SF",
        carrier_name="顺丰速运 SF Express",
        started_at=dt.datetime(2026, 11, 20, 9, 0),
        started_by="lilei",
        closed_at=dt.datetime(2026, 11, 20, 17, 5),
        closed_by="王芳",
        parcels=tuple(
            ManifestParcel(number or f"SF{1000000000000 + i}", f"TB{20261120000 + i}", 1)
            for i in range(1, n + 1)
        ),
    )


def pages(pdf: bytes) -> list[tuple[list[str], str]]:
    """(the barcodes ZXing reads, the text) of each page."""
    found = []
    for page in pdfium.PdfDocument(pdf):
        image = page.render(scale=200 / 72).to_pil()
        codes = [r.text for r in zxingcpp.read_barcodes(image)]
        found.append((codes, page.get_textpage().get_text_range()))
    return found


def test_a_long_pickup_reads_back_page_by_page() -> None:
    doc = manifest(30)
    read = pages(render_handover_manifest_pdf(doc))
    assert len(read) == 3
    assert "HO000007" in read[0][0]
    numbers = [code for codes, _ in read for code in codes if code != "HO000007"]
    assert sorted(numbers) == sorted(p.tracking_no for p in doc.parcels)
    for n, (_, text) in enumerate(read, start=1):
        assert f"第 {n}/3 页" in text and "包裹数 Parcels: 30" in text
    signed = [n for n, (_, text) in enumerate(read) if "快递揽收人" in text]
    assert signed == [2] and "仓库交接人" in read[2][1]
    assert "王芳" in read[0][1] and "顺丰速运" in read[0][1]


def test_signatures_that_do_not_fit_get_a_page_of_their_own() -> None:
    # 12 rows fill the first page: the signatures go on page 2, after the last parcel
    read = pages(render_handover_manifest_pdf(manifest(12)))
    assert len(read) == 2
    assert "快递揽收人" not in read[0][1] and "快递揽收人" in read[1][1]
    assert len(read[0][0]) == 13 and read[1][0] == []


def test_a_number_that_cannot_be_a_barcode_is_refused() -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        render_handover_manifest_pdf(manifest(1, number="SF１２３"))
