"""The demo warehouse: a deterministic, realistic database to try Packdesk without real data.

`build_demo(url, orders, seed)` builds (or rebuilds) the demo database at *url*:

* a SQLite file is built next to the target as ``<name>.building`` and moved over the target
  (and its ``-wal``/``-shm``) only when complete, so a failed build leaves the old file alone.
  Any SQLite file given is replaced: the CLI and the app therefore use a dedicated
  ``demo.sqlite`` (see `app.bootstrap.demo_db_url`), never the station database;
* any other database (PostgreSQL) is wiped and migrated again only when it is empty or already
  a demo (app_meta key ``demo``); otherwise :class:`DemoRefused` is raised and nothing changes.

Same seed and order count → the same warehouse, row for row: every value comes from
``random.Random(seed)`` and from the fixed reference time :data:`REFERENCE_NOW`, never from the
wall clock.  Only two things differ between builds: the users' PIN hashes (salted) and the
time of the one audit event that records the build itself.  app_meta holds ``demo`` (the seed),
``demo_orders`` and ``demo_now`` (the reference time, ISO format).

Progress is reported as ``progress(stage, done, total)`` with the stages in :data:`STAGES`.
On PostgreSQL the id sequences are moved past the ids the build assigned.

Business times (``ordered_at``, ``received_at``) are Beijing time as a platform would send them;
system times (``created_at``, stock move ``at``) are naive UTC like everywhere in Packdesk.

The build streams rows with SQLAlchemy Core executemany in chunks inside one transaction and
assigns every id itself; a million orders take well under two minutes on a small machine.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import math
import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Integer, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from app.db.engine import make_engine
from app.db.migrate import open_database, upgrade
from app.db.models import (
    AppMeta,
    AuditEvent,
    Barcode,
    Base,
    Location,
    Lot,
    Order,
    OrderLine,
    Sku,
    StockMove,
    User,
)
from app.domain.barcodes import make_ean13, parse_barcode
from app.domain.errors import DomainError, InvalidInput
from app.domain.orders import OrderStatus
from app.domain.review import (
    REASON_UNPAID,
    reason_missing,
    reason_phone,
    reason_stock,
    reason_unknown_sku,
)
from app.domain.users import Role, hash_pin
from app.messages import imports as im
from app.services import demo_data as data

log = logging.getLogger(__name__)

#: "Now" inside the demo: order ages, lot receipts and expiry dates are relative to it.
REFERENCE_NOW = dt.datetime(2026, 11, 20, 18, 0)
#: Business times are Beijing time; system times are UTC.
BEIJING_OFFSET = dt.timedelta(hours=8)
HISTORY_DAYS = 90
CHUNK = 20_000
#: The newest share of orders that are still `new`, waiting for review.
NEW_SHARE = 0.10

ProgressFn = Callable[[str, int, int], None]

#: Progress stages, in the order they are reported.
STAGES = ("prepare", "catalogue", "orders", "stock", "users", "finish")


@dataclass(frozen=True)
class DemoUser:
    name: str
    role: Role
    pin: str
    badge: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", Role.ADMIN, "1234", "U-ADMIN"),
    DemoUser("wangfang", Role.SUPERVISOR, "2222", "U-SUP01"),
    DemoUser("lilei", Role.PACKER, "1111", "U-PACK01"),
    DemoUser("zhangwei", Role.LABELS, "3333", "U-LBL01"),
)


@dataclass(frozen=True)
class DemoSummary:
    skus: int
    locations: int
    lots: int
    orders: int
    order_lines: int
    users: int
    seconds: float


class DemoRefused(DomainError):
    """The database at the URL holds data that is not a demo (or is in use): left untouched."""


def is_demo(engine: Engine) -> bool:
    """True when the database is a demo warehouse (app_meta has the key "demo")."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(AppMeta.__tablename__):
            return False
        return conn.execute(select(AppMeta.key).where(AppMeta.key == "demo")).first() is not None


