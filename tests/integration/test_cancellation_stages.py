"""Cancel at every stage (拦截): one warehouse, one order brought to each stage in turn and
cancelled there; after each cancel, and after the put-away, the stock adds up:

* Σ lots.allocated per lot == Σ (qty − picked_qty) of the open pick tasks on it;
* lots.on_hand == Σ stock moves per lot (the ledger);
* nothing in limbo: every unit picked is with a live order (tote, pack station, parcel), in
  an intercepted parcel, on a put-away task, or back on the shelf by a put-away move.

The platform changing an order's lines at those stages (换货) undoes the old lines' work the
same way and sends the order back to review; it then goes the whole way again.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Engine, func, select

from app.cli import main
from app.db.engine import make_engine
from app.db.models import Intercept, Lot, Order, PickTask, PutawayTask, StockMove
from app.db.uow import UnitOfWork
from app.domain.cancellation import CannotCancel
from app.domain.errors import InvalidInput
from app.domain.users import Actor, Role
from app.services import cancellation, handover, packing, picking, putaway
from app.services.cancellation import Verb
from app.services.packing import OrderBlocked
from app.services.shipping import bind
from app.services.stock import verify_ledger
from app.services.waves import create_wave
from tests.factories import UowFactory, add_order, add_sku, receive, status_of

TODAY = dt.date(2026, 11, 20)
T0 = dt.datetime(2026, 11, 20, 10, 0)
CUP, MUG = "6901234567892", "4006381333931"
STATION = "PACK-01"


@pytest.fixture
def warehouse(uow: UowFactory) -> None:
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], weight_g=250)
    receive(uow, "CUP", 20, lot="C1", location="A-01-01-01")
    receive(uow, "MUG", 10, lot="M1", location="A-01-02-01")


# --- the invariants ----------------------------------------------------------------------------


def allocation_gaps(uow: UowFactory) -> dict[int, tuple[int, int]]:
    """Lots whose allocated differs from what their open tasks hold: lot → (allocated, held)."""
    with uow().reading() as s:
        held = Counter[int]()
        for lot_id, qty, picked in s.execute(
            select(PickTask.lot_id, PickTask.qty, PickTask.picked_qty).where(
                PickTask.status == "open"
            )
        ):
            held[lot_id] += qty - picked
        return {
            lot.id: (lot.allocated, held[lot.id])
            for lot in s.scalars(select(Lot))
            if lot.allocated != held[lot.id]
        }


def limbo(uow: UowFactory) -> dict[int, dict[str, int]]:
    """Lots where picked units are not all accounted for."""
    with uow().reading() as s:
        intercepted = set(
            s.scalars(
                select(Intercept.order_id).where(
                    Intercept.status == "open", Intercept.kind == "warehouse"
                )
            )
        )
        status = {oid: st for oid, st in s.execute(select(Order.id, Order.status))}
        picked, with_order, in_parcel = Counter[int](), Counter[int](), Counter[int]()
        for order_id, lot_id, qty, line_id in s.execute(
            select(PickTask.order_id, PickTask.lot_id, PickTask.picked_qty, PickTask.order_line_id)
        ):
            picked[lot_id] += qty
            # A task whose line the platform replaced (review again) is with no order any more.
            if status[order_id] != "cancelled" and line_id is not None:
                with_order[lot_id] += qty
            elif order_id in intercepted:
                in_parcel[lot_id] += qty
        on_task, done = Counter[int](), Counter[int]()
        for lot_id, qty, task_status in s.execute(
            select(PutawayTask.lot_id, PutawayTask.qty, PutawayTask.status)
        ):
            (done if task_status == "done" else on_task)[lot_id] += qty
        moved_back = Counter[int]()
        for lot_id, qty in s.execute(
            select(StockMove.lot_id, func.sum(StockMove.qty))
            .where(StockMove.kind == "putaway")
            .group_by(StockMove.lot_id)
        ):
            moved_back[lot_id] += int(qty)
        wrong = {}
        for lot_id in set(picked) | set(on_task) | set(done):
            counted = with_order[lot_id] + in_parcel[lot_id] + on_task[lot_id] + done[lot_id]
            if counted != picked[lot_id] or moved_back[lot_id] != done[lot_id]:
                wrong[lot_id] = {
                    "picked": picked[lot_id],
                    "with_order": with_order[lot_id],
                    "in_parcel": in_parcel[lot_id],
                    "on_task": on_task[lot_id],
                    "put_back": done[lot_id],
                    "put_back_moves": moved_back[lot_id],
                }
        return wrong


def assert_stock_adds_up(uow: UowFactory) -> None:
    assert allocation_gaps(uow) == {}
    assert verify_ledger(uow()) == []
    assert limbo(uow) == {}


# --- bringing an order to a stage --------------------------------------------------------------


def order_id(uow: UowFactory, order_no: str) -> int:
    with uow().reading() as s:
        found = s.scalar(select(Order.id).where(Order.order_no == order_no))
        assert found is not None
        return int(found)


def tasks_of(uow: UowFactory, order_no: str) -> list[PickTask]:
    with uow().reading() as s:
        return list(
            s.scalars(
                select(PickTask)
                .join(Order, Order.id == PickTask.order_id)
                .where(Order.order_no == order_no)
                .order_by(PickTask.id)
            )
        )


def reviewed(uow: UowFactory, sup: Actor, no: str) -> None:
    add_order(uow, no, [("CUP", 2), ("MUG", 1)], status="reviewed", carrier="SF")


def allocated(uow: UowFactory, sup: Actor, no: str) -> str:
    reviewed(uow, sup, no)
    wave = create_wave(uow(), sup, today=TODAY)
    assert wave.code is not None
    return wave.code


def picking_some(uow: UowFactory, sup: Actor, no: str) -> None:
    wave = allocated(uow, sup, no)
    picking.start_picking(uow(), sup, wave)
    cup = next(t for t in tasks_of(uow, no) if t.qty == 2)
    picking.confirm_pick(uow(), sup, cup.id, 1)  # one cup of two on the cart


def picked(uow: UowFactory, sup: Actor, no: str) -> None:
    wave = allocated(uow, sup, no)
    picking.confirm_wave(uow(), sup, wave)


def packing_some(uow: UowFactory, sup: Actor, no: str) -> None:
    picked(uow, sup, no)
    packing.open_order(uow(), sup, no, STATION, now=T0)
    assert packing.scan_item(uow(), sup, no, STATION, CUP, now=T0).accepted


def packed(uow: UowFactory, sup: Actor, no: str, number: str) -> None:
    picked(uow, sup, no)
    bind(uow(), sup, no, number)
    packing.open_order(uow(), sup, no, STATION, now=T0)
    for code in (CUP, CUP, MUG):
        assert packing.scan_item(uow(), sup, no, STATION, code, now=T0).accepted
    assert packing.check_weight(uow(), sup, no, STATION, 850.0, now=T0).ok
    packing.close_parcel(uow(), sup, no, STATION, now=T0)


def shipped(uow: UowFactory, sup: Actor, no: str, number: str) -> None:
    """Packed, its label checked, and handed over to the courier: the order ships."""
    packed(uow, sup, no, number)
    assert packing.confirm_waybill(uow(), sup, no, STATION, number, now=T0).done
    batch = handover.start(uow(), sup, "SF")
    handover.scan(uow(), sup, batch.code, number)
    handover.close(uow(), sup, batch.code, counted=1)


def cancel(uow: UowFactory, sup: Actor, no: str) -> cancellation.Result:
    [result] = cancellation.apply(uow(), sup, [order_id(uow, no)], Verb.CANCEL)
    assert_stock_adds_up(uow)
    return result


def lot_state(uow: UowFactory) -> dict[str, tuple[int, int]]:
    with uow().reading() as s:
        return {lot.lot_code: (lot.on_hand, lot.allocated) for lot in s.scalars(select(Lot))}


def put_all_away(uow: UowFactory, who: Actor) -> int:
    n = 0
    for task in putaway.open_tasks(uow(), who):
        putaway.confirm(uow(), who, task.task)
        n += 1
    assert_stock_adds_up(uow)
    return n


# --- the walk ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("warehouse")
def test_cancel_at_every_stage_leaves_the_stock_adding_up(
    uow: UowFactory, supervisor: Actor
) -> None:
    sup = supervisor
    # A bystander order holds stock all along: a cancel releases only the cancelled order's.
    allocated(uow, sup, "KEEP")
    assert lot_state(uow) == {"C1": (20, 2), "M1": (10, 1)}

    # reviewed: nothing to release
    reviewed(uow, sup, "R1")
    result = cancel(uow, sup, "R1")
    assert result.to_json() == {
        "order_no": "R1",
        "status": "cancelled",
        "released": [],
        "putaway_tasks": 0,
        "intercept": False,
    }

    # allocated: the allocation goes back exactly, the tasks are cancelled
    allocated(uow, sup, "A1")
    assert lot_state(uow) == {"C1": (20, 4), "M1": (10, 2)}
    result = cancel(uow, sup, "A1")
    assert result.to_json()["released"] == [
        {"sku": "CUP", "lot": "C1", "qty": 2},
        {"sku": "MUG", "lot": "M1", "qty": 1},
    ]
    assert lot_state(uow) == {"C1": (20, 2), "M1": (10, 1)}
    assert {t.status for t in tasks_of(uow, "A1")} == {"cancelled"}

    # picking, one cup of two picked: the rest released, the picked cup to put away
    picking_some(uow, sup, "P1")
    result = cancel(uow, sup, "P1")
    assert result.to_json()["released"] == [
        {"sku": "CUP", "lot": "C1", "qty": 1},
        {"sku": "MUG", "lot": "M1", "qty": 1},
    ]
    assert result.putaway_tasks == 1
    assert lot_state(uow) == {"C1": (19, 2), "M1": (10, 1)}
    cup_task = next(t for t in tasks_of(uow, "P1") if t.qty == 2)
    with pytest.raises(picking.ScanRefused, match="cancelled: order P1 was cancelled — don't"):
        picking.check_location(uow(), cup_task.id, "A-01-01-01")
    with pytest.raises(picking.ScanRefused, match="don't pick it"):
        picking.confirm_pick(uow(), sup, cup_task.id, 1)
    assert put_all_away(uow, sup) == 1
    assert lot_state(uow) == {"C1": (20, 2), "M1": (10, 1)}

    # packing at a station, one cup scanned: every picked unit back, the station refuses
    packing_some(uow, sup, "K1")
    result = cancel(uow, sup, "K1")
    assert (result.status, result.released, result.putaway_tasks) == ("cancelled", (), 2)
    assert [(t.sku, t.qty, t.units_at) for t in putaway.open_tasks(uow(), sup)] == [
        ("CUP", 2, STATION),
        ("MUG", 1, STATION),
    ]
    refused = packing.scan_item(uow(), sup, "K1", STATION, CUP, now=T0)
    assert not refused.accepted
    assert str(refused.message).startswith("order K1 was cancelled — stop packing")
    with pytest.raises(OrderBlocked, match="order K1 was cancelled"):
        packing.close_parcel(uow(), sup, "K1", STATION, now=T0)
    assert put_all_away(uow, sup) == 2
    assert lot_state(uow) == {"C1": (20, 2), "M1": (10, 1)}

    # packed, not handed over: the parcel on the intercept list, its number voided
    packed(uow, sup, "D1", "SF1234567890123")
    result = cancel(uow, sup, "D1")
    assert (result.status, result.putaway_tasks, result.intercept) == ("cancelled", 0, True)
    assert [(r.order_no, r.kind, r.tracking_no) for r in cancellation.intercepts(uow(), sup)] == [
        ("D1", "warehouse", "SF1234567890123")
    ]
    with uow().reading() as session:  # what the handover asks of a scanned parcel
        said = cancellation.intercepted(session, "SF1234567890123")
    assert str(said) == (
        "intercept: order D1 is cancelled — take parcel SF1234567890123 out, it must not go"
    )
    reviewed(uow, sup, "NEXT")
    with pytest.raises(InvalidInput, match="SF1234567890123 was voided when order D1 was"):
        bind(uow(), sup, "NEXT", "SF1234567890123")
    assert lot_state(uow) == {"C1": (18, 2), "M1": (9, 1)}  # in the parcel, out of the lot
    cancel(uow, sup, "NEXT")
    # taking the intercepted parcel apart makes the put-away tasks
    [opened] = cancellation.apply(uow(), sup, [order_id(uow, "D1")], Verb.UNPACK)
    assert (opened.status, opened.putaway_tasks) == ("cancelled", 2)
    assert_stock_adds_up(uow)
    with pytest.raises(CannotCancel, match="no intercepted parcel in the warehouse"):
        cancellation.apply(uow(), sup, [order_id(uow, "D1")], Verb.UNPACK)
    assert put_all_away(uow, sup) == 2
    assert lot_state(uow) == {"C1": (20, 2), "M1": (10, 1)}

    # shipped: nothing changes in the warehouse; an intercept request for the carrier
    shipped(uow, sup, "S1", "SF1234567890124")
    result = cancel(uow, sup, "S1")
    assert result.to_json() == {
        "order_no": "S1",
        "status": "shipped",
        "released": [],
        "putaway_tasks": 0,
        "intercept": True,
    }
    assert [(r.order_no, r.kind) for r in cancellation.intercepts(uow(), sup)] == [
        ("S1", "carrier")
    ]
    with pytest.raises(CannotCancel, match="intercept request is on the list already"):
        cancel(uow, sup, "S1")

    # the bystander kept its stock through all of it
    assert {t.status for t in tasks_of(uow, "KEEP")} == {"open"}
    assert lot_state(uow) == {"C1": (18, 2), "M1": (9, 1)}


@pytest.mark.usefixtures("warehouse")
def test_hold_keeps_the_stock_and_release_resumes_picking(
    uow: UowFactory, supervisor: Actor
) -> None:
    sup = supervisor
    picking_some(uow, sup, "H1")
    before = lot_state(uow)
    [held] = cancellation.apply(uow(), sup, [order_id(uow, "H1")], Verb.HOLD)
    assert (held.status, held.released, held.putaway_tasks) == ("on_hold", (), 0)
    assert lot_state(uow) == before
    assert_stock_adds_up(uow)
    cup = next(t for t in tasks_of(uow, "H1") if t.qty == 2)
    with pytest.raises(picking.ScanRefused, match="on hold: order H1 is on hold — don't pick"):
        picking.confirm_pick(uow(), sup, cup.id, 1)

    [released] = cancellation.apply(uow(), sup, [order_id(uow, "H1")], Verb.RELEASE)
    assert released.status == "picking"
    picking.confirm_pick(uow(), sup, cup.id, 1)
    assert_stock_adds_up(uow)
    # cancelling a held order decides by the stage it was held in
    cancellation.apply(uow(), sup, [order_id(uow, "H1")], Verb.HOLD)
    [cancelled] = cancellation.apply(uow(), sup, [order_id(uow, "H1")], Verb.CANCEL)
    assert (cancelled.status, cancelled.putaway_tasks) == ("cancelled", 1)
    assert_stock_adds_up(uow)


@pytest.mark.usefixtures("warehouse")
def test_holding_a_packed_order_intercepts_its_parcel_until_released(
    uow: UowFactory, supervisor: Actor
) -> None:
    packed(uow, supervisor, "D2", "SF1234567890125")
    cancellation.apply(uow(), supervisor, [order_id(uow, "D2")], Verb.HOLD)
    rows = cancellation.intercepts(uow(), supervisor)
    assert [(r.order_no, r.reason, r.tracking_no) for r in rows] == [
        ("D2", "held", "SF1234567890125")
    ]
    [back] = cancellation.apply(uow(), supervisor, [order_id(uow, "D2")], Verb.RELEASE)
    assert back.status == "packed"
    assert cancellation.intercepts(uow(), supervisor) == []
    assert_stock_adds_up(uow)


@pytest.mark.usefixtures("warehouse")
def test_cli_cancel_lists_what_it_released_and_the_intercepts_export(
    uow: UowFactory,
    supervisor: Actor,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    picking_some(uow, supervisor, "P9")
    shipped(uow, supervisor, "S9", "SF1234567890123")
    assert main(["--db", db_url, "orders", "cancel", "P9", "S9", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "order_no": "P9",
            "status": "cancelled",
            "released": [
                {"sku": "CUP", "lot": "C1", "qty": 1},
                {"sku": "MUG", "lot": "M1", "qty": 1},
            ],
            "putaway_tasks": 1,
            "intercept": False,
        },
        {
            "order_no": "S9",
            "status": "shipped",
            "released": [],
            "putaway_tasks": 0,
            "intercept": True,
        },
    ]
    out = tmp_path / "intercepts.csv"
    assert main(["--db", db_url, "orders", "intercepts", "--out", str(out), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["order_no"], row["kind"], row["tracking_no"]) == (
        "S9",
        "carrier",
        "SF1234567890123",
    )
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:6] == [
        "order_no",
        "shop",
        "kind",
        "reason",
        "carrier",
        "tracking_no",
    ]
    assert lines[1].startswith("S9,天猫旗舰店,carrier,cancelled,SF,SF1234567890123,1,")

    assert main(["--db", db_url, "orders", "cancel", "P9"]) == 1
    assert "order P9 is cancelled already" in capsys.readouterr().err


# --- PostgreSQL: a cancel while another station is picking or packing the order ----------------


def _waiting_for_a_lock(engine: Engine) -> None:
    """Return once another connection of this database waits for a row lock (the other station
    reached the order the first one holds); polls, never measures how long it took."""
    query = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    for _ in range(3000):
        with engine.connect() as conn:
            if conn.exec_driver_sql(query).scalar():
                return
        threading.Event().wait(0.01)
    raise AssertionError("the other station never reached the locked order")


class Station(threading.Thread):
    """Another station: its own engine (its own connections), one action, its outcome kept."""

    def __init__(self, url: str, act: Callable[[UowFactory], object]) -> None:
        super().__init__(daemon=True)
        self.url, self.act = url, act
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        engine = make_engine(self.url)
        try:
            self.result = self.act(lambda: UnitOfWork(engine))
        except BaseException as exc:  # the test reads it
            self.error = exc
        finally:
            engine.dispose()


def _while_held(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, other: Station, engine: Engine
) -> None:
    """Patch *module.name* so that, the first time it runs (inside its transaction, the order
    locked), *other* starts and gets as far as waiting for that lock."""
    original = getattr(module, name)
    started: list[bool] = []

    def holding(*args: object, **kw: object) -> object:
        if not started:
            started.append(True)
            other.start()
            _waiting_for_a_lock(engine)
        return original(*args, **kw)

    monkeypatch.setattr(module, name, holding)


@pytest.fixture
def pg_uow(pg_engine: Engine) -> UowFactory:
    uow: UowFactory = lambda: UnitOfWork(pg_engine)  # noqa: E731
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], weight_g=250)
    receive(uow, "CUP", 20, lot="C1", location="A-01-01-01")
    receive(uow, "MUG", 10, lot="M1", location="A-01-02-01")
    allocated(uow, Actor("Wang Fang", Role.SUPERVISOR), "KEEP")
    return uow


def test_pg_cancel_first_the_picker_is_refused_in_words(
    pg_uow: UowFactory,
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    packer: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picking_some(pg_uow, supervisor, "P1")
    cup = next(t for t in tasks_of(pg_uow, "P1") if t.qty == 2)
    picker = Station(pg_url, lambda u: picking.confirm_pick(u(), packer, cup.id, 1))
    _while_held(monkeypatch, cancellation, "carry_out", picker, pg_engine)
    [result] = cancellation.apply(pg_uow(), supervisor, [order_id(pg_uow, "P1")], Verb.CANCEL)
    picker.join()
    assert isinstance(picker.error, picking.ScanRefused), picker.error
    assert str(picker.error.message) == (
        "cancelled: order P1 was cancelled — don't pick it; go to the next task"
    )
    assert (result.status, result.putaway_tasks) == ("cancelled", 1)
    assert_stock_adds_up(pg_uow)
    assert lot_state(pg_uow) == {"C1": (19, 2), "M1": (10, 1)}


def test_pg_pick_first_the_cancel_puts_the_just_picked_unit_away(
    pg_uow: UowFactory,
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    packer: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picking_some(pg_uow, supervisor, "P2")
    cup = next(t for t in tasks_of(pg_uow, "P2") if t.qty == 2)
    oid = order_id(pg_uow, "P2")
    office = Station(pg_url, lambda u: cancellation.apply(u(), supervisor, [oid], Verb.CANCEL))
    _while_held(monkeypatch, picking, "_pick", office, pg_engine)
    picking.confirm_pick(pg_uow(), packer, cup.id, 1)  # the second cup reaches the cart
    office.join()
    assert office.error is None, office.error
    [result] = cast(list[cancellation.Result], office.result)
    assert [(r.sku, r.qty) for r in result.released] == [("MUG", 1)]
    assert [(t.sku, t.qty) for t in putaway.open_tasks(pg_uow(), supervisor)] == [("CUP", 2)]
    assert_stock_adds_up(pg_uow)


def test_pg_cancel_while_packing_the_packer_is_refused_in_words(
    pg_uow: UowFactory,
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    packer: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packing_some(pg_uow, supervisor, "K1")
    station = Station(pg_url, lambda u: packing.close_parcel(u(), packer, "K1", STATION, now=T0))
    _while_held(monkeypatch, cancellation, "carry_out", station, pg_engine)
    [result] = cancellation.apply(pg_uow(), supervisor, [order_id(pg_uow, "K1")], Verb.CANCEL)
    station.join()
    assert isinstance(station.error, OrderBlocked), station.error
    assert str(station.error.message).startswith("order K1 was cancelled — stop packing")
    assert (result.status, result.putaway_tasks) == ("cancelled", 2)
    assert_stock_adds_up(pg_uow)


def test_pg_packed_first_the_cancel_intercepts_the_parcel(
    pg_uow: UowFactory,
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picked(pg_uow, supervisor, "D1")
    bind(pg_uow(), supervisor, "D1", "SF1234567890123")
    packing.open_order(pg_uow(), supervisor, "D1", STATION, now=T0)
    for code in (CUP, CUP, MUG):
        assert packing.scan_item(pg_uow(), supervisor, "D1", STATION, code, now=T0).accepted
    assert packing.check_weight(pg_uow(), supervisor, "D1", STATION, 850.0, now=T0).ok
    oid = order_id(pg_uow, "D1")
    office = Station(pg_url, lambda u: cancellation.apply(u(), supervisor, [oid], Verb.CANCEL))
    _while_held(monkeypatch, packing, "_require_claim", office, pg_engine)
    packing.close_parcel(pg_uow(), supervisor, "D1", STATION, now=T0)  # packed
    office.join()
    assert office.error is None, office.error
    [result] = cast(list[cancellation.Result], office.result)
    assert (result.status, result.putaway_tasks, result.intercept) == ("cancelled", 0, True)
    assert_stock_adds_up(pg_uow)


@pytest.mark.usefixtures("warehouse")
def test_cancelling_the_last_unpicked_order_finishes_its_wave(
    uow: UowFactory, supervisor: Actor
) -> None:
    add_order(uow, "W1", [("CUP", 1)], status="reviewed", carrier="SF")
    add_order(uow, "W2", [("MUG", 1)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor, today=TODAY)
    assert wave.code is not None
    picking.start_picking(uow(), supervisor, wave.code)
    [cup] = tasks_of(uow, "W1")
    picking.confirm_pick(uow(), supervisor, cup.id, 1)
    assert status_of(uow, "W1")[0] == "picking"  # the wave waits for W2's mug
    cancellation.apply(uow(), supervisor, [order_id(uow, "W2")], Verb.CANCEL)
    assert status_of(uow, "W1")[0] == "picked"
    assert picking.load_wave(uow(), wave.code).done
    assert_stock_adds_up(uow)


# --- the platform changes the lines (换货) ------------------------------------------------------


def relined(uow: UowFactory, sup: Actor, no: str, tmp_path: Path) -> None:
    """The shop's file again, the order now one cup and two mugs (it was two cups, a mug)."""
    from app.services.imports import ImportKind, import_file
    from tests.integration.test_order_changes import row, write

    file = write(tmp_path / f"{no}.csv", [row(no, "CUP", 1), row(no, "MUG", 2)])
    assert import_file(uow(), sup, ImportKind.ORDERS, file).changed == 1
    assert_stock_adds_up(uow)


