"""SQLAlchemy 2.0 typed models.  Migrations in app/db/migrations mirror this file.

Lengths: a column that a person or a file sets is declared from app.domain.limits, the numbers
the domain, the services and the imports validate against (so both databases refuse the same
input); the columns only the code writes keep their lengths here.

Timestamps: system times (`*_at` written by Packdesk: audit, moves, imports) are naive UTC;
business times from the platform (`ordered_at`, `received_at`) are stored as given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain import limits

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def table_of(model: type[Base]) -> Table:
    """A model's Table, for Core bulk inserts (much faster than the ORM's bulk path)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class DbAppRole(Base):
    """A PostgreSQL role `packdesk db grant` gave the application's privileges
    (app/db/access.py); every migration grants them again, new tables included.  Only the owner
    of the tables reads it; empty on SQLite, which has no roles."""

    __tablename__ = "db_app_roles"
    role: Mapped[str] = mapped_column(String(63), primary_key=True)
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    granted_by: Mapped[str] = mapped_column(String(63))


class AppMeta(Base):
    """Key/value facts about this database (e.g. 'demo' = seed when it is a demo warehouse)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Sku(Base):
    __tablename__ = "skus"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(limits.SKU_CODE.max_len), unique=True)
    name: Mapped[str] = mapped_column(String(limits.SKU_NAME.max_len))
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    fragile: Mapped[bool] = mapped_column(Boolean, default=False)
    # Handling marks the waybill prints (勿折 DO NOT BEND, 向上 THIS WAY UP).
    do_not_bend: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    this_way_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Counted at the pack station by a typed quantity (screws, stickers), not scanned one by one.
    bulk: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=10)
    #: What a unit is worth, in fen (分): a count's variance in value (0: not known)
    unit_cost_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    expiry_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    # "fifo" (oldest received first) or "fefo" (earliest expiry first; expiry-tracked SKUs)
    pick_rule: Mapped[str] = mapped_column(String(8), default="fifo", server_default="fifo")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    barcodes: Mapped[list[Barcode]] = relationship(back_populates="sku")
    __table_args__ = (
        CheckConstraint("weight_g >= 0", name="weight_nonneg"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold_nonneg"),
    )


class Barcode(Base):
    __tablename__ = "barcodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(limits.BARCODE.max_len))
    kind: Mapped[str] = mapped_column(String(16))
    # GTINs normalised to 14 digits, internal codes as they are: one barcode ↔ one SKU.
    lookup: Mapped[str] = mapped_column(String(limits.BARCODE.max_len), unique=True)
    sku: Mapped[Sku] = relationship(back_populates="barcodes")


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(limits.LOCATION.max_len), unique=True)
    zone: Mapped[str] = mapped_column(String(limits.ZONE.max_len), index=True)
    pick_sequence: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)


class Lot(Base):
    __tablename__ = "lots"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    lot_code: Mapped[str] = mapped_column(String(limits.LOT.max_len))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expiry: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    allocated: Mapped[int] = mapped_column(Integer, default=0)
    #: A picker found fewer units than the records say: nothing is allocated from the lot until
    #: the spot count of its location is approved (or called off).
    set_aside: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    __table_args__ = (
        UniqueConstraint("sku_id", "lot_code", "location_id", name="uq_lots_sku_lot_location"),
        CheckConstraint("on_hand >= 0", name="on_hand_nonneg"),
        CheckConstraint("allocated >= 0", name="allocated_nonneg"),
        CheckConstraint("allocated <= on_hand", name="allocated_le_on_hand"),
        Index("ix_lots_fifo", "sku_id", "received_at", "lot_code"),
    )


class StockCount(Base):
    """A stock count (盘点): locations counted blind by scan, recounted by another counter where
    the variance is beyond the threshold, approved by a supervisor (the adjustments to the
    ledger).  Made on the central database; stations count it."""

    __tablename__ = "stock_counts"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    #: what was chosen to count, in words ("zone A", "A-01-01-01..A-01-09-09", "full")
    scope: Mapped[str] = mapped_column(String(200))
    #: open, recount, submitted, approved, cancelled (app.domain.counts.CountStatus)
    status: Mapped[str] = mapped_column(String(16), index=True)
    #: a variance of more units than this (either way) asks for a recount
    recount_units: Mapped[int] = mapped_column(Integer, default=2)
    #: … or of more value than this, in fen (None: units only)
    recount_value_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (CheckConstraint("recount_units >= 0", name="recount_units_nonneg"),)


class CountLocation(Base):
    """A location of a count, in a round (1: the count, 2…: recounts): who counts it, when
    it was started and done."""

    __tablename__ = "count_locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_counts.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    #: pending, counting, done (app.domain.counts.LocationStatus)
    status: Mapped[str] = mapped_column(String(16))
    #: the counter the supervisor gave it to (None: whoever comes first)
    assigned_to: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    counter: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (
        UniqueConstraint("count_id", "location_id", "round", name="uq_count_locations_round"),
    )


class CountLine(Base):
    """A SKU and lot of a counted location: on hand when the location was started and when it
    was done (the expected quantity — never shown to the counter), and what was counted."""

    __tablename__ = "count_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    count_location_id: Mapped[int] = mapped_column(ForeignKey("count_locations.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    #: the lot of the location (None: a SKU or lot found there that the records do not have)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), nullable=True)
    lot_code: Mapped[str] = mapped_column(String(limits.LOT.max_len))
    at_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted: Mapped[int] = mapped_column(Integer, default=0)
    counted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (
        UniqueConstraint("count_location_id", "sku_id", "lot_code", name="uq_count_lines_lot"),
        CheckConstraint("counted >= 0", name="counted_nonneg"),
    )


class StockMove(Base):
    """The append-only stock ledger: on-hand per lot is the sum of its moves."""

    __tablename__ = "stock_moves"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # receipt, pick, adjustment, return, count…
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)  # signed: + in, − out
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    reason: Mapped[str] = mapped_column(Text, default="")
    ref: Mapped[str] = mapped_column(String(128), default="")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop: Mapped[str] = mapped_column(String(limits.SHOP.max_len))
    order_no: Mapped[str] = mapped_column(String(limits.ORDER_NO.max_len))
    ordered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    paid: Mapped[bool] = mapped_column(Boolean)
    buyer_name: Mapped[str] = mapped_column(String(limits.BUYER_NAME.max_len))
    phone: Mapped[str] = mapped_column(String(limits.PHONE.max_len))
    province: Mapped[str] = mapped_column(String(limits.PROVINCE.max_len))
    city: Mapped[str] = mapped_column(String(limits.CITY.max_len))
    district: Mapped[str] = mapped_column(String(limits.DISTRICT.max_len))
    address: Mapped[str] = mapped_column(String(limits.ADDRESS.max_len))
    carrier: Mapped[str | None] = mapped_column(String(limits.CARRIER_CODE.max_len), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="new")
    held_from: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Each reason as Message.to_json(): {"code", "params", "text"} (app.messages.orders).
    exception_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Why a reviewed order was left out of a wave ("waiting for stock: SKU x short by n").
    waiting_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Changed by the platform after picking (address, phone, buyer): when, and each change as
    # {"field", "old", "new"} (app.domain.order_changes).  The pack station blocks the order
    # until a supervisor confirms (then changed_at is cleared; the audit keeps it).
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    changes: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )
    __table_args__ = (
        UniqueConstraint("shop", "order_no", name="uq_orders_shop_order_no"),
        Index("ix_orders_status_id", "status", "id"),
        Index("ix_orders_order_no", "order_no"),
        Index("ix_orders_buyer_name", "buyer_name"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    sku_code: Mapped[str] = mapped_column(String(limits.SKU_CODE.max_len), index=True)
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("skus.id"), nullable=True, index=True)
    qty: Mapped[int] = mapped_column(Integer)
    gift: Mapped[bool] = mapped_column(Boolean, default=False)
    order: Mapped[Order] = relationship(back_populates="lines")
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)


class OrderInsert(Base):
    """Something without a barcode that goes into the order's parcel (a flyer, a card, a
    sample): the pack station confirms each by scanning its code."""

    __tablename__ = "order_inserts"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    __table_args__ = (UniqueConstraint("order_id", "code", name="uq_order_inserts_order_code"),)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(255))
    badge_code: Mapped[str] = mapped_column(String(limits.BADGE.max_len), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only: who did what, when, with the before/after of what changed."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(128))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)


class ImportBatch(Base):
    """One imported file: its fingerprint guards against receiving the same stock file twice."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(limits.FILE_NAME.max_len))
    rows: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_import_batches_kind_sha", "kind", "sha256"),)


