"""Catalogue and shop rules a supervisor sets: FEFO per SKU, partial shipments per shop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Barcode, ShopSettings, Sku
from app.db.uow import UnitOfWork
from app.domain import limits
from app.domain.errors import InvalidInput, NotFound
from app.domain.scans import ItemScan
from app.domain.shipped import STANDARD, Columns, columns_from_json
from app.domain.users import Action, Actor
from app.messages import orders as om
from app.services import audit

PICK_RULES = ("fifo", "fefo")


def set_pick_rule(uow: UnitOfWork, actor: Actor, sku_codes: Sequence[str], rule: str) -> int:
    """FEFO (earliest expiry first) for expiry-tracked SKUs, or back to FIFO; all or nothing."""
    actor.require(Action.IMPORT_SKUS)
    if rule not in PICK_RULES:
        raise InvalidInput(om.UNKNOWN_PICK_RULE(rule=rule))
    with uow:
        session = uow.session
        skus = {s.code: s for s in session.scalars(select(Sku).where(Sku.code.in_(sku_codes)))}
        missing = sorted(set(sku_codes) - set(skus))
        if missing:
            raise NotFound(om.UNKNOWN_SKU(sku=", ".join(missing)))
        if rule == "fefo":
            untracked = sorted(code for code, s in skus.items() if not s.expiry_tracked)
            if untracked:
                raise InvalidInput(om.FEFO_NEEDS_EXPIRY(skus=", ".join(untracked)))
        changes = []
        for code, sku in sorted(skus.items()):
            if sku.pick_rule != rule:
                changes.append(
                    audit.Change("sku", code, {"pick_rule": sku.pick_rule}, {"pick_rule": rule})
                )
                sku.pick_rule = rule
        audit.record_many(session, actor, "sku.pick_rule", changes)
        uow.commit()
        return len(changes)


def set_allow_partial(uow: UnitOfWork, actor: Actor, shop: str, allow: bool) -> None:
    """Whether a shop's orders may ship partly when stock is short."""
    actor.require(Action.HOLD_ORDER)
    shop = _shop_name(shop)
    with uow:
        session = uow.session
        row = session.get(ShopSettings, shop)
        before = row.allow_partial if row else False
        if row is None:
            row = ShopSettings(shop=shop, allow_partial=allow)
            session.add(row)
        row.allow_partial = allow
        audit.record(
            session,
            actor,
            "shop.allow_partial",
            "shop",
            shop,
            {"allow_partial": before},
            {"allow_partial": allow},
        )
        uow.commit()


SHOP_PRINT_FIELDS = ("sender_name", "sender_phone", "sender_address", "return_policy", "mask_phone")
#: The print settings stored in a column of limited length.
_SHOP_TEXT = {
    "sender_name": limits.SENDER_NAME,
    "sender_phone": limits.SENDER_PHONE,
    "sender_address": limits.SENDER_ADDRESS,
}


def _shop_name(shop: str) -> str:
    shop = shop.strip()
    if not shop:
        raise InvalidInput(om.SHOP_MISSING())
    return limits.SHOP.check(shop)


def set_shop_print(uow: UnitOfWork, actor: Actor, shop: str, **values: object) -> dict[str, object]:
    """What a shop prints: the waybill's sender (寄件人), whether the receiver's phone is masked,
    and the packing slip's return policy. Returns the shop's print settings after the change."""
    actor.require(Action.MANAGE_CARRIERS)
    shop = _shop_name(shop)
    unknown = sorted(set(values) - set(SHOP_PRINT_FIELDS))
    if unknown:
        raise InvalidInput(om.UNKNOWN_SHOP_SETTING(names=", ".join(unknown)))
    for name, limit in _SHOP_TEXT.items():
        value = values.get(name)
        if value is not None:
            limit.check(str(value).strip())
    with uow:
        session = uow.session
        row = _shop_row(session, shop)
        before = {name: getattr(row, name) for name in SHOP_PRINT_FIELDS}
        for name, value in values.items():
            if value is None:
                continue
            if name == "mask_phone":
                setattr(row, name, bool(value))
            else:
                setattr(row, name, str(value).strip())
        after = {name: getattr(row, name) for name in SHOP_PRINT_FIELDS}
        audit.record(session, actor, "shop.print", "shop", shop, before, after)
        uow.commit()
    return after


def _shop_row(session: Session, shop: str) -> ShopSettings:
    """The shop's settings row, added with the defaults when the shop has none yet."""
    row = session.get(ShopSettings, shop)
    if row is None:
        row = ShopSettings(
            shop=shop,
            allow_partial=False,
            sender_name="",
            sender_phone="",
            sender_address="",
            return_policy="",
            mask_phone=True,
        )
        session.add(row)
    return row


def set_export_columns(
    uow: UnitOfWork, actor: Actor, shop: str, columns: Columns | None
) -> Columns:
    """The columns of the shop's shipped export, as its platform's upload template wants them
    (app.domain.shipped.parse_columns); None: back to the standard columns."""
    actor.require(Action.MANAGE_CARRIERS)
    shop = _shop_name(shop)
    with uow:
        session = uow.session
        row = _shop_row(session, shop)
        before = columns_from_json(row.export_columns)
        row.export_columns = [list(pair) for pair in columns] if columns else None
        after = columns or STANDARD
        audit.record(
            session,
            actor,
            "shop.export_columns",
            "shop",
            shop,
            {"export_columns": [list(p) for p in before]},
            {"export_columns": [list(p) for p in after]},
        )
        uow.commit()
    return after


def export_columns(uow: UnitOfWork, shop: str) -> Columns:
    """The columns of the shop's shipped export (the standard ones unless it set its own)."""
    with uow.reading() as session:
        return shop_export_columns(session, _shop_name(shop))


def shop_export_columns(session: Session, shop: str | None) -> Columns:
    """The columns of *shop*'s shipped export in an open session (None: the standard)."""
    row = session.get(ShopSettings, shop) if shop is not None else None
    return columns_from_json(row.export_columns) if row is not None else STANDARD


def scanned_sku(session: Any, item: ItemScan) -> int | None:
    """The SKU (id) a scanned code is on: one of its barcodes, else its own SKU code."""
    sku_id = session.scalar(select(Barcode.sku_id).where(Barcode.lookup == item.lookup))
    if sku_id is None:
        sku_id = session.scalar(select(Sku.id).where(Sku.code == item.raw.strip()))
    return int(sku_id) if sku_id is not None else None
