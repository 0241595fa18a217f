"""Importing SKUs, goods receipts and orders from CSV / XLSX into a migrated SQLite database."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from sqlalchemy import Engine, func, select

from app.db.models import (
    AuditEvent,
    Barcode,
    ImportBatch,
    Location,
    Lot,
    Order,
    OrderLine,
    Sku,
    StockMove,
)
from app.db.uow import UnitOfWork
from app.domain.barcodes import make_ean13
from app.domain.errors import PermissionDenied
from app.domain.users import Actor, Role
from app.messages import imports as im
from app.services import imports
from app.services.imports import ImportKind, ImportResult, RowError, import_file

Uow = Callable[[], UnitOfWork]


class Problem(NamedTuple):
    """A row error as the person reads it: row, column and the English sentence."""

    row: int
    column: str
    message: str


def problems(result: ImportResult) -> list[Problem]:
    return [Problem(e.row, e.column, e.message.english()) for e in result.errors]


EAN_CUP = make_ean13("690123456789")  # 6901234567892
EAN_TEA = make_ean13("690123456780")
EAN_MILK = make_ean13("690123456781")
EAN_SPOON = make_ean13("690123456782")

SKU_HEADER = ["sku", "name", "barcodes", "weight_g", "fragile", "low_stock_threshold"]
SKU_HEADER += ["expiry_tracked"]
SKU_ROWS: list[list[object]] = [
    ["CUP-1", "保温杯 500毫升", f"{EAN_CUP}|(01)16901234567899", 350, "是", 5, ""],
    ["TEA-2", "西湖龙井 250克", EAN_TEA, 260, "", "", "no"],
    ["MILK-3", "Fresh milk 1L", f"{EAN_MILK}|INT-MILK-3", 1030, "0", 20, "yes"],
]

STOCK_HEADER = ["sku", "lot", "received_at", "location", "qty", "expiry"]

ORDER_HEADER = [
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
    "gift",
    "carrier",
    "note",
]


def order_row(
    order_no: str, sku: str = "CUP-1", qty: object = 1, **changes: object
) -> list[object]:
    row: dict[str, object] = {
        "order_no": order_no,
        "shop": "天猫旗舰店",
        "ordered_at": "2026-11-20 14:03",
        "paid": "已付款",
        "buyer_name": "张三",
        "phone": "13800138000",
        "province": "浙江省",
        "city": "杭州市",
        "district": "西湖区",
        "address": "文三路 90 号 3 幢",
        "sku": sku,
        "qty": qty,
        "gift": "",
        "carrier": "SF",
        "note": "",
    }
    row.update(changes)
    return [row[column] for column in ORDER_HEADER]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def counts(uow: Uow) -> dict[str, int]:
    models = [Sku, Barcode, Location, Lot, StockMove, Order, OrderLine, AuditEvent, ImportBatch]
    with uow().reading() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in models
        }


def audit_actions(uow: Uow) -> list[tuple[str, str]]:
    with uow().reading() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.entity_id).order_by("id"))
        return [(action, entity_id) for action, entity_id in rows]


@pytest.fixture
def skus_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "skus.csv", SKU_HEADER, SKU_ROWS)


@pytest.fixture
def with_skus(uow: Uow, supervisor: Actor, skus_file: Path) -> None:
    result = import_file(uow(), supervisor, ImportKind.SKUS, skus_file)
    assert result.ok, result.errors


# ----------------------------------------------------------------------------------- results


def test_result_json_shape() -> None:
    problem = RowError(3, "qty", im.NOT_POSITIVE(value="'0'"))
    result = ImportResult("orders", 0, 0, [problem])
    assert not result.ok
    assert result.to_json() == {
        "imported": 0,
        "skipped": 0,
        "changed": 0,
        "errors": [
            {
                "row": 3,
                "column": "qty",
                "message": "must be a whole number greater than 0, not '0'",
                "code": "import.not_positive",
                "params": {"value": "'0'"},
            }
        ],
    }
    assert str(problem) == "row 3, column qty: must be a whole number greater than 0, not '0'"
    assert str(RowError(0, "", im.EMPTY_FILE())) == (
        "file: the file is empty: it has no header row and no data"
    )


def test_row_errors_read_in_chinese(uow: Uow, supervisor: Actor, tmp_path: Path) -> None:
    from app import bootstrap

    zh = bootstrap.message_translator("zh_CN")
    assert zh is not None
    path = write_csv(
        tmp_path / "skus.csv",
        ["sku", "name", "weight_g"],
        [["A-1", "杯子", "abc"], ["A-1", "", "-2"]],
    )
    result = import_file(uow(), supervisor, "skus", path)
    assert [e.located().render(zh) for e in result.errors] == [
        "第 2 行，weight_g 列：数字格式错误 'abc'",
        "第 3 行，sku 列：SKU“A-1”重复：第 2 行也有",
        "第 3 行，name 列：缺少 name",
        "第 3 行，weight_g 列：必须是 0 或以上的整数，不能是 '-2'",
    ]


def test_unknown_kind_is_refused(uow: Uow, supervisor: Actor, skus_file: Path) -> None:
    with pytest.raises(ValueError):
        import_file(uow(), supervisor, "customers", skus_file)


# ------------------------------------------------------------------------------------- SKUs


def test_sku_import_creates_skus_with_barcodes_and_audit(
    uow: Uow, supervisor: Actor, skus_file: Path
) -> None:
    result = import_file(uow(), supervisor, "skus", skus_file)
    assert (result.ok, result.imported, result.skipped) == (True, 3, 0)
    with uow().reading() as session:
        skus = {s.code: s for s in session.scalars(select(Sku))}
        assert skus["CUP-1"].name == "保温杯 500毫升"
        assert (skus["CUP-1"].weight_g, skus["CUP-1"].fragile) == (350, True)
        assert skus["CUP-1"].low_stock_threshold == 5
        assert skus["TEA-2"].low_stock_threshold == 10  # blank → default
        assert (skus["TEA-2"].fragile, skus["TEA-2"].expiry_tracked) == (False, False)
        assert skus["MILK-3"].expiry_tracked is True
        barcodes = {
            (b.code, b.kind, b.lookup, b.sku.code) for b in session.scalars(select(Barcode))
        }
    assert barcodes == {
        (EAN_CUP, "ean13", "0" + EAN_CUP, "CUP-1"),
        ("16901234567899", "gtin14", "16901234567899", "CUP-1"),
        (EAN_TEA, "ean13", "0" + EAN_TEA, "TEA-2"),
        (EAN_MILK, "ean13", "0" + EAN_MILK, "MILK-3"),
        ("INT-MILK-3", "code128", "INT-MILK-3", "MILK-3"),
    }
    assert audit_actions(uow) == [
        ("sku.imported", "CUP-1"),
        ("sku.imported", "TEA-2"),
        ("sku.imported", "MILK-3"),
    ]


def test_sku_import_bulk_column_is_optional_yes_no(
    uow: Uow, supervisor: Actor, skus_file: Path, tmp_path: Path
) -> None:
    assert import_file(uow(), supervisor, "skus", skus_file).imported == 3  # no bulk column
    with uow().reading() as session:
        assert {s.code: s.bulk for s in session.scalars(select(Sku))} == {
            "CUP-1": False,
            "TEA-2": False,
            "MILK-3": False,
        }
    marked = write_csv(
        tmp_path / "skus-bulk.csv",
        ["sku", "name", "bulk"],
        [
            ["CUP-1", "保温杯 500毫升", "是"],
            ["TEA-2", "西湖龙井 250克", "no"],
            ["SCREW-4", "螺丝 M4", "yes"],
        ],
    )
    result = import_file(uow(), supervisor, "skus", marked)
    assert (result.ok, result.imported, result.skipped) == (True, 2, 1)
    with uow().reading() as session:
        bulk = {s.code: s.bulk for s in session.scalars(select(Sku))}
    assert bulk == {"CUP-1": True, "TEA-2": False, "MILK-3": False, "SCREW-4": True}
    bad = write_csv(tmp_path / "skus-bad.csv", ["sku", "name", "bulk"], [["X-1", "X", "maybe"]])
    refused = import_file(uow(), supervisor, "skus", bad)
    assert not refused.ok and [e.column for e in refused.errors] == ["bulk"]


def test_sku_import_reads_the_unit_cost_in_yuan(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    """What a unit is worth values a count's variance: yuan in the file, fen in the database."""
    path = write_csv(
        tmp_path / "skus-cost.csv",
        ["sku", "name", "unit_cost"],
        [["CUP-1", "保温杯", "45.50"], ["TEA-2", "龙井", "¥128"], ["MILK-3", "牛奶", ""]],
    )
    assert import_file(uow(), supervisor, "skus", path).imported == 3
    with uow().reading() as session:
        cost = {s.code: s.unit_cost_fen for s in session.scalars(select(Sku))}
    assert cost == {"CUP-1": 4550, "TEA-2": 12800, "MILK-3": 0}
    bad = write_csv(
        tmp_path / "skus-cost-bad.csv",
        ["sku", "name", "unit_cost"],
        [["X-1", "X", "-3"], ["X-2", "Y", "1.234"], ["X-3", "Z", "cheap"]],
    )
    refused = import_file(uow(), supervisor, "skus", bad)
    assert problems(refused) == [
        Problem(row, "unit_cost", f"must be an amount in yuan of 0 or more (e.g. 45.50), not {v}")
        for row, v in ((2, "'-3'"), (3, "'1.234'"), (4, "'cheap'"))
    ]


