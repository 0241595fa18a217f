"""What goes on a waybill, a packing slip and the stock labels, read from the database.

The services return plain data; ``app.bootstrap`` hands it to the pure renderers in
``printing/`` (PDF, ZPL, TSPL). A waybill needs a tracking number: the parcel's bound one, or
with ``take_number`` the next number of the carrier's pool (bound there and then, as e-waybill
printing does), else the request is refused with what to do.

:func:`cannot_print` says which fields of a document hold characters no font on this computer
has (they print as □): the label desk, the CLI and the pack station warn with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Barcode, Location, Lot, Order, OrderLine, Parcel, ShopSettings, Sku
from app.db.uow import UnitOfWork
from app.domain.carriers import UnknownCarrier
from app.domain.errors import InvalidInput, NotFound
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import documents as dm
from app.messages import labels as labels_m
from app.messages import limits as field_m
from app.messages.orders import ADDRESS_PART
from app.services import shipping

GTIN_KINDS = ("ean13", "ean8", "upca", "gtin14")
DEFAULT_SERVICE = "标准快递 Standard"
DEFAULT_RETURN_POLICY = "7天无理由退货 7-day no-reason returns"


@dataclass(frozen=True)
class PartyData:
    name: str
    phone: str
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""


@dataclass(frozen=True)
class WaybillData:
    carrier_code: str
    carrier_name: str
    service: str
    tracking_no: str
    sender: PartyData
    receiver: PartyData
    order_no: str
    parcel_no: int
    parcel_count: int
    weight_g: int | None
    item_count: int
    fragile: bool
    do_not_bend: bool
    this_way_up: bool
    mask_phone: bool
    remark: str
    pool_left: int | None = None  # free pool numbers left when one was taken now


@dataclass(frozen=True)
class SlipLineData:
    sku: str
    name: str
    qty: int


@dataclass(frozen=True)
class SlipData:
    order_no: str
    shop: str
    buyer_name: str
    ordered_at: dt.datetime | None
    lines: tuple[SlipLineData, ...]
    gifts: tuple[SlipLineData, ...]
    note: str
    return_policy: str
    tracking_no: str
    carrier_name: str


@dataclass(frozen=True)
class StockLabelData:
    kind: str  # sku, location, lot
    code: str
    title: str = ""
    gtin: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None
    received_at: dt.date | None = None
    sku: str | None = None


def _carrier_name(session: Session, code: str | None) -> str:
    if not code:
        return ""
    try:
        found = shipping.find_carrier(session, code)
    except UnknownCarrier:
        return code
    return f"{found.name_zh} {found.name_en}".strip()


def _shop(session: Session, shop: str) -> ShopSettings:
    row = session.get(ShopSettings, shop)
    if row is None:
        return ShopSettings(
            shop=shop,
            sender_name="",
            sender_phone="",
            sender_address="",
            return_policy="",
            mask_phone=True,
        )
    return row


def _lines(session: Session, order: Order) -> list[tuple[OrderLine, Sku | None]]:
    rows = session.execute(
        select(OrderLine, Sku)
        .outerjoin(Sku, Sku.id == OrderLine.sku_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.id)
    ).all()
    return [(line, sku) for line, sku in rows]


def waybill_data(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    *,
    parcel_no: int | None = None,
    shop: str | None = None,
    take_number: bool = True,
) -> WaybillData:
    actor.require(Action.PRINT_DOCUMENTS)
    number = parcel_no or 1
    pool_left: int | None = None
    with uow.reading() as session:
        order = shipping.find_order(session, order_no, shop)
        parcel = session.scalars(
            select(Parcel).where(Parcel.order_id == order.id, Parcel.parcel_no == number)
        ).first()
        bound = parcel.tracking_no if parcel is not None else None
    if not bound:
        if not take_number:
            raise InvalidInput(dm.NO_TRACKING_NUMBER(parcel=number, order=order.order_no))
        taken = shipping.take_from_pool(uow, actor, order_no, parcel_no=number, shop=shop)
        pool_left = taken.pool_left
    with uow.reading() as session:
        order = shipping.find_order(session, order_no, shop)
        parcels = shipping.parcels_of(session, order.id)
        parcel = next(p for p in parcels if p.parcel_no == number)
        settings = _shop(session, order.shop)
        lines = _lines(session, order)
        items = sum(line.qty for line, _ in lines)
        estimated = sum(line.qty * (sku.weight_g if sku else 0) for line, sku in lines)
        fragile = any(sku is not None and sku.fragile for _, sku in lines)
        do_not_bend = any(sku is not None and sku.do_not_bend for _, sku in lines)
        this_way_up = any(sku is not None and sku.this_way_up for _, sku in lines)
        assert parcel.tracking_no is not None
        return WaybillData(
            carrier_code=parcel.carrier or order.carrier or "",
            carrier_name=_carrier_name(session, parcel.carrier or order.carrier),
            service=DEFAULT_SERVICE,
            tracking_no=parcel.tracking_no,
            sender=PartyData(
                name=settings.sender_name or order.shop,
                phone=settings.sender_phone,
                address=settings.sender_address,
            ),
            receiver=PartyData(
                name=order.buyer_name,
                phone=order.phone,
                province=order.province,
                city=order.city,
                district=order.district,
                address=order.address,
            ),
            order_no=order.order_no,
            parcel_no=parcel.parcel_no,
            parcel_count=max(len(parcels), 1),
            weight_g=parcel.weight_g if parcel.weight_g is not None else (estimated or None),
            item_count=items if len(parcels) <= 1 else 0,
            fragile=fragile,
            do_not_bend=do_not_bend,
            this_way_up=this_way_up,
            mask_phone=settings.mask_phone,
            remark=order.note,
            pool_left=pool_left,
        )


def slip_data(uow: UnitOfWork, actor: Actor, order_no: str, *, shop: str | None = None) -> SlipData:
    actor.require(Action.PRINT_DOCUMENTS)
    with uow.reading() as session:
        order = shipping.find_order(session, order_no, shop)
        settings = _shop(session, order.shop)
        lines = _lines(session, order)
        first = session.scalars(
            select(Parcel).where(Parcel.order_id == order.id).order_by(Parcel.parcel_no).limit(1)
        ).first()

        def line_of(line: OrderLine, sku: Sku | None) -> SlipLineData:
            return SlipLineData(line.sku_code, sku.name if sku else "", line.qty)

        return SlipData(
            order_no=order.order_no,
            shop=order.shop,
            buyer_name=order.buyer_name,
            ordered_at=order.ordered_at,
            lines=tuple(line_of(line, sku) for line, sku in lines if not line.gift),
            gifts=tuple(line_of(line, sku) for line, sku in lines if line.gift),
            note=order.note,
            return_policy=settings.return_policy or DEFAULT_RETURN_POLICY,
            tracking_no=(first.tracking_no or "") if first else "",
            carrier_name=_carrier_name(
                session, (first.carrier if first else None) or order.carrier
            ),
        )


def stock_labels_data(
    uow: UnitOfWork, actor: Actor, kind: str, codes: Sequence[str]
) -> list[StockLabelData]:
    """Label data for SKUs, locations or lots (a lot code may be several lots: one label each)."""
    actor.require(Action.PRINT_DOCUMENTS)
    if kind not in ("sku", "location", "lot"):
        raise InvalidInput(dm.UNKNOWN_LABEL_KIND(kind=kind))
    if not codes:
        raise InvalidInput(dm.NO_CODES())
    found: list[StockLabelData] = []
    missing: list[str] = []
    with uow.reading() as session:
        for code in codes:
            if kind == "sku":
                sku = session.scalars(select(Sku).where(Sku.code == code)).first()
                if sku is None:
                    missing.append(code)
                    continue
                found.append(StockLabelData("sku", sku.code, sku.name, _gtin(session, sku.id)))
            elif kind == "location":
                location = session.scalars(select(Location).where(Location.code == code)).first()
                if location is None:
                    missing.append(code)
                    continue
                found.append(StockLabelData("location", location.code, location.zone))
            else:
                rows = session.execute(
                    select(Lot, Sku)
                    .join(Sku, Sku.id == Lot.sku_id)
                    .where(Lot.lot_code == code)
                    .order_by(Lot.id)
                ).all()
                if not rows:
                    missing.append(code)
                    continue
                done: set[tuple[int, str]] = set()
                for lot, sku in rows:
                    if (sku.id, lot.lot_code) in done:  # one label per SKU and lot code
                        continue
                    done.add((sku.id, lot.lot_code))
                    found.append(
                        StockLabelData(
                            "lot",
                            lot.lot_code,
                            sku.name,
                            _gtin(session, sku.id),
                            lot=lot.lot_code,
                            expiry=lot.expiry,
                            received_at=lot.received_at.date(),
                            sku=sku.code,
                        )
                    )
    if missing:
        missing_code = {"sku": dm.NO_SUCH_SKU, "location": dm.NO_SUCH_LOCATION}.get(
            kind, dm.NO_SUCH_LOT
        )
        raise NotFound(missing_code(codes=", ".join(missing)))
    return found


def _gtin(session: Session, sku_id: int) -> str | None:
    """The SKU's GTIN (EAN-13 / UPC-A / EAN-8 / GTIN-14) if it has one, as printed on the item."""
    rows = session.execute(
        select(Barcode.code, Barcode.kind).where(Barcode.sku_id == sku_id).order_by(Barcode.id)
    ).all()
    for code, barcode_kind in rows:
        if barcode_kind in GTIN_KINDS:
            digits = "".join(ch for ch in code if ch.isdigit())
            return digits[-14:] if len(digits) > 14 else digits  # "(01)…" keeps its 14 digits
    return None


