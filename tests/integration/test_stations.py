"""The scan stations without Qt (no QApplication): typed scans and named keys in, outcomes out,
on a real migrated SQLite database.  What the screens show is what these outcomes say."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from app import bootstrap
from app.bootstrap import PrintingRenderer
from app.db.models import Order, Parcel
from app.devices import DeviceSlot, StationDevices
from app.domain.scans import Scan, classify
from app.domain.users import Actor, Role
from app.services import orders, packing, shipping
from app.services.picking import confirm_wave
from app.services.users import UserInfo
from app.services.waves import create_wave
from app.stations.base import Level, Outcome, ScanStation, Sound
from app.stations.bind import BindKey, BindStation, BindStep
from app.stations.pack import PackKey, PackStation, PackStep, packaging_types
from app.stations.pick import PickKey, PickStation, PickStep
from tests.factories import UowFactory, add_order, add_sku, receive, status_of

CUP, LAMP = "6901234567892", "036000291452"
SF = "SF1234567890123"
PACKAGING = [
    {"code": "BOX-S", "name": "小号纸箱", "tare_g": 60},
    {"code": "BAG-1", "name": "快递袋", "tare_g": 15},
]
CJK = re.compile(r"[\u3400-\u9fff]")


def test_a_station_runs_without_qt() -> None:
    import app.stations.bind
    import app.stations.pack
    import app.stations.pick  # noqa: F401

    assert "PySide6.QtWidgets" not in sys.modules or not any(
        m.startswith("app.stations") and "Qt" in m for m in sys.modules
    )
    for name in ("app.stations.base", "app.stations.pack", "app.stations.pick"):
        source = sys.modules[name].__file__
        assert source is not None
        with open(source, encoding="utf-8") as f:
            assert "PySide6" not in f.read()


@dataclass
class Reading:
    grams: float
    stable: bool = True
    overload: bool = False


@dataclass
class LabelPrinter:
    name: str = "label printer"
    language: str = "zpl"


@dataclass
class RecordingHub:
    """The pack station's device hub: label jobs recorded instead of sent."""

    devices: StationDevices = field(default_factory=StationDevices)
    labels: list[tuple[bytes, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.devices.label_printer = LabelPrinter()  # type: ignore[assignment]
        self.devices.label_printer_slot = DeviceSlot("tcp", "printer:9100")
        self.devices.scale = object()  # type: ignore[assignment]
        self.devices.scale_required = True

    def queue_label(self, actor: Actor, payload: bytes, description: str) -> int | None:
        self.labels.append((payload, description))
        return len(self.labels)


def code(text: str) -> Scan:
    return classify(text, source="test")


D = TypeVar("D")


def run_work(station: ScanStation[D, Any], outcome: Outcome[D]) -> Outcome[D]:
    """What the screen's worker does: run the slow work, hand the result back."""
    work = outcome.work
    assert work is not None
    try:
        result, error = work.run(lambda done, total: None), None
    except Exception as exc:
        result, error = None, exc
    return station.finish(work, result, error)


@pytest.fixture
def picked(uow: UowFactory, supervisor: Actor) -> None:
    """TB001: 2 cups; TB002: a lamp and a cup — picked, carrier SF, an SF pool of 2 numbers."""
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "LAMP", name="台灯", barcodes=[LAMP], weight_g=800)
    receive(uow, "CUP", 10, lot="C1")
    receive(uow, "LAMP", 2, lot="L1", location="B-01-01-01")
    add_order(uow, "TB001", [("CUP", 2)], status="reviewed", carrier="SF")
    add_order(uow, "TB002", [("LAMP", 1), ("CUP", 1)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)


@pytest.fixture
def packer_user() -> UserInfo:
    return UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01")


def pack_station(
    uow: UowFactory, user: UserInfo, hub: RecordingHub | None = None, *, ship_at_pack: bool = False
) -> PackStation:
    station = PackStation(
        uow,
        user,
        PrintingRenderer(),
        station="PACK-T1",
        packaging=packaging_types(PACKAGING),
        ship_at_pack=ship_at_pack,
    )
    station.set_devices(hub, None)
    return station


@pytest.mark.usefixtures("picked")
@pytest.mark.parametrize("ship_at_pack", [False, True], ids=["handover", "ship-at-pack"])
def test_pack_an_order_to_shipped_by_scans_and_keys(
    uow: UowFactory, packer_user: UserInfo, tmp_path: object, ship_at_pack: bool
) -> None:
    hub = RecordingHub()
    pack = pack_station(uow, packer_user, hub, ship_at_pack=ship_at_pack)
    opened = pack.typed("TB001")
    assert (opened.level, opened.sound) == (Level.OK, Sound.ACCEPT)
    assert opened.message is not None and opened.message.name == "station.order_open"
    assert opened.show.step is PackStep.ITEMS and opened.show.view.order_no == "TB001"

    first = pack.scan(code(CUP))
    assert first.level is Level.OK and first.message is not None
    assert first.message.name == "pack.scanned" and first.show.view.units_scanned == 1
    done = pack.scan(code(CUP))
    assert done.message is not None and done.message.name == "pack.all_scanned"

    # Weighing asks for the box or bag first; a typed code chooses it, exactly as a scanned one.
    pack.weight_reading(Reading(600.0))
    asked = pack.key(PackKey.WEIGH)
    assert asked.refused and asked.sticky and asked.sound is Sound.REFUSE
    assert asked.message is not None and asked.message.name == "pack.no_packaging"
    assert pack.scan(code("BAG-1")).message.name == "station.acknowledge_first"  # type: ignore[union-attr]
    assert pack.scan(code("CLEAR")).level is None  # acknowledged
    chosen = pack.typed("bag-1")
    assert chosen.message is not None and chosen.message.name == "station.packaging_chosen"
    assert chosen.show.expected_g == 615
    pack.weight_reading(Reading(615.0))
    weighed = pack.key(PackKey.WEIGH)
    assert weighed.level is Level.OK and weighed.show.verdict.ok

    # Close: the waybill is printed off the GUI thread (the outcome asks for it).
    shipping_pool(uow)
    closing = pack.key(PackKey.CLOSE)
    assert closing.show.step is PackStep.PRINTING and closing.work is not None
    assert status_of(uow, "TB001")[0] == "packed"
    printed = run_work(pack, closing)
    assert printed.message is not None and printed.message.name == "station.both"
    assert printed.show.step is PackStep.WAYBILL and len(hub.labels) == 1
    assert hub.labels[0][0].startswith(b"^XA")  # ZPL for the label printer
    number = parcel_number(uow, "TB001")

    wrong = pack.typed("SF1234567890124")
    assert wrong.refused and wrong.message is not None
    assert wrong.message.name == "pack.label_wrong"
    pack.escape()
    shipped = pack.typed(number)
    assert (shipped.level, shipped.sound) == (Level.OK, Sound.DONE)
    assert shipped.show.view is None and shipped.show.step is PackStep.ORDER
    assert shipped.show.today is not None and shipped.show.today.orders == 1
    assert shipped.message is not None
    if ship_at_pack:  # a warehouse without a handover step: shipped at the pack station
        assert shipped.message.name == "station.shipped"
        assert status_of(uow, "TB001")[0] == "shipped"
    else:  # packed and labelled: the courier's handover ships it
        assert shipped.message.name == "station.packed_for_handover"
        assert status_of(uow, "TB001")[0] == "packed"
        again = pack.typed("TB001")
        assert again.refused and again.message is not None
        assert again.message.name == "pack.waits_for_handover"


@pytest.mark.usefixtures("picked")
def test_a_missing_unit_is_a_short_not_an_invitation_to_split(
    uow: UowFactory, packer_user: UserInfo
) -> None:
    pack = pack_station(uow, packer_user, RecordingHub())
    pack.typed("TB002")
    pack.scan(code(LAMP))
    refused = pack.key(PackKey.CLOSE)
    assert refused.refused and refused.message is not None
    assert refused.message.name == "station.missing_is_a_short"
    english = str(refused.message)
    assert "put the order aside (F8) and tell a supervisor" in english
    assert "Shift+F10" not in english and "several" not in english
    pack.escape()
    # Splitting is a deliberate act: Shift+F10 closes one parcel of several (once weighed).
    pack.typed("BOX-S")
    pack.weight_reading(Reading(860.0))
    assert pack.key(PackKey.WEIGH).level is Level.OK
    part = pack.key(PackKey.CLOSE_PART)
    assert part.show.view.open_parcel == 2 and part.show.view.awaiting_waybill == 1


@pytest.mark.usefixtures("picked")
def test_a_typed_quantity_a_refusal_that_stays_and_a_blocked_order(
    uow: UowFactory, packer_user: UserInfo
) -> None:
    pack = pack_station(uow, packer_user)
    pack.typed("TB001")
    said = pack.typed("2")
    assert said.level is Level.INFO and said.show.pending_qty == 2
    refused = pack.scan(code(CUP))  # a unit-by-unit line: a typed quantity is refused
    assert refused.sticky and refused.message is not None
    assert refused.message.name == "pack.scan_each_unit"
    nag = pack.scan(code(CUP))
    assert nag.message is not None and nag.message.name == "station.acknowledge_first"
    assert nag.show.view.units_scanned == 0  # nothing counted while the refusal waits
    assert pack.key(PackKey.UNDO).message.name == "station.acknowledge_first"  # type: ignore[union-attr]
    pack.escape()
    assert pack.scan(code(CUP)).show.view.units_scanned == 1

    # Cancelled while open: the next scan is refused as blocked; F8 still puts it aside.
    with uow() as u:
        order = u.session.scalar(select(Order).where(Order.order_no == "TB001"))
        assert order is not None
        order.status = "cancelled"
        u.commit()
    blocked = pack.scan(code(CUP))
    assert blocked.level is Level.BLOCKED and blocked.sticky
    assert blocked.message is not None and blocked.message.name == "pack.cancelled"
    aside = pack.key(PackKey.PUT_ASIDE)
    assert aside.level is Level.OK and aside.show.view is None


@pytest.mark.usefixtures("picked")
def test_a_supervisor_accepts_a_refused_weight_with_badge_and_reason(
    uow: UowFactory, packer_user: UserInfo, admin: Actor
) -> None:
    from app.services.users import add_user

    add_user(uow(), admin, "wangfang", Role.SUPERVISOR, "2222", badge_code="U-SUP01")
    pack = pack_station(uow, packer_user, RecordingHub())
    pack.typed("TB001")
    pack.scan(code(CUP))
    pack.scan(code(CUP))
    pack.typed("BOX-S")
    pack.weight_reading(Reading(1200.0))
    heavy = pack.key(PackKey.WEIGH)
    assert heavy.refused and heavy.message is not None
    assert heavy.message.name == "station.weighed_refused"
    pack.escape()
    assert pack.key(PackKey.OVERRIDE).show.step is PackStep.BADGE
    assert pack.display().secret  # the scan field hides the badge
    reason = pack.scan(code("U-SUP01"))
    assert reason.show.step is PackStep.REASON and pack.expects_text()
    accepted = pack.typed("the SKU's weight is wrong in the catalogue")
    assert accepted.message is not None and accepted.message.name == "station.weight_accepted"
    assert accepted.show.step is PackStep.ITEMS and accepted.show.open_parcel.weight_overridden


@pytest.mark.usefixtures("picked")
def test_pick_a_wave_by_scans_with_a_short(uow: UowFactory, supervisor: Actor) -> None:
    add_order(uow, "TB009", [("CUP", 3)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor)
    assert wave.code is not None
    pick = PickStation(uow, UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01"))
    started = pick.scan(code(wave.code))
    assert started.show.step is PickStep.LOCATION and started.show.task is not None
    task = started.show.task
    wrong = pick.scan(code("Z-99-99-99"))
    assert wrong.refused and not wrong.sticky  # the pick station goes on with the next scan
    assert wrong.message is not None and wrong.message.name == "pick.wrong_location"
    assert pick.scan(code(task.location)).show.step is PickStep.ITEM
    one = pick.scan(code(CUP))
    assert one.show.step is PickStep.QUANTITY
    assert pick.key(PickKey.SHORT).show.short_open
    assert pick.scan(code(CUP)).message.name == "station.finish_short_first"  # type: ignore[union-attr]
    shorted = pick.short("damaged: box crushed")
    assert shorted.message is not None and shorted.message.name in ("station.both",)
    assert not shorted.show.short_open


@pytest.mark.usefixtures("picked")
def test_bind_an_order_then_its_number(uow: UowFactory, supervisor: Actor) -> None:
    add_order(uow, "TB020", [("CUP", 1)], status="reviewed", carrier="SF")
    packer = BindStation(uow, UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01"))
    assert packer.typed("TB020").show.step is BindStep.TRACKING
    bound = packer.typed(SF)
    assert bound.level is Level.OK and bound.message is not None
    assert bound.message.name == "station.bound" and packer.bound == "TB020"
    packer.typed("TB020")
    assert packer.key(BindKey.REBIND).message.name == "station.rebind_is_supervisors"  # type: ignore[union-attr]
    again = packer.typed("SF1234567890124")  # a second number for a bound parcel: refused
    assert again.refused
    assert "F6" in str(again.message)


def test_station_sentences_read_in_chinese(uow: UowFactory, packer_user: UserInfo) -> None:
    """What a packer reads at an idle station, in zh_CN: every word Chinese."""
    zh = bootstrap.message_translator("zh_CN")
    assert zh is not None
    pack = pack_station(uow, packer_user)
    for outcome in (
        pack.key(PackKey.WEIGH),
        pack.scan(code("CLEAR")),
        pack.typed("NOPE-404"),
        pack.escape(),
        pack.typed("\x07"),
    ):
        if outcome.message is not None:
            text = outcome.message.render(zh)
            assert CJK.search(text), text
            assert not re.search(r"\b(the|scan|order|refused)\b", text), text


def shipping_pool(uow: UowFactory) -> None:
    """Two SF pool numbers for the waybills."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sf.txt"
        path.write_text("SF1234567890123\nSF1234567890124\n", encoding="utf-8")
        shipping.import_pool(uow(), Actor("wangfang", Role.SUPERVISOR), "SF", path)


def parcel_number(uow: UowFactory, order_no: str) -> str:
    with uow().reading() as s:
        number = s.scalar(
            select(Parcel.tracking_no)
            .join(Order, Order.id == Parcel.order_id)
            .where(Order.order_no == order_no)
        )
    assert number is not None
    return str(number)


def watched(station: PackStation) -> Outcome[object] | None:
    """What the screen's watch timer does: the station's watch work, run and handed back."""
    work = station.watch()
    if work is None:
        return None
    return station.finish(work, work.run(lambda done, total: None), None)  # type: ignore[arg-type]


@pytest.mark.usefixtures("picked")
def test_the_station_sees_its_open_order_cancelled_without_a_scan(
    uow: UowFactory, packer_user: UserInfo, supervisor: Actor
) -> None:
    pack = pack_station(uow, packer_user)
    pack.typed("TB001")
    pack.scan(code(CUP))
    calm = watched(pack)
    assert calm is not None and calm.level is None  # nothing changed: nothing said
    with uow().reading() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == "TB001"))
    assert order_id is not None
    orders.apply_action(uow(), supervisor, [order_id], "cancel")
    stopped = watched(pack)
    assert stopped is not None and stopped.level is Level.BLOCKED and stopped.sticky
    assert stopped.message is not None and stopped.message.name == "pack.cancelled"
    assert stopped.show.view.blocked is not None  # the display turns red with it
    assert watched(pack) is None  # said once: a blocked order is not watched again
    nag = pack.scan(code(CUP))
    assert nag.message is not None and nag.message.name == "station.acknowledge_first"


@pytest.mark.usefixtures("picked")
def test_the_station_sees_a_supervisor_take_its_order_away(
    uow: UowFactory, packer_user: UserInfo, supervisor: Actor
) -> None:
    pack = pack_station(uow, packer_user)
    pack.typed("TB002")
    pack.scan(code(LAMP))
    packing.release_claim(uow(), supervisor, "TB002", "PACK-T9", force=True, reason="broken")
    stopped = watched(pack)
    assert stopped is not None and stopped.level is Level.BLOCKED
    assert stopped.message is not None and stopped.message.name == "pack.not_open_here"


@pytest.mark.usefixtures("picked")
def test_the_watch_leaves_a_packed_order_waiting_for_its_waybill_alone(
    uow: UowFactory, packer_user: UserInfo
) -> None:
    hub = RecordingHub()
    pack = pack_station(uow, packer_user, hub)
    pack.typed("TB001")
    pack.scan(code(CUP))
    pack.scan(code(CUP))
    pack.typed("bag-1")
    pack.weight_reading(Reading(615.0))
    assert pack.key(PackKey.WEIGH).level is Level.OK
    shipping_pool(uow)
    printed = run_work(pack, pack.key(PackKey.CLOSE))
    assert printed.show.step is PackStep.WAYBILL
    assert pack.view is not None and pack.view.status == "packed"
    calm = watched(pack)
    assert calm is not None and calm.level is None  # waiting for the label scan: no alarm
    pack.typed(parcel_number(uow, "TB001"))  # the label checked: the order waits for handover
    assert watched(pack) is None  # done here: nothing to watch
