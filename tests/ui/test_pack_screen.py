"""The packing station driven as a packer's scanner and keyboard would: codes typed into one
field then Enter, F-keys; simulated scale and label printer; a recording sound player."""

from __future__ import annotations

import os
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.bootstrap import app_context, build_station_devices
from app.config import DeviceSettings, ScaleSettings
from app.db.models import AuditEvent, Barcode, Order, OrderInsert, OrderLine, Sku
from app.db.uow import UnitOfWork
from app.services import handover, packing
from app.services import orders as orders_service
from app.services.picking import confirm_wave
from app.services.users import UserInfo
from app.services.waves import create_wave
from printing.raster import rasterize
from tests.factories import add_order, add_sku, receive
from tests.ui.conftest import RecordingPlayer, picked, sf_pool
from ui import i18n
from ui.devices import DeviceHub
from ui.pack_screen import COL_SCANNED, PackScreen, PackStep
from ui.sounds import ACCEPT, DONE, NAMES, REFUSE, SOUNDS_DIR, Sounds, write_default_sounds

WAIT = 20_000
STATION = "PACK-TEST-01"
SHOTS = os.environ.get("PACK_SHOTS")  # a folder: save screenshots of the main states there


@pytest.fixture
def no_scale_hub(qtbot: QtBot, demo_engine: Engine) -> Iterator[Callable[[str], DeviceHub]]:
    """A station without a scale whose settings say what to do then ("block" or "warn")."""
    hubs: list[DeviceHub] = []

    def make(when_missing: str) -> DeviceHub:
        settings = DeviceSettings(scale=ScaleSettings(kind="none", when_missing=when_missing))
        hub = DeviceHub(app_context(demo_engine), build_station_devices(settings, demo=True))
        hub.start()
        hubs.append(hub)
        return hub

    yield make
    for hub in hubs:
        hub.close()


def lines_of(engine: Engine, order_no: str) -> list[tuple[str, int, str]]:
    """(SKU, qty, what the scanner reads off the item) per line."""
    with UnitOfWork(engine).reading() as s:
        order = s.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        out = []
        for line in s.scalars(select(OrderLine).where(OrderLine.order_id == order.id)):
            code = s.scalar(
                select(Barcode.code)
                .join(Sku, Sku.id == Barcode.sku_id)
                .where(Sku.code == line.sku_code)
            )
            out.append((line.sku_code, line.qty, code or line.sku_code))
        return out


def status(engine: Engine, order_no: str) -> str:
    with UnitOfWork(engine).reading() as s:
        return str(s.scalar(select(Order.status).where(Order.order_no == order_no)))


def set_status(engine: Engine, order_no: str, new: str) -> None:
    """What the change feed does when the platform cancels an order."""
    with UnitOfWork(engine) as u:
        order = u.session.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        order.status = new
        u.commit()


def open_screen(
    qtbot: QtBot,
    engine: Engine,
    user: UserInfo,
    player: RecordingPlayer,
    hub: DeviceHub | None = None,
) -> PackScreen:
    screen = PackScreen(app_context(engine), user, station=STATION, sounds=Sounds(player))
    qtbot.addWidget(screen)
    screen.set_hub(hub)
    screen.resize(1116, 700)  # 1366 × 768 less the 250-pixel navigation and the window frame
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.focus_target().setFocus()
    return screen


def scan(qtbot: QtBot, screen: PackScreen, code: str) -> None:
    """The scanner: keystrokes, then Enter, into the focused scan field."""
    assert QApplication.focusWidget() is screen.scan_edit
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def key(
    qtbot: QtBot, screen: PackScreen, k: Qt.Key, mod: Qt.KeyboardModifier | None = None
) -> None:
    assert QApplication.focusWidget() is screen.scan_edit
    if mod is None:
        qtbot.keyClick(screen.scan_edit, k)
    else:
        qtbot.keyClick(screen.scan_edit, k, mod)


def weigh_on_scale(qtbot: QtBot, screen: PackScreen, hub: DeviceHub, grams: float) -> None:
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