def build_demo(
    url: str,
    orders: int = 1000,
    seed: int = 7,
    progress: ProgressFn | None = None,
) -> DemoSummary:
    """Build or rebuild the demo warehouse at *url* (see the module docstring)."""
    if orders < 0:
        raise InvalidInput(im.DEMO_NEGATIVE())
    started = time.perf_counter()
    report: ProgressFn = progress or _no_progress
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        counts = _build_sqlite(url, orders, seed, report)
    else:
        counts = _build_server(url, orders, seed, report)
    seconds = time.perf_counter() - started
    log.info("demo warehouse built at %s in %.1f s: %s", parsed, seconds, counts)
    return DemoSummary(**counts, seconds=seconds)


def _no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


# --- where the demo goes -------------------------------------------------------------------


def _sqlite_files(path: Path) -> tuple[Path, Path, Path]:
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _remove_sqlite(path: Path) -> None:
    for file in _sqlite_files(path):
        file.unlink(missing_ok=True)


def _build_sqlite(url: str, orders: int, seed: int, report: ProgressFn) -> dict[str, int]:
    parsed = make_url(url)
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        report("prepare", 0, 1)
        engine = open_database(url)
        try:
            return _populate(engine, orders, seed, report)
        finally:
            engine.dispose()
    target = Path(database)
    _refuse_unless_replaceable_file(url, target)
    building = target.with_name(target.name + ".building")
    _remove_sqlite(building)
    report("prepare", 0, 1)
    try:
        engine = open_database(
            parsed.set(database=str(building)).render_as_string(hide_password=False)
        )
        try:
            counts = _populate(engine, orders, seed, report)
        finally:
            engine.dispose()
        try:
            _remove_sqlite(target)
            os.replace(building, target)
        except OSError as exc:
            raise DemoRefused(
                im.DEMO_IN_USE(file=str(target), reason=exc.strerror or str(exc))
            ) from exc
    except BaseException:
        _remove_sqlite(building)
        raise
    return counts


def _build_server(url: str, orders: int, seed: int, report: ProgressFn) -> dict[str, int]:
    engine = make_engine(url)
    try:
        report("prepare", 0, 1)
        _wipe_if_demo_or_empty(engine)
        upgrade(engine)
        return _populate(engine, orders, seed, report)
    finally:
        engine.dispose()


def _refuse_unless_replaceable(conn: Connection, engine: Engine) -> set[str]:
    """Raise DemoRefused unless the database is empty or a demo; return its tables."""
    known = set(Base.metadata.tables)
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return tables
    demo = "app_meta" in tables and (
        conn.execute(select(AppMeta.key).where(AppMeta.key == "demo")).first() is not None
    )
    if not demo:
        foreign = tables - known - {"alembic_version"}
        holds_data = any(
            conn.execute(select(Base.metadata.tables[name]).limit(1)).first() is not None
            for name in sorted(tables & known)
        )
        if foreign or holds_data:
            shown = engine.url.render_as_string(hide_password=True)
            raise DemoRefused(im.DEMO_NOT_A_DEMO(database=shown))
    return tables


def _wipe_if_demo_or_empty(engine: Engine) -> None:
    """Drop Packdesk's tables if the database is empty or a demo; else raise DemoRefused."""
    with engine.begin() as conn:
        if not _refuse_unless_replaceable(conn, engine):
            return
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _refuse_unless_replaceable_file(url: str, target: Path) -> None:
    """A station's real SQLite file (or any other file) is never replaced by the demo."""
    if not target.exists() or target.stat().st_size == 0:
        return
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _refuse_unless_replaceable(conn, engine)
    except DatabaseError as exc:
        raise DemoRefused(im.DEMO_NOT_PACKDESK(file=str(target), error=str(exc.orig))) from exc
    finally:
        engine.dispose()


# --- the build -------------------------------------------------------------------------------


@dataclass
class _Sku:
    id: int
    code: str
    name: str
    zone: str
    weight_g: int
    fragile: bool
    expiry: str | None
    threshold: int
    popularity: float
    gift: bool = False
    slow: bool = False  # a slow mover: below its low-stock threshold, not in open orders
    short: bool = False  # fewer units on hand than the open orders ask for


