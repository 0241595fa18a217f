"""Importing SKUs, goods receipts (stock) and orders from CSV or XLSX files.

One file is one transaction: every row is checked first and, if any row is wrong, nothing at all
is written and the result lists every problem with its spreadsheet row number and column.

    result = import_file(uow, actor, ImportKind.ORDERS, Path("orders.csv"), progress)
    if not result.ok:
        for error in result.errors: ...   # row, column, message (a message code)

Large files are the normal case (a shop's day can be 100,000 order lines): lookups are done in
chunks with ``IN (...)`` and rows are inserted with executemany, never one ORM object at a time.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, Table, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.db.models import (
    AuditEvent,
    Barcode,
    Base,
    ImportBatch,
    Location,
    Lot,
    Order,
    OrderLine,
    Sku,
    StockMove,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain import limits
from app.domain.barcodes import parse_barcode
from app.domain.errors import InvalidInput
from app.domain.order_changes import (
    PLATFORM_WORDS,
    OrderFacts,
    PlatformStatus,
    platform_status,
)
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import imports as im
from app.messages import sync as sync_msg
from app.services import order_changes
from app.services.audit import Change, record_many
from app.services.central_only import require_central
from app.services.tabular import (
    Cell,
    CellError,
    Row,
    TableError,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_money_fen,
    parse_nonnegative_int,
    parse_positive_int,
    read_file,
    read_table,
    text,
)
from app.services.tabular import (
    Table as SheetTable,
)

T = TypeVar("T")
log = logging.getLogger(__name__)
LotKey = tuple[int, str, int]  # (sku id, lot code, location id)


class ImportKind(StrEnum):
    SKUS = "skus"
    STOCK = "stock"
    ORDERS = "orders"


#: Columns a file must have (in the order a template lists them) …
REQUIRED_COLUMNS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.SKUS: ("sku", "name"),
    ImportKind.STOCK: ("sku", "lot", "received_at", "location", "qty"),
    ImportKind.ORDERS: (
        "order_no",
        "shop",
        "ordered_at",
        "paid",
        "buyer_name",
        "phone",
        "province",
        "city",
        "district",
        "address",
        "sku",
        "qty",
    ),
}
#: … and the columns it may have.  Any other column is ignored.
OPTIONAL_COLUMNS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.SKUS: (
        "barcodes",
        "weight_g",
        "fragile",
        "low_stock_threshold",
        "expiry_tracked",
        "do_not_bend",
        "this_way_up",
        "bulk",
        "unit_cost",
    ),
    ImportKind.STOCK: ("expiry",),
    ImportKind.ORDERS: ("gift", "carrier", "note"),
}
#: The order-import columns, in the order an export writes them.
ORDER_COLUMNS: tuple[str, ...] = (
    REQUIRED_COLUMNS[ImportKind.ORDERS] + OPTIONAL_COLUMNS[ImportKind.ORDERS]
)

_PERMISSION = {
    ImportKind.SKUS: Action.IMPORT_SKUS,
    ImportKind.STOCK: Action.IMPORT_STOCK,
    ImportKind.ORDERS: Action.IMPORT_ORDERS,
}

#: At most this many problems are listed (those of the first rows that have any); one more line
#: says how many more rows have problems.
MAX_ERRORS = 1000
#: Values per ``IN (...)`` list (well below SQLite's and PostgreSQL's parameter limits).
CHUNK = 500
#: Rows per executemany batch (progress is reported between batches).
WRITE_BATCH = 5000

#: After importing this many SKUs / receipt rows / orders, PostgreSQL's statistics are refreshed.
ANALYZE_AFTER_ROWS = 1000
_GROWN: dict[ImportKind, tuple[type[Base], ...]] = {
    ImportKind.SKUS: (Sku, Barcode, AuditEvent),
    ImportKind.STOCK: (Location, Lot, StockMove, AuditEvent),
    ImportKind.ORDERS: (Order, OrderLine, AuditEvent),
}

SKU_DEFAULTS: dict[str, Any] = {
    "weight_g": 0,
    "fragile": False,
    "low_stock_threshold": 10,
    "expiry_tracked": False,
    "do_not_bend": False,
    "this_way_up": False,
    "bulk": False,
    "unit_cost_fen": 0,
}


@dataclass(frozen=True)
class RowError:
    """One problem: spreadsheet row (header = 1, first data row = 2; 0 = the whole file)."""

    row: int
    column: str
    message: Message

    def located(self) -> Message:
        """The problem with where it is: "row 3, column qty: …" (the CLI's list)."""
        if self.row == 0:
            return im.IN_FILE(problem=self.message)
        if not self.column:
            return im.AT_ROW(row=self.row, problem=self.message)
        return im.AT_CELL(row=self.row, column=self.column, problem=self.message)

    def __str__(self) -> str:
        return self.located().english()

    def to_json(self) -> dict[str, Any]:
        """``message`` is the English sentence; ``code`` and ``params`` say it as a code."""
        data = self.message.to_json()
        return {
            "row": self.row,
            "column": self.column,
            "message": data["text"],
            "code": data["code"],
            "params": data["params"],
        }


@dataclass
class ImportResult:
    """What an import did.  *imported* / *skipped* count SKUs (created or changed / unchanged),
    receipt rows (stock) or orders (new / already in the database)."""

    kind: str
    imported: int
    skipped: int
    errors: list[RowError] = field(default_factory=list)
    #: orders the platform sent again, different (address, lines, cancelled): dealt with
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "skipped": self.skipped,
            "changed": self.changed,
            "errors": [e.to_json() for e in self.errors],
        }


