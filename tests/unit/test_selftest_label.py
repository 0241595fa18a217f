"""The printer's test label (printing.selftest): on every label size the desk offers, in both
printer languages, its barcode reads from the printed dots and its corner marks are on the
label."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from printing.raster import rasterize
from printing.selftest import selftest_label
from printing.tspl import encode_tspl
from printing.zpl import encode_zpl


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Any black dot inside *box* (left, top, right, bottom)."""
    return image.convert("L").crop(box).getextrema()[0] == 0


@pytest.mark.parametrize("size_mm", [(100, 150), (60, 40), (76, 130)])
@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_the_test_label_reads_and_shows_its_edges(size_mm: tuple[int, int], language: str) -> None:
    label = selftest_label("2026-11-20 09:15:42", "127.0.0.1:9100", language, size_mm, 203)
    assert (label.width_mm, label.height_mm, label.dpi) == (*size_mm, 203)
    job = encode_zpl(label) if language == "zpl" else encode_tspl(label)
    image = rasterize(job, 203)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == ["TEST-202611200915"]
    dots = 203 / 25.4
    width, height = round(size_mm[0] * dots), round(size_mm[1] * dots)
    assert abs(image.width - width) <= 8 and abs(image.height - height) <= 8
    # The corner marks (10 mm squares) are printed where the label's bottom corners are: their
    # inner edges 10-11 mm from the sides, with paper beside them; a label offset on the roll
    # or cut off shows it at once.
    row = round((size_mm[1] - 6) * dots)
    mm = [round(x * dots) for x in (9.6, 11.4, 12.0, 14.0)]
    assert ink(image, (mm[0], row, mm[1], row + 1))
    assert not ink(image, (mm[2], row, mm[3], row + 1))
    assert ink(image, (image.width - mm[1], row, image.width - mm[0], row + 1))
    assert not ink(image, (image.width - mm[3], row, image.width - mm[2], row + 1))
