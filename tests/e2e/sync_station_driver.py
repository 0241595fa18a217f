"""A station as a separate process, for tests/e2e/test_sync_faults.py.

It works on its own SQLite database (already a station: ``station init``) through the same
services the screens use, and syncs between actions, the way the app's background sync does:

    python -m tests.e2e.sync_station_driver STATION_URL --prefix N [--seed S]

For every order of the station's replica that is picked or waiting in a wave it takes the next
step — pick its open tasks, bind a waybill number (``SF`` + the prefix digit + 12 digits: each
station its own), open it at the pack station, scan every unit, weigh, close, scan the label —
and after each order runs one sync round (an unreachable central database is not an error: the
events wait).  It is safe to kill at any moment and start again: each step reads where the
order is from the local database.  When nothing is left to do it syncs until nothing waits,
prints ``DONE``, and exits 0; any refusal it did not expect exits 3.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Sequence

from sqlalchemy import select

from app.bootstrap import open_database
from app.db.models import Barcode, Order, OrderLine, Parcel, PickTask, Sku
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError
from app.domain.users import Actor, Role
from app.services import packing, picking
from app.services.shipping import bind
from app.sync import station

PACKER = Actor("Li Lei", Role.PACKER)
PACK_STATION = "PACK"


def say(text: str) -> None:
    os.write(sys.stdout.fileno(), (text + "\n").encode())


def sync(engine: object) -> None:
    try:
        result = station.sync_once(engine)  # type: ignore[arg-type]
        if result.rejected:
            say(f"REJECTED {[r.to_json() for r in result.rejected]}")
            raise SystemExit(3)
    except station.CentralUnreachable:
        pass


def mine(engine: object, prefix: int) -> list[str]:
    """The station's orders: those whose number ends in its digit, not packed yet."""
    with UnitOfWork(engine).reading() as s:  # type: ignore[arg-type]
        return [
            no
            for no, status in s.execute(select(Order.order_no, Order.status).order_by(Order.id))
            if int(no[-1]) % 3 == prefix % 3
            and status in ("allocated", "picking", "picked", "packing")
        ]


def step(engine: object, order_no: str, number: str) -> bool:
    """The order's next step; False when it waits for others (its wave's other orders)."""
    from app.db.models import Wave

    uow = lambda: UnitOfWork(engine)  # type: ignore[arg-type]  # noqa: E731
    with uow().reading() as s:
        order = s.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        tasks = s.execute(
            select(PickTask.id, PickTask.qty - PickTask.picked_qty, Wave.code)
            .join(Wave, Wave.id == PickTask.wave_id)
            .where(PickTask.order_id == order.id, PickTask.status == "open")
            .order_by(PickTask.id)
        ).all()
        bound = s.scalar(
            select(Parcel.tracking_no).where(Parcel.order_id == order.id, Parcel.parcel_no == 1)
        )
        status = order.status
    if tasks:
        picking.start_picking(uow(), PACKER, str(tasks[0][2]))
        for task_id, left, _wave in tasks:
            picking.confirm_pick(uow(), PACKER, task_id, left)
        return True
    if status == "picking":
        return False  # the wave is done when the other stations' orders are picked too
    if not bound:
        bind(uow(), PACKER, order_no, number)
        bound = number
    view = packing.open_order(uow(), PACKER, order_no, PACK_STATION)
    for line in view.lines:
        barcode = _code_of(engine, line.sku)
        for _ in range(line.qty - line.scanned):
            result = packing.scan_item(uow(), PACKER, order_no, PACK_STATION, barcode)
            if not result.accepted:
                say(f"REFUSED {order_no} {result.message}")
                raise SystemExit(3)
    view = packing.open_order(uow(), PACKER, order_no, PACK_STATION)
    if view.awaiting_waybill is None:
        weight = packing_weight(engine, order_no)
        packing.check_weight(uow(), PACKER, order_no, PACK_STATION, float(weight))
        packing.close_parcel(uow(), PACKER, order_no, PACK_STATION)
    packing.confirm_waybill(uow(), PACKER, order_no, PACK_STATION, str(bound))
    return True


def _code_of(engine: object, sku: str) -> str:
    with UnitOfWork(engine).reading() as s:  # type: ignore[arg-type]
        code = s.scalar(select(Barcode.code).join(Sku).where(Sku.code == sku).limit(1))
    return str(code or sku)


def packing_weight(engine: object, order_no: str) -> int:
    with UnitOfWork(engine).reading() as s:  # type: ignore[arg-type]
        return int(
            sum(
                qty * weight
                for qty, weight in s.execute(
                    select(OrderLine.qty, Sku.weight_g)
                    .join(Sku, Sku.code == OrderLine.sku_code)
                    .join(Order, Order.id == OrderLine.order_id)
                    .where(Order.order_no == order_no)
                )
            )
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--prefix", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    engine = open_database(args.url)
    rng = random.Random(args.seed)
    while True:
        todo = mine(engine, args.prefix)
        if not todo:
            break
        moved = False
        for order_no in todo:
            number = f"SF{args.prefix}{int(order_no[-6:]):012d}"
            try:
                moved = step(engine, order_no, number) or moved
            except DomainError as exc:
                say(f"REFUSED {order_no} {exc}")
                return 3
            if rng.random() < 0.3:
                sync(engine)
        if not moved:
            sync(engine)
            time.sleep(0.2)
    for _ in range(600):
        try:
            if station.sync_once(engine).pending == 0:
                break
        except station.CentralUnreachable:
            time.sleep(0.1)
    say("DONE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