def shot(screen: PackScreen, name: str) -> None:
    if SHOTS:
        screen.grab().save(str(Path(SHOTS) / f"pack_{name}.png"))


def test_single_item_order_packed_with_the_printed_label_then_handed_over(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
    tmp_path: Path,
) -> None:
    order_no = picked(demo_engine, supervisor_user, 1, kind="single-item", carrier="SF")[0]
    pool = sf_pool(demo_engine, supervisor_user, tmp_path, 2)
    [(_sku, qty, code)] = lines_of(demo_engine, order_no)
    assert qty == 1
    screen = open_screen(qtbot, demo_engine, packer_user, player, hub)
    assert screen.step is PackStep.ORDER

    scan(qtbot, screen, order_no)
    assert screen.view is not None and screen.view.order_no == order_no
    assert screen.order_label.text() == f"Order {order_no}"
    assert screen.count_label.text() == "0 / 1 items"
    assert player.played == [ACCEPT]

    scan(qtbot, screen, code)
    assert screen.message.kind == "ok", screen.banner_text()
    assert "1 of 1 scanned — all items scanned" in screen.message.message()
    assert screen.count_label.text() == "1 / 1 items"
    assert screen.lines_model.data(screen.lines_model.index(0, COL_SCANNED)) == "✔ 1"
    assert player.played[-1] == ACCEPT
    shot(screen, "in_progress")

    # Weighing asks for the box or bag first: its tare is part of the expected weight.
    key(qtbot, screen, Qt.Key.Key_F4)
    assert "has no box or bag yet — scan the packaging's code" in screen.banner_text()
    assert screen.verdict is None and player.played[-1] == REFUSE
    key(qtbot, screen, Qt.Key.Key_Escape)
    scan(qtbot, screen, "BAG-1")
    expected = screen.expected_g()
    assert expected is not None and expected > 0
    weigh_on_scale(qtbot, screen, hub, expected)
    assert f"{expected:,} g" in screen.weight_label.text()
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.verdict is not None and screen.verdict.ok, screen.banner_text()
    assert "Weight OK" in screen.message.message()

    key(qtbot, screen, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: screen.step is PackStep.WAYBILL and not screen.is_busy(), timeout=WAIT)
    assert screen.printed, screen.banner_text()
    assert f"Waybill {pool[0]} sent to the label printer" in screen.message.message()
    assert "No document printer here" in screen.message.message()
    assert status(demo_engine, order_no) == "packed"
    sim = hub.simulators["printer"]
    qtbot.waitUntil(lambda: len(sim.jobs) == 1, timeout=WAIT)
    found = {b.text for b in zxingcpp.read_barcodes(rasterize(sim.jobs[0]))}
    assert pool[0] in found, found

    scan(qtbot, screen, pool[0])
    # Packed and labelled: the order waits for the courier; the handover ships it.
    assert status(demo_engine, order_no) == "packed"
    assert "Packed ✔ order" in screen.banner_text()
    assert "ready for the courier's handover" in screen.banner_text()
    assert player.played[-1] == DONE
    assert screen.view is None and screen.step is PackStep.ORDER
    assert screen.today is not None and screen.today.orders == 1
    courier = handover.start(UnitOfWork(demo_engine), packer_user.actor, "SF")
    handover.scan(UnitOfWork(demo_engine), packer_user.actor, courier.code, pool[0])
    handover.close(UnitOfWork(demo_engine), packer_user.actor, courier.code)
    assert status(demo_engine, order_no) == "shipped"
    assert "today: 1 orders" in screen.today_label.text()
    assert packing.open_sessions(UnitOfWork(demo_engine), STATION) == []


