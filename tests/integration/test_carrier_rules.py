"""The carrier choice table: `packdesk carriers rules set|list`, applied at review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import open_database
from app.db.models import AuditEvent, Order
from app.domain.carrier_rules import CarrierRule
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.users import Actor
from app.services.carrier_rules import RulesRefused, list_rules, set_rules
from app.services.review import review_new_orders
from tests.factories import UowFactory, add_order, add_sku, receive
from tests.integration.test_cli import run

GOOD = (
    "shop,province,min_g,max_g,fragile,carrier\n"
    ",,,,yes,顺丰\n"  # a name is read as the carrier it names
    ",新疆,,,,EMS\n"
    "拼多多店,,0,1000,,YUNDA\n"
    ",,,,,ZTO\n"
)


def carrier_of(uow: UowFactory, order_no: str) -> str | None:
    with uow().reading() as s:
        return s.scalars(select(Order.carrier).where(Order.order_no == order_no)).one()


def write(tmp_path: Path, body: str, name: str = "rules.csv") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_review_chooses_the_carrier_of_orders_without_one(
    uow: UowFactory, supervisor: Actor, tmp_path: Path
) -> None:
    add_sku(uow, "CUP", weight_g=350, fragile=True)
    add_sku(uow, "TEA", weight_g=400)
    receive(uow, "CUP", 10)
    receive(uow, "TEA", 10, lot="T1")
    add_order(uow, "P-FRAGILE", [("CUP", 1)], shop="拼多多店", carrier=None)
    add_order(uow, "P-LIGHT", [("TEA", 2)], shop="拼多多店", carrier=None)  # 800 g
    add_order(uow, "P-HEAVY", [("TEA", 3)], shop="拼多多店", carrier=None)  # 1200 g
    add_order(uow, "XJ", [("TEA", 1)], carrier=None, province="新疆维吾尔自治区")
    add_order(uow, "KEEPS", [("CUP", 1)], carrier="JD")  # the shop chose: kept
    set_rules(uow(), supervisor, write(tmp_path, GOOD))

    summary = review_new_orders(uow(), supervisor)
    assert summary.reviewed == 5 and summary.carriers_chosen == 4
    assert {o: carrier_of(uow, o) for o in ("P-FRAGILE", "P-LIGHT", "P-HEAVY", "XJ", "KEEPS")} == {
        "P-FRAGILE": "SF",
        "P-LIGHT": "YUNDA",
        "P-HEAVY": "ZTO",
        "XJ": "EMS",
        "KEEPS": "JD",
    }
    with uow().reading() as s:
        event = s.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_id == "P-HEAVY", AuditEvent.action == "order.reviewed"
            )
        ).one()
    assert event.after is not None
    assert (event.after["carrier"], event.after["carrier_rule"]) == ("ZTO", 4)


def test_a_bad_rules_file_is_refused_row_by_row_and_changes_nothing(
    uow: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    set_rules(uow(), supervisor, write(tmp_path, GOOD))
    bad = write(
        tmp_path,
        "shop,province,min_g,max_g,fragile,carrier\n,,,,,XYZ\n,,2000,1000,,SF\n,,,,,SF\n",
        "bad.csv",
    )
    with pytest.raises(RulesRefused, match=r"bad\.csv has 2 problems; the rules are") as e:
        set_rules(uow(), supervisor, bad)
    said = [p.english() for p in e.value.problems]
    assert said[0].startswith("row 2: There is no carrier with the code 'XYZ'")
    assert said[1] == "row 3: min_g 2000 is more than max_g 1000: no parcel weighs that"
    assert list_rules(uow())[0] == CarrierRule("SF", fragile=True)
    assert len(list_rules(uow())) == 4
    with pytest.raises(PermissionDenied):
        set_rules(uow(), packer, write(tmp_path, GOOD, "p.csv"))
    missing = write(tmp_path, "shop,carrier\n,SF\n", "short.csv")
    with pytest.raises(InvalidInput, match="lacks the columns province, min_g"):
        set_rules(uow(), supervisor, missing)


@pytest.fixture
def rules_db(db_url: str) -> str:
    open_database(db_url).dispose()
    return db_url


def test_cli_carriers_rules(
    capsys: pytest.CaptureFixture[str], rules_db: str, tmp_path: Path
) -> None:
    bad = write(tmp_path, "shop,province,min_g,max_g,fragile,carrier\n,,x,,,SF\n", "bad.csv")
    code, _, err = run(capsys, "--db", rules_db, "carriers", "rules", "set", str(bad))
    assert code == 1
    assert "bad.csv has 1 problems" in err
    assert "row 2: min_g must be a whole number of grams (or blank for any), not 'x'" in err
    code, out, _ = run(
        capsys, "--db", rules_db, "carriers", "rules", "set", str(write(tmp_path, GOOD))
    )
    assert code == 0 and "4 carrier rules set" in out
    code, out, _ = run(capsys, "--db", rules_db, "carriers", "rules", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [r["carrier"] for r in listed] == ["SF", "EMS", "YUNDA", "ZTO"]
    assert listed[2] == {
        "rule": 3,
        "shop": "拼多多店",
        "province": None,
        "min_g": 0,
        "max_g": 1000,
        "fragile": None,
        "carrier": "YUNDA",
    }
    code, out, _ = run(capsys, "--db", rules_db, "carriers", "rules", "list")
    assert code == 0 and "新疆" in out and "any" in out


@pytest.mark.pg
def test_review_chooses_carriers_on_postgresql(
    pg_engine: object, supervisor: Actor, tmp_path: Path
) -> None:
    from sqlalchemy import Engine

    from app.db.uow import UnitOfWork

    assert isinstance(pg_engine, Engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(pg_engine)

    add_sku(uow, "TEA", weight_g=400)
    receive(uow, "TEA", 10)
    add_order(uow, "P-LIGHT", [("TEA", 2)], shop="拼多多店", carrier=None)
    add_order(uow, "P-HEAVY", [("TEA", 3)], shop="拼多多店", carrier=None)
    set_rules(uow(), supervisor, write(tmp_path, GOOD))
    assert review_new_orders(uow(), supervisor).carriers_chosen == 2
    assert (carrier_of(uow, "P-LIGHT"), carrier_of(uow, "P-HEAVY")) == ("YUNDA", "ZTO")
