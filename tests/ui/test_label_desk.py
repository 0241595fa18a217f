"""The label desk: choose orders by scanning, preview, print PDFs and labels, the number pool's
warnings and refusals, SKU labels with copies, and who may print again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.bootstrap import app_context, build_station_devices
from app.config import DeviceSettings
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.domain.scans import classify
from app.services import printing_jobs
from app.services.review import review_new_orders
from app.services.users import UserInfo
from app.services.waves import create_wave
from printing.raster import rasterize
from tests.ui.conftest import sf_pool
from ui import i18n
from ui.devices import DeviceHub
from ui.label_desk import LabelDeskScreen
from ui.label_desk_model import COL_RESULT, COL_TRACKING, ICOL_CODE

WAIT = 20_000


class RecordingDocumentPrinter:
    """Stands in for the CUPS document printer: keeps every PDF it is given."""

    name = "document printer"
    port = "CUPS fake"

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str]] = []

    def print_pdf(self, pdf: bytes, title: str = "") -> str:
        assert pdf.startswith(b"%PDF")
        self.jobs.append((pdf, title))
        return f"fake-{len(self.jobs)}"

    def close(self) -> None:
        pass


@pytest.fixture
def hub(qtbot: QtBot, demo_engine: Engine) -> Iterator[DeviceHub]:
    hub = DeviceHub(app_context(demo_engine), build_station_devices(DeviceSettings(), demo=True))
    hub.start()
    yield hub
    hub.close()


@pytest.fixture
def paper(hub: DeviceHub) -> RecordingDocumentPrinter:
    printer = RecordingDocumentPrinter()
    hub.devices.document_printer = printer  # type: ignore[assignment]
    return printer


def desk(
    qtbot: QtBot, engine: Engine, user: UserInfo, hub: DeviceHub | None = None
) -> LabelDeskScreen:
    screen = LabelDeskScreen(app_context(engine), user)
    qtbot.addWidget(screen)
    screen.set_hub(hub)
    screen.resize(1116, 700)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.focus_target().setFocus()
    return screen


def reviewed_orders(engine: Engine, user: UserInfo, carrier: str, n: int) -> list[str]:
    review_new_orders(UnitOfWork(engine), user.actor)
    with UnitOfWork(engine).reading() as s:
        rows = s.scalars(
            select(Order.order_no)
            .where(Order.status == "reviewed", Order.carrier == carrier)
            .order_by(Order.id)
            .limit(n)
        ).all()
    assert len(rows) == n
    return list(rows)


def run(qtbot: QtBot, screen: LabelDeskScreen, action: object) -> None:
    with qtbot.waitSignal(screen.work_done, timeout=WAIT):
        assert callable(action) and action()


def test_scanning_orders_and_a_wave_chooses_them(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    wave = create_wave(UnitOfWork(demo_engine), supervisor_user.actor, max_orders=3)
    screen = desk(qtbot, demo_engine, supervisor_user)
    assert screen.kind() == "waybill"
    assert screen.accept_scan(classify(wave.code))
    assert screen.orders_model.order_numbers() == list(wave.orders) or sorted(
        screen.orders_model.order_numbers()
    ) == sorted(wave.orders)
    assert screen.message.kind == "ok" and wave.code in screen.message.message()
    assert screen.accept_scan(classify(wave.code))  # again: nothing twice
    assert screen.orders_model.rowCount() == 3
    with UnitOfWork(demo_engine).reading() as s:
        other = s.scalars(select(Order.order_no).where(Order.order_no.notin_(wave.orders))).first()
    assert other is not None
    screen.input_edit.setFocus()
    qtbot.keyClicks(screen.input_edit, other)
    qtbot.keyClick(screen.input_edit, Qt.Key.Key_Return)  # typed, as a keyboard person does
    assert screen.orders_model.rowCount() == 4
    assert screen.accept_scan(classify("NO-SUCH-ORDER"))
    assert screen.message.kind == "error"
    assert screen.message.message() == "No order or wave NO-SUCH-ORDER"
    screen.view.setFocus()
    screen.view.selectRow(3)
    qtbot.keyClick(screen.view, Qt.Key.Key_Delete)
    assert screen.orders_model.rowCount() == 3


def test_preview_shows_the_first_document(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    order = reviewed_orders(demo_engine, supervisor_user, "SF", 1)[0]
    screen = desk(qtbot, demo_engine, supervisor_user)
    screen.set_kind("slip")
    screen.add_ref(order)
    run(qtbot, screen, screen.preview)
    image = screen.preview_label.image()
    assert image is not None and image.width() > 500  # A4 at 100 dpi: 827 × 1169
    assert image.height() > image.width()
    assert screen.preview_label.pixmap() is not None
    assert order in screen.preview_caption.text()

    # Labels for the label printer are previewed from the very commands that print.
    screen.set_kind("location")
    screen.set_format("zpl")
    screen.items_model.set_checked(0, True)
    run(qtbot, screen, screen.preview)
    label = screen.preview_label.image()
    assert label is not None and 0 < label.width() < label.height() * 2


def test_the_desk_warns_of_characters_no_font_has(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    order = reviewed_orders(demo_engine, supervisor_user, "SF", 1)[0]
    with UnitOfWork(demo_engine) as u:
        u.session.execute(
            update(Order).where(Order.order_no == order).values(buyer_name="Anna \U000f0001")
        )
        u.commit()
    screen = desk(qtbot, demo_engine, supervisor_user)
    screen.set_kind("slip")
    screen.add_ref(order)
    run(qtbot, screen, screen.preview)
    assert screen.preview_label.image() is not None  # previewed (and printable) all the same
    said = screen.pool_message.message()
    assert f"Packing slip {order}: characters in the buyer name" in said
    assert "print as □: \U000f0001 U+F0001" in said


def test_packing_slips_of_a_wave_go_to_the_document_printer(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    hub: DeviceHub,
    paper: RecordingDocumentPrinter,
) -> None:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    wave = create_wave(UnitOfWork(demo_engine), supervisor_user.actor, max_orders=3)
    screen = desk(qtbot, demo_engine, supervisor_user, hub)
    qtbot.keyClick(screen.input_edit, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert screen.kind() == "slip" and screen.fmt() == "pdf"
    screen.accept_scan(classify(wave.code))
    run(qtbot, screen, screen.print_documents)
    assert screen.message.kind == "ok", screen.message.message()
    assert sorted(title for _, title in paper.jobs) == sorted(
        f"packing slip {o}" for o in wave.orders
    )
    assert all(len(pdfium.PdfDocument(pdf)) >= 1 for pdf, _ in paper.jobs)


def test_zpl_waybills_reach_the_label_printer_and_scan(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    hub: DeviceHub,
    tmp_path: Path,
) -> None:
    orders = reviewed_orders(demo_engine, supervisor_user, "SF", 2)
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 3)
    screen = desk(qtbot, demo_engine, supervisor_user, hub)
    assert screen.fmt() == "zpl"  # waybills go to the label printer when there is one
    for order in orders:
        screen.accept_scan(classify(order))
    run(qtbot, screen, screen.print_documents)
    assert screen.message.kind == "ok", screen.message.message()
    # A number was taken from the pool for each parcel; one is left: the desk warns.
    assert "Only 1 SF waybill numbers are left" in screen.pool_message.message()
    assert [
        screen.orders_model.data(screen.orders_model.index(r, COL_TRACKING)) for r in (0, 1)
    ] == pool[:2]
    assert "queued as job #" in screen.orders_model.data(screen.orders_model.index(0, COL_RESULT))
    sim = hub.simulators["printer"]
    qtbot.waitUntil(lambda: len(sim.jobs) == 2, timeout=WAIT)
    for job, number in zip(sim.jobs, pool[:2], strict=True):
        found = {b.text for b in zxingcpp.read_barcodes(rasterize(job))}
        assert number in found, found
    jobs = printing_jobs.list_jobs(UnitOfWork(demo_engine))
    assert {j.description for j in jobs} == {f"waybill {pool[i]} {orders[i]}/1" for i in (0, 1)}
    qtbot.waitUntil(lambda: screen.jobs_widget.table.rowCount() == 2, timeout=WAIT)


def test_an_empty_pool_refuses_in_words_and_nothing_is_written(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, tmp_path: Path
) -> None:
    order = reviewed_orders(demo_engine, supervisor_user, "SF", 1)[0]
    screen = desk(qtbot, demo_engine, supervisor_user)
    screen.add_ref(order)
    assert screen.fmt() == "pdf"  # no printers at all: PDF, and printing says to save instead
    assert not screen.print_documents()
    assert "No document printer is set up" in screen.message.message()
    target = tmp_path / "waybills.pdf"
    run(qtbot, screen, lambda: screen.save_to(target))
    assert screen.message.kind == "error"
    text = screen.message.message()
    assert "the SF number pool is empty: import the carrier's file of waybill numbers" in text
    assert order in text
    assert not target.exists()
    result = screen.orders_model.data(screen.orders_model.index(0, COL_RESULT))
    assert "number pool is empty" in result


def test_sku_labels_from_the_table_with_two_copies(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    hub: DeviceHub,
    paper: RecordingDocumentPrinter,
    tmp_path: Path,
) -> None:
    screen = desk(qtbot, demo_engine, supervisor_user, hub)
    screen.set_kind("sku")
    assert screen.items_model.rowCount() > 3  # the first SKUs are listed at once
    screen.view.setFocus()
    for row in range(3):
        screen.view.selectRow(row)
        qtbot.keyClick(screen.view, Qt.Key.Key_Space)
    screen.view.selectRow(1)
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)  # Enter toggles too: row 1 off again
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    checked = screen.items_model.checked_items()
    assert [c.code for c in checked] == [
        screen.items_model.data(screen.items_model.index(r, ICOL_CODE)) for r in range(3)
    ]
    screen.copies_spin.setValue(2)
    assert screen.count_label.text() == f"3 of {screen.items_model.rowCount()} checked: 6 label(s)"

    screen.set_format("pdf")
    run(qtbot, screen, screen.print_documents)
    assert screen.message.kind == "ok", screen.message.message()
    assert len(paper.jobs) == 1
    assert len(pdfium.PdfDocument(paper.jobs[0][0])) == 2 * 3

    # The same on the label printer: one job per SKU, each printed twice (^PQ2).
    screen.set_format("zpl")
    run(qtbot, screen, screen.print_documents)
    sim = hub.simulators["printer"]
    qtbot.waitUntil(lambda: len(sim.jobs) == 3, timeout=WAIT)
    assert all(job.count(b"^XA") == 1 and b"^PQ2" in job for job in sim.jobs)

    # A scanned SKU code is checked (added when not listed).
    last = screen.items_model.item_at(screen.items_model.rowCount() - 1)
    assert screen.accept_scan(classify(last.code))
    assert len(screen.items_model.checked_items()) == 4


def test_a_packer_cannot_print_again(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
) -> None:
    printer = hub.devices.label_printer
    assert printer is not None
    job = printing_jobs.queue_job(
        UnitOfWork(demo_engine), supervisor_user.actor, printer.name, "zpl", b"^XA^XZ", "test"
    )
    screen = desk(qtbot, demo_engine, packer_user, hub)
    qtbot.keyClick(screen.input_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert screen.jobs_widget.table.hasFocus()
    assert screen.jobs_widget.selected_job() == job
    screen.jobs_widget.reprint_reason.setText("label torn")
    qtbot.mouseClick(screen.jobs_widget.reprint_button, Qt.MouseButton.LeftButton)
    assert screen.message.kind == "error"
    assert "is not allowed to reprint labels" in screen.message.message()
    assert len(printing_jobs.list_jobs(UnitOfWork(demo_engine))) == 1

    supervisor = desk(qtbot, demo_engine, supervisor_user, hub)
    supervisor.jobs_widget.refresh_jobs()
    assert supervisor.jobs_widget.select_job(job)
    supervisor.jobs_widget.reprint_reason.setText("label torn")
    new = supervisor.jobs_widget.reprint()
    assert new is not None and supervisor.message.message() == f"Job #{job} queued again as #{new}."


def test_the_preview_is_what_the_label_printer_prints(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, hub: DeviceHub
) -> None:
    screen = desk(qtbot, demo_engine, supervisor_user, hub)
    screen.set_kind("lot")
    assert screen.fmt() == "zpl"
    screen.view.setFocus()
    screen.view.selectRow(0)
    qtbot.keyClick(screen.view, Qt.Key.Key_Space)
    qtbot.keyClick(screen.view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: screen.preview_label.image() is not None, timeout=WAIT)
    preview = screen.preview_label.image()
    assert preview is not None
    run(qtbot, screen, screen.print_documents)
    sim = hub.simulators["printer"]
    qtbot.waitUntil(lambda: len(sim.jobs) == 1, timeout=WAIT)
    printed = rasterize(sim.jobs[0]).convert("RGB")
    assert (preview.width(), preview.height()) == printed.size
    shown = preview.convertToFormat(QImage.Format.Format_RGB888)
    rows = [bytes(shown.constScanLine(y))[: printed.width * 3] for y in range(printed.height)]
    assert b"".join(rows) == printed.tobytes()  # dot for dot


def test_the_desk_in_chinese(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    hub: DeviceHub,
    tmp_path: Path,
) -> None:
    i18n.install_translator("zh_CN")
    order = reviewed_orders(demo_engine, supervisor_user, "SF", 1)[0]
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 2)
    screen = desk(qtbot, demo_engine, supervisor_user, hub)
    screen.accept_scan(classify(order))
    run(qtbot, screen, screen.preview)
    assert f"面单 {pool[0]} {order}/1" in screen.preview_caption.text()
    assert screen.pool_message.message() == "SF 电子面单号池只剩 1 个单号：请在用完前导入更多"
    screen.set_kind("sku")
    screen.set_format("pdf")
    screen.items_model.set_checked(0, True)
    run(qtbot, screen, screen.preview)
    assert "1 张 SKU 标签 ×1" in screen.preview_caption.text()