# ------------------------------------------------------------------------------ entry point


def import_file(
    uow: UnitOfWork,
    actor: Actor,
    kind: ImportKind | str,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import one file of *kind* in one transaction; see the module docstring.

    Raises PermissionDenied when *actor* may not import this kind (before reading anything).
    *progress(done, total)* is called about every 1 % and once at the end, from the calling
    thread; *done* counts rows checked and then written (weighted), *total* is the row count.
    """
    kind = ImportKind(kind)
    actor.require(_PERMISSION[kind])
    uow = require_central(uow, sync_msg.WHAT_IMPORT())
    path = Path(path)
    try:
        data = read_file(path)
        table = read_table(path, data)  # the header only: the rows are read by the importer
    except TableError as exc:
        return _failed(kind, [RowError(exc.row, exc.column, exc.message)])
    missing = table.missing(REQUIRED_COLUMNS[kind])
    if missing:
        return _failed(
            kind,
            [RowError(table.header_row, name, im.MISSING_COLUMN(column=name)) for name in missing],
        )

    job = _Job(
        kind=kind,
        actor=actor,
        table=table,
        filename=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        progress=_Progress(progress, table.estimated_rows),
    )
    importer = {
        ImportKind.SKUS: _import_skus,
        ImportKind.STOCK: _import_stock,
        ImportKind.ORDERS: _import_orders,
    }[kind]
    try:
        with uow:
            result = importer(uow.session, job)
            if result.ok:
                uow.commit()
    except TableError as exc:  # found while reading the rows: a quote never closed, too many rows
        result = _failed(kind, [RowError(exc.row, exc.column, exc.message)])
    except IntegrityError as exc:
        detail = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
        result = _failed(kind, [RowError(0, "", im.DATABASE_RACED(detail=detail))])
    if result.ok and result.imported >= ANALYZE_AFTER_ROWS:
        _refresh_statistics(uow.engine, kind)
    job.progress.finish()
    return result


def _refresh_statistics(engine: Engine, kind: ImportKind) -> None:
    """ANALYZE the tables a big import grew (PostgreSQL only), as its manual advises after bulk
    loading.  Autovacuum does it only a minute or so later; until then the planner believes the
    tables are as small as before, and the lookups of the next import of the same file become
    sequential scans (measured: a 100,000-line re-import took 100 s instead of 3 s).
    """
    if engine.dialect.name != "postgresql":
        return
    tables = ", ".join(model.__tablename__ for model in _GROWN[kind])
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"ANALYZE {tables}")
            connection.commit()
    except DBAPIError as exc:  # e.g. not the tables' owner: only slower, never wrong
        log.warning("could not refresh the statistics of %s: %s", tables, exc)


def _failed(kind: ImportKind, errors: Iterable[RowError]) -> ImportResult:
    """A file refused before its rows were checked: nothing imported."""
    problems = _Problems()
    for error in errors:
        problems.append(error)
    return ImportResult(kind.value, 0, 0, problems.listed({}))


# ---------------------------------------------------------------------------------- helpers


class _Problems:
    """The problems found in a file, kept only as far as they are listed: every problem of the
    first rows that have any, up to MAX_ERRORS in all; of the rows after those, only how many
    there are.  (A file of 200,000 bad rows once collected 2 million problems, 850 MB, to list
    a thousand of them.)  Rows are kept in order however the problems arrive: a later check
    may find one in an earlier row.
    """

    def __init__(self) -> None:
        self.limit = MAX_ERRORS
        self._by_row: dict[int, list[RowError]] = {}
        self._rows: list[int] = []  # the listed rows, negated: a heap whose top is the last
        self._count = 0
        self._from: int | None = None  # rows from this one on are only counted
        self._counted = _RowSet()

    def only(self, error: RowError) -> None:
        """Forget every problem found so far: *error* is the one to say."""
        self._by_row.clear()
        self._rows.clear()
        self._count = 0
        self._from = None
        self._counted = _RowSet()
        self.append(error)

    def __bool__(self) -> bool:
        return bool(self._by_row or self._counted)

    def only_counts(self, row: int) -> bool:
        """True when a problem in *row* would only be counted, not listed."""
        return self._from is not None and row >= self._from

    def count(self, row: int) -> None:
        """A problem in a row after the listed ones (see :meth:`only_counts`)."""
        self._counted.add(row)

    def append(self, error: RowError) -> None:
        row = error.row
        if self.only_counts(row):
            self._counted.add(row)
            return
        listed = self._by_row.get(row)
        if listed is None:
            listed = self._by_row[row] = []
            heapq.heappush(self._rows, -row)
        elif self._count >= self.limit and len(self._by_row) == 1:
            return  # one row with more problems than are listed: its first ones are enough
        listed.append(error)
        self._count += 1
        while self._count > self.limit and len(self._rows) > 1:
            last = -heapq.heappop(self._rows)
            self._count -= len(self._by_row.pop(last))
            self._counted.add(last)
            self._from = last

    def listed(self, positions: dict[str, int]) -> list[RowError]:
        """The listed problems by row, then by column as the file orders them; then, if there
        are more, one line saying in how many more rows."""
        ordered = sorted(
            (error for row in self._by_row.values() for error in row),
            key=lambda e: (e.row, positions.get(e.column, len(positions))),
        )
        if self._counted:
            ordered.append(RowError(0, "", im.MORE_ROWS(n=len(self._counted))))
        return ordered


class _RowSet:
    """Distinct row numbers, one bit each (a million rows: 128 KB, not a set's 60 MB)."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, row: int) -> None:
        byte, bit = divmod(row, 8)
        if byte >= len(self._bits):
            self._bits.extend(bytes(byte + 1 - len(self._bits)))
        if not self._bits[byte] >> bit & 1:
            self._bits[byte] |= 1 << bit
            self._count += 1


class _Progress:
    """Rate-limited progress: checking rows is the first 60 %, writing them the rest.

    While the rows are read their number is an estimate (the CSV file's lines, the rows an XLSX
    sheet says it has, else 0: progress unknown); once read, it is the count.
    """

    CHECK_SHARE = 0.6

    def __init__(self, callback: Callable[[int, int], None] | None, total: int) -> None:
        self.callback = callback
        self.last = 0
        self.counted(total)

    def counted(self, total: int) -> None:
        self.total = total
        self.step = max(1, total // 100)
        self.last = min(self.last, total)

    def _report(self, done: int) -> None:
        if self.callback is None:
            return
        done = min(max(done, self.last), self.total)
        if done - self.last >= self.step:
            self.last = done
            self.callback(done, self.total)

    def checked(self, rows: int) -> None:
        self._report(int(rows * self.CHECK_SHARE))

    def written(self, done: int, of: int) -> None:
        share = done / of if of else 1.0
        self._report(int(self.total * (self.CHECK_SHARE + (1 - self.CHECK_SHARE) * share)))

    def finish(self) -> None:
        """Report the end exactly once (unless the last report already was the end)."""
        if self.callback is not None and (self.last < self.total or self.total == 0):
            self.last = self.total
            self.callback(self.total, self.total)


@dataclass
class _Job:
    kind: ImportKind
    actor: Actor
    table: SheetTable
    filename: str
    sha256: str
    progress: _Progress
    errors: _Problems = field(default_factory=_Problems)
    rows_read: int = 0

    def rows(self) -> Iterator[Row]:
        """The file's data rows, each once; a row the reader refused (cut short, or with more
        cells than the header) is a problem, not a row.  TableError for the file as a whole."""
        for row in self.table.rows():
            self.rows_read += 1
            if row.problem is None:
                yield row
            else:
                self.errors.append(RowError(row.number, "", row.problem))
            self.progress.checked(self.rows_read)
        self.progress.counted(self.rows_read)

    def result(self, imported: int, skipped: int = 0, changed: int = 0) -> ImportResult:
        if self.errors:
            return ImportResult(self.kind.value, 0, 0, self.errors.listed(self.table.columns))
        return ImportResult(self.kind.value, imported, skipped, [], changed)

    def record_batch(self, session: Session) -> int:
        batch = ImportBatch(
            kind=self.kind.value,
            sha256=self.sha256,
            filename=self.filename[: limits.FILE_NAME.max_len],
            rows=self.rows_read,
            actor=self.actor.name,
            at=utcnow(),
        )
        session.add(batch)
        session.flush()
        return batch.id


class _Cells:
    """One data row being checked: reads its cells by column name and collects the problems.

    (This runs for every cell of files with hundreds of thousands of rows: kept lean.)
    """

    __slots__ = ("cells", "columns", "errors", "number")

    def __init__(self, table: SheetTable, row: Row, errors: _Problems) -> None:
        self.columns = table.columns
        self.cells = row.cells
        self.number = row.number
        self.errors = errors

    def error(self, column: str, message: Message) -> None:
        if self.errors.only_counts(self.number):
            self.errors.count(self.number)
        else:
            self.errors.append(RowError(self.number, column, message))

    def refused(self, column: str, exc: ValueError) -> None:
        """A parser's refusal of this row's cell in *column*."""
        if isinstance(exc, CellError):
            self.error(column, exc.message)
        else:  # a parser that says no code (never expected): its English, as detail
            self.error(column, im.BAD_VALUE(detail=str(exc)))

    def raw(self, column: str) -> Cell:
        i = self.columns.get(column)
        return None if i is None else self.cells[i]

    def text(
        self, column: str, *, required: bool = False, max_len: int = 0, code: bool = False
    ) -> str | None:
        """The cell's text ('' when blank and optional); None after reporting a problem.

        A *code* (SKU, barcode, lot) holding a line break, tab or other invisible character is
        refused: no label prints it and no scanner sends it.
        """
        i = self.columns.get(column)
        cell = None if i is None else self.cells[i]
        if isinstance(cell, str):
            value = cell.strip()
        else:
            try:
                value = text(cell)
            except ValueError as exc:
                self.refused(column, exc)
                return None
        if required and not value:
            self.error(column, _missing(column))
            return None
        if max_len and len(value) > max_len:
            self.error(column, im.TOO_LONG(limit=max_len, length=len(value)))
            return None
        if code:
            char = limits.first_unprintable(value)
            if char is not None:
                self.error(column, im.UNPRINTABLE_CODE(char=char))
                return None
        return value

    def value(
        self, column: str, parser: Callable[[Cell], T], *, required: bool = False
    ) -> T | None:
        """The parsed cell; None when blank (reported if *required*) or after a problem."""
        i = self.columns.get(column)
        raw = None if i is None else self.cells[i]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.error(column, _missing(column))
            return None
        try:
            return parser(raw)
        except ValueError as exc:
            self.refused(column, exc)
            return None


@functools.cache
def _missing(column: str) -> Message:
    """ "missing qty" (the same message for every row that lacks the value: made once)."""
    return im.MISSING_VALUE(column=column)


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _core(model: type[Base]) -> Table:
    """The Core table of a model, for executemany inserts and updates."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _find_lots(session: Session, keys: Sequence[LotKey]) -> dict[LotKey, dict[str, Any]]:
    """The lots with these (sku id, lot code, location id) keys: id, on_hand, expiry."""
    wanted = set(keys)
    found: dict[LotKey, dict[str, Any]] = {}
    for chunk in _chunks(sorted(wanted)):
        stmt = select(
            Lot.id, Lot.sku_id, Lot.lot_code, Lot.location_id, Lot.on_hand, Lot.expiry
        ).where(
            Lot.sku_id.in_(sorted({k[0] for k in chunk})),
            Lot.lot_code.in_(sorted({k[1] for k in chunk})),
        )
        for lot in session.execute(stmt):
            key = (lot.sku_id, lot.lot_code, lot.location_id)
            if key in wanted:
                found[key] = dict(lot._mapping)
    return found


def _cached(parser: Callable[[Cell], T]) -> Callable[[Cell], T]:
    """Memoise a parser for text cells (an order's date repeats on each of its lines)."""
    memo: dict[str, T] = {}

    def parse(value: Cell) -> T:
        if not isinstance(value, str):
            return parser(value)
        try:
            return memo[value]
        except KeyError:
            parsed = memo[value] = parser(value)
            return parsed

    return parse


def _sku_ids(session: Session, codes: Iterable[str]) -> dict[str, tuple[int, bool]]:
    """SKU code → (id, expiry_tracked) for the codes that exist."""
    found: dict[str, tuple[int, bool]] = {}
    for chunk in _chunks(sorted(set(codes))):
        for code, sku_id, tracked in session.execute(
            select(Sku.code, Sku.id, Sku.expiry_tracked).where(Sku.code.in_(chunk))
        ):
            found[code] = (sku_id, tracked)
    return found


def _show(value: object) -> Message | str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S").removesuffix(":00")
    if isinstance(value, bool):
        return im.YES() if value else im.NO()
    return f"'{value}'"


# --------------------------------------------------------------------------------------- SKUs

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")


@dataclass
class _SkuDraft:
    row: int
    code: str
    name: str
    values: dict[str, Any]  # only the columns given in this row
    barcodes: list[tuple[str, str, str]]  # (code, kind, lookup)


def _import_skus(session: Session, job: _Job) -> ImportResult:
    table, errors = job.table, job.errors
    drafts: list[_SkuDraft] = []
    rows_of_code: dict[str, int] = {}
    lookups_in_file: dict[str, tuple[int, str]] = {}  # lookup → (row, SKU code)
    for row in job.rows():
        c = _Cells(table, row, errors)
        code = c.text("sku", required=True, max_len=limits.SKU_CODE.max_len, code=True)
        name = c.text("name", required=True, max_len=limits.SKU_NAME.max_len)
        values: dict[str, Any] = {}
        for column, parser in (
            ("weight_g", parse_nonnegative_int),
            ("fragile", parse_bool),
            ("low_stock_threshold", parse_nonnegative_int),
            ("expiry_tracked", parse_bool),
            ("do_not_bend", parse_bool),
            ("this_way_up", parse_bool),
            ("bulk", parse_bool),
        ):
            parsed = c.value(column, parser)
            if parsed is not None:
                values[column] = parsed
        cost = c.value("unit_cost", parse_money_fen)
        if cost is not None:
            values["unit_cost_fen"] = cost
        barcodes: list[tuple[str, str, str]] = []
        for part in (c.text("barcodes", code=True) or "").split("|"):
            raw = part.strip()
            if not raw:
                continue
            if _SCIENTIFIC.match(raw):
                c.error("barcodes", im.BARCODE_AS_NUMBER(barcode=raw))
                continue
            try:
                barcode = parse_barcode(raw)
            except InvalidInput as exc:
                c.error("barcodes", exc.message)
                continue
            if any(b[2] == barcode.lookup for b in barcodes):
                continue  # the same barcode twice on one row: harmless
            seen = lookups_in_file.get(barcode.lookup)
            if seen is not None:
                c.error(
                    "barcodes", im.BARCODE_TWICE(barcode=barcode.code, row=seen[0], sku=seen[1])
                )
                continue
            lookups_in_file[barcode.lookup] = (row.number, code or "?")
            barcodes.append((barcode.code, barcode.kind.value, barcode.lookup))
        if code:
            first = rows_of_code.get(code)
            if first is not None:
                c.error("sku", im.SKU_TWICE(sku=code, row=first))
            else:
                rows_of_code[code] = row.number
                if name:
                    drafts.append(_SkuDraft(row.number, code, name, values, barcodes))

    columns = (
        Sku.id,
        Sku.code,
        Sku.name,
        Sku.weight_g,
        Sku.fragile,
        Sku.low_stock_threshold,
        Sku.expiry_tracked,
        Sku.do_not_bend,
        Sku.this_way_up,
        Sku.bulk,
        Sku.unit_cost_fen,
    )
    existing: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(rows_of_code)):
        for found in session.execute(select(*columns).where(Sku.code.in_(chunk))):
            existing[found.code] = dict(found._mapping)
    owners: dict[str, str] = {}  # lookup → code of the SKU that has it in the database
    for chunk in _chunks(sorted(lookups_in_file)):
        stmt = select(Barcode.lookup, Sku.code).join(Sku).where(Barcode.lookup.in_(chunk))
        for lookup, owner in session.execute(stmt):
            owners[lookup] = owner
    for draft in drafts:
        for bc_code, _kind, lookup in draft.barcodes:
            holder = owners.get(lookup)
            if holder is not None and holder != draft.code:
                errors.append(
                    RowError(draft.row, "barcodes", im.BARCODE_TAKEN(barcode=bc_code, sku=holder))
                )
    if errors:
        return job.result(0)

    now = utcnow()
    created: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    changes: list[Change] = []
    new_barcodes: list[tuple[str, tuple[str, str, str]]] = []
    unchanged = 0
    fields = ("name", *SKU_DEFAULTS)
    for draft in drafts:
        wanted = {"name": draft.name, **draft.values}
        added = [b for b in draft.barcodes if b[2] not in owners]
        new_barcodes.extend((draft.code, b) for b in added)
        old = existing.get(draft.code)
        if old is None:
            row_values = {**SKU_DEFAULTS, **wanted}
            created.append({"code": draft.code, "created_at": now, **row_values})
            after = {**row_values, "barcodes": [b[0] for b in added]}
            changes.append(Change("sku", draft.code, None, after))
            continue
        diff = {f: v for f, v in wanted.items() if old[f] != v}
        if not diff and not added:
            unchanged += 1
            continue
        updates.append({"id": old["id"], **{f: wanted.get(f, old[f]) for f in fields}})
        before = {f: old[f] for f in diff}
        after = dict(diff)
        if added:
            after["barcodes_added"] = [b[0] for b in added]
        changes.append(Change("sku", draft.code, before, after))

    job.record_batch(session)
    skus = _core(Sku)
    for n, batch in enumerate(_chunks(created, WRITE_BATCH), 1):
        session.execute(insert(skus), list(batch))
        job.progress.written(n * WRITE_BATCH, len(created) + len(updates))
    if updates:
        session.execute(
            update(skus)
            .where(skus.c.id == bindparam("b_id"))
            .values({f: bindparam(f"b_{f}") for f in fields}),
            [{f"b_{k}": v for k, v in u.items()} for u in updates],
        )
    ids = {code: ident for code, (ident, _t) in _sku_ids(session, rows_of_code).items()}
    barcode_rows = [
        {"sku_id": ids[code], "code": bc, "kind": kind, "lookup": lookup}
        for code, (bc, kind, lookup) in new_barcodes
    ]
    for batch in _chunks(barcode_rows, WRITE_BATCH):
        session.execute(insert(_core(Barcode)), list(batch))
    record_many(session, job.actor, "sku.imported", changes)
    return job.result(len(changes), unchanged)


# -------------------------------------------------------------------------------------- stock

_LOCATION = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def location_zone(code: str) -> str:
    """The zone of a location code: the text before the first '-' (A-01-02-03 → A)."""
    return code.split("-", 1)[0]


def location_pick_sequence(code: str) -> int:
    """Aisle, bay and level (the numbers after the zone) as one sortable number.

    A-01-02-03 → 1_002_003: locations of a zone sort in code order (each part up to 999).
    """
    sequence = 0
    parts = code.split("-")[1:4]
    for part in [*parts, *["0"] * (3 - len(parts))]:
        digits = "".join(ch for ch in part if ch.isascii() and ch.isdigit())
        sequence = sequence * 1000 + min(int(digits or "0"), 999)
    return sequence


@dataclass
class _LotReceipt:
    sku: str
    lot: str
    location: str
    received_at: dt.datetime
    expiry: dt.date | None
    qty: int = 0


@dataclass
class _Receipt:
    row: int
    sku: str
    lot: str
    received_at: dt.datetime
    location: str
    qty: int
    expiry: dt.date | None


def _import_stock(session: Session, job: _Job) -> ImportResult:
    table, errors = job.table, job.errors
    receipts: list[_Receipt] = []
    received_at_of = _cached(parse_datetime)
    for row in job.rows():
        c = _Cells(table, row, errors)
        sku = c.text("sku", required=True, max_len=limits.SKU_CODE.max_len, code=True)
        lot = c.text("lot", required=True, max_len=limits.LOT.max_len, code=True)
        received_at = c.value("received_at", received_at_of, required=True)
        location = c.text("location", required=True, max_len=limits.LOCATION.max_len)
        if location:
            location = location.upper()
            if not _LOCATION.match(location):
                c.error("location", im.BAD_LOCATION(location=location))
                location = None
            elif len(location_zone(location)) > limits.ZONE.max_len:
                c.error("location", im.ZONE_TOO_LONG(location=location))
                location = None
        qty = c.value("qty", parse_positive_int, required=True)
        expiry = c.value("expiry", parse_date)
        if expiry is not None and received_at is not None and expiry < received_at.date():
            c.error(
                "expiry",
                im.EXPIRY_BEFORE_RECEIPT(
                    expiry=expiry.isoformat(), received=received_at.date().isoformat()
                ),
            )
        if sku and lot and received_at and location and qty:
            receipts.append(_Receipt(row.number, sku, lot, received_at, location, qty, expiry))

    earlier = session.execute(
        select(ImportBatch.at, ImportBatch.actor)
        .where(ImportBatch.kind == ImportKind.STOCK.value, ImportBatch.sha256 == job.sha256)
        .order_by(ImportBatch.id)
        .limit(1)
    ).first()
    if earlier is not None:
        when = earlier.at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        job.errors.only(RowError(0, "", im.ALREADY_RECEIVED(when=when, user=earlier.actor)))
        return job.result(0)

    skus = _sku_ids(session, (r.sku for r in receipts))
    for r in receipts:
        known = skus.get(r.sku)
        if known is None:
            errors.append(RowError(r.row, "sku", im.NO_SUCH_SKU(sku=r.sku)))
        elif known[1] and r.expiry is None:
            errors.append(RowError(r.row, "expiry", im.EXPIRY_REQUIRED(sku=r.sku)))

    locations: dict[str, int] = {}
    for chunk in _chunks(sorted({r.location for r in receipts})):
        stmt = select(Location.code, Location.id).where(Location.code.in_(chunk))
        for code, location_id in session.execute(stmt):
            locations[code] = location_id

    # The lots already in the database that the file adds to: (sku id, lot code, location id).
    keys = sorted(
        {
            (skus[r.sku][0], r.lot, locations[r.location])
            for r in receipts
            if r.sku in skus and r.location in locations
        }
    )
    existing = _find_lots(session, keys)

    # One lot may be received on several rows: they must agree on its expiry.
    expiry_seen: dict[tuple[str, str, str], tuple[int, dt.date]] = {}
    for r in receipts:
        if r.expiry is None or r.sku not in skus:
            continue
        key = (r.sku, r.lot, r.location)
        first = expiry_seen.setdefault(key, (r.row, r.expiry))
        if first[1] != r.expiry:
            differs = im.LOT_EXPIRY_DIFFERS(
                lot=r.lot,
                sku=r.sku,
                location=r.location,
                first=first[1].isoformat(),
                row=first[0],
                expiry=r.expiry.isoformat(),
            )
            errors.append(RowError(r.row, "expiry", differs))
            continue
        at_location = locations.get(r.location)
        in_stock = existing.get((skus[r.sku][0], r.lot, at_location)) if at_location else None
        if in_stock is not None and in_stock["expiry"] not in (None, r.expiry):
            stocked = im.LOT_EXPIRY_IN_STOCK(
                lot=r.lot,
                sku=r.sku,
                location=r.location,
                stocked=in_stock["expiry"].isoformat(),
                expiry=r.expiry.isoformat(),
            )
            errors.append(RowError(r.row, "expiry", stocked))
    _check_lot_totals(receipts, skus, locations, existing, errors)
    if errors:
        return job.result(0)
    return _write_receipts(session, job, receipts, skus, locations, existing)


def _check_lot_totals(
    receipts: list[_Receipt],
    skus: dict[str, tuple[int, bool]],
    locations: dict[str, int],
    existing: dict[LotKey, dict[str, Any]],
    errors: _Problems,
) -> None:
    """A lot's on-hand is an INTEGER: what it holds plus the file's rows for it must fit
    (the first row that goes past the limit is refused, once per lot)."""
    totals: dict[tuple[str, str, str], int] = {}
    for r in receipts:
        key = (r.sku, r.lot, r.location)
        total = totals.get(key)
        if total is None:
            sku, at = skus.get(r.sku), locations.get(r.location)
            held = existing.get((sku[0], r.lot, at)) if sku and at else None
            total = held["on_hand"] if held else 0
        elif total > limits.MAX_INT:
            continue  # said once
        totals[key] = total + r.qty
        if totals[key] > limits.MAX_INT:
            full = im.LOT_TOO_FULL(
                lot=r.lot, sku=r.sku, location=r.location, total=totals[key], limit=limits.MAX_INT
            )
            errors.append(RowError(r.row, "qty", full))


def _write_receipts(
    session: Session,
    job: _Job,
    receipts: list[_Receipt],
    skus: dict[str, tuple[int, bool]],
    locations: dict[str, int],
    existing: dict[LotKey, dict[str, Any]],
) -> ImportResult:
    batch_id = job.record_batch(session)
    total = len(receipts)

    new_locations = sorted({r.location for r in receipts} - set(locations))
    if new_locations:
        session.execute(
            insert(_core(Location)),
            [
                {
                    "code": code,
                    "zone": location_zone(code),
                    "pick_sequence": location_pick_sequence(code),
                    "quarantined": False,
                }
                for code in new_locations
            ],
        )
        for chunk in _chunks(new_locations):
            stmt = select(Location.code, Location.id).where(Location.code.in_(chunk))
            for code, location_id in session.execute(stmt):
                locations[code] = location_id

    # Sum the rows per lot: new lots are inserted with their total, existing ones topped up.
    per_lot: dict[LotKey, _LotReceipt] = {}
    for r in receipts:
        key = (skus[r.sku][0], r.lot, locations[r.location])
        lot = per_lot.get(key)
        if lot is None:
            lot = per_lot[key] = _LotReceipt(r.sku, r.lot, r.location, r.received_at, r.expiry)
        lot.qty += r.qty
        lot.received_at = min(lot.received_at, r.received_at)
        lot.expiry = lot.expiry or r.expiry
    lot_ids: dict[LotKey, int] = {key: found["id"] for key, found in existing.items()}
    new_lots = sorted(key for key in per_lot if key not in existing)
    lots = _core(Lot)
    if new_lots:
        session.execute(
            insert(lots),
            [
                {
                    "sku_id": key[0],
                    "lot_code": key[1],
                    "location_id": key[2],
                    "received_at": per_lot[key].received_at,
                    "expiry": per_lot[key].expiry,
                    "on_hand": per_lot[key].qty,
                    "allocated": 0,
                }
                for key in new_lots
            ],
        )
        for key, created in _find_lots(session, new_lots).items():
            lot_ids[key] = created["id"]
    topped_up = [key for key in per_lot if key in existing]
    if topped_up:
        # on_hand = on_hand + n in SQL: right even if another station received into it meanwhile.
        session.execute(
            update(lots)
            .where(lots.c.id == bindparam("b_id"))
            .values(on_hand=lots.c.on_hand + bindparam("b_qty"), expiry=bindparam("b_expiry")),
            [
                {
                    "b_id": existing[key]["id"],
                    "b_qty": per_lot[key].qty,
                    "b_expiry": existing[key]["expiry"] or per_lot[key].expiry,
                }
                for key in topped_up
            ],
        )
    job.progress.written(total // 2, total)

    now = utcnow()
    reason = f"goods receipt {job.filename}"
    moves = [
        {
            "at": now,
            "kind": "receipt",
            "lot_id": lot_ids[(skus[r.sku][0], r.lot, locations[r.location])],
            "qty": r.qty,
            "actor": job.actor.name,
            "reason": reason,
            "ref": f"import:{batch_id}",
        }
        for r in receipts
    ]
    for batch in _chunks(moves, WRITE_BATCH):
        session.execute(insert(_core(StockMove)), list(batch))

    changes = []
    for key, received in per_lot.items():
        old = existing.get(key)
        before = None if old is None else {"on_hand": old["on_hand"]}
        after = {
            "sku": received.sku,
            "lot": received.lot,
            "location": received.location,
            "received": received.qty,
            "on_hand": received.qty + (old["on_hand"] if old else 0),
        }
        changes.append(Change("lot", str(lot_ids[key]), before, after))
    record_many(session, job.actor, "stock.received", changes)
    return job.result(total)


# ------------------------------------------------------------------------------------- orders

#: Order-level columns: every line of an order must agree on them.
_ORDER_TEXT = (
    ("buyer_name", limits.BUYER_NAME.max_len),
    ("phone", limits.PHONE.max_len),
    ("province", limits.PROVINCE.max_len),
    ("city", limits.CITY.max_len),
    ("district", limits.DISTRICT.max_len),
    ("address", limits.ADDRESS.max_len),
)
#: Optional order-level columns: a blank cell on a later line of the order means "as above"
#: (so does a blank paid cell; an order with paid blank on every line is not paid).
_ORDER_OPTIONAL = ("carrier", "note")


@dataclass
class _OrderDraft:
    row: int  # the order's first row
    shop: str
    order_no: str
    fields: dict[str, Any]
    lines: list[tuple[int, str, int, bool]] = field(default_factory=list)  # row, sku, qty, gift
    #: what the platform says of it (an optional ``status`` column): paid, cancelled, refunded
    platform: PlatformStatus | None = None

    def facts(self) -> OrderFacts:
        return OrderFacts.of(
            lambda name: str(self.fields[name]),
            bool(self.fields["paid"]),
            ((sku, qty, gift) for _row, sku, qty, gift in self.lines),
        )


def _import_orders(session: Session, job: _Job) -> ImportResult:
    table, errors = job.table, job.errors
    orders: dict[tuple[str, str], _OrderDraft] = {}
    ordered_at_of = _cached(parse_datetime)
    paid_of = _cached(parse_bool)
    for row in job.rows():
        c = _Cells(table, row, errors)
        order_no = c.text("order_no", required=True, max_len=limits.ORDER_NO.max_len)
        shop = c.text("shop", required=True, max_len=limits.SHOP.max_len)
        fields: dict[str, Any] = {
            "ordered_at": c.value("ordered_at", ordered_at_of, required=True),
            "paid": c.value("paid", paid_of),
        }
        for column, max_len in _ORDER_TEXT:
            fields[column] = c.text(column, required=True, max_len=max_len)
        fields["carrier"] = c.text("carrier", max_len=limits.CARRIER_CODE.max_len)
        fields["note"] = c.text("note", max_len=limits.ORDER_NOTE.max_len)
        sku = c.text("sku", required=True, max_len=limits.SKU_CODE.max_len, code=True)
        qty = c.value("qty", parse_positive_int, required=True)
        gift = c.value("gift", parse_bool) or False
        platform = c.value("status", _platform_status)
        if order_no and shop:
            draft = orders.get((shop, order_no))
            if draft is None:
                draft = orders[(shop, order_no)] = _OrderDraft(row.number, shop, order_no, fields)
            else:
                _agree(c, draft, fields)
            if platform is not None and platform is not PlatformStatus.PAID:
                draft.platform = platform  # a cancellation on any line is the order's
            if sku and qty:
                draft.lines.append((row.number, sku, qty, gift))

    skus = _sku_ids(session, (line[1] for o in orders.values() for line in o.lines))
    for draft in orders.values():
        for number, sku, _qty, _gift in draft.lines:
            if sku not in skus:
                errors.append(RowError(number, "sku", im.NO_SUCH_SKU(sku=sku)))
    if errors:
        return job.result(0)

    in_database: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted({no for _shop, no in orders})):
        stmt = select(Order.shop, Order.order_no).where(Order.order_no.in_(chunk))
        for shop_found, no_found in session.execute(stmt):
            if (shop_found, no_found) in orders:
                in_database.add((shop_found, no_found))
    job.record_batch(session)
    changed = order_changes.apply(
        session,
        job.actor,
        [
            order_changes.Incoming(d.shop, d.order_no, d.facts(), d.platform)
            for d in (orders[key] for key in sorted(in_database))
        ],
        skus,
    )
    # An order the platform cancelled before the warehouse ever saw it is not imported.
    gone = {PlatformStatus.CANCELLED, PlatformStatus.REFUNDED}
    new = [d for key, d in orders.items() if key not in in_database and d.platform not in gone]
    born_cancelled = len(orders) - len(in_database) - len(new)
    _write_orders(session, job, new, skus)
    return job.result(len(new), len(in_database) - changed + born_cancelled, changed)


def _platform_status(cell: Cell) -> PlatformStatus:
    found = platform_status(text(cell))
    if found is None:
        known = ", ".join(PLATFORM_WORDS)
        raise CellError(im.BAD_PLATFORM_STATUS(value=text(cell), known=known))
    return found


def _agree(c: _Cells, draft: _OrderDraft, fields: dict[str, Any]) -> None:
    """Check a later line of an order against its first line (cells already reported bad are
    skipped; optional cells left blank take the value given on another line)."""
    for column, value in fields.items():
        known = draft.fields.get(column)
        if column in _ORDER_OPTIONAL:
            if not value:
                continue
            if not known:
                draft.fields[column] = value
                continue
        if value is None:
            continue
        if known is None:
            draft.fields[column] = value
        elif known != value:
            c.error(
                column,
                im.ORDER_LINES_DIFFER(
                    row=draft.row, order=draft.order_no, here=_show(value), there=_show(known)
                ),
            )


def _write_orders(
    session: Session, job: _Job, new: list[_OrderDraft], skus: dict[str, tuple[int, bool]]
) -> None:
    if not new:
        return
    now = utcnow()
    orders_table, lines_table = _core(Order), _core(OrderLine)
    total = len(new)
    done = 0
    for batch in _chunks(new, WRITE_BATCH):
        session.execute(
            insert(orders_table),
            [
                {
                    "shop": d.shop,
                    "order_no": d.order_no,
                    "ordered_at": d.fields["ordered_at"],
                    "paid": bool(d.fields["paid"]),  # blank on every line: not paid
                    "buyer_name": d.fields["buyer_name"],
                    "phone": d.fields["phone"],
                    "province": d.fields["province"],
                    "city": d.fields["city"],
                    "district": d.fields["district"],
                    "address": d.fields["address"],
                    "carrier": d.fields["carrier"] or None,
                    "note": d.fields["note"] or "",
                    "priority": 0,
                    "status": "new",
                    "held_from": None,
                    "exception_reasons": [],
                    "created_at": now,
                    "updated_at": now,
                }
                for d in batch
            ],
        )
        ids = _order_ids(session, batch)
        session.execute(
            insert(lines_table),
            [
                {
                    "order_id": ids[(d.shop, d.order_no)],
                    "sku_code": sku,
                    "sku_id": skus[sku][0],
                    "qty": qty,
                    "gift": gift,
                }
                for d in batch
                for _row, sku, qty, gift in d.lines
            ],
        )
        done += len(batch)
        job.progress.written(done, total)
    record_many(
        session,
        job.actor,
        "order.imported",
        (Change("order", d.order_no, None, {"status": "new", "shop": d.shop}) for d in new),
    )


def _order_ids(session: Session, drafts: Sequence[_OrderDraft]) -> dict[tuple[str, str], int]:
    """The ids of orders just inserted, by (shop, order_no)."""
    wanted = {(d.shop, d.order_no) for d in drafts}
    ids: dict[tuple[str, str], int] = {}
    for chunk in _chunks(sorted({d.order_no for d in drafts})):
        stmt = select(Order.id, Order.shop, Order.order_no).where(Order.order_no.in_(chunk))
        for order_id, shop, order_no in session.execute(stmt):
            if (shop, order_no) in wanted:
                ids[(shop, order_no)] = order_id
    return ids