def test_sku_reimport_is_idempotent_and_updates_what_changed(
    uow: Uow, supervisor: Actor, skus_file: Path, tmp_path: Path
) -> None:
    assert import_file(uow(), supervisor, "skus", skus_file).imported == 3
    again = import_file(uow(), supervisor, "skus", skus_file)
    assert (again.ok, again.imported, again.skipped) == (True, 0, 3)
    before = counts(uow)
    assert before["barcodes"] == 5 and before["skus"] == 3

    changed = write_csv(
        tmp_path / "skus-v2.csv",
        ["sku", "name", "barcodes", "fragile"],
        [
            ["CUP-1", "保温杯 500毫升 (新款)", EAN_SPOON, ""],  # renamed, one barcode more
            ["TEA-2", "西湖龙井 250克", EAN_TEA, "yes"],  # now fragile
            ["MILK-3", "Fresh milk 1L", "", ""],  # unchanged
        ],
    )
    result = import_file(uow(), supervisor, "skus", changed)
    assert (result.ok, result.imported, result.skipped) == (True, 2, 1)
    with uow().reading() as session:
        cup = session.scalars(select(Sku).where(Sku.code == "CUP-1")).one()
        assert cup.name == "保温杯 500毫升 (新款)"
        assert (cup.weight_g, cup.fragile) == (350, True)  # columns not in the file are kept
        assert sorted(b.code for b in cup.barcodes) == sorted(
            [EAN_CUP, "16901234567899", EAN_SPOON]
        )
        tea = session.scalars(select(Sku).where(Sku.code == "TEA-2")).one()
        assert tea.fragile is True
        update = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == "CUP-1").order_by(AuditEvent.id)
        ).all()[-1]
    assert update.before == {"name": "保温杯 500毫升"}
    assert update.after == {"name": "保温杯 500毫升 (新款)", "barcodes_added": [EAN_SPOON]}
    assert counts(uow)["barcodes"] == 6