class ShopSettings(Base):
    """Per-shop rules and what the shop prints (a shop without a row uses the defaults)."""

    __tablename__ = "shop_settings"
    shop: Mapped[str] = mapped_column(String(limits.SHOP.max_len), primary_key=True)
    allow_partial: Mapped[bool] = mapped_column(Boolean, default=False)
    # The sender block of the waybill (寄件人) and the packing slip's return policy.
    sender_name: Mapped[str] = mapped_column(
        String(limits.SENDER_NAME.max_len), default="", server_default=""
    )
    sender_phone: Mapped[str] = mapped_column(
        String(limits.SENDER_PHONE.max_len), default="", server_default=""
    )
    sender_address: Mapped[str] = mapped_column(
        String(limits.SENDER_ADDRESS.max_len), default="", server_default=""
    )
    return_policy: Mapped[str] = mapped_column(Text, default="", server_default="")
    mask_phone: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    #: The shipped export's columns for this shop's platform: [[header, column], …] in file
    #: order (app.domain.shipped); None = the standard columns.
    export_columns: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)


class Wave(Base):
    """A batch of allocated orders picked together (波次)."""

    __tablename__ = "waves"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, picking, done
    kind: Mapped[str] = mapped_column(String(16))  # single-item, multi-item, mixed
    zone: Mapped[str | None] = mapped_column(String(limits.ZONE.max_len), nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(limits.CARRIER_CODE.max_len), nullable=True)
    created_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class WaveOrder(Base):
    __tablename__ = "wave_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    slot: Mapped[int | None] = mapped_column(Integer, nullable=True)  # tote/slot (格口)
    __table_args__ = (UniqueConstraint("wave_id", "order_id", name="uq_wave_orders_wave_order"),)


