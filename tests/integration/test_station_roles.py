"""A station connecting with a PostgreSQL role of its own may do what its sync needs and
nothing else: its own events and station row, reading what it replicates; never the ledger,
the orders or another station's events.  A ``sync apply`` worker applies what it pushes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.db import access
from app.db.engine import make_engine
from app.db.models import InboxEvent, OutboxEvent, PickTask
from app.db.uow import UnitOfWork
from app.services import picking
from app.sync import replica, station
from app.sync.central import apply_all as central_apply
from tests.integration.test_sync import PICKER, make_station, tasks
from tests.integration.test_sync import central as central_fixture

__all__ = ["central_fixture"]
central = central_fixture


@pytest.fixture
def station_role(central: Engine, pg_url: str) -> Iterator[str]:
    """A login role that owns nothing, granted as station ST-A's; its URL."""
    role = f"pd_st_{uuid.uuid4().hex[:8]}"
    with central.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    access.grant_station_role(central, role, "ST-A", tuple(replica.REPLICATED))
    yield make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    with central.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))


def refused(engine: Engine, sql: str) -> str:
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text(sql))
    return str(caught.value.orig)


def test_a_station_role_may_push_its_events_and_nothing_else(
    central: Engine, station_role: str, tmp_path: Path
) -> None:
    # Another station's event, pushed by the application's role.
    with central.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_inbox (event_id, station, seq, kind, payload, actor, at, "
                "received_at) VALUES ('b-1', 'ST-B', 1, 'pick.confirmed', '{}', 'x', now(), now())"
            )
        )
    as_station = make_engine(station_role)
    try:
        with as_station.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(InboxEvent)) == 0  # not ST-B's
            assert conn.scalar(text("SELECT count(*) FROM orders")) == 3  # what it replicates
        assert "permission denied" in refused(
            as_station, "UPDATE sync_inbox SET result = 'applied'"
        )
        assert "row-level security" in refused(
            as_station,
            "INSERT INTO sync_inbox (event_id, station, seq, kind, payload, actor, at, "
            "received_at) VALUES ('b-2', 'ST-B', 2, 'pick.confirmed', '{}', 'x', now(), now())",
        )
        assert "permission denied" in refused(
            as_station,
            "INSERT INTO stock_moves (at, kind, lot_id, qty, actor, reason, ref) "
            "VALUES (now(), 'adjustment', 1, 100, 'x', 'x', 'x')",
        )
        assert "permission denied" in refused(as_station, "UPDATE lots SET on_hand = on_hand + 1")
        assert "permission denied" in refused(as_station, "UPDATE orders SET status = 'shipped'")
        assert "permission denied" in refused(as_station, "DELETE FROM sync_inbox")
    finally:
        as_station.dispose()


def test_a_station_with_its_own_role_syncs_through_the_apply_worker(
    central: Engine, station_role: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, station_role)
    picking.start_picking(UnitOfWork(here), PICKER, "W000001")
    first = min(tasks(here))
    picking.confirm_pick(UnitOfWork(here), PICKER, first, 1)

    result = station.sync_once(here)  # pushed; it may not apply them itself
    assert (result.pushed, result.pending) == (0, 2)
    with here.connect() as conn:
        assert set(conn.scalars(select(OutboxEvent.status))) == {"sent"}
    with central.connect() as conn:
        assert conn.scalar(select(PickTask.picked_qty).where(PickTask.id == first)) == 0

    assert central_apply(central) == 2  # the worker, as the application's role
    result = station.sync_once(here)
    assert (result.pushed, result.rejected, result.pending) == (2, [], 0)
    assert tasks(central)[first][0] == 1 and tasks(here)[first][0] == 1
