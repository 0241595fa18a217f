"""Handover to the carrier on a real migrated SQLite database: a courier's pickup scanned into a
batch, each scan checked (known, not intercepted, not handed over before, packed with its label
checked, this carrier), the batch closed with the count, the orders handed over whole shipped,
and the parcels still waiting listed oldest first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.bootstrap import PrintingRenderer
from app.db.models import AuditEvent, HandoverScan
from app.db.uow import UnitOfWork
from app.domain.carriers import UnknownCarrier
from app.domain.users import Actor, Role
from app.services import handover
from app.services.handover import HandoverRefused
from app.services.users import UserInfo
from app.stations.base import Level, Sound
from app.stations.handover import HandoverKey, HandoverStation, HandoverStep
from tests.factories import UowFactory, status_of
from tests.handover_dock import T0, ZTO_NO, build_dock, sf
from tests.integration.test_cli import run
from tests.integration.test_packing_service import set_status
from tests.integration.test_stations import run_work


@pytest.fixture
def dock(uow: UowFactory, supervisor: Actor, packer: Actor) -> None:
    build_dock(uow, supervisor, packer)


def scans(uow: UowFactory) -> int:
    with uow().reading() as s:
        return int(s.scalar(select(func.count(HandoverScan.id))) or 0)


def actions(uow: UowFactory, action: str) -> list[AuditEvent]:
    with uow().reading() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.usefixtures("dock")
def test_a_pickup_ships_the_orders_handed_over_whole(uow: UowFactory, packer: Actor) -> None:
    batch = handover.start(uow(), packer, "顺丰", now=T0)
    assert (batch.code, batch.carrier, batch.count, batch.closed_at) == ("HO000001", "SF", 0, None)
    first = handover.scan(uow(), packer, batch.code, f" {sf(1).lower()} ", now=T0)
    assert (first.order_no, first.parcel_no, first.count) == ("TB001", 1, 1)
    assert str(first.message) == f"✔ {sf(1)} (order TB001) — 1 in batch HO000001"
    assert handover.scan(uow(), packer, batch.id, sf(2), now=T0).count == 2
    # one of TB004's two parcels: TB004 stays packed until the other is handed over
    assert handover.scan(uow(), packer, "ho000001", sf(41), now=T0).count == 3
    closed = handover.close(uow(), packer, batch.code, counted=3, now=T0 + dt.timedelta(hours=1))
    assert closed.shipped == ("TB001", "TB002")
    assert str(closed.message) == (
        "Batch HO000001 closed: 3 parcel(s) handed over to SF, 2 order(s) shipped."
    )
    m = closed.manifest
    assert (m.batch, m.carrier, m.carrier_name_zh, m.count, m.closed_by) == (
        "HO000001",
        "SF",
        "顺丰速运",
        3,
        packer.name,
    )
    assert [(p.tracking_no, p.order_no) for p in m.parcels] == [
        (sf(1), "TB001"),
        (sf(2), "TB002"),
        (sf(41), "TB004"),
    ]
    assert [status_of(uow, o)[0] for o in ("TB001", "TB002", "TB004")] == [
        "shipped",
        "shipped",
        "packed",
    ]
    assert [a.after for a in actions(uow, "order.shipped")] == [
        {"status": "shipped", "handover": "HO000001"},
        {"status": "shipped", "handover": "HO000001"},
    ]
    assert handover.batch_info(uow(), packer, batch.code).count == 3

    later = handover.start(uow(), packer, "SF", now=T0)
    assert later.code == "HO000002"
    handover.scan(uow(), packer, later.code, sf(42), now=T0)
    assert handover.close(uow(), packer, later.code, now=T0).shipped == ("TB004",)
    assert status_of(uow, "TB004")[0] == "shipped"


@pytest.mark.usefixtures("dock")
@pytest.mark.parametrize(
    ("number", "prepare", "said", "intercept"),
    [
        ("SF9999999999999", None, "tracking number SF9999999999999 belongs to no parcel", False),
        (
            sf(2),
            ("TB002", "cancelled"),
            f"intercept: cancelled — take the parcel out (order TB002, {sf(2)})",
            True,
        ),
        (
            sf(2),
            ("TB002", "on_hold"),
            f"intercept: on hold — take the parcel out (order TB002, {sf(2)})",
            True,
        ),
        (ZTO_NO, None, f"parcel {ZTO_NO} goes with ZTO, this batch is SF — put it aside", False),
        (
            sf(6),
            None,
            f"order TB006 is picked, not packed — the parcel {sf(6)} cannot be handed over",
            False,
        ),
        (
            sf(5),
            None,
            "the waybill of parcel 1 of order TB005 was not scanned at the pack station",
            False,
        ),
    ],
    ids=["unknown", "cancelled", "on-hold", "other-carrier", "not-packed", "label-not-checked"],
)
def test_each_refused_scan_says_why_and_changes_nothing(
    uow: UowFactory,
    packer: Actor,
    number: str,
    prepare: tuple[str, str] | None,
    said: str,
    intercept: bool,
) -> None:
    batch = handover.start(uow(), packer, "SF", now=T0)
    handover.scan(uow(), packer, batch.code, sf(1), now=T0)
    if prepare:
        set_status(uow, *prepare)
    with pytest.raises(HandoverRefused) as refused:
        handover.scan(uow(), packer, batch.code, number, now=T0)
    assert said in str(refused.value.message)
    assert refused.value.intercept is intercept
    assert scans(uow) == 1
    assert handover.batch_info(uow(), packer, batch.code).count == 1
    [audited] = actions(uow, "handover scan refused")
    assert audited.entity_id == "HO000001" and audited.after is not None
    assert audited.after["why"]["text"] == str(refused.value.message)


@pytest.mark.usefixtures("dock")
def test_a_parcel_is_handed_over_once(uow: UowFactory, packer: Actor) -> None:
    batch = handover.start(uow(), packer, "SF", now=T0)
    other = handover.start(uow(), packer, "SF", now=T0)
    handover.scan(uow(), packer, batch.code, sf(1), now=dt.datetime(2026, 11, 20, 15, 30))
    with pytest.raises(
        HandoverRefused, match=r"already scanned into batch HO000001 \(at 2026-11-20 15:30\)"
    ):
        handover.scan(uow(), packer, batch.code, sf(1), now=T0)
    with pytest.raises(HandoverRefused, match="already scanned into batch HO000001"):
        handover.scan(uow(), packer, other.code, sf(1), now=T0)
    handover.close(uow(), packer, batch.code, now=dt.datetime(2026, 11, 20, 16, 5))
    with pytest.raises(
        HandoverRefused,
        match=f"parcel {sf(1)} was handed over already in batch HO000001 at 2026-11-20 16:05",
    ):
        handover.scan(uow(), packer, other.code, sf(1), now=T0)
    with pytest.raises(HandoverRefused, match="HO000001 was closed at 2026-11-20 16:05"):
        handover.scan(uow(), packer, batch.code, sf(2), now=T0)
    with pytest.raises(HandoverRefused, match="HO000001 was closed"):
        handover.close(uow(), packer, batch.code, now=T0)
    assert scans(uow) == 1


@pytest.mark.usefixtures("dock")
def test_closing_checks_the_count(uow: UowFactory, packer: Actor) -> None:
    batch = handover.start(uow(), packer, "SF", now=T0)
    with pytest.raises(HandoverRefused, match="HO000001 has no parcel yet"):
        handover.close(uow(), packer, batch.code, now=T0)
    handover.scan(uow(), packer, batch.code, sf(1), now=T0)
    handover.scan(uow(), packer, batch.code, sf(2), now=T0)
    with pytest.raises(
        HandoverRefused, match=r"has 2 parcel\(s\) scanned, the courier counted 3 — count again"
    ):
        handover.close(uow(), packer, batch.code, counted=3, now=T0)
    assert handover.batch_info(uow(), packer, batch.code).closed_at is None
    assert status_of(uow, "TB001")[0] == "packed"
    assert handover.close(uow(), packer, batch.code, counted=2, now=T0).manifest.count == 2


@pytest.mark.usefixtures("dock")
def test_unknown_carrier_and_batch_are_refused_in_words(uow: UowFactory, packer: Actor) -> None:
    with pytest.raises(UnknownCarrier, match="NOPE"):
        handover.start(uow(), packer, "NOPE", now=T0)
    with pytest.raises(Exception, match="there is no handover batch HO000042"):
        handover.scan(uow(), packer, "HO000042", sf(1), now=T0)


@pytest.mark.usefixtures("dock")
def test_pending_lists_packed_parcels_oldest_first_with_overdue(
    uow: UowFactory, packer: Actor
) -> None:
    later = T0 + dt.timedelta(hours=30)
    rows = handover.pending(uow(), packer, now=later)
    assert [(p.order_no, p.parcel_no, p.tracking_no, p.age) for p in rows] == [
        ("TB004", 1, sf(41), dt.timedelta(hours=30)),
        ("TB004", 2, sf(42), dt.timedelta(hours=30)),
        ("TB005", 1, sf(5), dt.timedelta(hours=30)),
        ("TB002", 1, sf(2), dt.timedelta(hours=29)),
        ("TB003", 1, ZTO_NO, dt.timedelta(hours=28)),
        ("TB001", 1, sf(1), dt.timedelta(hours=27)),
    ]
    assert rows[4].to_json()["age_hours"] == 28.0 and rows[4].carrier == "ZTO"
    # TB005's label was never scanned at the pack station: listed, and said so
    assert [p.label_checked for p in rows] == [True, True, False, True, True, True]
    # the threshold: over 28 hours is overdue
    soon = handover.pending(uow(), packer, now=later, overdue_after=dt.timedelta(hours=28))
    assert [p.overdue for p in soon] == [True, True, True, True, False, False]
    batch = handover.start(uow(), packer, "SF", now=T0)
    handover.scan(uow(), packer, batch.code, sf(41), now=T0)
    # scanned but not closed: still at the dock
    assert len(handover.pending(uow(), packer, now=later)) == 6
    handover.close(uow(), packer, batch.code, now=T0)
    assert handover.pending(uow(), packer, now=later)[0].tracking_no == sf(42)


# --- the command line and the manifest -----------------------------------------------------------


def decoded_pages(path: Path) -> list[list[str]]:
    """Every barcode a real decoder (ZXing) reads on each page of the PDF at 300 dpi."""
    import pypdfium2
    import zxingcpp

    pages: list[list[str]] = []
    for page in pypdfium2.PdfDocument(str(path)):
        image = page.render(scale=300 / 72).to_pil()
        pages.append([r.text for r in zxingcpp.read_barcodes(image)])
    return pages


def pdf_text(path: Path) -> str:
    import pypdfium2

    return "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(str(path)))


@pytest.mark.usefixtures("dock")
def test_the_command_line_hands_a_pickup_over(
    capsys: pytest.CaptureFixture[str], db_url: str, uow: UowFactory, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", db_url, "handover", "start", "SF", "--json")
    assert code == 0 and json.loads(out) == {"batch": 1, "code": "HO000001", "carrier": "SF"}
    code, out, _ = run(capsys, "--db", db_url, "handover", "scan", "HO000001", sf(1))
    assert code == 0 and out.strip() == f"✔ {sf(1)} (order TB001) — 1 in batch HO000001"
    code, out, _ = run(capsys, "--db", db_url, "handover", "scan", "1", sf(2), "--json")
    assert code == 0 and json.loads(out)["count"] == 2
    set_status(uow, "TB004", "cancelled")
    code, out, err = run(capsys, "--db", db_url, "handover", "scan", "HO000001", sf(41))
    assert code == 1 and out == ""
    assert err.strip() == (
        f"packdesk: intercept: cancelled — take the parcel out (order TB004, {sf(41)})"
    )
    code, out, err = run(capsys, "--db", db_url, "handover", "scan", "HO000001", ZTO_NO)
    assert code == 1 and "goes with ZTO, this batch is SF" in err

    code, out, _ = run(capsys, "--db", db_url, "handover", "pending", "--json")
    pending = json.loads(out)
    assert code == 0 and [p["order_no"] for p in pending] == ["TB005", "TB002", "TB003", "TB001"]
    assert pending[0]["label_checked"] is False and set(pending[0]) >= {"age_hours", "overdue"}

    pdf = tmp_path / "交接单.pdf"
    code, out, err = run(
        capsys, "--db", db_url, "handover", "close", "HO000001", "--count", "3", "--pdf", str(pdf)
    )
    assert code == 1 and "the courier counted 3" in err and not pdf.exists()
    code, out, _ = run(
        capsys, "--db", db_url, "handover", "close", "HO000001", "--pdf", str(pdf), "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "batch": "HO000001",
        "carrier": "SF",
        "count": 2,
        "shipped": ["TB001", "TB002"],
        "pdf": str(pdf),
    }
    assert [status_of(uow, o)[0] for o in ("TB001", "TB002")] == ["shipped", "shipped"]
    # the manifest: one page; every tracking number's barcode reads back, and the batch's
    [page] = decoded_pages(pdf)
    assert sorted(page) == sorted(["HO000001", sf(1), sf(2)])
    text = pdf_text(pdf)
    for words in ("交接单", "顺丰速运", "HO000001", "TB001", "TB002", "仓库交接人", "快递揽收人"):
        assert words in text, words
    code, _, err = run(capsys, "--db", db_url, "handover", "scan", "HO000001", sf(5))
    assert code == 1 and "HO000001 was closed at" in err


# --- the handover station, without Qt ------------------------------------------------------------


@pytest.mark.usefixtures("dock")
def test_the_station_scans_a_pickup_and_saves_its_manifest(uow: UowFactory, tmp_path: Path) -> None:
    user = UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01")
    station = HandoverStation(uow, user, PrintingRenderer(), tmp_path / "manifests")
    early = station.typed(sf(1))
    assert early.refused and early.message is not None
    assert early.message.name == "handover.scan_carrier_first"
    started = station.typed("sf")
    assert (started.level, started.sound) == (Level.OK, Sound.ACCEPT)
    assert started.show.step is HandoverStep.PARCELS and started.show.batch == "HO000001"
    assert [p.tracking_no for p in started.show.pending][:2] == [sf(41), sf(42)]
    assert len(started.show.pending) == 6 and started.show.overdue == 6

    first = station.typed(sf(1))
    assert (first.level, first.show.count) == (Level.OK, 1)
    wrong = station.typed(ZTO_NO)
    assert wrong.refused and not wrong.sticky and wrong.show.count == 1
    set_status(uow, "TB002", "cancelled")
    stop = station.typed(sf(2))
    assert (stop.level, stop.sound, stop.sticky) == (Level.BLOCKED, Sound.REFUSE, True)
    assert str(stop.message).startswith("intercept: cancelled — take the parcel out")
    # the intercept stays until acknowledged: the next scan changes nothing
    nag = station.typed(sf(41))
    assert nag.message is not None and nag.message.name == "station.acknowledge_first"
    assert nag.show.count == 1
    assert station.escape().show.refusal is None
    assert station.typed(sf(41)).show.count == 2
    assert [s.tracking_no for s in station.display().recent] == [sf(41), sf(1)]

    # Esc leaves the batch open; its code takes it up again
    left = station.escape()
    assert left.message is not None and left.message.name == "handover.left_open"
    assert left.show.step is HandoverStep.CARRIER
    resumed = station.typed("HO000001")
    assert resumed.show.count == 2 and resumed.show.step is HandoverStep.PARCELS

    closing = station.key(HandoverKey.CLOSE)
    assert closing.show.step is HandoverStep.SAVING and closing.work is not None
    assert str(closing.message).startswith("Batch HO000001 closed: 2 parcel(s)")
    assert status_of(uow, "TB001")[0] == "shipped"
    assert station.typed(sf(42)).message.name == "handover.saving_wait"  # type: ignore[union-attr]
    saved = run_work(station, closing)
    assert (saved.level, saved.sound) == (Level.OK, Sound.DONE)
    pdf = tmp_path / "manifests" / "HO000001.pdf"
    assert saved.show.manifest == pdf and saved.show.step is HandoverStep.CARRIER
    assert f"Manifest saved: {pdf}" in str(saved.message)
    [page] = decoded_pages(pdf)
    assert sorted(page) == sorted(["HO000001", sf(1), sf(41)])
    closed = station.typed("HO000001")
    assert closed.refused and "was closed at" in str(closed.message)
    nothing = station.key(HandoverKey.CLOSE)
    assert nothing.message is not None and nothing.message.name == "handover.no_open_batch"
    pdf.unlink()
    again = run_work(station, station.key(HandoverKey.SAVE_AGAIN))
    assert again.level is Level.OK and pdf.exists()


@pytest.mark.usefixtures("dock")
def test_a_manifest_that_cannot_be_saved_is_said_and_the_batch_stays_closed(
    uow: UowFactory, tmp_path: Path
) -> None:
    user = UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01")
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    station = HandoverStation(uow, user, PrintingRenderer(), blocked)
    station.typed("SF")
    station.typed(sf(1))
    failed = run_work(station, station.key(HandoverKey.CLOSE))
    assert failed.refused and "The manifest was not saved" in str(failed.message)
    assert "F11 saves it again" in str(failed.message)
    assert status_of(uow, "TB001")[0] == "shipped"


# --- PostgreSQL: two docks at once -------------------------------------------------------------


@pytest.mark.pg
def test_two_docks_scanning_one_parcel_at_once_on_postgresql(pg_engine: Engine) -> None:
    """The unique parcel decides the race: one batch gets it, the other dock hears which."""
    import threading

    def factory() -> UnitOfWork:
        return UnitOfWork(pg_engine)

    packer = Actor("Li Lei", Role.PACKER)
    build_dock(factory, Actor("Wang Fang", Role.SUPERVISOR), packer)
    batches = [handover.start(factory(), packer, "SF").code for _ in range(6)]
    barrier = threading.Barrier(len(batches))
    outcomes: list[str] = []

    def attempt(code: str) -> None:
        barrier.wait()
        try:
            handover.scan(factory(), packer, code, sf(1))
            outcomes.append(code)
        except HandoverRefused as exc:
            outcomes.append(str(exc.message))

    threads = [threading.Thread(target=attempt, args=(code,)) for code in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    [winner] = [o for o in outcomes if o in batches]
    refused = sorted(o for o in outcomes if o not in batches)
    assert len(refused) == len(batches) - 1
    assert all(f"parcel {sf(1)} is already scanned into batch {winner}" in r for r in refused)
    with factory().reading() as s:
        assert s.scalar(select(func.count(HandoverScan.id))) == 1


@pytest.mark.pg
def test_scans_racing_the_close_never_leave_a_short_count_on_postgresql(
    pg_engine: Engine,
) -> None:
    """A scan committed while the batch closes is either in the count or refused as closed."""
    import threading

    def factory() -> UnitOfWork:
        return UnitOfWork(pg_engine)

    packer = Actor("Li Lei", Role.PACKER)
    build_dock(factory, Actor("Wang Fang", Role.SUPERVISOR), packer)
    batch = handover.start(factory(), packer, "SF")
    handover.scan(factory(), packer, batch.code, sf(1))
    barrier = threading.Barrier(4)
    said: list[str] = []
    went: list[str] = []

    def scan(number: str) -> None:
        barrier.wait()
        try:
            handover.scan(factory(), packer, batch.code, number)
            said.append("in")
            went.append(number)
        except HandoverRefused as exc:
            said.append(exc.message.name)

    def close() -> None:
        barrier.wait()
        handover.close(factory(), packer, batch.code)
        said.append("closed")

    threads = [threading.Thread(target=scan, args=(n,)) for n in (sf(2), sf(41), sf(42))]
    threads.append(threading.Thread(target=close))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert "closed" in said and set(said) <= {"in", "closed", "handover.batch_closed"}
    info = handover.batch_info(factory(), packer, batch.code)
    with factory().reading() as s:
        rows = s.scalar(
            select(func.count(HandoverScan.id)).where(HandoverScan.batch_id == batch.id)
        )
    assert info.count == rows == 1 + said.count("in")
    # an order is shipped exactly when every one of its parcels made it into the batch
    assert status_of(factory, "TB001")[0] == "shipped"
    assert status_of(factory, "TB002")[0] == ("shipped" if sf(2) in went else "packed")
    both = {sf(41), sf(42)} <= set(went)
    assert status_of(factory, "TB004")[0] == ("shipped" if both else "packed")