# --- choosing what to print (the label desk) ---------------------------------------------------


@dataclass(frozen=True)
class OrdersToPrint:
    """What a typed or scanned reference stands for: one order, or every order of a wave."""

    ref: str
    wave: str | None
    orders: tuple[str, ...]


def orders_of_wave(uow: UnitOfWork, wave_code: str) -> list[str]:
    """The order numbers of wave ``wave_code`` in slot order (tote/slot, then as added)."""
    from app.db.models import Wave, WaveOrder

    code = wave_code.strip().upper()
    with uow.reading() as session:
        wave_id = session.scalar(select(Wave.id).where(Wave.code == code))
        if wave_id is None:
            raise NotFound(dm.NO_WAVE(wave=code))
        rows = session.scalars(
            select(Order.order_no)
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .where(WaveOrder.wave_id == wave_id)
            .order_by(WaveOrder.slot, WaveOrder.id)
        ).all()
    return list(rows)


def orders_to_print(uow: UnitOfWork, ref: str) -> OrdersToPrint:
    """A wave code (W000001) gives its orders; anything else must be an order number."""
    from app.db.models import Wave

    text = ref.strip()
    if not text:
        raise InvalidInput(dm.ORDER_OR_WAVE_MISSING())
    with uow.reading() as session:
        is_wave = session.scalar(select(Wave.id).where(Wave.code == text.upper())) is not None
        if not is_wave:
            found = session.scalar(select(Order.order_no).where(Order.order_no == text).limit(1))
            if found is None:
                raise NotFound(dm.NO_ORDER_OR_WAVE(ref=text))
            return OrdersToPrint(text, None, (found,))
    return OrdersToPrint(text, text.upper(), tuple(orders_of_wave(uow, text)))


