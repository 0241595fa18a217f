"""Text nobody could print: Hebrew, Arabic and emoji in names and addresses, a character no font
has, and a 10,000-character sender name — on the waybill and the packing slip (PDF, read back
with poppler's pdftotext and pdffonts) and on the label printer's waybill (ZPL, read back with
the simulated printer's rasterizer); and the warning the label desk, the CLI and the pack
station give for a character that prints as □."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import arabic_reshaper
import pytest
from PIL import Image
from sqlalchemy import update

from app.bootstrap import PrintingRenderer, open_database
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services import labels, shipping
from app.services.labels import LabelRequest
from app.services.users import UserInfo
from app.stations.base import Level
from app.stations.pack import PackKey
from printing.label import Bitmap, render_text
from printing.packing_slip import PackingSlipDocument, SlipLine, render_packing_slip_pdf
from printing.raster import rasterize_zpl
from printing.waybill import (
    PT_MM,
    Party,
    WaybillDocument,
    layout_waybill,
    render_waybill_pdf,
    waybill_label,
)
from printing.zpl import encode_zpl
from tests.factories import UowFactory, add_order, add_sku
from tests.integration.test_cli import run
from tests.integration.test_shipping_cli import shop_db  # noqa: F401  (a fixture)
from tests.integration.test_stations import (
    CUP,
    Reading,
    RecordingHub,
    code,
    pack_station,
    picked,  # noqa: F401  (a fixture)
    run_work,
    shipping_pool,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="no poppler-utils (pdftotext, pdffonts)",
)


def has_font(family: str) -> bool:
    found = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


needs_fonts = pytest.mark.skipif(
    shutil.which("fc-list") is None
    or not all(has_font(f) for f in ("Noto Sans Hebrew", "Noto Sans Arabic", "Symbola")),
    reason="no Hebrew, Arabic or emoji font: apt install fonts-noto-core fonts-symbola",
)

HEBREW_NAME = "דוד כהן"
ARABIC_ADDRESS = "شارع الملك فهد 12، الرياض"
EMOJI = "📦"
NO_FONT = "\U000f0001"  # supplementary private use: no font has it
REPLACEMENT = "\u25a1"  # □, what it prints as
EMOJI_FONTS = ("Symbola", "NotoSansSymbols2", "NotoSansSymbols-", "DejaVuSans")
LONG_SENDER = "Shenzhen Example Trading Co " * 358  # 10,024 characters
MANY_PHONES = "0755-88889999 / 13800138000 / 13900139000 / 13700137000"

DOC = WaybillDocument(
    carrier_code="SF",
    carrier_name="顺丰速运",
    service="标准快递",
    tracking_no="SF1234567890123",
    sender=Party("杭州优选旗舰店", "0571-88886666", "浙江省", "杭州市", "余杭区", "文一西路969号"),
    receiver=Party(f"{HEBREW_NAME} {EMOJI}", "0501234567", address=ARABIC_ADDRESS),
    order_no="TB202503010001234",
    printed_at=datetime(2025, 3, 1, 9, 30),
)
SLIP = PackingSlipDocument(
    order_no="TB202503010001234",
    shop="天猫旗舰店",
    buyer_name=f"{HEBREW_NAME} {EMOJI}",
    ordered_at=datetime(2025, 3, 1, 9, 0),
    lines=(SlipLine("CUP-01", ARABIC_ADDRESS, 1), SlipLine("TEA-02", "绿茶 250g", 2)),
    note=f"לא לקפל {EMOJI}",
)


def pdf_text(pdf: bytes) -> str:
    """The page's text as poppler reads it back (right-to-left runs in logical order), without
    the bidi embedding marks pdftotext wraps them in."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    text = out.stdout.decode("utf-8")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def pdf_fonts(pdf: bytes) -> str:
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def assert_right_to_left_text_prints(pdf: bytes) -> None:
    text = pdf_text(pdf)
    # Hebrew: drawn in visual order, so that poppler reads the name back as it was typed
    # (drawn in typed order, it would come back reversed: "ןהכ דוד").
    assert HEBREW_NAME in text
    # Arabic: each word in the joined forms arabic_reshaper gives (not the isolated letters).
    for word in ("شارع", "الملك", "فهد", "الرياض"):
        joined = arabic_reshaper.reshape(word)
        assert joined != word and joined in text, word
    fonts = pdf_fonts(pdf)
    assert "NotoSansHebrew" in fonts and "NotoSansArabic" in fonts
    # The emoji in a font that has it (pdftotext cannot read it back: reportlab writes no
    # text mapping for characters beyond U+FFFF).
    assert any(family in fonts for family in EMOJI_FONTS)


