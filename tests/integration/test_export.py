"""Exporting orders (CSV with BOM, XLSX): re-importable and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, select, update

from app.bootstrap import open_database
from app.db.engine import sqlite_url_for
from app.db.models import Order, OrderLine
from app.db.uow import UnitOfWork
from app.domain.barcodes import make_ean13
from app.domain.errors import InvalidInput
from app.domain.users import SYSTEM, Actor
from app.services.export import export_orders
from app.services.imports import ORDER_COLUMNS, import_file

Uow = Callable[[], UnitOfWork]

SKUS = [
    ["sku", "name", "barcodes"],
    ["CUP-1", "保温杯", make_ean13("690123456789")],
    ["TEA-2", "龙井", make_ean13("690123456780")],
]

DANGEROUS = [
    '=HYPERLINK("http://evil.example","点我")',
    "+8613800138000",
    "-1+2",
    "@SUM(A1:A9)",
]


def order(order_no: str, sku: str, qty: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "order_no": order_no,
        "shop": "拼多多店",
        "ordered_at": "2026-11-20 09:15:30",
        "paid": "1",
        "buyer_name": "王小明",
        "phone": "13800138000",
        "province": "广东省",
        "city": "深圳市",
        "district": "南山区",
        "address": "科技园南路 1 号",
        "sku": sku,
        "qty": qty,
        "gift": "0",
        "carrier": "ZTO",
        "note": "",
    }
    row.update(changes)
    return row


ORDERS = [
    order("PDD-1", "CUP-1", 2, note=DANGEROUS[0]),
    order("PDD-1", "TEA-2", 1, gift="1"),
    order("PDD-2", "TEA-2", 3, phone=DANGEROUS[1], buyer_name=DANGEROUS[2], paid="0"),
    order("PDD-3", "CUP-1", 1, address=DANGEROUS[3], carrier=""),
]


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def load(uow: Uow, supervisor: Actor, folder: Path) -> None:
    assert import_file(uow(), supervisor, "skus", write_csv(folder / "skus.csv", SKUS)).ok
    rows = [list(ORDER_COLUMNS)] + [[o[c] for c in ORDER_COLUMNS] for o in ORDERS]
    result = import_file(uow(), supervisor, "orders", write_csv(folder / "orders.csv", rows))
    assert result.imported == 3, result.errors


def snapshot(uow: Uow) -> list[tuple[Any, ...]]:
    """Every order line with its order's fields, comparable across databases."""
    columns = [
        Order.shop,
        Order.order_no,
        Order.ordered_at,
        Order.paid,
        Order.buyer_name,
        Order.phone,
        Order.province,
        Order.city,
        Order.district,
        Order.address,
        Order.carrier,
        Order.note,
        Order.status,
        OrderLine.sku_code,
        OrderLine.qty,
        OrderLine.gift,
    ]
    with uow().reading() as session:
        rows = session.execute(select(*columns).join(OrderLine).order_by(Order.id, OrderLine.id))
        return [tuple(row) for row in rows]


@pytest.fixture
def loaded(uow: Uow, supervisor: Actor, tmp_path: Path) -> None:
    load(uow, supervisor, tmp_path)


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Uow]:
    engine: Engine = open_database(sqlite_url_for(tmp_path / "other.sqlite"))
    yield lambda: UnitOfWork(engine)
    engine.dispose()


def test_csv_export_has_bom_import_columns_and_one_row_per_line(
    uow: Uow, loaded: None, tmp_path: Path
) -> None:
    path = tmp_path / "out" / "orders.csv"
    assert export_orders(uow(), SYSTEM, path) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    assert rows[0] == list(ORDER_COLUMNS)
    assert [(r[0], r[10], r[11]) for r in rows[1:]] == [
        ("PDD-1", "CUP-1", "2"),
        ("PDD-1", "TEA-2", "1"),
        ("PDD-2", "TEA-2", "3"),
        ("PDD-3", "CUP-1", "1"),
    ]
    first = dict(zip(ORDER_COLUMNS, rows[1], strict=True))
    assert first["shop"] == "拼多多店"
    assert first["ordered_at"] == "2026-11-20 09:15:30"
    assert (first["paid"], first["gift"], first["carrier"]) == ("yes", "no", "ZTO")
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temporary file left


def test_csv_export_defuses_formula_cells(uow: Uow, loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    export_orders(uow(), SYSTEM, path)
    with path.open(encoding="utf-8-sig", newline="") as source:
        cells = [cell for row in csv.reader(source) for cell in row]
    for dangerous in DANGEROUS:
        assert "'" + dangerous in cells
        assert dangerous not in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_xlsx_export_writes_strings_never_formulas(uow: Uow, loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    assert export_orders(uow(), SYSTEM, path) == 4
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml

    workbook = openpyxl.load_workbook(path)  # full mode: data types are visible
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == list(ORDER_COLUMNS)
    by_value = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row}
    for dangerous in DANGEROUS:
        assert by_value[dangerous].data_type == "s"
    ordered_at = sheet.cell(row=2, column=ORDER_COLUMNS.index("ordered_at") + 1)
    assert ordered_at.value == dt.datetime(2026, 11, 20, 9, 15, 30)
    assert ordered_at.is_date


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_reimports_into_an_identical_database(
    uow: Uow,
    supervisor: Actor,
    loaded: None,
    other_db: Uow,
    tmp_path: Path,
    suffix: str,
) -> None:
    path = tmp_path / f"export{suffix}"
    export_orders(uow(), SYSTEM, path)
    assert import_file(other_db(), supervisor, "skus", write_csv(tmp_path / "s.csv", SKUS)).ok
    result = import_file(other_db(), supervisor, "orders", path)
    assert (result.ok, result.imported) == (True, 3), result.errors
    assert snapshot(other_db) == snapshot(uow)
    # … and importing the export back into its own database changes nothing.
    again = import_file(uow(), supervisor, "orders", path)
    assert (again.imported, again.skipped) == (0, 3)


def test_export_filters_by_status(uow: Uow, loaded: None, tmp_path: Path) -> None:
    with uow() as work:
        work.session.execute(
            update(Order).where(Order.order_no == "PDD-2").values(status="reviewed")
        )
        work.commit()
    path = tmp_path / "reviewed.csv"
    assert export_orders(uow(), SYSTEM, path, status="reviewed") == 1
    assert export_orders(uow(), SYSTEM, tmp_path / "new.csv", status="new") == 3
    assert export_orders(uow(), SYSTEM, tmp_path / "none.csv", status="shipped") == 0
    with pytest.raises(InvalidInput, match="unknown status 'lost'; use one of: new, ") as refused:
        export_orders(uow(), SYSTEM, tmp_path / "x.csv", status="lost")
    assert refused.value.message.name == "order.unknown_status"
    assert refused.value.message.params["status"] == "lost"
    assert not (tmp_path / "x.csv").exists()


def test_export_replaces_an_existing_file(uow: Uow, loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("old content", encoding="utf-8")
    export_orders(uow(), SYSTEM, path)
    assert path.read_text(encoding="utf-8-sig").startswith("order_no,shop,")
