"""`packdesk stock low` and `packdesk stock ledger`: the JSON contract, the terminal's table,
the replenishment list and ledger files, refusals in words with exit code 1."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.factories import UowFactory, add_sku, receive
from tests.integration.test_cli import run

RECEIVED = dt.datetime(2026, 9, 1, 9, 0)


@pytest.fixture
def warehouse(uow: UowFactory, db_url: str) -> str:
    """CUP: 4 on a shelf, threshold 10 (low). TEA: 80, threshold 10 (not low)."""
    add_sku(uow, "CUP", "保温杯", barcodes=["6901234567892"], low_stock_threshold=10)
    add_sku(uow, "TEA", "茶叶", low_stock_threshold=10)
    receive(uow, "CUP", 4, "C1", "A-01-01-01", received_at=RECEIVED, at=RECEIVED)
    receive(uow, "TEA", 80, "T1", "A-01-01-01", received_at=RECEIVED, at=RECEIVED)
    receive(uow, "CUP", 2, "C2", "A-01-01-02", at=RECEIVED + dt.timedelta(days=1))
    return db_url


def test_stock_low_json_and_table(capsys: pytest.CaptureFixture[str], warehouse: str) -> None:
    code, out, _ = run(capsys, "--db", warehouse, "stock", "low", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "sku": "CUP",
            "name": "保温杯",
            "free": 6,
            "threshold": 10,
            "demand_30d": 0,
            "days_of_cover": None,
        }
    ]
    code, out, _ = run(capsys, "--db", warehouse, "stock", "low")
    header, cup = out.splitlines()
    assert header.split()[:3] == ["SKU", "free", "threshold"]
    assert cup.split() == ["CUP", "6", "10", "0", "—", "保温杯"]


def test_stock_low_writes_the_replenishment_list(
    capsys: pytest.CaptureFixture[str], warehouse: str, tmp_path: Path
) -> None:
    target = tmp_path / "replenish.xlsx"
    code, out, _ = run(capsys, "--db", warehouse, "stock", "low", "--out", str(target))
    assert code == 0 and out.strip() == f"1 rows written to {target}."
    sheet = load_workbook(target).active
    assert sheet is not None
    assert list(sheet.values) == [
        ("sku", "name", "free", "threshold", "demand_30d", "days_of_cover"),
        ("CUP", "保温杯", 6, 10, 0, None),
    ]


def test_nothing_low_is_said(
    capsys: pytest.CaptureFixture[str], warehouse: str, uow: UowFactory
) -> None:
    receive(uow, "CUP", 10, "C3", "A-01-01-03")
    code, out, _ = run(capsys, "--db", warehouse, "stock", "low")
    assert (code, out.strip()) == (0, "no SKU is below its low-stock threshold")
    code, out, _ = run(capsys, "--db", warehouse, "stock", "low", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_stock_ledger_json(capsys: pytest.CaptureFixture[str], warehouse: str) -> None:
    code, out, _ = run(capsys, "--db", warehouse, "stock", "ledger", "--sku", "CUP", "--json")
    assert code == 0
    moves = json.loads(out)
    assert [set(m) for m in moves] == [
        {
            "at",
            "kind",
            "sku",
            "lot",
            "location",
            "qty",
            "lot_balance",
            "balance",
            "actor",
            "reason",
            "ref",
        }
    ] * 2
    assert [(m["lot"], m["qty"], m["lot_balance"], m["balance"]) for m in moves] == [
        ("C1", 4, 4, 4),
        ("C2", 2, 2, 6),
    ]
    assert moves[0]["at"] == "2026-09-01T09:00:00+00:00"
    # a location: both SKUs in it; a date filter keeps the balance
    code, out, _ = run(
        capsys, "--db", warehouse, "stock", "ledger", "--location", "A-01-01-01", "--json"
    )
    assert [(m["sku"], m["balance"]) for m in json.loads(out)] == [("CUP", 4), ("TEA", 84)]
    code, out, _ = run(
        capsys, "--db", warehouse, "stock", "ledger", "--lot", "C2", "--since", "2026-09-02"
    )
    (line,) = out.splitlines()
    assert "receipt" in line and "C2" in line and "+2" in line


def test_stock_ledger_file(
    capsys: pytest.CaptureFixture[str], warehouse: str, tmp_path: Path
) -> None:
    target = tmp_path / "cup.csv"
    code, out, _ = run(
        capsys, "--db", warehouse, "stock", "ledger", "--sku", "6901234567892", "--out", str(target)
    )
    assert code == 0 and out.strip() == f"2 rows written to {target}."
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["sku"], r["lot"], r["qty"], r["balance"]) for r in rows] == [
        ("CUP", "C1", "4", "4"),
        ("CUP", "C2", "2", "6"),
    ]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ((), "say whose stock ledger to show: a SKU, a lot code or a location code"),
        (("--sku", "NOPE"), "there is no SKU NOPE"),
        (("--location", "B-01-01-01"), "there is no location B-01-01-01"),
        (("--lot", "X"), "there is no lot X"),
        (("--sku", "CUP", "--until", "1.12.2026"), "--until: '1.12.2026' is not a date"),
    ],
)
def test_stock_ledger_refusals(
    capsys: pytest.CaptureFixture[str], warehouse: str, argv: tuple[str, ...], says: str
) -> None:
    code, out, err = run(capsys, "--db", warehouse, "stock", "ledger", *argv)
    assert code == 1 and out == ""
    assert err.startswith("packdesk: ") and says in err