def test_a_refusal_stays_until_esc_or_clear(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    orders = picked(demo_engine, supervisor_user, 6)
    chosen = next(o for o in orders if sum(q for _, q, _ in lines_of(demo_engine, o)) >= 2)
    other = next(
        code
        for o in orders
        for s, _, code in lines_of(demo_engine, o)
        if s not in {x for x, _, _ in lines_of(demo_engine, chosen)}
    )
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, chosen)
    scan(qtbot, screen, other)
    assert screen.banner_kind == "error"
    assert "Wrong item" in screen.banner_text() and "Esc or scan CLEAR" in screen.banner_text()
    assert player.played[-1] == REFUSE
    shot(screen, "refusal")

    # The next item scan does not put the banner away; it is refused and nothing is counted.
    right = lines_of(demo_engine, chosen)[0][2]
    scan(qtbot, screen, right)
    assert screen.banner_kind == "error" and "Wrong item" in screen.banner_text()
    assert "Acknowledge first (Esc or scan CLEAR)" in screen.message.message()
    assert screen.view is not None and screen.view.units_scanned == 0
    assert player.played[-1] == REFUSE

    key(qtbot, screen, Qt.Key.Key_Escape)
    assert screen.banner_kind is None and not screen.banner.isVisible()
    scan(qtbot, screen, right)
    assert screen.view.units_scanned == 1 and player.played[-1] == ACCEPT

    # F2 takes the scan back; a refusal put away by scanning CLEAR.
    key(qtbot, screen, Qt.Key.Key_F2)
    assert screen.view.units_scanned == 0
    scan(qtbot, screen, other)
    assert screen.banner_kind == "error"
    scan(qtbot, screen, "CLEAR")
    assert screen.banner_kind is None

    # In Chinese: the same refusal, in Chinese words.
    i18n.install_translator("zh_CN")
    scan(qtbot, screen, other)
    assert "错" in screen.banner_text() or "不在" in screen.banner_text(), screen.banner_text()
    shot(screen, "refusal_zh_CN")


def test_a_cancelled_order_is_blocked(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    orders = picked(demo_engine, supervisor_user, 2)
    first, second = orders[0], orders[1]
    set_status(demo_engine, first, "cancelled")
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, first)
    assert screen.banner_kind == "blocked"
    said = f"Order {first} was cancelled — stop packing: its items are put-away tasks now, "
    assert said + "put them on the put-away cart" in screen.banner_text()
    assert screen.view is None and player.played[-1] == REFUSE
    shot(screen, "blocked")

    # Cancelled while being packed: every scan is refused, F8 puts the order aside.
    scan(qtbot, screen, "CLEAR")
    scan(qtbot, screen, second)
    assert screen.view is not None and screen.view.order_no == second
    set_status(demo_engine, second, "cancelled")
    scan(qtbot, screen, lines_of(demo_engine, second)[0][2])
    assert screen.banner_kind == "blocked" and "was cancelled" in screen.banner_text()
    assert screen.view.units_scanned == 0
    key(qtbot, screen, Qt.Key.Key_F8)
    assert screen.view is None and f"Order {second} was put aside" in screen.message.message()
    assert packing.open_sessions(UnitOfWork(demo_engine), STATION) == []


def test_the_screen_turns_red_by_itself_when_its_order_is_cancelled(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    """A supervisor cancels the order a packer has open: no scan, no key — the screen reads
    its order every second and blocks it in red, with the refusal sound."""
    (order_no,) = picked(demo_engine, supervisor_user, 1)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    assert screen.view is not None and screen.banner_kind is None
    with UnitOfWork(demo_engine).reading() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == order_no))
    assert order_id is not None
    orders_service.apply_action(
        UnitOfWork(demo_engine), supervisor_user.actor, [order_id], "cancel"
    )
    qtbot.waitUntil(lambda: screen.banner_kind == "blocked", timeout=WAIT)
    assert f"Order {order_no} was cancelled" in screen.banner_text()
    assert player.played[-1] == REFUSE
    assert QApplication.focusWidget() is screen.scan_edit  # the scanner still types here
    shot(screen, "cancelled_while_open")


