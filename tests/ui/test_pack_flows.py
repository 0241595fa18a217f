"""End-to-end flows through the packing station with the simulated scale and label printer.

Scans arrive as the app's scan router delivers them (``PackScreen.submit_scan``); keys are real
key events on the scan field.  Every printed waybill is decoded from the simulated printer's
bytes, so the number scanned is the number that was printed."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.bootstrap import app_context
from app.db.models import Barcode, Order, OrderLine, Parcel, PrintJob, Sku, TrackingPoolNumber
from app.db.uow import UnitOfWork
from app.services import orders, packing
from app.services.users import UserInfo
from app.stations.pack import PackKey
from printing.raster import rasterize
from tests.ui.conftest import RecordingPlayer, picked, sf_pool
from ui.devices import DeviceHub
from ui.pack_screen import COL_NAME, PackScreen, PackStep
from ui.sounds import DONE, REFUSE, Sounds

WAIT = 10_000
STATION = "PACK-FLOW-01"


# --- the warehouse ----------------------------------------------------------------------------


def lines_of(engine: Engine, order_no: str) -> list[tuple[int, str, int, str]]:
    """(line id, SKU, qty, what the scanner reads off the item) per line."""
    with UnitOfWork(engine).reading() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == order_no))
        out = []
        for line in s.scalars(
            select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.id)
        ):
            code = s.scalar(
                select(Barcode.code)
                .join(Sku, Sku.id == Barcode.sku_id)
                .where(Sku.code == line.sku_code)
            )
            out.append((line.id, line.sku_code, line.qty, code or line.sku_code))
        return out


def order_id(engine: Engine, order_no: str) -> int:
    with UnitOfWork(engine).reading() as s:
        found = s.scalar(select(Order.id).where(Order.order_no == order_no))
        assert found is not None
        return found


def status(engine: Engine, order_no: str) -> str:
    with UnitOfWork(engine).reading() as s:
        return str(s.scalar(select(Order.status).where(Order.order_no == order_no)))


def parcels(engine: Engine, order_no: str) -> list[tuple[int, str | None]]:
    """(parcel no, tracking number) of the order's shipping parcels."""
    with UnitOfWork(engine).reading() as s:
        rows = s.execute(
            select(Parcel.parcel_no, Parcel.tracking_no)
            .where(Parcel.order_id == order_id(engine, order_no))
            .order_by(Parcel.parcel_no)
        ).all()
        return [(r[0], r[1]) for r in rows]


def pool_used(engine: Engine, numbers: list[str]) -> int:
    with UnitOfWork(engine).reading() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(TrackingPoolNumber)
                .where(
                    TrackingPoolNumber.tracking_no.in_(numbers),
                    TrackingPoolNumber.parcel_id.is_not(None),
                )
            )
            or 0
        )


def waybill_jobs(engine: Engine, order_no: str) -> int:
    with UnitOfWork(engine).reading() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(PrintJob)
                .where(PrintJob.description.like(f"waybill % {order_no}/%"))
            )
            or 0
        )


def jobs_tried(engine: Engine) -> int:
    with UnitOfWork(engine).reading() as s:
        return int(
            s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.attempts > 0)) or 0
        )


# --- the station ------------------------------------------------------------------------------


