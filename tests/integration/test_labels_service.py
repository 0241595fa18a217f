"""The label desk's use case without a screen (app.services.labels): waybills and packing slips
of chosen orders, SKU / location / lot labels, the preview from the bytes that print, the
document printer, saving as one file, and every refusal as a message code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from app.bootstrap import PrintingRenderer
from app.db.models import Parcel, Sku, TrackingPoolNumber
from app.domain.errors import InvalidInput
from app.domain.users import Actor, Role
from app.services import labels, shipping
from app.services.documents import StockLabelData, find_for_labels
from app.services.labels import LabelBatch, LabelRequest
from app.services.rendering import Picture
from printing.raster import rasterize_zpl_labels
from tests.factories import UowFactory, add_order, add_sku, receive

POOL = [f"SF{1234567890000 + i}" for i in range(3)]
BOUND = "SF9876543210001"


class Progress:
    """Records every progress(done, total) call."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        assert 0 <= done <= total
        self.calls.append((done, total))


class RecordingPaper:
    """Stands in for the CUPS document printer (app.devices.DocumentPrinterPort)."""

    name = "document printer"

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str]] = []

    def print_pdf(self, pdf: bytes, title: str = "") -> str | None:
        self.jobs.append((pdf, title))
        return f"paper-{len(self.jobs)}"


@pytest.fixture
def staff() -> Actor:
    return Actor("Zhang Wei", Role.LABELS)


@pytest.fixture
def warehouse(uow: UowFactory, supervisor: Actor, tmp_path: Path) -> None:
    add_sku(uow, "CUP-01", "马克杯 白色", barcodes=["6901234567892"], weight_g=350, fragile=True)
    add_sku(uow, "TEA-02", "绿茶 250g", barcodes=["6920000000012"])
    receive(uow, "CUP-01", 10, lot="L2611", location="A-01-02-03", expiry=dt.date(2028, 5, 1))
    receive(uow, "TEA-02", 5, lot="L2611", location="A-01-02-04", expiry=dt.date(2027, 1, 31))
    for order_no in ("TB001", "TB002", "TB003"):
        add_order(uow, order_no, [("CUP-01", 1), ("TEA-02", 2)], status="reviewed", carrier="SF")
    shipping.bind(uow(), supervisor, "TB003", BOUND)
    pool = tmp_path / "sf-pool.txt"
    pool.write_text("\n".join(POOL) + "\n", encoding="utf-8")
    shipping.import_pool(uow(), supervisor, "SF", pool)


def request(kind: str, fmt: str, size: str, **kw: object) -> LabelRequest:
    return LabelRequest(kind, fmt, size, **kw)  # type: ignore[arg-type]


def read_barcodes(image: Image.Image) -> set[str]:
    return {r.text for r in zxingcpp.read_barcodes(image)}