class PickTask(Base):
    """Take qty of one lot from one location for one order line (拣货任务).  The task's qty is
    what is allocated on the lot until it is picked, declared short or released."""

    __tablename__ = "pick_tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    #: empty once the platform replaced the order's lines (the task is history, superseded)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"), nullable=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    picked_qty: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, picked, short
    seq: Mapped[int] = mapped_column(Integer, default=0)  # walking order within the wave
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("picked_qty >= 0 AND picked_qty <= qty", name="picked_within_qty"),
    )


#: Tables whose rows are never updated, deleted, replaced or truncated (triggers on both
#: engines, migrations 0001, 0005, 0008); the application's role may only read and append.
APPEND_ONLY_TABLES = ("stock_moves", "audit_events", "pack_events")


class PrintJob(Base):
    """One label sent (or to send) to a label printer: stored before sending, never dropped.

    status: "queued" → "sent", or "failed" (kept for retry; ``last_error`` says why).  A reprint
    is a new job with the same payload and ``reprint_of`` pointing at the original.
    """

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    printer: Mapped[str] = mapped_column(String(limits.PRINTER.max_len))
    language: Mapped[str] = mapped_column(String(8))  # zpl, tspl
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    description: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reprint_of: Mapped[int | None] = mapped_column(ForeignKey("print_jobs.id"), nullable=True)
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    __table_args__ = (Index("ix_print_jobs_printer_status_id", "printer", "status", "id"),)


class Parcel(Base):
    """One box of an order with (at most) one tracking number (包裹).  The order's first parcel
    exists from the moment a tracking number is bound (e-waybills are often printed before
    picking); ``tracking_no`` is unique: one number ↔ one parcel."""

    __tablename__ = "parcels"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_no: Mapped[int] = mapped_column(Integer)
    carrier: Mapped[str | None] = mapped_column(String(limits.CARRIER_CODE.max_len), nullable=True)
    tracking_no: Mapped[str | None] = mapped_column(
        String(limits.TRACKING_NO.max_len), nullable=True, unique=True
    )
    bound_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    bound_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: when the parcel's tracking number first went out in a shipped export (发货回传)
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (
        UniqueConstraint("order_id", "parcel_no", name="uq_parcels_order_parcel_no"),
        CheckConstraint("parcel_no >= 1", name="parcel_no_positive"),
    )


class TrackingPoolNumber(Base):
    """A pre-allocated waybill number from a carrier's file; used once (``parcel_id``), by the
    central database or by the one station it is leased to (``leased_to``)."""

    __tablename__ = "tracking_pool"
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(limits.CARRIER_CODE.max_len))
    tracking_no: Mapped[str] = mapped_column(String(limits.TRACKING_NO.max_len), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    batch: Mapped[str] = mapped_column(String(limits.FILE_NAME.max_len), default="")
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), nullable=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: The station the central database leased the number to (it prints it offline); on a
    #: station's own database, that station.  None: the central database's own.
    leased_to: Mapped[str | None] = mapped_column(String(limits.STATION.max_len), nullable=True)
    leased_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (
        # "free numbers of carrier X not leased", oldest first (app.services.leases)
        Index("ix_tracking_pool_free", "carrier", "parcel_id", "leased_to", "id"),
    )