def lines_of(uow: UowFactory, no: str) -> list[tuple[str, int]]:
    from app.db.models import OrderLine

    with uow().reading() as s:
        rows = s.execute(
            select(OrderLine.sku_code, OrderLine.qty)
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.order_no == no)
            .order_by(OrderLine.sku_code)
        )
        return [(sku, qty) for sku, qty in rows]


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize(
    ("stage", "put_back"),
    [
        ("allocated", 0),
        ("picking", 1),  # one cup on the cart
        ("picked", 3),  # in the tote
        ("packing", 3),  # at the pack station, one scanned
        ("packed", 3),  # in the closed parcel
    ],
)
def test_lines_changed_after_allocation_undo_the_old_lines_and_review_again(
    uow: UowFactory, supervisor: Actor, tmp_path: Path, stage: str, put_back: int
) -> None:
    from app.services.review import review_new_orders

    sup = supervisor
    allocated(uow, sup, "KEEP")
    no, number = "X1", "SF1234567890125"
    bring = {
        "allocated": allocated,
        "picking": picking_some,
        "picked": picked,
        "packing": packing_some,
        "packed": lambda u, a, n: packed(u, a, n, number),
    }
    bring[stage](uow, sup, no)
    relined(uow, sup, no, tmp_path)

    assert status_of(uow, no)[0] == "new"  # back to review, with the platform's lines
    assert lines_of(uow, no) == [("CUP", 1), ("MUG", 2)]
    assert lot_state(uow)["C1"][1] == 2 and lot_state(uow)["M1"][1] == 1  # only KEEP's held
    tasks = putaway.open_tasks(uow(), sup)
    assert sum(t.qty for t in tasks) == put_back and {t.order_no for t in tasks} <= {no}
    if stage == "packed":
        assert all(number in t.units_at for t in tasks)  # taken out of that parcel
        batch = handover.start(uow(), sup, "SF")
        with pytest.raises(handover.HandoverRefused, match="was voided"):
            handover.scan(uow(), sup, batch.code, number)
    if stage in ("packing", "packed"):
        refused = packing.scan_item(uow(), sup, no, STATION, CUP, now=T0)
        assert not refused.accepted
        assert str(refused.message).startswith(
            f"order {no} changed on the platform: order lines CUP×2, MUG×1 → CUP×1, MUG×2"
        )
    assert put_all_away(uow, sup) == len(tasks)

    # It goes the whole way again with its new lines, packed afresh at the station.
    review_new_orders(uow(), sup, today=TODAY)
    assert status_of(uow, no)[0] == "reviewed"
    wave = create_wave(uow(), sup, today=TODAY)
    assert wave.code is not None
    picking.confirm_wave(uow(), sup, wave.code)
    assert_stock_adds_up(uow)
    bind(uow(), sup, no, "SF1234567890126")
    view = packing.open_order(uow(), sup, no, STATION, now=T0)
    assert view.order_no == no
    for code in (CUP, MUG, MUG):
        assert packing.scan_item(uow(), sup, no, STATION, code, now=T0).accepted
    assert packing.check_weight(uow(), sup, no, STATION, 800.0, now=T0).ok
    packing.close_parcel(uow(), sup, no, STATION, now=T0)
    assert packing.confirm_waybill(uow(), sup, no, STATION, "SF1234567890126", now=T0).done
    assert status_of(uow, no)[0] == "packed"
    assert_stock_adds_up(uow)
    assert lot_state(uow) == {"C1": (19, 2), "M1": (8, 1)}  # one cup, two mugs in the parcel