@needs_poppler
@needs_fonts
def test_a_waybill_prints_hebrew_arabic_and_emoji() -> None:
    assert_right_to_left_text_prints(render_waybill_pdf(DOC))


@needs_poppler
@needs_fonts
def test_a_packing_slip_prints_hebrew_arabic_and_emoji() -> None:
    pdf = render_packing_slip_pdf(SLIP)
    assert_right_to_left_text_prints(pdf)
    assert "לא לקפל" in pdf_text(pdf)  # the buyer's note


@needs_poppler
@pytest.mark.parametrize("size", ["100x150", "76x130"])
def test_a_10000_character_sender_name_keeps_its_start(size: str) -> None:
    """Beside a long phone field, the name is cut with "…" — never cut to "…" or left out."""
    doc = replace(DOC, sender=Party(LONG_SENDER, MANY_PHONES), mask_phone=False)
    text = pdf_text(render_waybill_pdf(doc, size))
    assert "Shenzhen Example" in text and "0755-88889999" in text
    assert "Shenzhen Example Trading Co Shenzhen" not in text  # cut, with its ellipsis
    layout = layout_waybill(doc, size)
    (name,) = layout.texts("sender_name")
    assert name.width >= 0.35 * layout.regions["sender"].w  # its share beside the phone
    (name,) = layout_waybill(doc, size, printer=True).texts("sender_name")  # wider fonts
    assert name.text.startswith("Shenzhen Exa") and name.text.endswith("…")


@needs_poppler
def test_a_character_no_font_has_prints_as_a_white_square() -> None:
    doc = replace(DOC, receiver=Party(f"Anna {NO_FONT} Lee", "0501234567", address="1 Main St"))
    text = pdf_text(render_waybill_pdf(doc))
    assert f"Anna {REPLACEMENT} Lee" in text
    slip = pdf_text(render_packing_slip_pdf(replace(SLIP, buyer_name=f"Anna {NO_FONT}")))
    assert f"Anna {REPLACEMENT}" in slip


# -- the label printer's waybill: text as bitmaps -----------------------------------------------


def name_strip(doc: WaybillDocument) -> Image.Image:
    """The receiver's name as the label printer prints it (ZPL, rasterised)."""
    label = waybill_label(doc)
    page = rasterize_zpl(encode_zpl(label))
    (name,) = layout_waybill(doc, printer=True).texts("receiver_name")
    dot = label.dpi / 25.4 * PT_MM
    box = (name.x * dot, name.y * dot, (name.x + name.width) * dot, (name.y + name.size) * dot)
    return page.crop(tuple(round(v) for v in box))


def ink(image: Image.Image) -> int:
    return image.histogram()[0]  # black dots (mode "1": 0 = ink)


@needs_fonts
def test_the_label_printer_prints_hebrew_letters_not_boxes() -> None:
    """Each letter its own glyph: two names of other letters print differently (a font
    without Hebrew prints every letter as the same box)."""
    david = name_strip(replace(DOC, receiver=replace(DOC.receiver, name="דוד כהן")))
    other = name_strip(replace(DOC, receiver=replace(DOC.receiver, name="שרה לוי")))
    assert ink(david) > 50 and ink(other) > 50
    assert david.size != other.size or list(david.getdata()) != list(other.getdata())
    boxes = [render_text(ch, 40) for ch in "אבגד"]
    assert len({(b.width, b.data) for b in boxes}) == 4