class TrackingEvent(Base):
    """A carrier's status for a tracking number (imported from the carrier's status file)."""

    __tablename__ = "tracking_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(limits.TRACKING_NO.max_len), index=True)
    status: Mapped[str] = mapped_column(String(32))  # picked_up, in_transit, delivered, …
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(limits.FILE_NAME.max_len), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        UniqueConstraint("tracking_no", "status", "at", name="uq_tracking_events_no_status_at"),
    )


class CarrierRule(Base):
    """One row of the carrier choice table (选择合适快递): an order of this shop, to this
    province, weighing min_g..max_g grams, fragile or not, goes with this carrier.  Blank (NULL
    or "") matches anything; the rules are tried by ``position`` and the first match wins."""

    __tablename__ = "carrier_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)
    shop: Mapped[str] = mapped_column(String(limits.SHOP.max_len), default="", server_default="")
    province: Mapped[str] = mapped_column(
        String(limits.PROVINCE.max_len), default="", server_default=""
    )
    min_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fragile: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    carrier: Mapped[str] = mapped_column(String(limits.CARRIER_CODE.max_len))


class CustomCarrier(Base):
    """A carrier the registry does not know, with its own tracking-number regex."""

    __tablename__ = "custom_carriers"
    code: Mapped[str] = mapped_column(String(limits.CARRIER_CODE.max_len), primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.CARRIER_NAME.max_len))
    regex: Mapped[str] = mapped_column(String(limits.CARRIER_PATTERN.max_len))


class PackClaim(Base):
    """Which station is packing an order (one at a time).  Released when the order ships or is
    let go; a claim whose heartbeat is older than the timeout may be taken over."""

    __tablename__ = "pack_claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    station: Mapped[str] = mapped_column(String(limits.STATION.max_len), index=True)
    packer: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PackEventRecord(Base):
    """One event of an order's pack check (app.domain.packing), persisted before the screen
    confirms it; ``data`` is ``event_to_dict(event)``.  Replaying them rebuilds the session."""

    __tablename__ = "pack_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    __table_args__ = (
        UniqueConstraint("order_id", "seq", name="uq_pack_events_order_seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )


class PackParcel(Base):
    """The station's checks of one parcel: weighed (or the weight overridden by a supervisor,
    or not weighed at a station without a scale that warns), closed, its waybill label scanned
    and matched to the bound tracking number."""

    __tablename__ = "pack_parcels"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_no: Mapped[int] = mapped_column(Integer)
    expected_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    measured_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    weight_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    override_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: closed without a weight check: the station has no scale and its settings say "warn"
    no_scale: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    waybill_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    waybill_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    __table_args__ = (
        UniqueConstraint("order_id", "parcel_no", name="uq_pack_parcels_order_parcel_no"),
        CheckConstraint("parcel_no >= 1", name="parcel_no_positive"),
    )


class PutawayTask(Base):
    """Units picked for an order that was cancelled, to put back onto the lot they came from
    (上架 / 还库): open until someone scans the lot's location and the item (a ``putaway`` stock
    move of +qty onto the lot).  ``units_at`` says where the units are now (a pack station, a
    tote, a parcel taken apart)."""

    __tablename__ = "putaway_tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    units_at: Mapped[str] = mapped_column(String(64), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, done
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    done_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        Index("ix_putaway_tasks_status_id", "status", "id"),
    )


class VoidedTrackingNumber(Base):
    """A tracking number voided when its order was cancelled: never bound again (the audit
    keeps who voided it and when)."""

    __tablename__ = "voided_tracking_numbers"
    tracking_no: Mapped[str] = mapped_column(String(limits.TRACKING_NO.max_len), primary_key=True)
    carrier: Mapped[str | None] = mapped_column(String(limits.CARRIER_CODE.max_len), nullable=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_no: Mapped[int] = mapped_column(Integer)
    voided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    voided_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))