def test_a_wrong_weight_is_refused_then_a_supervisor_accepts_it(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
) -> None:
    order_no = picked(demo_engine, supervisor_user, 1, kind="single-item")[0]
    screen = open_screen(qtbot, demo_engine, packer_user, player, hub)
    scan(qtbot, screen, order_no)
    scan(qtbot, screen, lines_of(demo_engine, order_no)[0][2])
    scan(qtbot, screen, "BOX-S")
    expected = screen.expected_g()
    assert expected is not None
    weigh_on_scale(qtbot, screen, hub, expected + 500)
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.verdict is not None and not screen.verdict.ok
    text = screen.banner_text()
    assert "Too heavy" in text and f"{expected:,} g expected" in text, text
    assert f"{expected + 500:,} g measured" in text
    assert player.played[-1] == REFUSE

    key(qtbot, screen, Qt.Key.Key_F10)  # refused: acknowledge first
    assert "Acknowledge first" in screen.message.message()
    key(qtbot, screen, Qt.Key.Key_Escape)
    key(qtbot, screen, Qt.Key.Key_F10)
    assert "the weight was refused" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)

    # F9: a packer's badge is not enough; the supervisor's is.
    key(qtbot, screen, Qt.Key.Key_F9)
    assert screen.step is PackStep.BADGE
    assert screen.scan_edit.echoMode() == screen.scan_edit.EchoMode.Password
    scan(qtbot, screen, "U-PACK01")
    assert "may not accept a refused weight" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)
    scan(qtbot, screen, "U-SUP01")
    assert screen.step is PackStep.REASON
    scan(qtbot, screen, "SKU weight in the catalogue is wrong")
    assert screen.step is PackStep.ITEMS
    assert f"Weight accepted by {supervisor_user.name}" in screen.message.message()
    parcel = screen.view.parcels[0] if screen.view else None
    assert parcel is not None and parcel.weight_overridden

    key(qtbot, screen, Qt.Key.Key_F10)  # no pool number: the print fails in words
    qtbot.waitUntil(lambda: screen.step is PackStep.WAYBILL and not screen.is_busy(), timeout=WAIT)
    assert status(demo_engine, order_no) == "packed"
    assert "could not be printed" in screen.banner_text() and "F10 tries again" in (
        screen.banner_text()
    )


def test_a_new_screen_on_the_station_reopens_the_order_as_it_was(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    orders = picked(demo_engine, supervisor_user, 6)
    chosen = next(o for o in orders if sum(q for _, q, _ in lines_of(demo_engine, o)) >= 2)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, chosen)
    scan(qtbot, screen, lines_of(demo_engine, chosen)[0][2])
    assert screen.view is not None
    before = [(line.sku, line.scanned) for line in screen.view.lines]
    assert sum(n for _, n in before) == 1
    screen.close()
    screen.deleteLater()

    again = open_screen(qtbot, demo_engine, packer_user, RecordingPlayer())
    assert again.view is not None and again.view.order_no == chosen
    assert [(line.sku, line.scanned) for line in again.view.lines] == before
    assert "reopened where it was: 1 /" in again.message.message()
    assert again.count_label.text().startswith("1 / ")


def test_no_scale_blocks_weighing_in_words(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
    no_scale_hub: Callable[[str], DeviceHub],
) -> None:
    order_no = picked(demo_engine, supervisor_user, 1, kind="single-item")[0]
    screen = open_screen(qtbot, demo_engine, packer_user, player, no_scale_hub("block"))
    assert not screen.has_scale() and screen.scale_required()
    assert "No scale at this station: packing is blocked" in screen.weight_state.text()
    scan(qtbot, screen, order_no)
    scan(qtbot, screen, lines_of(demo_engine, order_no)[0][2])
    key(qtbot, screen, Qt.Key.Key_F4)
    assert "No scale at this station, and packing needs one" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)
    key(qtbot, screen, Qt.Key.Key_F10)  # blocked: nothing is closed without a weight
    assert "not weighed yet" in screen.banner_text()
    assert status(demo_engine, order_no) == "packing"
    with UnitOfWork(demo_engine).reading() as s:
        assert (
            s.scalar(select(AuditEvent).where(AuditEvent.action == "pack weight not checked"))
            is None
        )


