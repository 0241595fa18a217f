"""`packdesk wave create|list|confirm`: JSON shapes, roles, and the ledger after picking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import open_database
from app.db.uow import UnitOfWork
from app.services.demo import build_demo
from app.services.stock import list_stock, verify_ledger
from app.services.waves import pick_list
from tests.integration.test_cli import run


@pytest.fixture
def reviewed_demo(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    build_demo(db_url, orders=400)
    assert run(capsys, "--db", db_url, "review")[0] == 0
    return db_url


def test_create_list_confirm(
    reviewed_demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = reviewed_demo
    engine = open_database(url)
    stock_before = {(r.sku, r.lot, r.location): r.on_hand for r in list_stock(UnitOfWork(engine))}
    pdf = tmp_path / "wave.pdf"
    code, out, _ = run(
        capsys, "--db", url, "wave", "create", "--max-orders", "25", "--pdf", str(pdf), "--json"
    )
    assert code == 0
    wave = json.loads(out)
    assert set(wave) >= {"wave", "orders", "tasks", "unallocated"}
    assert len(wave["orders"]) == 25
    assert set(wave["tasks"][0]) == {"location", "sku", "lot", "qty", "order_no", "slot"}
    assert {t["order_no"] for t in wave["tasks"]} == set(wave["orders"])
    assert pdf.read_bytes().startswith(b"%PDF")
    merged = pick_list(UnitOfWork(engine), wave["wave"])
    assert merged.units == sum(t["qty"] for t in wave["tasks"])
    keys = [(e.location, e.lot) for e in merged.entries]
    assert len(keys) == len(set(keys)) == len({(t["location"], t["lot"]) for t in wave["tasks"]})
    for e in merged.entries:
        assert sum(n for _, n in e.slots) == e.qty  # every unit has its slot in a mixed wave

    code, out, _ = run(capsys, "--db", url, "wave", "list", "--json")
    listed = json.loads(out)
    assert listed[0]["wave"] == wave["wave"] and listed[0]["open_tasks"] == len(wave["tasks"])

    code, out, _ = run(capsys, "--db", url, "wave", "confirm", str(wave["wave"]), "--json")
    assert code == 0 and sorted(json.loads(out)["orders"]) == sorted(wave["orders"])
    code, out, _ = run(capsys, "--db", url, "orders", "list", "--status", "picked", "--json")
    assert sorted(o["order_no"] for o in json.loads(out)) == sorted(wave["orders"])

    # the ledger balances and exactly the picked units left their lots
    assert verify_ledger(UnitOfWork(engine)) == []
    after = {(r.sku, r.lot, r.location): r for r in list_stock(UnitOfWork(engine))}
    picked: dict[tuple[str, str, str], int] = {}
    for t in wave["tasks"]:
        key = (t["sku"], t["lot"], t["location"])
        picked[key] = picked.get(key, 0) + t["qty"]
    for key, on_hand in stock_before.items():
        assert after[key].on_hand == on_hand - picked.get(key, 0)
        assert after[key].allocated == 0
    code, _, err = run(capsys, "--db", url, "wave", "confirm", str(wave["wave"]))
    assert code == 1 and "already done" in err
    engine.dispose()


def test_packer_cannot_create_or_confirm_waves(
    reviewed_demo: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACKDESK_PIN", "1111")
    code, _, err = run(capsys, "--db", reviewed_demo, "--as", "lilei", "wave", "create")
    assert code == 1 and "not allowed to create pick waves" in err
