"""Tracking numbers back to the shops (发货回传): the shipped export.

One row per parcel of the orders handed over to the carrier (shipped, and later delivered or
completed) — order number, shop, carrier code, the carrier's Chinese name as the platforms list
it (顺丰速运, 中通快递 …), tracking number, parcel, when the order shipped — in the standard
columns or in the shop's own upload template (``ShopSettings.export_columns``).  Each exported
parcel is marked (``parcels.exported_at``), so an export without ``since`` gives only what is
new; with ``since`` it gives every parcel shipped since then, exported before or not.

When an order shipped is read from the audit trail (the order's move to *shipped*, whoever made
it: the pack station's waybill scan or a handover), else its last change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db.models import AuditEvent, Order, Parcel, utcnow
from app.db.uow import UnitOfWork
from app.domain.orders import OrderStatus
from app.domain.shipped import Columns
from app.domain.users import Action, Actor
from app.services import audit
from app.services.catalog import shop_export_columns
from app.services.export import write_rows
from app.services.shipping import all_carriers

#: The statuses of an order that the carrier has.
HANDED_OVER = (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED)
_CHUNK = 500


@dataclass(frozen=True)
class ShippedParcel:
    parcel_id: int
    order_no: str
    shop: str
    carrier_code: str
    carrier_name: str
    tracking_no: str
    parcel: int
    shipped_at: dt.datetime

    def value(self, column: str) -> Any:
        return self.parcel if column == "parcel" else getattr(self, column)


@dataclass(frozen=True)
class ShippedExport:
    path: Path
    rows: int
    columns: Columns
    shop: str | None
    since: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "rows": self.rows,
            "shop": self.shop,
            "since": self.since.isoformat(sep=" ") if self.since else None,
            "columns": [{"header": h, "column": c} for h, c in self.columns],
        }


def export_shipped(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    since: dt.datetime | None = None,
    shop: str | None = None,
) -> ShippedExport:
    """Write the parcels shipped since *since* (None: those not exported yet) of *shop* (None:
    every shop) to *path* (CSV with a byte-order mark, or XLSX by the suffix), then mark them
    exported.  A shop's own columns are used when *shop* is given."""
    actor.require(Action.EXPORT_SHIPPED)
    path = Path(path)
    with uow.reading() as session:
        parcels = _shipped_parcels(session, since=since, shop=shop)
        columns = shop_export_columns(session, shop)
    rows = ([parcel.value(column) for _, column in columns] for parcel in parcels)
    count = write_rows(path, [header for header, _ in columns], rows, sheet="shipped")
    # Marked once the file is complete: a failed write leaves them to the next export, and a
    # failed mark at worst exports them again (a platform takes the same number twice).
    with uow:
        now = utcnow()
        ids = [p.parcel_id for p in parcels]
        for start in range(0, len(ids), _CHUNK):
            uow.session.execute(
                update(Parcel)
                .where(Parcel.id.in_(ids[start : start + _CHUNK]), Parcel.exported_at.is_(None))
                .values(exported_at=now)
            )
        audit.record(
            uow.session,
            actor,
            "orders.export_shipped",
            "export",
            path.name,
            None,
            {
                "parcels": count,
                "shop": shop,
                "since": since.isoformat(sep=" ") if since else None,
            },
        )
        uow.commit()
    return ShippedExport(path, count, columns, shop, since)


def _shipped_parcels(
    session: Session, *, since: dt.datetime | None, shop: str | None
) -> list[ShippedParcel]:
    query = (
        select(
            Parcel.id,
            Order.order_no,
            Order.shop,
            func.coalesce(Parcel.carrier, Order.carrier),
            Parcel.tracking_no,
            Parcel.parcel_no,
            Order.updated_at,
        )
        .join(Order, Order.id == Parcel.order_id)
        .where(
            Order.status.in_([s.value for s in HANDED_OVER]),
            Parcel.tracking_no.is_not(None),
        )
    )
    if shop is not None:
        query = query.where(Order.shop == shop)
    if since is None:
        query = query.where(Parcel.exported_at.is_(None))
    found = session.execute(query).all()
    shipped = _shipped_times(session, sorted({row[1] for row in found}))
    names = _carrier_names(session)
    parcels = [
        ShippedParcel(
            parcel_id,
            order_no,
            order_shop,
            carrier or "",
            names.get(carrier or "", carrier or ""),
            str(number),
            parcel_no,
            shipped.get(order_no, changed),
        )
        for parcel_id, order_no, order_shop, carrier, number, parcel_no, changed in found
    ]
    if since is not None:
        parcels = [p for p in parcels if p.shipped_at >= since]
    return sorted(parcels, key=lambda p: (p.shipped_at, p.shop, p.order_no, p.parcel))


def _shipped_times(session: Session, order_nos: Sequence[str]) -> dict[str, dt.datetime]:
    """When each order moved to *shipped*, from the audit trail (the latest such move)."""
    times: dict[str, dt.datetime] = {}
    for chunk in _chunks(order_nos):
        for order_no, at in session.execute(
            select(AuditEvent.entity_id, func.max(AuditEvent.at))
            .where(
                AuditEvent.entity == "order",
                AuditEvent.entity_id.in_(chunk),
                AuditEvent.after["status"].as_string() == OrderStatus.SHIPPED.value,
            )
            .group_by(AuditEvent.entity_id)
        ):
            times[order_no] = at
    return times


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _carrier_names(session: Session) -> dict[str, str]:
    """Carrier code → the name the platforms list (the built-in carriers' Chinese names; a
    custom carrier's name as it was given)."""
    return {c.code: c.name_zh for c in all_carriers(session)}