def test_the_screen_and_its_words_in_chinese(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    orders = picked(demo_engine, supervisor_user, 6)
    chosen = next(o for o in orders if sum(q for _, q, _ in lines_of(demo_engine, o)) >= 2)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: "打包台" in screen._title.text())  # LanguageChange is posted
    scan(qtbot, screen, chosen)
    scan(qtbot, screen, lines_of(demo_engine, chosen)[0][2])
    assert "已扫描" in screen.message.message(), screen.message.message()
    shot(screen, "in_progress_zh_CN")


def test_the_shipped_sounds_are_what_the_generator_writes(tmp_path: Path) -> None:
    write_default_sounds(tmp_path)
    for name in NAMES:
        shipped = SOUNDS_DIR / f"{name}.wav"
        assert shipped.read_bytes() == (tmp_path / f"{name}.wav").read_bytes(), name
        with wave.open(str(shipped)) as w:
            ms = w.getnframes() * 1000 // w.getframerate()
        assert {"accept": 60 <= ms <= 120, "refuse": 300 <= ms <= 500, "done": ms >= 300}[name]


def test_sounds_switched_off_play_nothing() -> None:
    player = RecordingPlayer()
    sounds = Sounds(player, enabled=False)
    sounds.play(ACCEPT)
    assert player.played == []
    sounds.enabled = True
    sounds.play(REFUSE)
    assert player.played == [REFUSE]


BULK_ORDER = "BULK-0001"


def bulk_order(engine: Engine, supervisor: UserInfo) -> str:
    """An order (picked) of 12 screws — a bulk SKU — and 2 cups, ahead of the demo's orders."""

    def uow() -> UnitOfWork:
        return UnitOfWork(engine)

    add_sku(uow, "SCREW-M4", name="螺丝 M4", weight_g=2, bulk=True)
    add_sku(uow, "CUP-T", name="测试杯", weight_g=300)
    receive(uow, "SCREW-M4", 100, lot="S1", location="A-09-01-01")
    receive(uow, "CUP-T", 10, lot="C1", location="A-09-01-02")
    add_order(uow, BULK_ORDER, [("SCREW-M4", 12), ("CUP-T", 2)], status="reviewed", priority=99)
    result = create_wave(uow(), supervisor.actor, max_orders=1)
    assert result.code is not None
    assert confirm_wave(uow(), supervisor.actor, result.code).orders == [BULK_ORDER]
    return BULK_ORDER


def test_a_bulk_line_is_packed_by_typing_its_quantity_and_one_scan(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    order_no = bulk_order(demo_engine, supervisor_user)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    assert screen.view is not None and screen.view.units_ordered == 14

    scan(qtbot, screen, "2")  # a typed quantity on a line scanned unit by unit: refused
    assert "Quantity 2: now scan the item" in screen.step_label.text()
    scan(qtbot, screen, "CUP-T")
    text = screen.banner_text()
    assert "is checked unit by unit — scan each item instead of typing a quantity" in text, text
    assert screen.view.units_scanned == 0 and player.played[-1] == REFUSE
    key(qtbot, screen, Qt.Key.Key_Escape)

    scan(qtbot, screen, "SCREW-M4")  # a bulk line without a quantity: refused
    assert "type the quantity (12 still needed)" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)

    scan(qtbot, screen, "12")
    scan(qtbot, screen, "SCREW-M4")
    assert screen.message.kind == "ok", screen.banner_text()
    assert "12 of 12 scanned — line complete" in screen.message.message()
    assert screen.view.units_scanned == 12 and screen.pack.pending_qty is None
    scan(qtbot, screen, "CUP-T")
    scan(qtbot, screen, "CUP-T")
    assert screen.view.units_scanned == 14 and screen.view.can_close == ()


