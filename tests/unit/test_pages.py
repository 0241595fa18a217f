"""printing.pages: page 1 of a rendered document as a picture (the label desk's preview) and
several documents as one file."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from printing.label import Box, Label, Text
from printing.packing_slip import PackingSlipDocument, SlipLine, render_packing_slip_pdf
from printing.pages import first_page, join
from printing.raster import rasterize_tspl_labels
from printing.tspl import encode_tspl
from printing.zpl import encode_zpl


def label(dpi: int, text: str) -> Label:
    found = Label(width_mm=60, height_mm=40, dpi=dpi)
    found.items += [Box(1, 1, 58, 38, 0.5), Text(5, 5, text, 5)]
    return found


def slip(order_no: str) -> bytes:
    lines = (SlipLine("CUP-01", "马克杯", 2),)
    doc = PackingSlipDocument(order_no, "天猫旗舰店", "张伟", None, lines, (), "", "", "", "")
    return render_packing_slip_pdf(doc, "a5")


@pytest.mark.parametrize("dpi", [203, 300])
def test_a_label_job_previews_as_its_first_label_dot_for_dot(dpi: int) -> None:
    two = encode_tspl(label(dpi, "FIRST")) + encode_tspl(label(dpi, "SECOND"))
    picture = first_page(two, "tspl", dpi)
    first = rasterize_tspl_labels(two, dpi)[0]
    assert picture.size == first.size == (round(60 * dpi / 25.4), round(40 * dpi / 25.4))
    assert picture.tobytes() == first.tobytes()
    zpl = first_page(encode_zpl(label(dpi, "ZPL")), "zpl", dpi)
    assert zpl.size == picture.size


def test_a_pdf_previews_as_its_first_page_at_100_dpi() -> None:
    picture = first_page(slip("TB001"), "pdf")
    assert picture.size == pytest.approx((583, 827), abs=1)  # A5 (148 x 210 mm) at 100 dpi


def test_unreadable_bytes_are_a_value_error_that_says_so() -> None:
    with pytest.raises(ValueError, match="PDF cannot be read"):
        first_page(b"not a pdf", "pdf")
    with pytest.raises(ValueError, match="Unknown document format 'png'"):
        first_page(b"", "png")
    with pytest.raises(ValueError):
        first_page(b"^XA^FO10,10^GFA,99,99,1,00^XZ", "zpl")


def test_documents_join_into_one_file() -> None:
    joined = join([slip("TB001"), slip("TB002"), slip("TB003")], "pdf")
    pdf = pdfium.PdfDocument(joined)
    assert len(pdf) == 3
    assert "TB002" in pdf[1].get_textpage().get_text_range()
    one = slip("TB004")
    assert join([one], "pdf") == one
    jobs = [encode_zpl(label(203, "A")), encode_zpl(label(203, "B"))]
    assert join(jobs, "zpl") == jobs[0] + jobs[1]