def _populate(engine: Engine, n_orders: int, seed: int, report: ProgressFn) -> dict[str, int]:
    rng = random.Random(seed)
    sqlite = engine.dialect.name == "sqlite"
    report("prepare", 1, 1)
    skus = _catalogue(rng)
    locations = _locations()
    with engine.connect() as conn:
        if sqlite:
            _bulk_pragmas(conn, on=True)
        try:
            with conn.begin():
                report("catalogue", 0, 1)
                conn.execute(insert(Sku), [_sku_row(s) for s in skus])
                conn.execute(insert(Barcode), _barcode_rows(skus))
                conn.execute(insert(Location), locations)
                report("catalogue", 1, 1)
                demand = [0] * (len(skus) + 1)
                n_lines = 0
                done = 0
                for order_rows, line_rows in _orders(rng, n_orders, skus, demand):
                    conn.execute(insert(Order), order_rows)
                    conn.execute(insert(OrderLine), line_rows)
                    n_lines += len(line_rows)
                    done += len(order_rows)
                    report("orders", done, n_orders)
                report("orders", n_orders, n_orders)
                report("stock", 0, 1)
                lots, moves = _stock(rng, skus, demand, locations)
                for start in range(0, len(lots), CHUNK):
                    conn.execute(insert(Lot), lots[start : start + CHUNK])
                for start in range(0, len(moves), CHUNK):
                    conn.execute(insert(StockMove), moves[start : start + CHUNK])
                report("stock", 1, 1)
                report("users", 0, len(DEMO_USERS))
                conn.execute(insert(User), _user_rows())
                report("users", len(DEMO_USERS), len(DEMO_USERS))
                conn.execute(insert(AppMeta), _meta_rows(seed, n_orders))
                conn.execute(
                    insert(AuditEvent),
                    [
                        {
                            "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                            "actor": "demo",
                            "action": "build demo",
                            "entity": "database",
                            "entity_id": "demo",
                            "before": None,
                            "after": {"seed": seed, "orders": n_orders},
                        }
                    ],
                )
                if not sqlite:
                    _advance_sequences(conn)
            report("finish", 0, 1)
            with conn.begin():
                conn.execute(text("ANALYZE"))
            report("finish", 1, 1)
        finally:
            if sqlite:
                _bulk_pragmas(conn, on=False)
    return {
        "skus": len(skus),
        "locations": len(locations),
        "lots": len(lots),
        "orders": n_orders,
        "order_lines": n_lines,
        "users": len(DEMO_USERS),
    }


def _bulk_pragmas(conn: Connection, *, on: bool) -> None:
    """Loading into a file nobody else uses yet: no fsync, a big page cache."""
    raw = conn.connection.driver_connection
    if raw is None:
        return
    if on:
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-262144")  # 256 MiB
        raw.execute("PRAGMA temp_store=MEMORY")
    else:
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute("PRAGMA cache_size=-2000")
        raw.execute("PRAGMA temp_store=DEFAULT")


def _advance_sequences(conn: Connection) -> None:
    """Ids were given explicitly: move PostgreSQL's sequences past them."""
    for table in Base.metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, Integer):
            continue
        next_id = select(func.coalesce(func.max(column), 0) + 1).scalar_subquery()
        conn.execute(
            select(func.setval(func.pg_get_serial_sequence(table.name, "id"), next_id, False))
        )


def _meta_rows(seed: int, n_orders: int) -> list[dict[str, Any]]:
    return [
        {"key": "demo", "value": str(seed)},
        {"key": "demo_orders", "value": str(n_orders)},
        {"key": "demo_now", "value": REFERENCE_NOW.isoformat()},
    ]


def _user_rows() -> list[dict[str, Any]]:
    created = REFERENCE_NOW - dt.timedelta(days=HISTORY_DAYS + 30) - BEIJING_OFFSET
    return [
        {
            "id": i,
            "name": user.name,
            "role": user.role.value,
            "pin_hash": hash_pin(user.pin),
            "badge_code": user.badge,
            "active": True,
            "created_at": created,
        }
        for i, user in enumerate(DEMO_USERS, start=1)
    ]


# --- catalogue and places ------------------------------------------------------------------