def test_scanning_a_packaging_code_chooses_the_box_and_counts_its_tare(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    hub: DeviceHub,
    player: RecordingPlayer,
) -> None:
    order_no = picked(demo_engine, supervisor_user, 1, kind="single-item")[0]
    screen = open_screen(qtbot, demo_engine, packer_user, player, hub)
    scan(qtbot, screen, order_no)
    scan(qtbot, screen, lines_of(demo_engine, order_no)[0][2])
    contents = screen.expected_g()
    assert contents is not None
    assert "No box or bag yet: scan one (BOX-S, BOX-M, BAG-1)" in screen.expected_label.text()

    scan(qtbot, screen, "BOX-M")  # one of the station's packaging types: 中号纸箱, 120 g
    assert screen.message.kind == "ok", screen.banner_text()
    assert "goes into 中号纸箱 (BOX-M, 120 g)" in screen.message.message()
    assert screen.view is not None and screen.view.parcels[0].packaging == "中号纸箱"
    assert screen.expected_g() == contents + 120
    assert f"Expected {contents + 120:,}\xa0g" in screen.expected_label.text()  # one line

    weigh_on_scale(qtbot, screen, hub, contents + 120)
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.verdict is not None and screen.verdict.ok, screen.banner_text()
    assert screen.verdict.expected_g == contents + 120

    scan(qtbot, screen, "bag-1")  # another choice replaces it: weigh again
    assert screen.view.parcels[0].packaging == "快递袋" and screen.verdict is None
    assert screen.view.parcels[0].measured_g is None
    assert screen.expected_g() == contents + 15


def test_f7_then_a_scan_swaps_the_damaged_item_out(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    order_no = bulk_order(demo_engine, supervisor_user)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    key(qtbot, screen, Qt.Key.Key_F7)  # nothing scanned yet
    assert "Nothing to take out" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)
    scan(qtbot, screen, "CUP-T")
    assert screen.view is not None and screen.view.units_scanned == 1

    key(qtbot, screen, Qt.Key.Key_F7)
    assert screen.step is PackStep.DAMAGED
    assert "Damaged item: scan it" in screen.step_label.text()
    key(qtbot, screen, Qt.Key.Key_Escape)  # changed my mind
    assert screen.step is PackStep.ITEMS and screen.view.units_scanned == 1

    key(qtbot, screen, Qt.Key.Key_F7)
    scan(qtbot, screen, "CUP-T")
    assert screen.step is PackStep.ITEMS
    assert screen.message.kind == "ok", screen.banner_text()
    said = screen.message.message()
    assert "Damaged CUP-T (测试杯) taken out" in said, said
    assert "put a replacement in the parcel and scan it" in said
    assert screen.view.units_scanned == 0
    with UnitOfWork(demo_engine).reading() as s:
        swapped = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "pack damaged unit swapped out")
        ).all()
    assert [(a.entity_id, (a.after or {})["sku"]) for a in swapped] == [(order_no, "CUP-T")]

    scan(qtbot, screen, "CUP-T")  # the replacement
    key(qtbot, screen, Qt.Key.Key_F7)  # a damaged item of a line not in the parcel
    scan(qtbot, screen, "SCREW-M4")
    assert "No unit of SKU SCREW-M4 (螺丝 M4) is in the open parcel 1" in screen.banner_text()
    assert screen.step is PackStep.ITEMS
    key(qtbot, screen, Qt.Key.Key_Escape)
    scan(qtbot, screen, "CUP-T")
    assert [(line.sku, line.scanned) for line in screen.view.lines if line.sku == "CUP-T"] == [
        ("CUP-T", 2)
    ]


