"""`packdesk pack claims / release`: a supervisor sees who packs what and frees a stuck order."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from app.db.uow import UnitOfWork
from app.domain.users import Actor
from app.services import packing
from tests.integration.test_cli import run
from tests.integration.test_packing_service import S1, picked  # noqa: F401 (fixture)


def test_claims_listed_and_a_stuck_one_released(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    engine: Engine,
    picked: None,  # noqa: F811
    packer: Actor,
) -> None:
    packing.open_order(UnitOfWork(engine), packer, "TB001", S1)
    code, out, _ = run(capsys, "--db", db_url, "pack", "claims", "--json")
    assert code == 0
    (claim,) = json.loads(out)
    assert (claim["order_no"], claim["station"], claim["packer"]) == ("TB001", S1, packer.name)
    with pytest.raises(SystemExit) as usage:  # the reason is required
        run(capsys, "--db", db_url, "pack", "release", "TB001")
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    code, out, _ = run(
        capsys, "--db", db_url, "pack", "release", "TB001", "--reason", "station PC broke"
    )
    assert code == 0 and "released" in out
    code, out, _ = run(capsys, "--db", db_url, "pack", "claims", "--json")
    assert json.loads(out) == []
    # Nothing was scanned: the order waits to be packed again.
    with UnitOfWork(engine).reading() as s:
        from sqlalchemy import select

        from app.db.models import Order

        assert s.scalar(select(Order.status).where(Order.order_no == "TB001")) == "picked"
