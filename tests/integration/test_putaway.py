"""Put-away tasks (上架 / 还库): listed in walking order with their age, confirmed by scanning
the lot's location then the item, each one a stock move back onto the lot; the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import Location, StockMove
from app.domain.scans import Scan, classify
from app.domain.users import Actor, Role
from app.services import cancellation, putaway
from app.services.cancellation import Verb
from app.services.users import UserInfo
from app.stations.base import Level, Sound
from app.stations.pick import PickStation, PickStep
from app.stations.putaway import PutawayStation, PutawayStep
from tests.factories import UowFactory
from tests.integration.test_cancellation_stages import (
    CUP,
    MUG,
    allocated,
    assert_stock_adds_up,
    lot_state,
    order_id,
    packing_some,
    warehouse,
)

__all__ = ["warehouse"]


@pytest.fixture
def two_tasks(uow: UowFactory, supervisor: Actor, warehouse: None) -> list[putaway.PutawayView]:
    """K1 cancelled at the pack station: CUP ×2 and MUG ×1 to put back; the MUG's location
    comes first on the walk."""
    with uow() as u:
        for loc in u.session.scalars(select(Location)):
            loc.pick_sequence = 2 if loc.code == "A-01-01-01" else 1
        u.commit()
    packing_some(uow, supervisor, "K1")
    cancellation.apply(uow(), supervisor, [order_id(uow, "K1")], Verb.CANCEL)
    return putaway.open_tasks(uow(), supervisor)


def test_tasks_come_in_walking_order(two_tasks: list[putaway.PutawayView]) -> None:
    assert [(t.location, t.sku, t.lot, t.qty, t.order_no) for t in two_tasks] == [
        ("A-01-02-01", "MUG", "M1", 1, "K1"),
        ("A-01-01-01", "CUP", "C1", 2, "K1"),
    ]


def test_scans_are_checked_then_the_units_go_back_onto_the_lot(
    uow: UowFactory, packer: Actor, two_tasks: list[putaway.PutawayView]
) -> None:
    mug = two_tasks[0]
    with pytest.raises(putaway.PutawayRefused, match="you scanned A-01-01-01; put task"):
        putaway.check_location(uow(), mug.task, "a-01-01-01")
    putaway.check_location(uow(), mug.task, "A-01-02-01")
    with pytest.raises(putaway.PutawayRefused, match=f"you scanned {CUP}; task .* puts back MUG"):
        putaway.check_item(uow(), mug.task, CUP)
    putaway.check_item(uow(), mug.task, MUG)
    before = lot_state(uow)["M1"]
    done = putaway.confirm(uow(), packer, mug.task)
    assert (done.sku, done.qty) == ("MUG", 1)
    assert lot_state(uow)["M1"] == (before[0] + 1, before[1])
    with uow().reading() as s:
        move = s.scalars(select(StockMove).where(StockMove.kind == "putaway")).one()
        assert (move.qty, move.actor, move.ref) == (1, packer.name, f"putaway {mug.task}")
    with pytest.raises(putaway.PutawayRefused, match=f"task {mug.task} was done already by"):
        putaway.confirm(uow(), packer, mug.task)
    assert [t.sku for t in putaway.open_tasks(uow(), packer)] == ["CUP"]
    assert_stock_adds_up(uow)


def test_cli_lists_and_confirms(
    db_url: str, two_tasks: list[putaway.PutawayView], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "putaway", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [
        (t["task"], t["order_no"], t["sku"], t["lot"], t["qty"], t["location"]) for t in listed
    ] == [
        (two_tasks[0].task, "K1", "MUG", "M1", 1, "A-01-02-01"),
        (two_tasks[1].task, "K1", "CUP", "C1", 2, "A-01-01-01"),
    ]
    assert set(listed[0]) == {"task", "order_no", "sku", "lot", "qty", "location", "created_at"}
    cup = str(two_tasks[1].task)
    assert main(["--db", db_url, "putaway", "confirm", cup, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "done"
    assert main(["--db", db_url, "putaway", "confirm", cup]) == 1
    assert "was done already" in capsys.readouterr().err
    assert main(["--db", db_url, "putaway", "confirm", "999"]) == 1
    assert "put-away task 999 not found" in capsys.readouterr().err


def _scan(code: str) -> Scan:
    return classify(code, source="scanner")


def test_the_station_walks_location_then_item(
    uow: UowFactory, two_tasks: list[putaway.PutawayView]
) -> None:
    later = two_tasks[0].created_at + dt.timedelta(hours=3)
    station = PutawayStation(uow, UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01"), lambda: later)
    shown = station.load().show
    assert [t.sku for t in shown.tasks] == ["MUG", "CUP"]
    assert shown.next_task is not None and shown.next_task.age(shown.now).seconds == 3 * 3600

    wrong = station.scan(_scan("B-09-09-09"))
    assert wrong.refused and str(wrong.message) == (
        f"wrong location: you scanned B-09-09-09; put task {two_tasks[0].task} back at A-01-02-01"
    )
    there = station.scan(_scan("A-01-01-01"))  # the cup's shelf: its task is taken
    assert (there.level, there.show.step) == (Level.OK, PutawayStep.ITEM)
    assert str(there.message) == "at A-01-01-01: scan one CUP to confirm 2 put back on the shelf"
    not_it = station.scan(_scan(MUG))
    assert not_it.refused and "puts back CUP (lot C1)" in str(not_it.message)
    assert not_it.show.step is PutawayStep.ITEM
    done = station.scan(_scan(CUP))
    assert (done.level, done.sound, done.show.step) == (Level.OK, Sound.DONE, PutawayStep.LOCATION)
    assert str(done.message).startswith("put away: 2 × CUP (lot C1) back at A-01-01-01 — task")
    assert [t.sku for t in done.show.tasks] == ["MUG"]
    assert lot_state(uow)["C1"] == (20, 0)
    assert_stock_adds_up(uow)


def test_the_pick_station_refuses_a_cancelled_task_in_words(
    uow: UowFactory, supervisor: Actor, warehouse: None
) -> None:
    wave = allocated(uow, supervisor, "P7")
    picker = PickStation(uow, UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01"))
    assert picker.scan(_scan(wave)).show.step is PickStep.LOCATION
    cancellation.apply(uow(), supervisor, [order_id(uow, "P7")], Verb.CANCEL)
    refused = picker.scan(_scan("A-01-01-01"))
    assert refused.refused
    assert str(refused.message) == (
        "cancelled: order P7 was cancelled — don't pick it; go to the next task"
    )