def test_no_scale_that_warns_closes_the_parcel_without_a_weight_check(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
    no_scale_hub: Callable[[str], DeviceHub],
) -> None:
    warn_hub = no_scale_hub("warn")
    order_no = picked(demo_engine, supervisor_user, 1, kind="single-item")[0]
    screen = open_screen(qtbot, demo_engine, packer_user, player, warn_hub)
    assert not screen.has_scale() and not screen.scale_required()
    assert "F4 records the parcel as not weighed" in screen.weight_state.text()
    scan(qtbot, screen, order_no)
    scan(qtbot, screen, lines_of(demo_engine, order_no)[0][2])
    key(qtbot, screen, Qt.Key.Key_F10)  # not weighed, not marked: refused
    assert "not weighed yet" in screen.banner_text()
    key(qtbot, screen, Qt.Key.Key_Escape)

    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.message.kind == "ok", screen.banner_text()
    assert "recorded as not weighed. F10 closes it without a weight check" in (
        screen.message.message()
    )
    assert screen.view is not None and screen.view.parcels[0].not_weighed
    assert "Not weighed: no scale at this station" in screen.expected_label.text()
    with UnitOfWork(demo_engine).reading() as s:
        warned = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "pack weight not checked")
        ).all()
    assert [(a.entity_id, (a.after or {})["warning"]) for a in warned] == [
        (order_no, "no scale at this station: parcel closed without a weight check")
    ]
    key(qtbot, screen, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=WAIT)
    assert status(demo_engine, order_no) == "packed"


def test_an_orders_insert_is_shown_and_confirmed_by_its_scan(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    order_no = bulk_order(demo_engine, supervisor_user)
    with UnitOfWork(demo_engine) as u:
        order = u.session.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        u.session.add(OrderInsert(order_id=order.id, code="FLYER-11", name="双十一传单"))
        u.commit()
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    assert screen.inserts_label.isVisible()
    assert "☐ 双十一传单" in screen.inserts_label.text()
    scan(qtbot, screen, "FLYER-11")
    assert "Insert 双十一传单 is in the parcel" in screen.message.message()
    assert "✔ 双十一传单" in screen.inserts_label.text()
    assert screen.view is not None and screen.view.inserts[0].confirmed


def test_an_insert_without_a_code_is_confirmed_with_one_key(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    order_no = bulk_order(demo_engine, supervisor_user)
    with UnitOfWork(demo_engine) as u:
        order = u.session.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        u.session.add(OrderInsert(order_id=order.id, code="CARD", name="感谢卡"))
        u.commit()
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F6)
    assert "Insert 感谢卡 is in the parcel" in screen.message.message()
    assert screen.view is not None and screen.view.inserts[0].confirmed
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F6)
    assert "No insert is waiting" in screen.message.message()


def test_the_wave_then_its_slot_opens_the_order_in_front_of_the_packer(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    orders = picked(demo_engine, supervisor_user, 4, kind="multi-item")
    with UnitOfWork(demo_engine).reading() as s:
        from app.db.models import Wave, WaveOrder

        wave, slot, order_no = s.execute(
            select(Wave.code, WaveOrder.slot, Order.order_no)
            .join(WaveOrder, WaveOrder.wave_id == Wave.id)
            .join(Order, Order.id == WaveOrder.order_id)
            .where(Order.order_no == orders[-1])
        ).one()
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, wave)
    assert "scan or type the slot number" in screen.message.message()
    scan(qtbot, screen, str(slot))
    assert screen.view is not None and screen.view.order_no == order_no
    # A slot the wave does not have is refused in words, and nothing opens.
    key(qtbot, screen, Qt.Key.Key_F8)
    assert screen.view is None
    scan(qtbot, screen, wave)
    scan(qtbot, screen, "99")
    assert f"Wave {wave} has no slot 99; its slots are 1 to 4" in screen.banner_text()
    assert screen.view is None


def test_a_code_left_in_the_field_never_joins_the_next_quantity(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    player: RecordingPlayer,
) -> None:
    order_no = bulk_order(demo_engine, supervisor_user)
    screen = open_screen(qtbot, demo_engine, packer_user, player)
    scan(qtbot, screen, order_no)
    screen._stale.setInterval(50)  # a pause of seconds on the floor
    qtbot.keyClicks(screen.scan_edit, "690123")  # a torn code, never entered
    qtbot.waitUntil(lambda: screen.scan_edit.selectedText() == "690123")
    scan(qtbot, screen, "12")  # the packer types a quantity: it replaces the stale code
    assert screen.pack.pending_qty == 12, screen.banner_text()
    assert "Quantity 12: now scan the item" in screen.step_label.text()