def test_sku_row_errors_name_row_column_and_reason(
    uow: Uow, supervisor: Actor, skus_file: Path, tmp_path: Path
) -> None:
    import_file(uow(), supervisor, "skus", skus_file)
    before = counts(uow)
    bad_check = EAN_SPOON[:-1] + str((int(EAN_SPOON[-1]) + 1) % 10)
    path = write_csv(
        tmp_path / "bad-skus.csv",
        ["sku", "name", "barcodes", "weight_g", "low_stock_threshold"],
        [
            ["NEW-1", "Spoon", EAN_SPOON, "12", ""],  # row 2: fine
            ["NEW-2", "Fork", EAN_SPOON, "abc", ""],  # row 3: dup barcode in file, bad number
            ["NEW-3", "", "", "", "-1"],  # row 4: missing name, negative threshold
            ["NEW-1", "Spoon again", "", "", ""],  # row 5: SKU twice in the file
            ["NEW-4", "Knife", EAN_CUP, "", ""],  # row 6: barcode belongs to CUP-1
            ["NEW-5", "Plate", bad_check, "", ""],  # row 7: wrong check digit
            ["NEW-6", "Bowl", "6.90123E+12", "3.5", ""],  # row 8: Excel-mangled barcode
        ],
    )
    result = import_file(uow(), supervisor, "skus", path)
    assert (result.imported, result.skipped) == (0, 0)
    assert problems(result) == [
        Problem(3, "barcodes", f"duplicate barcode {EAN_SPOON}: also on row 2 (SKU NEW-1)"),
        Problem(3, "weight_g", "malformed number 'abc'"),
        Problem(4, "name", "missing name"),
        Problem(4, "low_stock_threshold", "must be a whole number of 0 or more, not '-1'"),
        Problem(5, "sku", "duplicate SKU 'NEW-1': also on row 2"),
        Problem(6, "barcodes", f"duplicate barcode {EAN_CUP}: already on SKU CUP-1"),
        Problem(
            7,
            "barcodes",
            f"EAN13 {bad_check}: wrong check digit (expected {EAN_SPOON[-1]})",
        ),
        Problem(
            8,
            "barcodes",
            "barcode '6.90123E+12' was turned into a number by Excel and lost digits; "
            "format the column as Text and type the barcodes again",
        ),
        Problem(8, "weight_g", "must be a whole number of 0 or more, not '3.5'"),
    ]
    assert counts(uow) == before


def test_missing_column_is_reported_on_the_header_row(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "s.csv", ["SKU", "barcodes"], [["A", ""]])
    result = import_file(uow(), supervisor, "skus", path)
    assert problems(result) == [Problem(1, "name", "missing column 'name'")]


# ------------------------------------------------------------------------------------ stock


