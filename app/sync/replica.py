"""What a station replicates of the central database, and how rows are copied into it.

The central database is the truth for these tables; a station holds a copy (its *replica*),
taken whole at ``station init`` and kept up to date from the central change log.  Stations
change replicated rows locally as they work (a pick moves a task and a lot), and the next pull
writes the central row over the local one: once the station's events are applied centrally, the
two are the same; where the central rules rejected an event, the central row wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.db.models import Base

#: Replicated tables with their key column, parents before children (the order rows are
#: written in; deletes go the other way).  Migration 0014 puts its change-log triggers on the
#: same tables (a test compares them).
REPLICATED: dict[str, str] = {
    "users": "id",
    "shop_settings": "shop",
    "skus": "id",
    "barcodes": "id",
    "locations": "id",
    "lots": "id",
    "carrier_rules": "id",
    "custom_carriers": "code",
    "orders": "id",
    "order_lines": "id",
    "order_inserts": "id",
    "waves": "id",
    "wave_orders": "id",
    "pick_tasks": "id",
    "putaway_tasks": "id",
    "voided_tracking_numbers": "tracking_no",
    "parcels": "id",
    "intercepts": "id",
    "stock_counts": "id",
    "count_locations": "id",
    "count_lines": "id",
}
#: Other unique keys of replicated tables a station makes rows in: a local row that holds one
#: of them under another id (made by an event the central rules rejected) gives way to the
#: central row.
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "parcels": (("order_id", "parcel_no"), ("tracking_no",)),
    "lots": (("sku_id", "lot_code", "location_id"),),
    "count_lines": (("count_location_id", "sku_id", "lot_code"),),
}

#: Rows copied per statement.
CHUNK = 2_000

Progress = Callable[[str, int, int], None]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def _key_values(name: str, keys: Iterable[str]) -> list[Any]:
    column = table(name).c[REPLICATED[name]]
    if column.type.python_type is int:
        return [int(k) for k in keys]
    return list(keys)


def fetch(conn: Connection, name: str, keys: Iterable[str]) -> list[dict[str, Any]]:
    """The current rows of *name* with these keys (a key whose row is gone is left out)."""
    wanted = _key_values(name, keys)
    t = table(name)
    key = t.c[REPLICATED[name]]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start : start + CHUNK]
        rows.extend(dict(r._mapping) for r in conn.execute(select(t).where(key.in_(part))))
    return rows


def upsert(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write *rows* into the station's *name*: inserted, or written over the local row."""
    if not rows:
        return
    t = table(name)
    key = REPLICATED[name]
    columns = [c.name for c in t.columns if c.name != key]
    for unique in NATURAL_KEYS.get(name, ()):
        for row in rows:
            if any(row[c] is None for c in unique):
                continue
            conn.execute(delete(t).where(*(t.c[c] == row[c] for c in unique), t.c[key] != row[key]))
    # One statement, compiled once (cached), executed for every row (executemany).
    statement = sqlite_insert(t)
    statement = statement.on_conflict_do_update(
        index_elements=[key], set_={c: statement.excluded[c] for c in columns}
    )
    for start in range(0, len(rows), CHUNK):
        conn.execute(statement, list(rows[start : start + CHUNK]))


def remove(conn: Connection, name: str, keys: Iterable[str]) -> None:
    wanted = _key_values(name, keys)
    t = table(name)
    for start in range(0, len(wanted), CHUNK):
        conn.execute(delete(t).where(t.c[REPLICATED[name]].in_(wanted[start : start + CHUNK])))


def count_rows(conn: Connection) -> dict[str, int]:
    return {
        name: int(conn.scalar(select(func.count()).select_from(table(name))) or 0)
        for name in REPLICATED
    }


def stream(conn: Connection, name: str) -> Iterator[list[dict[str, Any]]]:
    """Every row of *name*, in key order, a chunk at a time (server-side on PostgreSQL)."""
    t = table(name)
    result = conn.execution_options(yield_per=CHUNK).execute(
        select(t).order_by(t.c[REPLICATED[name]])
    )
    for part in result.partitions(CHUNK):
        yield [dict(r._mapping) for r in part]


def copy_all(central: Connection, station: Connection, progress: Progress | None = None) -> int:
    """Copy every replicated table from *central* into the (empty) *station*; returns the rows
    copied.  *progress(table, done, total)* after each chunk."""
    totals = count_rows(central)
    grand = sum(totals.values())
    copied = 0
    for name in REPLICATED:
        for rows in stream(central, name):
            station.execute(table(name).insert(), rows)
            copied += len(rows)
            if progress is not None:
                progress(name, copied, grand)
    if progress is not None:
        progress("", copied, grand)
    return copied