def find_for_labels(
    uow: UnitOfWork, kind: str, prefix: str, limit: int = 200, *, exact: bool = False
) -> list[StockLabelData]:
    """SKUs, locations or lots whose code starts with ``prefix`` (a SKU also by a scanned
    barcode, a lot also by its SKU's code), in code order, at most ``limit``. ``exact``: the
    code itself (a scan), or for a SKU one of its barcodes."""
    from app.domain.barcodes import lookup_key

    if kind not in ("sku", "location", "lot"):
        raise InvalidInput(dm.UNKNOWN_LABEL_KIND(kind=kind))
    text = prefix.strip()

    def matches(column: Any) -> Any:
        return column == text if exact else column.startswith(text, autoescape=True)

    with uow.reading() as session:
        if kind == "location":
            locations = session.scalars(
                select(Location).where(matches(Location.code)).order_by(Location.code).limit(limit)
            ).all()
            return [StockLabelData("location", loc.code, loc.zone) for loc in locations]
        if kind == "sku":
            skus = list(
                session.scalars(
                    select(Sku).where(matches(Sku.code)).order_by(Sku.code).limit(limit)
                ).all()
            )
            if text:
                by_barcode = session.scalars(
                    select(Sku)
                    .join(Barcode, Barcode.sku_id == Sku.id)
                    .where(Barcode.lookup == lookup_key(text))
                ).all()
                known = {s.id for s in skus}
                skus = [s for s in by_barcode if s.id not in known] + skus
            gtins = _gtins(session, [s.id for s in skus])
            return [StockLabelData("sku", s.code, s.name, gtins.get(s.id)) for s in skus[:limit]]
        rows = session.execute(
            select(Lot, Sku)
            .join(Sku, Sku.id == Lot.sku_id)
            .where(matches(Lot.lot_code) if exact else matches(Lot.lot_code) | matches(Sku.code))
            .order_by(Lot.lot_code, Sku.code, Lot.id)
        ).all()
        found: list[StockLabelData] = []
        done: set[tuple[int, str]] = set()
        lots: list[tuple[Lot, Sku]] = []
        for lot, sku in rows:
            if (sku.id, lot.lot_code) in done:  # one label per SKU and lot code
                continue
            done.add((sku.id, lot.lot_code))
            lots.append((lot, sku))
            if len(lots) >= limit:
                break
        gtins = _gtins(session, list({sku.id for _, sku in lots}))
        for lot, sku in lots:
            found.append(
                StockLabelData(
                    "lot",
                    lot.lot_code,
                    sku.name,
                    gtins.get(sku.id),
                    lot=lot.lot_code,
                    expiry=lot.expiry,
                    received_at=lot.received_at.date(),
                    sku=sku.code,
                )
            )
        return found