def test_zpl_waybills_take_numbers_from_the_pool_and_warn_when_it_runs_low(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    progress = Progress()
    wanted = request("waybill", "zpl", "100x150", orders=("TB003", "TB001", "TB002"))
    batch = labels.render_batch(uow, staff, wanted, PrintingRenderer(), progress)
    assert batch.ok and not batch.refused
    assert [d.ref for d in batch.documents] == ["TB003", "TB001", "TB002"]
    # TB003 keeps its bound number; the others take the pool's, in order.
    assert [d.tracking_no for d in batch.documents] == [BOUND, *POOL[:2]]
    assert [d.description for d in batch.documents] == [
        f"waybill {BOUND} TB003/1",
        f"waybill {POOL[0]} TB001/1",
        f"waybill {POOL[1]} TB002/1",
    ]
    assert batch.documents[1].what.name == "labels.waybill"
    assert batch.documents[1].what.params == {"tracking": POOL[0], "order": "TB001", "parcel": 1}
    for doc in batch.documents:  # one ZPL label each, its number readable from the dots
        pages = rasterize_zpl_labels(doc.payload, 203)
        assert len(pages) == 1 and doc.tracking_no in read_barcodes(pages[0])
    assert progress.calls[0] == (0, 3) and progress.calls[-1] == (3, 3)
    with uow().reading() as s:
        free = s.scalar(
            select(TrackingPoolNumber.tracking_no).where(TrackingPoolNumber.parcel_id.is_(None))
        )
    assert free == POOL[2]
    # One number is left: the batch says so, as a message with its values.
    [warning] = batch.warnings()
    assert warning.name == "labels.pool_low" and warning.params == {"n": 1, "carrier": "SF"}


def test_an_order_that_cannot_have_a_waybill_is_refused_and_the_others_go_on(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    add_order(uow, "TB009", [("CUP-01", 1)], status="reviewed", carrier="YTO")  # no YTO pool
    wanted = request("waybill", "pdf", "100x150", orders=("TB009", "TB001"))
    batch = labels.render_batch(uow, staff, wanted, PrintingRenderer())
    assert [d.ref for d in batch.documents] == ["TB001"]
    [refusal] = batch.refused
    assert refusal.ref == "TB009" and "YTO number pool is empty" in refusal.message.english()
    assert not batch.ok
    with uow().reading() as s:
        assert s.scalar(select(Parcel.tracking_no).where(Parcel.tracking_no.like("YT%"))) is None


def test_a_document_the_renderer_refuses_is_said_with_the_renderers_reason(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    wanted = request("waybill", "zpl", "10x10", orders=("TB003",))
    batch = labels.render_batch(uow, staff, wanted, PrintingRenderer())
    [refusal] = batch.refused
    assert refusal.ref == "TB003" and refusal.message.name == "labels.render_refused"
    assert "Unknown waybill size '10x10'" in str(refusal.message.params["reason"])


def test_the_preview_renders_only_the_first_document_from_the_bytes_that_print(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    progress = Progress()
    slips = request("slip", "pdf", "a4", orders=("TB001", "TB002"))
    batch = labels.preview(uow, staff, slips, PrintingRenderer(), progress)
    assert [d.ref for d in batch.documents] == ["TB001"]
    assert batch.documents[0].description == "packing slip TB001"
    picture = batch.picture
    assert picture is not None  # A4 (210 x 297 mm) at 100 dpi
    assert (picture.width, picture.height) == pytest.approx((827, 1169), abs=1)
    assert len(picture.rgb) == picture.width * picture.height * 3
    assert progress.calls[-1] == (1, 1)

    # A lot label for the label printer: the picture is the label's dots, one pixel a dot.
    [lot] = find_for_labels(uow(), "lot", "L2611", exact=True)[:1]
    wanted = request("lot", "zpl", "60x40", copies=5, items=(lot,))
    batch = labels.preview(uow, staff, wanted, PrintingRenderer())
    [doc] = batch.documents
    assert b"^PQ1" in doc.payload or b"^PQ" not in doc.payload  # a preview is one copy
    assert doc.description == f"lot label L2611 {lot.sku} ×1"
    printed = rasterize_zpl_labels(doc.payload, 203)[0].convert("RGB")
    assert batch.picture is not None
    assert (batch.picture.width, batch.picture.height) == printed.size == (480, 320)
    assert batch.picture.rgb == printed.tobytes()


def test_stock_labels_as_one_pdf_or_one_label_job_each_read_as_they_are_now(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    found = find_for_labels(uow(), "sku", "")
    chosen = tuple(i for i in found if i.code in ("CUP-01", "TEA-02"))
    assert [i.title for i in chosen] == ["马克杯 白色", "绿茶 250g"]
    with uow() as u:  # renamed after it was listed: the label says the name as it is now
        sku = u.session.scalars(select(Sku).where(Sku.code == "TEA-02")).one()
        sku.name = "绿茶 500g"
        u.commit()
    paper = request("sku", "pdf", "60x40", copies=2, items=chosen)
    batch = labels.render_batch(uow, staff, paper, PrintingRenderer())
    [doc] = batch.documents
    assert len(pdfium.PdfDocument(doc.payload)) == 2 * 2
    assert doc.description == "2 SKU label(s) ×2"
    assert doc.what.name == "labels.sku_labels"
    assert "绿茶 500g" in pdfium.PdfDocument(doc.payload)[2].get_textpage().get_text_range()

    jobs = request("sku", "zpl", "60x40", copies=3, items=chosen)
    batch = labels.render_batch(uow, staff, jobs, PrintingRenderer())
    assert [d.description for d in batch.documents] == [
        "SKU label CUP-01 ×3",
        "SKU label TEA-02 ×3",
    ]
    assert all(d.payload.count(b"^XA") == 1 and b"^PQ3" in d.payload for d in batch.documents)
    assert read_barcodes(rasterize_zpl_labels(batch.documents[0].payload, 203)[0]) == {
        "6901234567892"
    }


def test_a_label_for_a_code_that_is_gone_refuses_the_batch(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    gone = StockLabelData("location", "Z-99-99-99", "Z")
    kept = StockLabelData("location", "A-01-02-03", "A")
    batch = labels.render_batch(
        uow, staff, request("location", "zpl", "60x40", items=(kept, gone)), PrintingRenderer()
    )
    assert not batch.documents
    [refusal] = batch.refused
    assert refusal.ref == "A-01-02-03, Z-99-99-99"
    assert "Z-99-99-99" in refusal.message.english()


def test_saving_writes_one_file_and_nothing_when_a_document_is_refused(
    uow: UowFactory, warehouse: None, staff: Actor, tmp_path: Path
) -> None:
    def save(kind: str, fmt: str, size: str, orders: tuple[str, ...], path: Path) -> LabelBatch:
        wanted = request(kind, fmt, size, orders=orders)
        return labels.save(uow, staff, wanted, PrintingRenderer(), path)

    out = tmp_path / "out"
    out.mkdir()
    slips = out / "slips.pdf"
    batch = save("slip", "pdf", "a5", ("TB001", "TB002"), slips)
    assert batch.saved_to == slips
    assert len(pdfium.PdfDocument(slips.read_bytes())) == 2
    assert [p.name for p in out.iterdir()] == ["slips.pdf"]  # no .part left behind

    zpl = out / "waybills.zpl"
    batch = save("waybill", "zpl", "100x150", ("TB003", "TB001"), zpl)
    assert zpl.read_bytes() == b"".join(d.payload for d in batch.documents)
    assert zpl.read_bytes().count(b"^XA") == 2

    add_order(uow, "TB009", [("CUP-01", 1)], status="reviewed", carrier="YTO")
    refused = out / "refused.zpl"
    batch = save("waybill", "zpl", "100x150", ("TB001", "TB009"), refused)
    assert [r.ref for r in batch.refused] == ["TB009"] and batch.saved_to is None
    assert not refused.exists()

    nowhere = tmp_path / "no such folder" / "slip.pdf"
    with pytest.raises(InvalidInput) as exc:
        save("slip", "pdf", "a4", ("TB001",), nowhere)
    assert exc.value.message.name == "labels.cannot_save"
    assert exc.value.message.params["path"] == str(nowhere)
    assert not nowhere.parent.exists()


def test_the_document_printer_gets_one_pdf_per_order_titled_as_the_history_says(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    paper = RecordingPaper()
    slips = request("slip", "pdf", "a4", orders=("TB001", "TB002"))
    batch = labels.print_on_paper(uow, staff, slips, PrintingRenderer(), paper)
    assert batch.printed == ("paper-1", "paper-2")
    assert [title for _, title in paper.jobs] == ["packing slip TB001", "packing slip TB002"]
    assert all(pdf.startswith(b"%PDF") for pdf, _ in paper.jobs)

    add_order(uow, "TB009", [("CUP-01", 1)], status="reviewed", carrier="YTO")
    waybills = request("waybill", "pdf", "100x150", orders=("TB001", "TB009"))
    batch = labels.print_on_paper(uow, staff, waybills, PrintingRenderer(), paper)
    assert batch.refused and not batch.printed and len(paper.jobs) == 2  # nothing printed

    with pytest.raises(InvalidInput) as exc:
        labels.print_on_paper(
            uow,
            staff,
            request("waybill", "zpl", "100x150", orders=("TB001",)),
            PrintingRenderer(),
            paper,
        )
    assert exc.value.message.name == "labels.paper_is_pdf"
    assert exc.value.message.params == {"format": "ZPL"}


@pytest.mark.parametrize(
    ("wanted", "name", "params"),
    [
        (
            LabelRequest("box", "pdf", "a4", orders=("TB001",)),
            "labels.unknown_kind",
            {"kind": "box"},
        ),
        (
            LabelRequest("waybill", "png", "100x150", orders=("TB001",)),
            "labels.unknown_format",
            {"format": "png"},
        ),
        (
            LabelRequest("slip", "zpl", "a4", orders=("TB001",)),
            "labels.slip_as_pdf",
            {"format": "ZPL"},
        ),
        (LabelRequest("waybill", "pdf", "100x150"), "labels.nothing_chosen", {}),
        (LabelRequest("sku", "zpl", "60x40"), "labels.nothing_chosen", {}),
    ],
)
def test_a_request_the_desk_cannot_print_is_refused_before_anything_is_read(
    uow: UowFactory,
    warehouse: None,
    staff: Actor,
    wanted: LabelRequest,
    name: str,
    params: dict[str, object],
) -> None:
    with pytest.raises(InvalidInput) as exc:
        labels.render_batch(uow, staff, wanted, PrintingRenderer())
    assert exc.value.message.name == name and exc.value.message.params == params
    with uow().reading() as s:  # no number was taken from the pool
        used = s.scalar(
            select(TrackingPoolNumber.tracking_no).where(TrackingPoolNumber.parcel_id.isnot(None))
        )
    assert used is None


def test_a_preview_the_renderer_cannot_draw_is_a_refusal_not_a_crash(
    uow: UowFactory, warehouse: None, staff: Actor
) -> None:
    class Unreadable(PrintingRenderer):
        def preview(self, payload: bytes, fmt: str, dpi: int = 203) -> Picture:
            raise ValueError("The PDF has no pages.")

    batch = labels.preview(
        uow, staff, request("slip", "pdf", "a4", orders=("TB001",)), Unreadable()
    )
    assert batch.picture is None and not batch.ok
    [refusal] = batch.refused
    assert refusal.ref == "TB001" and refusal.message.name == "labels.render_refused"
    assert refusal.message.english() == "cannot render this document: The PDF has no pages."
