"""Put-away tasks (上架 / 还库): listed in walking order with their age, confirmed by scanning
the lot's location then the item, each one a stock move back onto the lot; the command line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import Location, StockMove
from app.domain.users import Actor
from app.services import cancellation, putaway
from app.services.cancellation import Verb
from tests.factories import UowFactory
from tests.integration.test_cancellation_stages import (
    CUP,
    MUG,
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