@needs_fonts
def test_the_label_printer_draws_hebrew_from_the_right() -> None:
    """ "אב" prints as ב on the left, א on the right: the first letter is the rightmost."""
    alef, bet, word = render_text("א", 40), render_text("ב", 40), render_text("אב", 40)

    def columns(bitmap: Bitmap) -> list[int]:
        image = bitmap.to_image()
        return [
            x for x in range(image.width) if any(image.getpixel((x, y)) == 0 for y in range(40))
        ]

    inked = columns(word)
    left = word.to_image().crop((inked[0], 0, inked[0] + len(columns(bet)), 40))
    right = word.to_image().crop((inked[-1] + 1 - len(columns(alef)), 0, inked[-1] + 1, 40))
    assert ink(left) == bet.ink_dots() and ink(right) == alef.ink_dots()
    assert alef.ink_dots() != bet.ink_dots()


# -- the warning: label desk, CLI, pack station ---------------------------------------------------


def test_the_label_desk_warns_of_a_character_no_font_has(uow: UowFactory) -> None:
    add_sku(uow, "CUP", name=f"保温杯 {NO_FONT}", weight_g=300)
    add_order(
        uow, "TB001", [("CUP", 1)], status="reviewed", carrier="SF", buyer_name=f"Anna {NO_FONT}"
    )
    shipping.bind(uow(), Actor("Boss", Role.SUPERVISOR), "TB001", "SF1234567890123")
    staff = Actor("Zhang Wei", Role.LABELS)
    for kind, fields in (("waybill", {"buyer name"}), ("slip", {"buyer name", "SKU name"})):
        wanted = LabelRequest(
            kind, "pdf", "100x150" if kind == "waybill" else "a4", orders=("TB001",)
        )
        batch = labels.render_batch(uow, staff, wanted, PrintingRenderer())
        assert batch.ok  # printed all the same, with □
        warned = [w for w in batch.warnings() if w.name == "labels.cannot_print"]
        assert {str(w.params["field"]) for w in warned} == fields
        said = str(warned[0])
        assert "TB001" in said and "print as □" in said and "U+F0001" in said


def test_the_cli_warns_of_a_character_no_font_has(
    capsys: pytest.CaptureFixture[str],
    shop_db: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    engine = open_database(shop_db)
    add_order(
        lambda: UnitOfWork(engine),
        "TB009",
        [("CUP", 1)],
        status="reviewed",
        carrier="SF",
        buyer_name=f"Anna {NO_FONT}",
    )
    engine.dispose()
    run(capsys, "--db", shop_db, "bind", "TB009", "SF1234567890123")
    out = tmp_path / "waybill.pdf"
    code_, said, err = run(capsys, "--db", shop_db, "print", "waybill", "TB009", "--out", str(out))
    assert code_ == 0 and out.exists() and "TB009" in said
    assert "warning: waybill SF1234567890123 TB009/1: characters in the buyer name" in err
    assert "print as □: \U000f0001 U+F0001" in err
    run(capsys, "--db", shop_db, "bind", "TB001", "SF1234567890124")
    code_, _said, err = run(capsys, "--db", shop_db, "print", "waybill", "TB001", "--out", str(out))
    assert code_ == 0 and "print as □" not in err  # nothing to say of a Chinese order


@pytest.mark.usefixtures("picked")
def test_the_pack_station_warns_when_the_waybill_prints_a_white_square(uow: UowFactory) -> None:
    with uow() as u:
        u.session.execute(
            update(Order).where(Order.order_no == "TB001").values(buyer_name=f"Anna {NO_FONT}")
        )
        u.commit()
    hub = RecordingHub()
    pack = pack_station(uow, UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01"), hub)
    pack.typed("TB001")
    pack.scan(code(CUP))
    pack.scan(code(CUP))
    pack.typed("BAG-1")
    pack.weight_reading(Reading(615.0))
    assert pack.key(PackKey.WEIGH).level is Level.OK
    shipping_pool(uow)
    printed = run_work(pack, pack.key(PackKey.CLOSE))
    assert len(hub.labels) == 1  # the waybill went to the label printer all the same
    said = str(printed.message)
    assert "Waybill" in said and "characters in the buyer name" in said and "print as □" in said