def test_goods_receipt_creates_locations_lots_and_ledger(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "receipt-1120.csv",
        STOCK_HEADER,
        [
            ["CUP-1", "L2611", "2026-11-20 08:30", "A-01-02-03", "24", ""],
            ["CUP-1", "L2611", "2026-11-20 08:30", "A-01-02-03", "6", ""],  # same lot: adds up
            ["TEA-2", "T01", "2026/11/20", "a-01-10-01", "10", ""],
            ["MILK-3", "M9", "2026-11-20", "COLD-2-1-1", "12", "2026-12-05"],
            ["CUP-1", "L2611", "2026-11-20 08:30", "A-02-01-01", "5", ""],  # other location
        ],
    )
    result = import_file(uow(), supervisor, "stock", path)
    assert (result.ok, result.imported, result.skipped) == (True, 5, 0)

    with uow().reading() as session:
        locations = {loc.code: loc for loc in session.scalars(select(Location))}
        assert {code: loc.zone for code, loc in locations.items()} == {
            "A-01-02-03": "A",
            "A-01-10-01": "A",
            "A-02-01-01": "A",
            "COLD-2-1-1": "COLD",
        }
        in_code_order = sorted(
            (loc for loc in locations.values() if loc.zone == "A"), key=lambda x: x.pick_sequence
        )
        assert [loc.code for loc in in_code_order] == ["A-01-02-03", "A-01-10-01", "A-02-01-01"]

        lots = session.execute(
            select(Sku.code, Lot.lot_code, Location.code, Lot.on_hand, Lot.expiry, Lot.received_at)
            .join(Sku, Sku.id == Lot.sku_id)
            .join(Location, Location.id == Lot.location_id)
            .order_by(Lot.id)
        ).all()
        assert sorted((s, lot, loc, n, e) for s, lot, loc, n, e, _r in lots) == [
            ("CUP-1", "L2611", "A-01-02-03", 30, None),
            ("CUP-1", "L2611", "A-02-01-01", 5, None),
            ("MILK-3", "M9", "COLD-2-1-1", 12, dt.date(2026, 12, 5)),
            ("TEA-2", "T01", "A-01-10-01", 10, None),
        ]
        moves = session.scalars(select(StockMove).order_by(StockMove.id)).all()
        assert [m.qty for m in moves] == [24, 6, 10, 12, 5]
        batch = session.scalars(select(ImportBatch).where(ImportBatch.kind == "stock")).one()
        assert (batch.filename, batch.rows, batch.actor) == ("receipt-1120.csv", 5, "Wang Fang")
        for move in moves:
            assert (move.kind, move.actor) == ("receipt", "Wang Fang")
            assert move.reason == "goods receipt receipt-1120.csv"
            assert move.ref == f"import:{batch.id}"
        # The ledger proves every lot's on-hand.
        ledger_rows = session.execute(
            select(StockMove.lot_id, func.sum(StockMove.qty)).group_by(StockMove.lot_id)
        )
        ledger = {lot_id: total for lot_id, total in ledger_rows}
        on_hand = {lot_id: n for lot_id, n in session.execute(select(Lot.id, Lot.on_hand))}
        assert ledger == on_hand
    assert [a for a, _e in audit_actions(uow)].count("stock.received") == 4


def test_receiving_the_same_file_twice_is_refused(
    uow: Uow, supervisor: Actor, admin: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "receipt.csv",
        STOCK_HEADER,
        [["CUP-1", "L1", "2026-11-20", "A-01-01-01", 8, ""]],
    )
    assert import_file(uow(), supervisor, "stock", path).ok
    before = counts(uow)
    again = import_file(uow(), admin, "stock", path)
    assert again.imported == 0
    assert len(again.errors) == 1
    error = again.errors[0]
    assert (error.row, error.column) == (0, "")
    assert error.message.name == "import.already_received"
    assert error.message.english().startswith("this file was already received on ")
    assert error.message.english().endswith(" by Wang Fang; nothing imported")
    assert counts(uow) == before

    # A new receipt into the same lot tops it up; the ledger still adds up.
    second = write_csv(
        tmp_path / "receipt-2.csv",
        STOCK_HEADER,
        [["CUP-1", "L1", "2026-11-21", "A-01-01-01", 4, ""]],
    )
    assert import_file(uow(), supervisor, "stock", second).ok
    with uow().reading() as session:
        assert session.scalars(select(Lot.on_hand)).all() == [12]
        assert session.scalar(select(func.sum(StockMove.qty))) == 12