class Intercept(Base):
    """A parcel that must not go out (拦截): ``kind`` *warehouse* — packed, not handed over,
    to be taken out at handover; *carrier* — shipped already, an intercept request for the
    carrier (customer service).  ``reason``: cancelled or held; ``status``: open, lifted (a
    held order released), done."""

    __tablename__ = "intercepts"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), nullable=True)
    parcel_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tracking_no: Mapped[str | None] = mapped_column(
        String(limits.TRACKING_NO.max_len), nullable=True, index=True
    )
    carrier: Mapped[str | None] = mapped_column(String(limits.CARRIER_CODE.max_len), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    __table_args__ = (Index("ix_intercepts_status_id", "status", "id"),)


class HandoverBatch(Base):
    """One courier pickup of one carrier (交接 / 揽收): the parcels scanned into it are handed
    over when it is closed, with the count; ``code`` is HO + the id (HO000001)."""

    __tablename__ = "handover_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    carrier: Mapped[str] = mapped_column(String(limits.CARRIER_CODE.max_len), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    started_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    #: the parcels handed over, recorded when the batch is closed
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    __table_args__ = (CheckConstraint("count >= 0", name="count_nonneg"),)


class HandoverScan(Base):
    """A parcel scanned into a handover batch; a parcel is handed over once (unique)."""

    __tablename__ = "handover_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("handover_batches.id"), index=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), unique=True)
    tracking_no: Mapped[str] = mapped_column(String(limits.TRACKING_NO.max_len))
    scanned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    scanned_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))


# --- stations and the central database (app.sync) ---------------------------------------------


class SyncStation(Base):
    """On a station's own database, one row: which station this is, the central database it
    syncs with (its URL without a password: libpq's PGPASSWORD / .pgpass give that), and how
    far it has pulled the central change log (the watermark)."""

    __tablename__ = "sync_station"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.STATION.max_len), unique=True)
    central_url: Mapped[str] = mapped_column(Text)
    #: the first id of the station's own range (app.db.uow: rows it makes and replicates)
    id_base: Mapped[int] = mapped_column(BigInteger, default=0)
    watermark: Mapped[int] = mapped_column(BigInteger, default=0)
    initialised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_push_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_pull_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_contact_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: the last round's failure, as a message (to_json), or None when it went through
    last_error: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class OutboxEvent(Base):
    """On a station: one action that matters centrally, written in the same transaction as the
    station's own change (UnitOfWork.record).  ``seq`` is the station's sequence.

    status: "pending" (not yet in the central inbox) → "sent" → "applied" or "rejected" (the
    central rules said no: ``reason`` says why, a supervisor resolves it)."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(limits.USER_NAME.max_len), nullable=True)
    __table_args__ = (Index("ix_outbox_status_seq", "status", "seq"),)


class RegisteredStation(Base):
    """On the central database: a station that syncs with it (``station init``)."""

    __tablename__ = "stations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.STATION.max_len), unique=True)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    last_contact_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: the station's highest event sequence received
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    #: events the station said were waiting at its last contact
    pending: Mapped[int] = mapped_column(Integer, default=0)
    #: the PostgreSQL role the station connects as (``packdesk db grant-station``), if its own
    db_role: Mapped[str | None] = mapped_column(String(63), nullable=True, unique=True)


class InboxEvent(Base):
    """On the central database: a station's event as pushed (the event id is unique: pushing it
    again is harmless), then applied by the central rules or rejected with a reason."""

    __tablename__ = "sync_inbox"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(limits.STATION.max_len))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(limits.USER_NAME.max_len))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: None until applied: "applied" or "rejected"
    result: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reason: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    applied_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (
        UniqueConstraint("station", "seq", name="uq_sync_inbox_station_seq"),
        Index("ix_sync_inbox_unapplied", "result", "station", "seq"),
    )


class ChangeLogEntry(Base):
    """On the central database: every change to a row stations replicate gets the next number
    (PostgreSQL triggers, migrations 0014 and 0017, number them in commit order); a station
    pulls what is newer than its watermark."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    table_name: Mapped[str] = mapped_column(String(64))
    #: the row's primary key as text (an id, a shop's name, a tracking number)
    row_key: Mapped[str] = mapped_column(String(128))


class PendingChange(Base):
    """On the central database: the rows a transaction changed, kept until its commit numbers
    them into the change log (migration 0017): the log's lock is then held only while
    committing, not while the transaction works."""

    __tablename__ = "change_log_pending"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    table_name: Mapped[str] = mapped_column(String(64))
    #: the changed rows' primary keys as text
    row_keys: Mapped[list[str]] = mapped_column(JSON)