def _catalogue(rng: random.Random) -> list[_Sku]:
    skus: list[_Sku] = []
    numbers: dict[str, int] = {}
    for family, gift in [(f, False) for f in data.PRODUCTS] + [(f, True) for f in data.GIFTS]:
        combos: list[tuple[str, ...]] = [()]
        for options in family.options:
            if options:
                combos = [(*combo, option) for combo in combos for option in options]
        for combo in combos:
            numbers[family.prefix] = numbers.get(family.prefix, 0) + 1
            lo, hi = family.weight_g
            skus.append(
                _Sku(
                    id=len(skus) + 1,
                    code=f"{family.prefix}-{10000 + numbers[family.prefix]}",
                    name=" ".join((family.name, *combo)),
                    zone=family.zone,
                    weight_g=max(20, rng.randint(lo, hi) // 5 * 5),
                    fragile=family.fragile,
                    expiry=family.expiry,
                    threshold=family.threshold,
                    popularity=0.0 if gift else family.popularity * rng.lognormvariate(0, 0.8),
                    gift=gift,
                )
            )
    clash = set(data.DISCONTINUED_CODES) & {s.code for s in skus}
    if clash:
        raise ValueError(f"demo data: discontinued codes {sorted(clash)} are in the catalogue")
    sellable = [s for s in skus if not s.gift]
    for sku in rng.sample(sellable, 5):
        sku.slow = True
        sku.popularity *= 0.02
    popular = sorted((s for s in sellable if not s.slow), key=lambda s: -s.popularity)[:60]
    for sku in rng.sample(popular, 6):
        sku.short = True
    return skus


def _sku_row(sku: _Sku) -> dict[str, Any]:
    return {
        "id": sku.id,
        "code": sku.code,
        "name": sku.name,
        "weight_g": sku.weight_g,
        "fragile": sku.fragile,
        "low_stock_threshold": sku.threshold,
        "expiry_tracked": sku.expiry is not None,
        "created_at": REFERENCE_NOW - dt.timedelta(days=HISTORY_DAYS + 30) - BEIJING_OFFSET,
    }


def _barcode_rows(skus: list[_Sku]) -> list[dict[str, Any]]:
    """One EAN-13 per SKU (GS1 China 690–699); a handful also carry an internal Code128."""
    prefixes = sorted({s.code.split("-")[0] for s in skus})
    company = {p: (i % 10, 3100 + 137 * i) for i, p in enumerate(prefixes)}
    rows: list[dict[str, Any]] = []
    items: dict[str, int] = {}
    for sku in skus:
        prefix = sku.code.split("-")[0]
        digit, firm = company[prefix]
        items[prefix] = items.get(prefix, 0) + 1
        codes = [make_ean13(f"69{digit}{firm:04d}{items[prefix] * 7 + 100:05d}")]
        if sku.id % 37 == 0:
            codes.append("PD" + sku.code.replace("-", ""))
        for code in codes:
            barcode = parse_barcode(code)
            rows.append(
                {
                    "id": len(rows) + 1,
                    "sku_id": sku.id,
                    "code": barcode.code,
                    "kind": barcode.kind.value,
                    "lookup": barcode.lookup,
                }
            )
    return rows


def _locations() -> list[dict[str, Any]]:
    """Zone-aisle-bay-level codes; pick sequence follows the code order (the walking route)."""
    places: list[tuple[str, str, bool]] = []
    for zone, aisles, bays, levels in data.ZONES:
        for aisle in range(1, aisles + 1):
            for bay in range(1, bays + 1):
                for level in range(1, levels + 1):
                    places.append((f"{zone}-{aisle:02d}-{bay:02d}-{level:02d}", zone, False))
    zone, aisle, bays, levels = data.QUARANTINE_AISLE
    for bay in range(1, bays + 1):
        for level in range(1, levels + 1):
            places.append((f"{zone}-{aisle:02d}-{bay:02d}-{level:02d}", zone, True))
    places.sort()
    return [
        {"id": i, "code": code, "zone": zone, "pick_sequence": i * 10, "quarantined": quarantined}
        for i, (code, zone, quarantined) in enumerate(places, start=1)
    ]


# --- orders ----------------------------------------------------------------------------------

_S = OrderStatus
_HOUR_WEIGHT = (3, 2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 8, 7, 7, 7, 7, 7, 8, 10, 12, 13, 12, 7)
#: qty per line: mostly 1–2
_QTY = (1,) * 75 + (2,) * 18 + (3,) * 4 + (4, 5, 6)
#: updated_at after created_at, by status (the last thing that happened to the order)
_UPDATED_AFTER = {
    _S.NEW: dt.timedelta(0),
    _S.REVIEWED: dt.timedelta(hours=2),
    _S.EXCEPTION: dt.timedelta(hours=2),
    _S.ON_HOLD: dt.timedelta(hours=20),
    _S.CANCELLED: dt.timedelta(hours=6),
    _S.SHIPPED: dt.timedelta(days=1),
    _S.DELIVERED: dt.timedelta(days=3),
    _S.COMPLETED: dt.timedelta(days=10),
}
_IMPORT_LAG = dt.timedelta(minutes=3)
#: Data problems in new orders (share of new orders, cumulative) that review must find.
_NEW_PROBLEM_CUTS = (0.01, 0.02, 0.025, 0.028)
_NEW_PROBLEMS = ("unpaid", "address", "phone", "sku", "")
#: Why the older orders in `exception` were held back (cumulative shares).
_EXCEPTION_CUTS = (0.4, 0.6, 0.75, 0.85)
_EXCEPTIONS = ("stock", "address", "phone", "unpaid", "sku")


def _order_times(rng: random.Random, n: int) -> list[int]:
    """Seconds since the start of the history, sorted: more orders in the evening."""
    start = REFERENCE_NOW - dt.timedelta(days=HISTORY_DAYS)
    span = HISTORY_DAYS * 86400
    top = max(_HOUR_WEIGHT)
    accept = [w / top for w in _HOUR_WEIGHT]
    first_hour = start.hour
    randrange, random_ = rng.randrange, rng.random
    out: list[int] = []
    append = out.append
    while len(out) < n:
        second = randrange(span)
        if random_() < accept[(first_hour + second // 3600) % 24]:
            append(second)
    out.sort()
    return out


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out: list[float] = []
    for w in weights:
        total += w
        out.append(total)
    return out


class _OrderNumbers:
    """Order numbers in each platform's style, increasing with time and unique per shop."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tmall = 3_870_000_000_000_000_000 + rng.randrange(10**15)
        self.jd = 300_000_000_000 + rng.randrange(10**9)
        self.douyin = 6_920_000_000_000_000_000 + rng.randrange(10**15)
        self.pdd = rng.randrange(10**13)
        self.shopify = 1000

    def next(self, style: str, yymmdd: str) -> str:
        randint = self.rng.randint
        if style == "tmall":
            self.tmall += randint(1, 99_999_999)
            return str(self.tmall)
        if style == "jd":
            self.jd += randint(1, 9_999)
            return str(self.jd)
        if style == "douyin":
            self.douyin += randint(1, 99_999_999)
            return str(self.douyin)
        if style == "pdd":
            self.pdd += randint(1, 99_999)
            return f"{yymmdd}-{self.pdd:015d}"
        self.shopify += 1
        return f"#{self.shopify}"


def _orders(
    rng: random.Random, n: int, skus: list[_Sku], demand: list[int]
) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Yield (orders, lines) in chunks; adds the demand of open orders to *demand* by SKU id.

    Written for speed: a million orders is the benchmark.  Every random draw happens in a
    fixed order, so the result depends only on the seed and *n*.
    """
    random_ = rng.random
    randint = rng.randint
    randrange = rng.randrange
    choice = rng.choice

    start = REFERENCE_NOW - dt.timedelta(days=HISTORY_DAYS)
    start_day = dt.datetime(start.year, start.month, start.day)
    start_in_day = int((start - start_day).total_seconds())
    days = [(start_day + dt.timedelta(days=d)).strftime("%y%m%d") for d in range(HISTORY_DAYS + 2)]
    seconds = _order_times(rng, n)
    utc_start = start - BEIJING_OFFSET + _IMPORT_LAG
    now_utc = REFERENCE_NOW - BEIJING_OFFSET

    sellable = [s for s in skus if not s.gift]
    open_pool = [s for s in sellable if not s.slow]
    all_cum = _cumulative([s.popularity for s in sellable])
    open_cum = _cumulative([s.popularity for s in open_pool])
    all_ids = [(s.id, s.code) for s in sellable]
    open_ids = [(s.id, s.code) for s in open_pool]
    gifts = [(s.id, s.code) for s in skus if s.gift]
    all_total, open_total = all_cum[-1], open_cum[-1]

    shops = [(name, style, english) for name, _share, style, english in data.SHOPS]
    shop_cum = _cumulative([share for _n, share, _s, _e in data.SHOPS])
    carriers = data.CARRIERS
    carrier_cum = _cumulative(list(data.CARRIER_WEIGHTS))
    regions = data.REGIONS_CN
    region_cum = _cumulative([r.weight for r in regions])
    hk = [r for r in data.REGIONS_EN if r.hong_kong]
    mainland_en = [r for r in data.REGIONS_EN if not r.hong_kong]
    surnames, male, female = data.SURNAMES, data.GIVEN_MALE, data.GIVEN_FEMALE
    mobiles = data.MOBILE_PREFIXES
    compounds, offices = data.COMPOUNDS, data.OFFICES
    numbers = _OrderNumbers(rng)
    bisect_ = bisect.bisect
    timedelta = dt.timedelta
    no_reasons: list[dict[str, Any]] = []

    n_new = round(n * NEW_SHARE)
    first_new = n - n_new
    # even a small demo shows review every kind of problem at least once
    kinds = ("unpaid", "district", "phone", "sku", "street")
    forced: dict[int, str] = {}
    if n_new >= 20:
        forced = {first_new + n_new * (k + 1) // 7: kind for k, kind in enumerate(kinds)}
    line_id = 0
    order_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    for index in range(n):
        order_id = index + 1
        second = seconds[index]
        ordered_at = start + timedelta(seconds=second)
        created_at = utc_start + timedelta(seconds=second)

        # status by age: the newest orders wait for review, the oldest are done
        reasons = no_reasons
        held_from: str | None = None
        exception_kind = ""
        if index >= first_new:
            status = _S.NEW
        else:
            age = (first_new - 1 - index) / first_new  # 0 = youngest of the older orders
            u = random_()
            if u < 0.02:
                status = _S.CANCELLED
            elif age < 0.2 and u < 0.17:
                status = _S.REVIEWED
            elif age < 0.2 and u < 0.27:
                status = _S.EXCEPTION
                exception_kind = _EXCEPTIONS[bisect_(_EXCEPTION_CUTS, random_())]
            elif age < 0.2 and u < 0.32:
                status = _S.ON_HOLD
                held_from = _S.REVIEWED.value
            elif age < 0.2:
                status = _S.SHIPPED
            elif age < 0.45:
                status = _S.DELIVERED
            else:
                status = _S.COMPLETED
        is_open = status in (_S.NEW, _S.REVIEWED, _S.EXCEPTION, _S.ON_HOLD)

        shop, style, english_share = shops[bisect_(shop_cum, random_() * shop_cum[-1])]
        day = (start_in_day + second) // 86400
        order_no = numbers.next(style, days[day])

        # the buyer
        if random_() < english_share:
            buyer = f"{choice(data.FIRST_NAMES_EN)} {choice(data.LAST_NAMES_EN)}"
            if random_() < 0.5:
                region_en = choice(hk)
                phone = f"+852 {choice('569')}{randrange(10_000_000):07d}"
                address = (
                    f"Flat {randint(2, 40)}{choice('ABCDEFGH')}, Block {randint(1, 12)}, "
                    f"{choice(data.BUILDINGS_EN)}, {randint(1, 300)} {choice(region_en.streets)}"
                )
            else:
                region_en = choice(mainland_en)
                mobile = f"{choice(mobiles)}{randrange(100_000_000):08d}"
                phone = f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}"
                address = (
                    f"Room {randint(2, 32)}{randint(1, 12):02d}, Building {randint(1, 20)}, "
                    f"{choice(data.BUILDINGS_EN)}, {randint(1, 999)} {choice(region_en.streets)}"
                )
            province, city = region_en.province, region_en.city
            district = choice(region_en.districts)
            note_pool = data.NOTES_EN
        else:
            given = female if random_() < 0.55 else male
            buyer = choice(surnames) + choice(given)
            if random_() < 0.7:
                buyer += choice(given)
            phone = f"{choice(mobiles)}{randrange(100_000_000):08d}"
            region = regions[bisect_(region_cum, random_() * region_cum[-1])]
            province, city = region.province, region.city
            district = choice(region.districts)
            if random_() < 0.8:
                address = (
                    f"{choice(region.roads)}{randint(1, 999)}号{choice(compounds)}"
                    f"{randint(1, 30)}栋{randint(1, 4)}单元{randint(1, 33)}{randint(1, 6):02d}室"
                )
            else:
                address = (
                    f"{choice(region.roads)}{randint(1, 999)}号{choice(offices)}{randint(2, 40)}楼"
                )
            note_pool = data.NOTES_CN

        if style == "jd":
            r = random_()
            carrier: str | None = "JD" if r < 0.85 else "SF" if r < 0.95 else None
        elif random_() < 0.05:
            carrier = None
        else:
            carrier = carriers[bisect_(carrier_cum, random_() * carrier_cum[-1])]
        note = ""
        if random_() < 0.07:
            note = choice(note_pool)
            if note == "请用顺丰":
                carrier = "SF"
        if status is _S.ON_HOLD:
            note = data.NOTE_ON_HOLD
        priority = 1 if random_() < 0.03 else 0
        paid = True

        # the lines
        r = random_()
        n_lines = 1 if r < 0.6 else 2 if r < 0.85 else 3 if r < 0.95 else 4
        if is_open:
            cum, total, ids = open_cum, open_total, open_ids
        else:
            cum, total, ids = all_cum, all_total, all_ids
        picked: list[tuple[int, str]] = []
        for _ in range(n_lines):
            sku = ids[bisect_(cum, random_() * total)]
            if sku not in picked:
                picked.append(sku)
        gift_line = n_lines > 1 and random_() < 0.05 and len(picked) > 1
        if gift_line:
            picked[-1] = choice(gifts)
        lines = [(sku_id, code, _QTY[randrange(100)]) for sku_id, code in picked]
        if gift_line:
            lines[-1] = (*picked[-1], 1)
        unknown_code = ""

        # data problems: in new orders for review to find, and the reasons of older exceptions
        if status is _S.NEW:
            u = random_()
            problem = forced.get(index) or _NEW_PROBLEMS[bisect_(_NEW_PROBLEM_CUTS, u)]
            if problem == "unpaid":
                paid = False
            elif problem == "address":
                if random_() < 0.5:
                    district = ""
                else:
                    address = ""
            elif problem == "district":
                district = ""
            elif problem == "street":
                address = ""
            elif problem == "phone":
                phone = choice(data.BAD_PHONES)
            elif problem == "sku":
                unknown_code = choice(data.DISCONTINUED_CODES)
        elif status is _S.EXCEPTION:
            if exception_kind == "stock":
                sku_code, needed = lines[0][1], lines[0][2] + randint(0, 2)
                lines[0] = (lines[0][0], sku_code, needed)
                reasons = [reason_stock(sku_code, needed, randrange(needed)).to_json()]
            elif exception_kind == "address":
                district = ""
                reasons = [reason_missing("district").to_json()]
            elif exception_kind == "phone":
                phone = choice(data.BAD_PHONES)
                reasons = [reason_phone(phone).to_json()]
            elif exception_kind == "unpaid":
                paid = False
                reasons = [REASON_UNPAID.to_json()]
            else:
                unknown_code = choice(data.DISCONTINUED_CODES)
                reasons = [reason_unknown_sku(unknown_code).to_json()]
        elif status is _S.CANCELLED and random_() < 0.3:
            paid = False

        last = len(lines) - 1
        for k, (sku_id, code, qty) in enumerate(lines):
            line_id += 1
            line_rows.append(
                {
                    "id": line_id,
                    "order_id": order_id,
                    "sku_code": code,
                    "sku_id": sku_id,
                    "qty": qty,
                    "gift": gift_line and k == last,
                }
            )
            if is_open:
                demand[sku_id] += qty
        if unknown_code:
            line_id += 1
            line_rows.append(
                {
                    "id": line_id,
                    "order_id": order_id,
                    "sku_code": unknown_code,
                    "sku_id": None,
                    "qty": 1,
                    "gift": False,
                }
            )

        updated_at = created_at + _UPDATED_AFTER[status]
        if updated_at > now_utc:
            updated_at = now_utc
        order_rows.append(
            {
                "id": order_id,
                "shop": shop,
                "order_no": order_no,
                "ordered_at": ordered_at,
                "paid": paid,
                "buyer_name": buyer,
                "phone": phone,
                "province": province,
                "city": city,
                "district": district,
                "address": address,
                "carrier": carrier,
                "note": note,
                "priority": priority,
                "status": status.value,
                "held_from": held_from,
                "exception_reasons": reasons,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if len(order_rows) >= CHUNK:
            yield order_rows, line_rows
            order_rows, line_rows = [], []
    if order_rows:
        yield order_rows, line_rows


# --- stock -----------------------------------------------------------------------------------


def _stock(
    rng: random.Random, skus: list[_Sku], demand: list[int], locations: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Lots received over the history, sized against the open orders' demand, with their
    receipt moves (the ledger: per lot, the moves add up to on_hand exactly)."""
    by_zone: dict[str, list[int]] = {}
    for loc in locations:
        if not loc["quarantined"]:
            by_zone.setdefault(loc["zone"], []).append(loc["id"])
    cursor = dict.fromkeys(by_zone, 0)
    today = REFERENCE_NOW.date()
    per_day: dict[dt.date, int] = {}
    lots: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    expiring = {s.id for s in rng.sample([s for s in skus if s.expiry and not s.short], 3)}

    def add_lot(
        sku: _Sku, days_ago: int, qty: int, location_id: int, expiry: dt.date | None
    ) -> None:
        received_day = today - dt.timedelta(days=days_ago)
        per_day[received_day] = per_day.get(received_day, 0) + 1
        received_at = dt.datetime.combine(
            received_day, dt.time(rng.randint(8, 16), 5 * rng.randrange(12))
        )
        lot_id = len(lots) + 1
        lots.append(
            {
                "id": lot_id,
                "sku_id": sku.id,
                "lot_code": f"L{received_day:%Y%m%d}-{per_day[received_day]:02d}",
                "location_id": location_id,
                "received_at": received_at,
                "expiry": expiry,
                "on_hand": qty,
                "allocated": 0,
            }
        )
        # most lots arrive in one delivery, some in two
        parts = [qty] if qty < 2 or rng.random() < 0.75 else _split(rng, qty, 2)
        for k, part in enumerate(parts):
            moves.append(
                {
                    "id": len(moves) + 1,
                    "at": received_at - BEIJING_OFFSET + dt.timedelta(minutes=20 + 90 * k),
                    "kind": "receipt",
                    "lot_id": lot_id,
                    "qty": part,
                    "actor": "demo",
                    "reason": "demo stock",
                    "ref": "demo",
                }
            )

    for sku in skus:
        need = demand[sku.id]
        if sku.slow:
            total = rng.randint(2, max(2, sku.threshold - 1))
        elif sku.short:
            total = max(1, int(need * rng.uniform(0.4, 0.8)))
        elif sku.gift:
            total = need * 2 + rng.randint(100, 300)
        else:
            total = math.ceil(need * rng.uniform(1.3, 2.5)) + rng.randint(
                sku.threshold + 5, sku.threshold + 150
            )
        n_lots = min(rng.randint(2, 5), total)
        ages = sorted(rng.sample(range(1, HISTORY_DAYS), n_lots), reverse=True)
        zone = by_zone[sku.zone]
        home = cursor[sku.zone]
        cursor[sku.zone] = (home + rng.randint(1, 3)) % len(zone)
        shelf = data.SHELF_LIFE_DAYS.get(sku.expiry or "", (0, 0))
        for k, (age, qty) in enumerate(zip(ages, _split(rng, total, n_lots), strict=True)):
            expiry = None
            if sku.expiry:
                made = today - dt.timedelta(days=age + rng.randint(10, 60))
                expiry = made + dt.timedelta(days=rng.randint(*shelf))
            add_lot(sku, age, qty, zone[(home + k) % len(zone)], expiry)
        if sku.id in expiring:
            # an old lot past its expiry date, left over on top of the sized stock
            expired = today - dt.timedelta(days=rng.randint(1, 20))
            add_lot(sku, HISTORY_DAYS, rng.randint(2, 12), zone[home], expired)
    return lots, moves


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """*total* as *parts* positive integers (total >= parts)."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]