def test_stock_row_errors(uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path) -> None:
    before = counts(uow)
    path = write_csv(
        tmp_path / "bad-receipt.csv",
        STOCK_HEADER,
        [
            ["CUP-1", "L1", "2026-11-20", "A-01-01-01", "5", ""],  # row 2: fine
            ["NOPE-9", "L1", "2026-11-20", "A-01-01-01", "5", ""],  # row 3
            ["MILK-3", "M1", "2026-11-20", "C-01-01-01", "5", ""],  # row 4: expiry needed
            ["MILK-3", "M2", "2026-11-20", "C-01-01-01", "5", "2026-11-01"],  # row 5
            ["CUP-1", "L1", "20.11.2026", "A 01", "0", ""],  # row 6
            ["TEA-2", "", "2026-11-20", "A-01-01-01", "-3", ""],  # row 7
        ],
    )
    result = import_file(uow(), supervisor, "stock", path)
    assert result.imported == 0
    assert problems(result) == [
        Problem(3, "sku", "unknown SKU 'NOPE-9'"),
        Problem(4, "expiry", "expiry required: SKU MILK-3 is expiry-tracked"),
        Problem(5, "expiry", "expiry 2026-11-01 is before received_at 2026-11-20"),
        Problem(6, "received_at", "bad date '20.11.2026' (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
        Problem(
            6,
            "location",
            "bad location 'A 01': use letters and digits separated by '-', e.g. A-01-02-03",
        ),
        Problem(6, "qty", "must be a whole number greater than 0, not '0'"),
        Problem(7, "lot", "missing lot"),
        Problem(7, "qty", "must be a whole number greater than 0, not '-3'"),
    ]
    assert counts(uow) == before


def test_pick_sequence_sorts_in_code_order() -> None:
    codes = ["A-01-01-01", "A-01-01-02", "A-01-02-01", "A-01-10-01", "A-02-01-01", "A-10-01-01"]
    sequences = [imports.location_pick_sequence(c) for c in codes]
    assert sequences == sorted(sequences)
    assert len(set(sequences)) == len(codes)
    assert imports.location_zone("COLD-1-2") == "COLD"


# ----------------------------------------------------------------------------------- orders


def test_gb18030_orders_import_groups_lines_into_orders(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "淘宝订单.csv",
        ORDER_HEADER,
        [
            order_row("TB1001", "CUP-1", 2, note="请用顺丰，谢谢！"),
            order_row("TB1001", "TEA-2", 1, gift="是", ordered_at="2026/11/20 14:03"),
            order_row("TB1002", "MILK-3", "3.0", buyer_name="李四", paid="未付款", carrier=""),
            order_row("TB1001", "CUP-1", 1, shop="京东自营"),  # same number, other shop
        ],
        encoding="gb18030",
    )
    result = import_file(uow(), supervisor, "orders", path)
    assert (result.ok, result.imported, result.skipped) == (True, 3, 0)
    with uow().reading() as session:
        orders = {(o.shop, o.order_no): o for o in session.scalars(select(Order))}
        tb1001 = orders[("天猫旗舰店", "TB1001")]
        assert tb1001.status == "new"
        assert (tb1001.buyer_name, tb1001.address) == ("张三", "文三路 90 号 3 幢")
        assert tb1001.note == "请用顺丰，谢谢！"  # given on the first line only
        assert (tb1001.paid, tb1001.carrier) == (True, "SF")
        assert tb1001.ordered_at == dt.datetime(2026, 11, 20, 14, 3)
        lines = [(ln.sku_code, ln.qty, ln.gift, ln.sku_id is not None) for ln in tb1001.lines]
        assert lines == [("CUP-1", 2, False, True), ("TEA-2", 1, True, True)]
        tb1002 = orders[("天猫旗舰店", "TB1002")]
        assert (tb1002.paid, tb1002.carrier, tb1002.buyer_name) == (False, None, "李四")
        assert [(ln.sku_code, ln.qty) for ln in tb1002.lines] == [("MILK-3", 3)]
        assert ("京东自营", "TB1001") in orders
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "order.imported")
        ).all()
    assert [(a.entity, a.entity_id, a.before, a.after) for a in audit] == [
        ("order", "TB1001", None, {"status": "new", "shop": "天猫旗舰店"}),
        ("order", "TB1002", None, {"status": "new", "shop": "天猫旗舰店"}),
        ("order", "TB1001", None, {"status": "new", "shop": "京东自营"}),
    ]
    assert all(a.actor == "Wang Fang" for a in audit)


def test_reimporting_orders_skips_existing_ones(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    first = write_csv(
        tmp_path / "day1.csv",
        ORDER_HEADER,
        [order_row("A1"), order_row("A1", "TEA-2"), order_row("A2")],
    )
    assert import_file(uow(), supervisor, "orders", first).imported == 2
    before = counts(uow)
    again = import_file(uow(), supervisor, "orders", first)
    assert (again.ok, again.imported, again.skipped) == (True, 0, 2)
    after = counts(uow)
    for table in ("orders", "order_lines", "audit_events"):
        assert after[table] == before[table]

    overlapping = write_csv(
        tmp_path / "day1-and-2.csv",
        ORDER_HEADER,
        [order_row("A2"), order_row("A3", "MILK-3", 2), order_row("A1"), order_row("A1", "TEA-2")],
    )
    result = import_file(uow(), supervisor, "orders", overlapping)
    assert (result.ok, result.imported, result.skipped, result.changed) == (True, 1, 2, 0)
    with uow().reading() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 3
        assert session.scalar(select(func.count()).select_from(OrderLine)) == 4
    # The platform sends A1 again with one line less: a change, not a skip.
    fewer = write_csv(tmp_path / "day3.csv", ORDER_HEADER, [order_row("A1", "TEA-2")])
    result = import_file(uow(), supervisor, "orders", fewer)
    assert (result.ok, result.imported, result.skipped, result.changed) == (True, 0, 0, 1)
    with uow().reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderLine)) == 3