def _gtins(session: Session, sku_ids: Sequence[int]) -> dict[int, str]:
    """The GTIN of each SKU that has one (as ``_gtin`` gives it), in one query."""
    if not sku_ids:
        return {}
    rows = session.execute(
        select(Barcode.sku_id, Barcode.code)
        .where(Barcode.sku_id.in_(list(sku_ids)), Barcode.kind.in_(GTIN_KINDS))
        .order_by(Barcode.id)
    ).all()
    found: dict[int, str] = {}
    for sku_id, code in rows:
        if sku_id not in found:
            digits = "".join(ch for ch in code if ch.isdigit())
            found[sku_id] = digits[-14:] if len(digits) > 14 else digits
    return found


# --- characters no font has ---------------------------------------------------------------------

#: The characters of a text that no font on this computer has
#: (:meth:`app.services.rendering.DocumentRenderer.unprintable`).
Unprintable = Callable[[str], str]
#: Shown characters at most, per field.
SHOWN_CHARACTERS = 5


def _party_fields(
    party: PartyData, name: Message, phone: Message, address: Message | None
) -> list[tuple[Message, str]]:
    """A party's fields; the receiver's address parts each by name (``address`` None)."""
    fields = [(name, party.name), (phone, party.phone)]
    if address is not None:
        return [*fields, (address, f"{party.province}{party.city}{party.district}{party.address}")]
    parts = ("province", "city", "district", "address")
    return fields + [(ADDRESS_PART[key](), getattr(party, key)) for key in parts]


def _fields(data: WaybillData | SlipData | StockLabelData) -> list[tuple[Message, str]]:
    """Every text of ``data`` that is printed, with the name of its field."""
    if isinstance(data, WaybillData):
        return [
            (field_m.CARRIER_NAME(), data.carrier_name),
            *_party_fields(
                data.receiver, ADDRESS_PART["buyer_name"](), ADDRESS_PART["phone"](), None
            ),
            *_party_fields(
                data.sender,
                field_m.SENDER_NAME(),
                field_m.SENDER_PHONE(),
                field_m.SENDER_ADDRESS(),
            ),
            (field_m.ORDER_NOTE(), data.remark),
        ]
    if isinstance(data, SlipData):
        lines = data.lines + data.gifts
        return [
            (field_m.SHOP(), data.shop),
            (ADDRESS_PART["buyer_name"](), data.buyer_name),
            (field_m.CARRIER_NAME(), data.carrier_name),
            *((field_m.SKU_CODE(), line.sku) for line in lines),
            *((field_m.SKU_NAME(), line.name) for line in lines),
            (field_m.ORDER_NOTE(), data.note),
            (field_m.RETURN_POLICY(), data.return_policy),
        ]
    code = {"sku": field_m.SKU_CODE, "location": field_m.LOCATION}.get(data.kind, field_m.LOT)
    title = field_m.ZONE if data.kind == "location" else field_m.SKU_NAME
    return [(code(), data.code), (title(), data.title), (field_m.SKU_CODE(), data.sku or "")]


def _said(chars: str) -> str:
    """The characters as a person can find them even where the screen has no font for them
    either: "😀 U+1F600, ש U+05E9"."""
    shown = ", ".join(f"{ch} U+{ord(ch):04X}" for ch in chars[:SHOWN_CHARACTERS])
    return shown + (" …" if len(chars) > SHOWN_CHARACTERS else "")


def cannot_print(
    document: Message,
    data: WaybillData | SlipData | StockLabelData,
    unprintable: Unprintable,
) -> tuple[Message, ...]:
    """One warning per field of ``data`` with characters no font has (printed as □), each
    character said once: "waybill SF… A1001/1: characters in the buyer name have no font …"."""
    missing: dict[str, tuple[Message, dict[str, None]]] = {}
    for field, text in _fields(data):
        chars = unprintable(text) if text else ""
        if chars:
            entry = missing.setdefault(field.name, (field, {}))
            entry[1].update(dict.fromkeys(chars))
    return tuple(
        labels_m.CANNOT_PRINT(document=document, field=field, chars=_said("".join(chars)))
        for field, chars in missing.values()
    )
