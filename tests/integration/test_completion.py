"""Completion (已完成): the buyer's confirmation in the shop's file, or N days after delivery."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import open_database
from app.db.models import AuditEvent, Order, utcnow
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.users import Actor
from app.services import tracking
from app.services.shipping import bind
from tests.factories import UowFactory, add_order, add_sku
from tests.integration.test_cli import run

SF = "SF1234567890123"
SF2 = "SF1234567890124"
SF3 = "SF1234567890125"


def status(uow: UowFactory, order_no: str) -> str:
    with uow().reading() as s:
        return s.scalars(select(Order.status).where(Order.order_no == order_no)).one()


def shipped(uow: UowFactory, actor: Actor, order_no: str, number: str) -> None:
    add_order(uow, order_no, [("CUP", 1)], status="packed", carrier="SF")
    bind(uow(), actor, order_no, number)
    with uow() as u:
        order = u.session.scalars(select(Order).where(Order.order_no == order_no)).one()
        order.status = "shipped"  # handed over (the handover's job)
        u.commit()


def import_file(uow: UowFactory, actor: Actor, path: Path, text: str) -> tracking.TrackingImport:
    path.write_text(text, encoding="utf-8")
    return tracking.import_updates(uow(), actor, tracking.CsvTrackingSource(path))


@pytest.fixture
def cups(uow: UowFactory) -> None:
    add_sku(uow, "CUP", weight_g=350)


def test_the_buyers_confirmation_in_the_shops_file_completes_the_order(
    uow: UowFactory, cups: None, supervisor: Actor, tmp_path: Path
) -> None:
    shipped(uow, supervisor, "TB001", SF)
    shipped(uow, supervisor, "TB002", SF2)
    shipped(uow, supervisor, "TB003", SF3)
    result = import_file(
        uow,
        supervisor,
        tmp_path / "status.csv",
        "tracking_no,status,time,confirmed_at\n"
        f"{SF},已签收,2026-11-23 15:30,\n"
        f"{SF},已确认收货,2026-11-25 10:00,\n"  # the status word
        f"{SF2},,,2026-11-26 08:00\n"  # only the confirmed_at column
        f"{SF3},运输中,2026-11-22 09:00,\n",
    )
    assert result.errors == []
    assert sorted(result.completed) == ["TB001", "TB002"]
    assert sorted(result.delivered) == ["TB001", "TB002"]  # through delivered, as it happened
    assert [status(uow, o) for o in ("TB001", "TB002", "TB003")] == [
        "completed",
        "completed",
        "shipped",
    ]
    with uow().reading() as s:
        actions = list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_id == "TB002", AuditEvent.entity == "order")
                .order_by(AuditEvent.id)
            )
        )
    assert actions[-2:] == ["delivered (carrier)", "completed (buyer confirmed)"]
    body = f"tracking_no,status,time\n{SF},已完成,2026-11-25\n"
    again = import_file(uow, supervisor, tmp_path / "again.csv", body)
    assert again.errors and again.completed == []  # an unreadable time: nothing imported
    assert status(uow, "TB003") == "shipped"


def test_delivered_orders_nobody_confirmed_complete_after_n_days(
    uow: UowFactory, cups: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    now = utcnow()
    shipped(uow, supervisor, "OLD", SF)
    shipped(uow, supervisor, "NEW", SF2)
    old = (now - dt.timedelta(days=8)).strftime("%Y-%m-%d %H:%M")
    new = (now - dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    import_file(
        uow,
        supervisor,
        tmp_path / "status.csv",
        f"tracking_no,status,time\n{SF},已签收,{old}\n{SF2},已签收,{new}\n",
    )
    assert [f.order_no for f in tracking.unconfirmed(uow(), 7)] == ["OLD"]
    with pytest.raises(PermissionDenied):
        tracking.complete_delivered(uow(), packer, 7)
    with pytest.raises(InvalidInput, match="The number of days must be 0 or more, not -1"):
        tracking.complete_delivered(uow(), supervisor, -1)
    assert tracking.complete_delivered(uow(), supervisor, 7) == ["OLD"]
    assert (status(uow, "OLD"), status(uow, "NEW")) == ("completed", "delivered")
    assert tracking.unconfirmed(uow(), 7) == []  # the 7-day list no longer grows
    assert tracking.complete_delivered(uow(), supervisor, 7) == []
    assert tracking.complete_delivered(uow(), supervisor, 2) == ["NEW"]


@pytest.fixture
def delivered_db(db_url: str, supervisor: Actor, tmp_path: Path) -> str:
    engine = open_database(db_url)

    def factory() -> UnitOfWork:
        return UnitOfWork(engine)

    add_sku(factory, "CUP", weight_g=350)
    shipped(factory, supervisor, "TB001", SF)
    when = (utcnow() - dt.timedelta(days=10)).strftime("%Y-%m-%d %H:%M")
    import_file(
        factory, supervisor, tmp_path / "s.csv", f"tracking_no,status,time\n{SF},签收,{when}\n"
    )
    engine.dispose()
    return db_url


def test_cli_orders_complete(capsys: pytest.CaptureFixture[str], delivered_db: str) -> None:
    code, out, _ = run(
        capsys, "--db", delivered_db, "orders", "complete", "--delivered-before", "14", "--json"
    )
    assert code == 0 and json.loads(out) == {"completed": [], "days": 14.0}
    code, out, _ = run(capsys, "--db", delivered_db, "orders", "complete")  # the setting: 7 days
    assert code == 0 and "1 delivered orders completed." in out
