"""Screenshots of the device screens for the README (run: QT_QPA_PLATFORM=offscreen
.venv/bin/python docs/make_screenshots.py). Builds a small demo warehouse in a temporary folder,
logs in, drives the screens as a person would and saves PNGs in docs/screenshots/."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.domain.users import Actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def wait(app: object, seconds: float, until: object = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if callable(until) and until():
            return
        time.sleep(0.02)


def main() -> int:
    home = tempfile.mkdtemp(prefix="packdesk-shots-")
    os.environ["PACKDESK_HOME"] = home
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import app_context, build_station_devices, open_database
    from app.config import Settings
    from app.db.engine import sqlite_url_for
    from app.db.uow import UnitOfWork
    from app.services.demo import build_demo
    from app.services.users import login_with_badge
    from ui import i18n
    from ui.app import AppController
    from ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    url = sqlite_url_for(Path(home) / "demo.sqlite")
    build_demo(url, orders=300)
    engine = open_database(url)
    settings = Settings()
    controller = AppController(
        app_context(engine, demo=True),
        settings,
        True,
        devices=build_station_devices(settings.devices, demo=True),
    )
    user = login_with_badge(UnitOfWork(engine), "U-SUP01")
    controller._on_logged_in(user)
    window = controller.main_window
    hub = controller.hub
    assert window is not None and hub is not None
    window.resize(1366, 768)
    wait(app, 2.0, lambda: "ready" in hub.state("printer").text)
    OUT.mkdir(parents=True, exist_ok=True)

    # A test label arrives at the simulated printer and is previewed.
    window.show_screen("settings")
    hub.print_test_label(user.actor)
    panel = window.sim_panel
    assert panel is not None
    wait(app, 3.0, lambda: panel.jobs_list.count() > 0)
    panel.refresh_jobs()
    wait(app, 0.5)
    panel.resize(420, 900)
    panel.grab().save(str(OUT / "sim_devices.png"))

    # Paper out: the status bar says so, the job waits.
    hub.simulators["printer"].set_fault("paper_out")
    hub.simulators["scale"].put(1250)
    hub.print_test_label(user.actor)
    wait(app, 4.0, lambda: "paper out" in hub.state("printer").text)
    wait(app, 1.5)
    settings_page = window.settings_screen
    scroll = settings_page.findChild(__import__("PySide6.QtWidgets").QtWidgets.QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(settings_page.devices_panel.jobs_table)
    wait(app, 0.3)
    window.grab().save(str(OUT / "devices.png"))

    i18n.install_translator("zh_CN")
    wait(app, 0.5)
    if scroll is not None:
        scroll.ensureWidgetVisible(settings_page.devices_panel.printer_kind)
    wait(app, 0.3)
    window.grab().save(str(OUT / "devices_zh_CN.png"))
    i18n.install_translator("en")
    hub.simulators["printer"].set_fault()
    hub.check_printer()
    panel.hide()

    # Binding: two reviewed orders shipping with SF; the second scan of one waybill is refused.
    from sqlalchemy import select, update

    from app.db.models import Order
    from app.services.review import review_new_orders

    review_new_orders(UnitOfWork(engine), user.actor)
    with UnitOfWork(engine) as u:
        first, second = u.session.scalars(
            select(Order.order_no).where(Order.status == "reviewed").order_by(Order.id).limit(2)
        )
        u.session.execute(
            update(Order).where(Order.order_no.in_([first, second])).values(carrier="SF")
        )
        u.commit()
    window.show_screen("bind")
    bind = window.bind_screen
    bind.submit_scan(first)
    bind.submit_scan("SF1234567890123")
    bind.submit_scan(second)
    wait(app, 0.3)
    window.grab().save(str(OUT / "bind_ready.png"))
    bind.submit_scan("SF1234567890123")
    wait(app, 0.3)
    window.grab().save(str(OUT / "bind_refused.png"))

    # The label desk: the first order's waybill, previewed as the label printer prints it.
    window.show_screen("labels")
    desk = window.labels_screen
    desk.set_kind("waybill")
    desk.set_format("zpl")
    desk.add_ref(first)
    desk.preview()
    wait(app, 5.0, lambda: not desk.is_busy())
    wait(app, 0.5)
    window.grab().save(str(OUT / "label_desk.png"))

    # The pack station: a picked order opened by scan, one item scanned, then a wrong item.
    from app.db.models import Barcode, OrderLine, Sku
    from app.services.picking import confirm_wave
    from app.services.waves import create_wave

    wave = create_wave(UnitOfWork(engine), user.actor, max_orders=4)
    assert wave.code is not None
    packed = confirm_wave(UnitOfWork(engine), user.actor, wave.code).orders
    with UnitOfWork(engine).reading() as session:
        lines = session.execute(
            select(OrderLine.sku_code, Barcode.code)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Sku, Sku.code == OrderLine.sku_code)
            .outerjoin(Barcode, Barcode.sku_id == Sku.id)
            .where(Order.order_no == packed[0])
        ).all()
    hub.simulators["scale"].put(0)
    window.show_screen("pack")
    pack = window.pack_screen
    pack.submit_scan(packed[0])
    pack.submit_scan(lines[0][1] or lines[0][0])
    wait(app, 0.5)
    window.grab().save(str(OUT / "pack_progress.png"))
    pack.submit_scan("6901234567892")  # an item of no order here
    wait(app, 0.5)
    window.grab().save(str(OUT / "pack_refused.png"))
    # In Chinese: weighing before the box or bag is chosen is refused with the codes to scan.
    from app.stations.pack import PackKey
    from ui import i18n

    pack.submit_scan("CLEAR")
    i18n.install_translator("zh_CN")
    wait(app, 0.3)
    pack.apply(pack.pack.key(PackKey.WEIGH))
    wait(app, 0.5)
    window.grab().save(str(OUT / "pack_packaging_zh_CN.png"))
    i18n.install_translator("en")

    # The documents themselves, as PNG pages (what the courier and the buyer get).
    import pypdfium2

    from app import bootstrap
    from app.services.documents import slip_data, waybill_data

    data = waybill_data(UnitOfWork(engine), user.actor, first)
    for name, pdf in (
        ("waybill.png", bootstrap.render_waybill(data, "pdf")),
        (
            "packing_slip.png",
            bootstrap.render_packing_slip(slip_data(UnitOfWork(engine), user.actor, first), "a5"),
        ),
    ):
        page = pypdfium2.PdfDocument(pdf)[0]
        page.render(scale=110 / 72).to_pil().save(str(OUT / name))
    # Cancelled while it was open at the pack station: its units are put-away tasks (Ctrl+0).
    from app.services import cancellation

    with UnitOfWork(engine).reading() as session:
        cancelled = session.scalar(select(Order.id).where(Order.order_no == packed[0]))
    assert cancelled is not None
    cancellation.apply(UnitOfWork(engine), user.actor, [cancelled], cancellation.Verb.CANCEL)
    window.show_screen("putaway")
    putaway = window.putaway_screen
    wait(app, 0.3)
    first_task = putaway.putaway.display().next_task
    if first_task is not None:
        putaway.submit_scan(first_task.location)
    wait(app, 0.5)
    window.grab().save(str(OUT / "putaway.png"))
    # Stock counts (盘点): a location being counted on the counter's screen — blind.
    count_screen_png(app, engine, window, user.actor)
    # Stock (Ctrl+Shift+T): the ledger of the SKU picked from most, with the low-stock banner.
    from sqlalchemy import func

    from app.db.models import Lot, Sku, StockMove
    from app.services.stock import StockScope

    with UnitOfWork(engine).reading() as session:
        busiest = session.scalar(
            select(Sku.code)
            .join(Lot, Lot.sku_id == Sku.id)
            .join(StockMove, StockMove.lot_id == Lot.id)
            .where(StockMove.kind == "pick")
            .group_by(Sku.code)
            .order_by(func.count(func.distinct(Lot.id)).desc(), func.count().desc(), Sku.code)
            .limit(1)
        )
    window.show_screen("stock")
    if busiest is not None:
        window.stock_screen.search(busiest)
        window.stock_screen.show_ledger(StockScope(sku=busiest))
    wait(app, 3.0, window.low_stock_banner.isVisible)
    window.grab().save(str(OUT / "stock.png"))
    # A stock count's variance report (盘点差异报告), page 1.
    from app.domain.users import Actor, Role

    count_report_png(engine, user.actor, Actor("lilei", Role.PACKER))
    controller.shutdown()
    print(f"screenshots written to {OUT}")
    return 0


def count_screen_png(app: Any, engine: Engine, window: Any, supervisor: Actor) -> None:
    """A count of two locations; the first scanned, two units of its first lot scanned and a
    quantity typed for the next scan; the count is called off afterwards (its locations free
    for the variance report's count)."""
    from sqlalchemy import select

    from app.db.models import Barcode, Location, Lot
    from app.db.uow import UnitOfWork
    from app.services import counts

    with UnitOfWork(engine).reading() as session:
        first, gtin, lot = session.execute(
            select(Location.code, Barcode.lookup, Lot.lot_code)
            .join(Lot, Lot.location_id == Location.id)
            .join(Barcode, Barcode.sku_id == Lot.sku_id)
            .where(Lot.on_hand > 5)
            .order_by(Location.pick_sequence, Location.code)
            .limit(1)
        ).one()
    made = counts.create_count(UnitOfWork(engine), supervisor, location_range=f"{first}..{first}")
    window.show_screen("counts")
    screen = window.count_screen
    screen.apply(screen.counting.load())
    screen.submit_scan(first)
    screen.submit_scan(f"01{gtin}10{lot}")
    screen.submit_scan(f"01{gtin}10{lot}")
    screen.submit_scan("4")
    wait(app, 0.5)
    window.grab().save(str(OUT / "count_screen.png"))
    counts.cancel(UnitOfWork(engine), supervisor, made.code)


def count_report_png(engine: Engine, supervisor: Actor, counter: Actor) -> None:
    """A stock count of the locations holding six of the demo's SKUs, counted with planted
    differences, the large ones recounted by the supervisor, approved; page 1 of its variance
    report (the summary, the charts by zone and by sign, the first lines)."""
    import pypdfium2
    from sqlalchemy import select

    from app import bootstrap
    from app.db.models import Location, Lot, Sku
    from app.db.uow import UnitOfWork
    from app.services import count_documents, counts

    def uow() -> UnitOfWork:
        return UnitOfWork(engine)

    with uow().reading() as session:
        per_zone = {}
        for code, zone in session.execute(
            select(Sku.code, Location.zone)
            .join(Lot, Lot.sku_id == Sku.id)
            .join(Location, Location.id == Lot.location_id)
            .where(Lot.on_hand > 3)
            .order_by(Location.zone, Sku.code)
        ):
            per_zone.setdefault(zone, []).append(code)
    skus = sorted({codes[k] for codes in per_zone.values() for k in (0, 1) if k < len(codes)})
    made = counts.create_count(uow(), supervisor, skus=skus)
    plants = [-2, 0, 0, 1, 0, -5, 0, 3, 0, 0, -1, 0]  # counted − on hand, location by location
    for i, loc in enumerate(made.locations):
        counts.start_location(uow(), counter, made.code, loc)
        with uow().reading() as session:
            lots = session.execute(
                select(Sku.code, Lot.lot_code, Lot.on_hand)
                .join(Sku, Sku.id == Lot.sku_id)
                .join(Location, Location.id == Lot.location_id)
                .where(Location.code == loc, Lot.on_hand > 0)
                .order_by(Lot.id)
            ).all()
        for k, (sku, lot, on_hand) in enumerate(lots):
            qty = on_hand + (plants[i % len(plants)] if k == 0 else 0)
            counts.record(uow(), counter, made.code, loc, sku, max(qty, 0), lot=lot, add=False)
        counts.finish_location(uow(), counter, made.code, loc)
    recount = counts.submit(uow(), supervisor, made.code).recount
    for loc in recount:  # the recount finds the same
        counts.start_location(uow(), supervisor, made.code, loc)
        for line in count_documents.variance_report(uow(), made.code).lines:
            if line.location == loc:
                again = (line.sku, line.counted)
                counts.record(uow(), supervisor, made.code, loc, *again, lot=line.lot, add=False)
        counts.finish_location(uow(), supervisor, made.code, loc)
    if recount:
        counts.submit(uow(), supervisor, made.code)
    counts.approve(uow(), supervisor, made.code, "miscount")
    pdf = bootstrap.render_variance_report(count_documents.variance_report(uow(), made.code))
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=110 / 72).to_pil().save(str(OUT / "count_report.png"))


if __name__ == "__main__":
    raise SystemExit(main())