def test_order_row_errors_name_row_column_and_reason(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    before = counts(uow)
    path = write_csv(
        tmp_path / "bad-orders.csv",
        ORDER_HEADER,
        [
            order_row("B1"),  # row 2: fine
            order_row("B2", "GHOST-1"),  # row 3: unknown SKU
            order_row("B3", qty="0"),  # row 4
            order_row("B4", qty="-2"),  # row 5
            order_row("B5", qty="abc"),  # row 6
            order_row("B6", ordered_at="11/20/2026"),  # row 7
            order_row("B7", address="", district="  "),  # row 8
            order_row("B8", buyer_name="", phone=""),  # row 9
            order_row("B1", "TEA-2", phone="13900000000"),  # row 10: differs from row 2
            order_row("B9", province="", city="", paid="maybe"),  # row 11
        ],
    )
    result = import_file(uow(), supervisor, "orders", path)
    assert (result.imported, result.skipped) == (0, 0)
    assert problems(result) == [
        Problem(3, "sku", "unknown SKU 'GHOST-1'"),
        Problem(4, "qty", "must be a whole number greater than 0, not '0'"),
        Problem(5, "qty", "must be a whole number greater than 0, not '-2'"),
        Problem(6, "qty", "malformed number 'abc'"),
        Problem(7, "ordered_at", "bad date '11/20/2026' (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
        Problem(8, "district", "missing district"),
        Problem(8, "address", "missing address"),
        Problem(9, "buyer_name", "missing buyer_name"),
        Problem(9, "phone", "missing phone"),
        Problem(
            10,
            "phone",
            "differs from row 2 of order B1: '13900000000' here, '13800138000' there",
        ),
        Problem(11, "paid", "not a yes/no value 'maybe' (use 1/0, yes/no or 是/否)"),
        Problem(11, "province", "missing province"),
        Problem(11, "city", "missing city"),
    ]
    assert counts(uow) == before


def test_one_bad_row_in_a_thousand_writes_nothing(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    rows = [order_row(f"C{i:04d}", "CUP-1" if i % 2 else "TEA-2") for i in range(999)]
    rows.insert(700, order_row("C9999", qty="1.5"))
    path = write_csv(tmp_path / "big.csv", ORDER_HEADER, rows)
    before = counts(uow)
    result = import_file(uow(), supervisor, "orders", path)
    assert result.imported == 0
    assert problems(result) == [
        Problem(702, "qty", "must be a whole number greater than 0, not '1.5'")
    ]
    assert counts(uow) == before

    del rows[700]
    write_csv(path, ORDER_HEADER, rows)
    assert import_file(uow(), supervisor, "orders", path).imported == 999
    after = counts(uow)
    assert (after["orders"], after["order_lines"]) == (999, 999)
    assert after["audit_events"] == before["audit_events"] + 999


def test_large_files_are_written_in_chunks(
    uow: Uow,
    supervisor: Actor,
    with_skus: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small chunk sizes exercise every chunk boundary of the lookups and inserts.
    monkeypatch.setattr(imports, "CHUNK", 3)
    monkeypatch.setattr(imports, "WRITE_BATCH", 7)
    first = write_csv(
        tmp_path / "o1.csv", ORDER_HEADER, [order_row(f"D{i}", qty=i + 1) for i in range(10)]
    )
    assert import_file(uow(), supervisor, "orders", first).imported == 10
    rows = [order_row(f"D{i}", qty=i + 1) for i in range(40)]
    rows += [order_row(f"D{i}", "TEA-2", qty=i + 1) for i in range(40)]
    path = write_csv(tmp_path / "o2.csv", ORDER_HEADER, rows)
    calls: list[tuple[int, int]] = []
    result = import_file(uow(), supervisor, "orders", path, lambda d, t: calls.append((d, t)))
    # D0…D9 come again with a second line: changed by the platform (before allocation: updated).
    assert (result.imported, result.skipped, result.changed) == (30, 0, 10)
    assert calls[-1] == (80, 80)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    with uow().reading() as session:
        lines = session.execute(
            select(Order.order_no, OrderLine.sku_code, OrderLine.qty).join(OrderLine)
        ).all()
    assert len(lines) == 80  # D0…D9 took their second line from the platform's new file
    for order_no, _sku, qty in lines:
        assert qty == int(order_no[1:]) + 1  # every line landed on its own order


def test_progress_is_reported_about_every_percent(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "p.csv", ORDER_HEADER, [order_row(f"P{i}") for i in range(1000)])
    calls: list[tuple[int, int]] = []
    assert import_file(uow(), supervisor, "orders", path, lambda d, t: calls.append((d, t))).ok
    assert 50 <= len(calls) <= 102
    assert {t for _d, t in calls} == {1000}
    assert calls[-1] == (1000, 1000)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_xlsx_orders_with_datetime_cells_numbers_and_formula_text(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "orders.xlsx",
        ORDER_HEADER,
        [
            order_row(
                20261120001,  # a number cell
                ordered_at=dt.datetime(2026, 11, 20, 14, 3, 5),
                phone=13800138000,
                paid=True,
                qty=2,
                note='=HYPERLINK("http://evil.example","点我")',
            ),
            order_row(
                20261120001, "TEA-2", ordered_at=dt.datetime(2026, 11, 20, 14, 3, 5), paid=True
            ),
            order_row("X2", ordered_at=46346.5, paid=0, gift=1, note="-2+3", carrier=None),
        ],
    )
    result = import_file(uow(), supervisor, "orders", path)
    assert (result.ok, result.imported) == (True, 2), result.errors
    with uow().reading() as session:
        orders = {o.order_no: o for o in session.scalars(select(Order))}
        first = orders["20261120001"]
        assert first.ordered_at == dt.datetime(2026, 11, 20, 14, 3, 5)
        assert (first.phone, first.paid) == ("13800138000", True)
        assert first.note == '=HYPERLINK("http://evil.example","点我")'
        assert [(ln.sku_code, ln.qty) for ln in first.lines] == [("CUP-1", 2), ("TEA-2", 1)]
        second = orders["X2"]
        assert second.ordered_at == dt.datetime(2026, 11, 20, 12, 0)
        assert (second.paid, second.note, second.carrier) == (False, "-2+3", None)
        assert second.lines[0].gift is True


def test_xlsx_errors_use_spreadsheet_row_numbers(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "orders.xlsx",
        ORDER_HEADER,
        [order_row("E1"), [None] * len(ORDER_HEADER), order_row("E2", ordered_at="昨天")],
    )
    result = import_file(uow(), supervisor, "orders", path)
    assert problems(result) == [
        Problem(4, "ordered_at", "bad date '昨天' (use YYYY-MM-DD or YYYY-MM-DD HH:MM)")
    ]


# ---------------------------------------------------------------------------- whole-file errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: it has no header row and no data"),
        (
            ",".join(ORDER_HEADER).encode() + b"\r\n",
            "the file has only a header row and no data rows",
        ),
        (
            "order_no,buyer_name\n1,Müller\n2,café\n".encode("cp1252"),
            "wrong encoding: the file is neither UTF-8 nor GB18030/GBK "
            "(first bad byte at line 2); save it as CSV UTF-8",
        ),
    ],
)
def test_unreadable_files_are_refused_with_row_zero(
    uow: Uow, supervisor: Actor, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    result = import_file(uow(), supervisor, "orders", path)
    assert problems(result) == [Problem(0, "", message)]
    assert result.imported == 0


def test_missing_file_is_a_row_zero_error(uow: Uow, supervisor: Actor, tmp_path: Path) -> None:
    result = import_file(uow(), supervisor, "orders", tmp_path / "nowhere.csv")
    assert len(result.errors) == 1
    assert result.errors[0].message.english().startswith("cannot read the file nowhere.csv")


def test_every_missing_column_is_listed(uow: Uow, supervisor: Actor, tmp_path: Path) -> None:
    header = [c for c in ORDER_HEADER if c not in ("phone", "qty")]
    path = write_csv(tmp_path / "o.csv", header, [["x"] * len(header)])
    result = import_file(uow(), supervisor, "orders", path)
    assert problems(result) == [
        Problem(1, "phone", "missing column 'phone'"),
        Problem(1, "qty", "missing column 'qty'"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_orders_in_every_encoding_import_the_same(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path, encoding: str
) -> None:
    path = write_csv(
        tmp_path / "o.csv",
        ORDER_HEADER,
        [order_row("Z1", buyer_name="欧阳娜娜", address="朝阳区建国路８８号（SOHO）")],
        encoding=encoding,
    )
    assert import_file(uow(), supervisor, "orders", path).imported == 1
    with uow().reading() as session:
        order = session.scalars(select(Order)).one()
    assert (order.buyer_name, order.address) == ("欧阳娜娜", "朝阳区建国路８８号（SOHO）")


# ------------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("kind", list(ImportKind))
def test_packer_may_not_import_and_nothing_is_written(
    uow: Uow, packer: Actor, supervisor: Actor, skus_file: Path, kind: ImportKind
) -> None:
    before = counts(uow)
    with pytest.raises(PermissionDenied):
        import_file(uow(), packer, kind, skus_file)
    assert counts(uow) == before


def test_label_staff_may_import_orders_but_not_skus(
    uow: Uow, with_skus: None, skus_file: Path, tmp_path: Path
) -> None:
    labels = Actor("Zhao Min", Role.LABELS)
    with pytest.raises(PermissionDenied):
        import_file(uow(), labels, "skus", skus_file)
    path = write_csv(tmp_path / "o.csv", ORDER_HEADER, [order_row("L1")])
    assert import_file(uow(), labels, "orders", path).imported == 1


def test_blank_optional_order_cells_on_later_lines_mean_as_above(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "o.csv",
        ORDER_HEADER,
        [
            order_row("F1", "CUP-1", paid="", carrier="", note=""),
            order_row("F1", "TEA-2", paid="yes", carrier="YTO", note="周末送货"),
            order_row("F1", "MILK-3", paid="", carrier="", note=""),
            order_row("F2", "CUP-1", paid=""),
        ],
    )
    assert import_file(uow(), supervisor, "orders", path).imported == 2
    with uow().reading() as session:
        orders = {o.order_no: o for o in session.scalars(select(Order))}
    assert (orders["F1"].paid, orders["F1"].carrier, orders["F1"].note) == (True, "YTO", "周末送货")
    assert orders["F2"].paid is False  # blank on its only line: not paid


def test_a_file_full_of_errors_lists_the_first_thousand(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    rows = [["CUP-1", f"L{i}", "2026-11-20", "A-01-01-01", "0", ""] for i in range(1200)]
    result = import_file(
        uow(), supervisor, "stock", write_csv(tmp_path / "s.csv", STOCK_HEADER, rows)
    )
    assert len(result.errors) == imports.MAX_ERRORS + 1
    assert problems(result)[0] == (2, "qty", "must be a whole number greater than 0, not '0'")
    assert problems(result)[-1] == (0, "", "… and 200 more rows with errors not shown")
    assert result.errors[-1].message.params == {"n": 200}


# ------------------------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_uow(pg_engine: Engine) -> Uow:
    return lambda: UnitOfWork(pg_engine)


@pytest.mark.pg
def test_all_three_imports_on_postgresql(
    pg_uow: Uow, supervisor: Actor, skus_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "CHUNK", 4)
    monkeypatch.setattr(imports, "ANALYZE_AFTER_ROWS", 1)  # exercise the statistics refresh
    assert import_file(pg_uow(), supervisor, "skus", skus_file).imported == 3
    assert import_file(pg_uow(), supervisor, "skus", skus_file).skipped == 3

    receipt = write_csv(
        tmp_path / "r.csv",
        STOCK_HEADER,
        [
            ["CUP-1", "L1", "2026-11-20", "A-01-01-01", 5, ""],
            ["CUP-1", "L1", "2026-11-20", "A-01-01-01", 2, ""],
            ["MILK-3", "M1", "2026-11-20", "C-01-01-01", 4, "2026-12-01"],
        ],
    )
    assert import_file(pg_uow(), supervisor, "stock", receipt).imported == 3
    assert import_file(pg_uow(), supervisor, "stock", receipt).errors[0].row == 0
    topup = write_csv(
        tmp_path / "r2.csv", STOCK_HEADER, [["CUP-1", "L1", "2026-11-21", "A-01-01-01", 1, ""]]
    )
    assert import_file(pg_uow(), supervisor, "stock", topup).ok

    rows = [order_row(f"G{i}", "CUP-1" if i % 3 else "TEA-2", qty=i + 1) for i in range(30)]
    rows += [order_row("G1", "MILK-3", 1)]
    orders = write_csv(tmp_path / "o.csv", ORDER_HEADER, rows)
    assert import_file(pg_uow(), supervisor, "orders", orders).imported == 30
    again = import_file(pg_uow(), supervisor, "orders", orders)
    assert (again.imported, again.skipped) == (0, 30)
    bad = write_csv(tmp_path / "bad.csv", ORDER_HEADER, [order_row("H1", "GHOST")])
    assert problems(import_file(pg_uow(), supervisor, "orders", bad)) == [
        Problem(2, "sku", "unknown SKU 'GHOST'")
    ]
    after = counts(pg_uow)
    assert (after["orders"], after["order_lines"], after["lots"], after["stock_moves"]) == (
        30,
        31,
        2,
        4,
    )
    with pg_uow().reading() as session:
        assert sorted(session.scalars(select(Lot.on_hand))) == [4, 8]
