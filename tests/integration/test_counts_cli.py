"""`packdesk count …`: the command-line contract of a stock count, from creation to approval,
with the counter acting under their own name (--as, PIN from the environment)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from tests.integration.test_cli import run
from tests.integration.test_counts import MUG, warehouse


def test_a_count_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warehouse(engine)
    code, out, _ = run(
        capsys, "--db", db_url, "count", "create", "--locations", "A-01-02-01..A-01-03-01", "--json"
    )
    assert code == 0
    made = json.loads(out)
    assert made["locations"] == ["A-01-02-01", "A-01-03-01"] and made["count"].startswith("SC")
    count = made["count"]

    monkeypatch.setenv("PACKDESK_PIN", "3333")  # Zhang Wei, a packer
    code, out, _ = run(
        capsys, "--db", db_url, "--as", "Zhang Wei", "count", "record", count, "A-01-02-01",
        MUG, "8", "--json",
    )  # fmt: skip
    assert code == 0
    view = json.loads(out)
    assert view["lines"] == [{"sku": "MUG", "name": "马克杯", "lot": "M1", "counted": 8}]
    assert view["counter"] == "Zhang Wei" and "expected" not in out
    code, _, err = run(capsys, "--db", db_url, "--as", "Zhang Wei", "count", "submit", count)
    assert code == 1 and "not allowed" in err
    code, out, _ = run(
        capsys, "--db", db_url, "--as", "Zhang Wei", "count", "start", count, "A-01-03-01"
    )
    assert code == 0

    monkeypatch.delenv("PACKDESK_PIN")
    code, out, _ = run(capsys, "--db", db_url, "count", "submit", count, "--json")
    assert code == 0
    submitted = json.loads(out)
    assert [
        (v["location"], v["sku"], v["expected"], v["counted"], v["variance"])
        for v in submitted["variances"]
    ] == [("A-01-02-01", "MUG", 10, 8, -2)]
    assert submitted["recount"] == [] and submitted["status"] == "submitted"
    code, out, _ = run(
        capsys, "--db", db_url, "count", "approve", count, "--reason", "damaged", "--json"
    )
    assert code == 0
    assert json.loads(out)["moves"] == [
        {"sku": "MUG", "lot": "M1", "location": "A-01-02-01", "qty": -2}
    ]
    code, out, _ = run(capsys, "--db", db_url, "count", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["count"], listed["status"], listed["done"], listed["locations"]) == (
        count,
        "approved",
        2,
        2,
    )
    code, _, err = run(capsys, "--db", db_url, "count", "approve", count, "--reason", "lost")
    assert code == 1 and "approved" in err
