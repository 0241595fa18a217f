"""A dock of parcels waiting for couriers, packed through the pack station's services: what the
handover tests (services, station, screen) scan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.domain.users import Actor
from app.services import packing
from app.services.picking import confirm_wave
from app.services.shipping import bind
from app.services.waves import create_wave
from tests.factories import UowFactory, add_order, add_sku, receive, status_of

TODAY = dt.date(2026, 11, 20)
T0 = dt.datetime(2026, 11, 20, 10, 0)
S1 = "PACK-01"
CUP = "6901234567892"
ZTO_NO = "312345678905"


def sf(n: int) -> str:
    return f"SF{1000000000000 + n}"


def pack(
    uow: UowFactory,
    packer: Actor,
    order_no: str,
    parcels: Sequence[tuple[int, str]],
    at: dt.datetime = T0,
) -> None:
    """Pack *order_no* at the station at *at*: (cups, tracking number) per parcel, every label
    checked."""
    packing.open_order(uow(), packer, order_no, S1, now=at)
    for units, _ in parcels:
        for _ in range(units):
            assert packing.scan_item(uow(), packer, order_no, S1, CUP, now=at).accepted
        assert packing.check_weight(uow(), packer, order_no, S1, 300.0 * units, now=at).ok
        packing.close_parcel(uow(), packer, order_no, S1, now=at)
    for no, (_, number) in enumerate(parcels, start=1):
        carrier = "ZTO" if number == ZTO_NO else None
        bind(uow(), packer, order_no, number, parcel_no=no, carrier=carrier)
    for _, number in parcels:
        packing.confirm_waybill(uow(), packer, order_no, S1, number, now=at)


def build_dock(uow: UowFactory, supervisor: Actor, packer: Actor) -> None:
    """Packed and labelled: TB001, TB002 (SF), TB003 (ZTO), TB004 (SF, two parcels).
    TB005 (SF) packed, its label not scanned; TB006 (SF) picked with a number bound."""
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    receive(uow, "CUP", 20, lot="C1")
    for order_no, qty, carrier in (
        ("TB001", 1, "SF"),
        ("TB002", 1, "SF"),
        ("TB003", 1, "ZTO"),
        ("TB004", 2, "SF"),
        ("TB005", 1, "SF"),
        ("TB006", 1, "SF"),
    ):
        add_order(uow, order_no, [("CUP", qty)], status="reviewed", carrier=carrier)
    wave = create_wave(uow(), supervisor, today=TODAY)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)
    pack(uow, packer, "TB001", [(1, sf(1))], T0 + dt.timedelta(hours=3))
    pack(uow, packer, "TB002", [(1, sf(2))], T0 + dt.timedelta(hours=1))
    pack(uow, packer, "TB003", [(1, ZTO_NO)], T0 + dt.timedelta(hours=2))
    pack(uow, packer, "TB004", [(1, sf(41)), (1, sf(42))])
    packing.open_order(uow(), packer, "TB005", S1, now=T0)
    packing.scan_item(uow(), packer, "TB005", S1, CUP, now=T0)
    packing.check_weight(uow(), packer, "TB005", S1, 300.0, now=T0)
    packing.close_parcel(uow(), packer, "TB005", S1, now=T0)
    bind(uow(), packer, "TB005", sf(5))
    bind(uow(), packer, "TB006", sf(6))
    assert [status_of(uow, f"TB00{n}")[0] for n in range(1, 7)] == [
        "packed",
        "packed",
        "packed",
        "packed",
        "packed",
        "picked",
    ]
