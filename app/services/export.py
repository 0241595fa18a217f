"""Exporting orders to CSV or XLSX in the order-import layout, so that an export re-imports.

CSV is written as UTF-8 with a byte-order mark (Excel then shows Chinese correctly); XLSX by the
file suffix.  Text that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab
or a carriage return) is defused: in CSV it gets a leading apostrophe (which the import removes
again), in XLSX it is stored as a string cell, never as a formula.  The file appears complete or
not at all: it is written next to the target and renamed over it at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db.models import Order, OrderLine
from app.db.uow import UnitOfWork
from app.domain.users import Action, Actor
from app.services.imports import ORDER_COLUMNS
from app.services.orders import order_status
from app.services.tabular import FORMULA_PREFIXES, XLSX_SUFFIXES, write_csv, write_whole

#: Rows fetched from the database at a time while writing.
FETCH = 2000

_XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

# Select list in ORDER_COLUMNS order.
_SOURCE = {
    "order_no": Order.order_no,
    "shop": Order.shop,
    "ordered_at": Order.ordered_at,
    "paid": Order.paid,
    "buyer_name": Order.buyer_name,
    "phone": Order.phone,
    "province": Order.province,
    "city": Order.city,
    "district": Order.district,
    "address": Order.address,
    "sku": OrderLine.sku_code,
    "qty": OrderLine.qty,
    "gift": OrderLine.gift,
    "carrier": Order.carrier,
    "note": Order.note,
}


def export_orders(uow: UnitOfWork, actor: Actor, path: Path, status: str | None = None) -> int:
    """Write every order line (of orders in *status*, if given) to *path*; return the number of
    lines (data rows) written.  ``.xlsx`` / ``.xlsm`` → Excel workbook, anything else → CSV.

    The file holds every buyer's name, phone and address (it re-imports): only someone who may
    read buyers' personal data exports it."""
    actor.require(Action.VIEW_BUYERS)
    path = Path(path)
    stmt = (
        select(*(_SOURCE[column] for column in ORDER_COLUMNS))
        .join(OrderLine, OrderLine.order_id == Order.id)
        .order_by(Order.id, OrderLine.id)
    )
    if status is not None:
        stmt = stmt.where(Order.status == order_status(status).value)

    with uow.reading() as session:
        rows = session.execute(stmt.execution_options(yield_per=FETCH))
        return write_rows(path, ORDER_COLUMNS, (tuple(row) for row in rows), sheet="orders")


def write_rows(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str
) -> int:
    """Write *header* and *rows* to *path* (``.xlsx`` / ``.xlsm``: a workbook with one sheet
    called *sheet*; anything else: CSV, UTF-8 with a byte-order mark), complete or not at all;
    return the number of data rows written."""
    path = Path(path)
    xlsx = path.suffix.lower() in XLSX_SUFFIXES

    def write(temp: Path) -> int:
        if xlsx:
            return _write_xlsx(temp, header, rows, sheet)
        return write_csv(temp, header, rows)

    return write_whole(path, write)


def _write_xlsx(
    target: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], sheet_name: str
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append(list(header))
    count = 0
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith(FORMULA_PREFIXES):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # a string, never a formula
                    cells.append(cell)
                    continue
            elif isinstance(value, dt.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = _XLSX_DATETIME_FORMAT
                cells.append(cell)
                continue
            cells.append(value)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count