def open_screen(
    qtbot: QtBot,
    engine: Engine,
    user: UserInfo,
    player: RecordingPlayer,
    hub: DeviceHub,
    *,
    ship_at_pack: bool = False,
) -> PackScreen:
    screen = PackScreen(
        app_context(engine), user, station=STATION, sounds=Sounds(player), ship_at_pack=ship_at_pack
    )
    qtbot.addWidget(screen)
    screen.set_hub(hub)
    screen.resize(1116, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.focus_target().setFocus()
    return screen


def key(
    qtbot: QtBot, screen: PackScreen, k: Qt.Key, mod: Qt.KeyboardModifier | None = None
) -> None:
    """A key typed while the scan field has the focus (F-keys go up to the screen)."""
    if mod is None:
        qtbot.keyClick(screen.scan_edit, k)
    else:
        qtbot.keyClick(screen.scan_edit, k, mod)


def scan_ok(screen: PackScreen, code: str) -> None:
    screen.submit_scan(code)
    assert screen.banner_kind is None, screen.banner_text()


def finish_checks(screen: PackScreen) -> None:
    """Inserts and the damage check, where the order has them."""
    view = screen.view
    assert view is not None
    for insert in view.inserts:
        if not insert.confirmed:
            scan_ok(screen, insert.code)
    if view.fragile and not view.damage_checked:
        screen.apply(screen.pack.key(PackKey.DAMAGE_CHECKED))
        assert screen.banner_kind is None, screen.banner_text()


def weigh(qtbot: QtBot, screen: PackScreen, hub: DeviceHub, packaging: str = "BOX-M") -> None:
    """Put the parcel in a box (a scan of its code), on the scale at its expected weight, F4."""
    scan_ok(screen, packaging)
    grams = screen.expected_g()
    assert grams is not None and grams > 0
    hub.simulators["scale"].put(grams)
    hub.read_weight()
    qtbot.waitUntil(
        lambda: (
            screen.weight is not None
            and screen.weight.stable
            and abs(screen.weight.grams - grams) < 0.5
        ),
        timeout=WAIT,
    )
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.verdict is not None and screen.verdict.ok, screen.banner_text()


def wait_printed(qtbot: QtBot, screen: PackScreen) -> None:
    qtbot.waitUntil(lambda: screen.step is PackStep.WAYBILL and not screen.is_busy(), timeout=WAIT)


def printed_numbers(qtbot: QtBot, hub: DeviceHub, count: int) -> list[str]:
    """The tracking number decoded off each label the simulated printer received."""
    sim = hub.simulators["printer"]
    qtbot.waitUntil(lambda: len(sim.jobs) >= count, timeout=WAIT)
    out = []
    for job in sim.jobs:
        found = {b.text for b in zxingcpp.read_barcodes(rasterize(job))}
        numbers = sorted(t for t in found if t.startswith("SF"))
        assert numbers, found
        out.append(numbers[0])
    return out


def multi_line_orders(engine: Engine, supervisor: UserInfo, n: int = 8) -> list[str]:
    return picked(engine, supervisor, n, kind="multi-item", carrier="SF")


# --- the flows --------------------------------------------------------------------------------


def test_a_multi_line_order_with_a_gift_is_packed_to_shipped(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    candidates = multi_line_orders(demo_engine, supervisor_user)
    order_no = next(o for o in candidates if len(lines_of(demo_engine, o)) >= 2)
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 3)
    lines = lines_of(demo_engine, order_no)
    gift_id = lines[-1][0]
    with UnitOfWork(demo_engine) as u:  # the shop added a free gift to the order
        line = u.session.get(OrderLine, gift_id)
        assert line is not None
        line.gift = True
        u.commit()

    screen = open_screen(qtbot, demo_engine, packer_user, player, hub)
    scan_ok(screen, order_no)
    view = screen.view
    assert view is not None and view.order_no == order_no
    gift_row = next(i for i, ln in enumerate(view.lines) if ln.line_id == gift_id)
    assert view.lines[gift_row].gift
    name = screen.lines_model.data(screen.lines_model.index(gift_row, COL_NAME))
    assert isinstance(name, str) and "(gift" in name, name

    # Every item but the gift: F10 is refused in words that name the gift.
    for line_id, _sku, qty, code in lines:
        if line_id == gift_id:
            continue
        for _ in range(qty):
            scan_ok(screen, code)
    key(qtbot, screen, Qt.Key.Key_F10)
    assert screen.banner_kind == "error"
    assert "Cannot close yet" in screen.banner_text() and "gift" in screen.banner_text()
    assert status(demo_engine, order_no) == "packing"
    key(qtbot, screen, Qt.Key.Key_Escape)
    assert screen.banner_kind is None

    _gid, _sku, gift_qty, gift_code = lines[-1]
    for _ in range(gift_qty):
        scan_ok(screen, gift_code)
    assert screen.view is not None
    assert screen.view.units_scanned == screen.view.units_ordered
    finish_checks(screen)
    weigh(qtbot, screen, hub)
    key(qtbot, screen, Qt.Key.Key_F10)
    wait_printed(qtbot, screen)
    assert screen.printed, screen.banner_text()
    assert status(demo_engine, order_no) == "packed"
    [number] = printed_numbers(qtbot, hub, 1)
    assert number == pool[0]

    screen.submit_scan(number)
    assert status(demo_engine, order_no) == "packed"
    assert "Packed ✔ order" in screen.banner_text()
    assert player.played[-1] == DONE
    assert screen.view is None and screen.step is PackStep.ORDER
    assert parcels(demo_engine, order_no) == [(1, pool[0])]


def test_a_multi_parcel_order_each_parcel_with_its_own_waybill(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    candidates = multi_line_orders(demo_engine, supervisor_user)
    order_no = next(o for o in candidates if len(lines_of(demo_engine, o)) >= 2)
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 4)
    first, *rest = lines_of(demo_engine, order_no)

    # A station that ships at the pack station (a warehouse without a handover step).
    screen = open_screen(qtbot, demo_engine, packer_user, player, hub, ship_at_pack=True)
    scan_ok(screen, order_no)
    for _ in range(first[2]):
        scan_ok(screen, first[3])
    view = screen.view
    assert view is not None and 0 < view.units_scanned < view.units_ordered

    # Parcel 1: weighed, Shift+F10 closes it as one of several; its label prints.
    weigh(qtbot, screen, hub)
    key(qtbot, screen, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    wait_printed(qtbot, screen)
    assert screen.printed, screen.banner_text()
    assert status(demo_engine, order_no) == "packing"
    [label_1] = printed_numbers(qtbot, hub, 1)
    assert label_1 == pool[0]
    screen.submit_scan(label_1)
    assert screen.banner_kind is None, screen.banner_text()
    assert f"Parcel 1: label {label_1} is right" in screen.message.message()
    assert screen.step is PackStep.ITEMS
    assert screen.view is not None and screen.view.open_parcel == 2

    # Parcel 2: the rest, then F10 closes the order.
    for _line_id, _sku, qty, code in rest:
        for _ in range(qty):
            scan_ok(screen, code)
    assert screen.view.units_scanned == screen.view.units_ordered
    finish_checks(screen)
    weigh(qtbot, screen, hub)
    key(qtbot, screen, Qt.Key.Key_F10)
    wait_printed(qtbot, screen)
    assert screen.printed, screen.banner_text()
    assert status(demo_engine, order_no) == "packed"
    labels = printed_numbers(qtbot, hub, 2)
    assert labels == [pool[0], pool[1]]

    screen.submit_scan(labels[1])
    assert status(demo_engine, order_no) == "shipped", screen.banner_text()
    assert "Shipped ✔ order" in screen.banner_text()
    assert parcels(demo_engine, order_no) == [(1, pool[0]), (2, pool[1])]
    assert pool_used(demo_engine, pool) == 2
    assert packing.open_sessions(UnitOfWork(demo_engine), STATION) == []


def _closed_in_paper_out(
    qtbot: QtBot,
    engine: Engine,
    supervisor: UserInfo,
    packer: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> tuple[PackScreen, str, list[str]]:
    """A single-item order scanned, weighed and closed (F10) with the printer out of paper."""
    order_no = picked(engine, supervisor, 1, kind="single-item", carrier="SF")[0]
    pool = sf_pool(engine, supervisor, tmp_path, 3)
    screen = open_screen(qtbot, engine, packer, player, hub)
    scan_ok(screen, order_no)
    for _line_id, _sku, qty, code in lines_of(engine, order_no):
        for _ in range(qty):
            scan_ok(screen, code)
    finish_checks(screen)
    weigh(qtbot, screen, hub)
    sim = hub.simulators["printer"]
    sim.set_fault("paper_out")
    key(qtbot, screen, Qt.Key.Key_F10)
    wait_printed(qtbot, screen)
    # The hub sends the stored job off the GUI thread; it fails on the printer's status.
    qtbot.waitUntil(lambda: jobs_tried(engine) >= 1, timeout=WAIT)
    return screen, order_no, pool


def test_paper_out_while_closing_keeps_the_parcel_waiting_and_prints_once_fixed(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    screen, order_no, pool = _closed_in_paper_out(
        qtbot, demo_engine, supervisor_user, packer_user, hub, player, tmp_path
    )
    sim = hub.simulators["printer"]
    qtbot.wait(300)
    assert sim.jobs == []
    assert status(demo_engine, order_no) == "packed"
    assert screen.step is PackStep.WAYBILL
    assert screen.view is not None and screen.view.awaiting_waybill == 1
    assert parcels(demo_engine, order_no) == [(1, pool[0])]
    assert pool_used(demo_engine, pool) == 1
    assert waybill_jobs(demo_engine, order_no) == 1

    # F10 again does not take a second number nor queue a second label.
    if screen.banner_kind is not None:
        key(qtbot, screen, Qt.Key.Key_Escape)
    key(qtbot, screen, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=WAIT)
    assert parcels(demo_engine, order_no) == [(1, pool[0])]
    assert pool_used(demo_engine, pool) == 1
    assert waybill_jobs(demo_engine, order_no) == 1
    if screen.banner_kind is not None:
        key(qtbot, screen, Qt.Key.Key_Escape)

    # The roll is changed: the printer's check sends the queued label, once.
    sim.set_fault()
    hub.check_printer()
    qtbot.waitUntil(lambda: len(sim.jobs) == 1, timeout=WAIT)
    qtbot.wait(500)
    assert len(sim.jobs) == 1
    [number] = printed_numbers(qtbot, hub, 1)
    assert number == pool[0]

    screen.submit_scan(number)
    assert status(demo_engine, order_no) == "packed", screen.banner_text()
    assert "Packed ✔ order" in screen.banner_text()
    assert parcels(demo_engine, order_no) == [(1, pool[0])]
    assert pool_used(demo_engine, pool) == 1


def test_paper_out_while_closing_is_said_on_the_pack_screen(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    screen, _order_no, _pool = _closed_in_paper_out(
        qtbot, demo_engine, supervisor_user, packer_user, hub, player, tmp_path
    )
    qtbot.waitUntil(
        lambda: "not printed" in (screen.banner_text() + " " + screen.message.message()).lower(),
        timeout=3_000,
    )
    words = screen.banner_text() + " " + screen.message.message()
    assert "sent to the label printer" not in words


def test_a_cancellation_while_the_order_is_open_blocks_the_next_scan(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
) -> None:
    candidates = picked(demo_engine, supervisor_user, 8)
    order_no = next(o for o in candidates if sum(ln[2] for ln in lines_of(demo_engine, o)) >= 2)
    codes = [code for _lid, _sku, qty, code in lines_of(demo_engine, order_no) for _ in range(qty)]
    screen = open_screen(qtbot, demo_engine, packer_user, player, hub)
    scan_ok(screen, order_no)
    scan_ok(screen, codes[0])
    assert screen.view is not None and screen.view.units_scanned == 1

    # The buyer cancels; a supervisor applies it in the orders screen, between two scans.
    changed = orders.apply_action(
        UnitOfWork(demo_engine), supervisor_user.actor, [order_id(demo_engine, order_no)], "cancel"
    )
    assert changed == 1
    assert status(demo_engine, order_no) == "cancelled"

    screen.submit_scan(codes[1])
    assert screen.banner_kind == "blocked", screen.banner_text()
    assert (
        f"Order {order_no} was cancelled — stop packing: its items are put-away tasks now, "
        "put them on the put-away cart" in screen.banner_text()
    )
    assert player.played[-1] == REFUSE
    assert screen.view is not None and screen.view.units_scanned == 1

    # Nothing more goes in, nothing closes: F10 is refused, the order stays cancelled.
    screen.submit_scan("CLEAR")
    screen.submit_scan(codes[1])
    assert screen.banner_kind == "blocked" and "was cancelled" in screen.banner_text()
    assert screen.view.units_scanned == 1
    key(qtbot, screen, Qt.Key.Key_Escape)
    key(qtbot, screen, Qt.Key.Key_F10)
    assert screen.banner_kind in ("error", "blocked"), screen.banner_text()
    assert status(demo_engine, order_no) == "cancelled"
    key(qtbot, screen, Qt.Key.Key_Escape)
    key(qtbot, screen, Qt.Key.Key_F8)
    assert screen.view is None and f"Order {order_no} was put aside" in screen.message.message()
    assert packing.open_sessions(UnitOfWork(demo_engine), STATION) == []
    assert status(demo_engine, order_no) == "cancelled"
