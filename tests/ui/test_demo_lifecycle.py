"""The order's whole life on the demo warehouse, as the floor lives it: a supervisor cancels an
order a packer has open, the pack station turns red by itself, the units become put-away tasks;
the next order is packed and labelled, the courier's pickup is scanned into a handover batch
whose manifest's barcodes read, and the shops' export names the carriers in Chinese.  The pack
station and the handover dock are driven by keys and scans (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pypdfium2
import zxingcpp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db.models import Order
from app.db.uow import UnitOfWork
from app.services import cancellation, putaway, shipped
from app.services import orders as orders_service
from app.services.users import UserInfo
from tests.ui import test_handover_screen as dock
from tests.ui.conftest import RecordingPlayer, picked, sf_pool
from tests.ui.test_pack_screen import (
    STATION,
    WAIT,
    key,
    lines_of,
    open_screen,
    scan,
    status,
    weigh_on_scale,
)
from ui.devices import DeviceHub
from ui.handover_screen import HandoverStep
from ui.pack_screen import PackStep
from ui.sounds import DONE, REFUSE


def test_a_cancel_at_the_pack_station_then_a_pickup_and_the_shops_export(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    uow = lambda: UnitOfWork(demo_engine)  # noqa: E731
    cancelled, shipping = picked(demo_engine, supervisor_user, 2, kind="single-item", carrier="SF")
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 2)

    # The packer opens the first order and scans its item.
    pack = open_screen(qtbot, demo_engine, packer_user, player, hub)
    scan(qtbot, pack, cancelled)
    [(sku, _qty, code)] = lines_of(demo_engine, cancelled)
    scan(qtbot, pack, code)
    assert pack.message.kind == "ok", pack.banner_text()

    # The supervisor cancels it from the orders screen's action; the station, untouched,
    # turns red within the watch's interval.
    with uow().reading() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == cancelled))
    assert order_id is not None
    orders_service.apply_action(uow(), supervisor_user.actor, [order_id], "cancel")
    qtbot.waitUntil(lambda: pack.banner_kind == "blocked", timeout=WAIT)
    assert f"Order {cancelled} was cancelled — stop packing" in pack.banner_text()
    assert player.played[-1] == REFUSE
    # Its unit is a put-away task, from this station back onto its lot.
    tasks = putaway.open_tasks(uow(), packer_user.actor)
    assert [(t.order_no, t.sku, t.qty, t.units_at) for t in tasks] == [(cancelled, sku, 1, STATION)]
    # The step line says what to do: F8 puts the order aside, the station is free again.
    assert pack.step_label.text() == "This order must not be packed: F8 puts it aside"
    key(qtbot, pack, Qt.Key.Key_F8)
    assert pack.view is None and f"Order {cancelled} was put aside" in pack.message.message()

    # The next order is packed, weighed and labelled as every day.
    scan(qtbot, pack, shipping)
    assert pack.view is not None and pack.view.order_no == shipping, pack.banner_text()
    [(_sku, _qty, code)] = lines_of(demo_engine, shipping)
    scan(qtbot, pack, code)
    scan(qtbot, pack, "BAG-1")
    expected = pack.expected_g()
    assert expected is not None
    weigh_on_scale(qtbot, pack, hub, expected)
    key(qtbot, pack, Qt.Key.Key_F4)
    assert pack.verdict is not None and pack.verdict.ok, pack.banner_text()
    key(qtbot, pack, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: pack.step is PackStep.WAYBILL and not pack.is_busy(), timeout=WAIT)
    number = pool[0]
    assert f"Waybill {number} sent to the label printer" in pack.message.message()
    scan(qtbot, pack, number)
    assert "ready for the courier's handover" in pack.banner_text()
    assert status(demo_engine, shipping) == "packed"
    pack.close()

    # The courier comes: the dock scans the carrier, the parcel, and F10 closes the batch.
    screen = dock.screen_for(qtbot, demo_engine, player, tmp_path / "manifests")
    dock.scan(qtbot, screen, "SF")
    assert screen.step is HandoverStep.PARCELS
    batch = screen.batch_label.text().split()[1]
    dock.scan(qtbot, screen, number)
    assert screen.banner.property("kind") == "ok", screen.banner_text()
    with qtbot.waitSignal(screen.closed, timeout=WAIT):
        dock.key(qtbot, screen, Qt.Key.Key_F10)
    assert player.played[-1] == DONE
    assert status(demo_engine, shipping) == "shipped"
    assert status(demo_engine, cancelled) == "cancelled"
    pdf = tmp_path / "manifests" / f"{batch}.pdf"
    [page] = pypdfium2.PdfDocument(str(pdf))
    found = {b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())}
    assert found == {batch, number}
    # Nothing of the cancelled order is on the intercept list: it never had a parcel.
    assert cancellation.intercepts(uow(), supervisor_user.actor) == []

    # The tracking numbers go back to the shops: the spreadsheet names the carriers in Chinese.
    out = tmp_path / "shipped.xlsx"
    export = shipped.export_shipped(uow(), supervisor_user.actor, out)
    assert export.rows >= 1
    sheet = openpyxl.load_workbook(out, read_only=True).active
    assert sheet is not None
    rows = [
        [str(v) if v is not None else "" for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    header, body = rows[0], rows[1:]
    assert header[:6] == [
        "order_no",
        "shop",
        "carrier_code",
        "carrier_name",
        "tracking_no",
        "parcel",
    ]
    mine = [r for r in body if r[0] == shipping]
    assert [(r[2], r[3], r[4]) for r in mine] == [("SF", "顺丰速运", number)]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in r[3]) for r in body), body[:3]
    assert cancelled not in {r[0] for r in body}
    # Exported rows are marked: the next export has only what is new.
    again = shipped.export_shipped(uow(), supervisor_user.actor, tmp_path / "again.xlsx")
    assert again.rows == 0
