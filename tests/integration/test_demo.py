"""The demo warehouse: deterministic, realistic, consistent, and careful with other databases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from app.bootstrap import open_database
from app.db.engine import make_engine, sqlite_url_for
from app.db.migrate import upgrade
from app.db.models import (
    AppMeta,
    Barcode,
    Base,
    Location,
    Lot,
    Order,
    OrderLine,
    Sku,
    StockMove,
    User,
)
from app.domain.barcodes import is_valid_gtin, parse_barcode
from app.domain.review import ReviewInput, ReviewLine, review_order
from app.domain.users import verify_pin
from app.messages.orders import AS_RECORDED, reasons_from_json
from app.services import demo
from app.services.demo import DEMO_USERS, DemoRefused, DemoSummary, build_demo, is_demo

ORDERS = 300
#: Every table whose content the seed decides (users: PIN hashes are salted; audit: wall clock).
SEEDED = (Sku, Barcode, Location, Lot, StockMove, Order, OrderLine, AppMeta)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, DemoSummary]]:
    """One demo built for the read-only tests of this module."""
    url = sqlite_url_for(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    summary = build_demo(url, orders=ORDERS, seed=7)
    engine = open_database(url)
    yield engine, summary
    engine.dispose()


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            return {
                model.__tablename__: [
                    tuple(row)
                    for row in conn.execute(
                        select(model.__table__).order_by(*model.__table__.primary_key.columns)
                    )
                ]
                for model in SEEDED
            }
    finally:
        engine.dispose()


def _count(engine: Engine, model: type[Base]) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_summary_matches_the_database(built: tuple[Engine, DemoSummary]) -> None:
    engine, summary = built
    assert summary.orders == ORDERS == _count(engine, Order)
    assert summary.order_lines == _count(engine, OrderLine)
    assert summary.skus == _count(engine, Sku)
    assert summary.locations == _count(engine, Location)
    assert summary.lots == _count(engine, Lot)
    assert summary.users == len(DEMO_USERS) == _count(engine, User)
    assert 250 <= summary.skus <= 350
    assert 2 * summary.skus <= summary.lots <= 5 * summary.skus + 10
    assert summary.seconds > 0


def test_same_seed_same_warehouse_other_seed_another(tmp_path: Path) -> None:
    first, second, other = (sqlite_url_for(tmp_path / f"{n}.sqlite") for n in "abc")
    build_demo(first, orders=ORDERS, seed=7)
    build_demo(second, orders=ORDERS, seed=7)
    build_demo(other, orders=ORDERS, seed=8)
    a, b, c = _dump(first), _dump(second), _dump(other)
    assert a == b
    assert a["orders"] != c["orders"]
    assert a["lots"] != c["lots"]


def test_every_sku_has_a_valid_gs1_china_ean13(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        barcodes = conn.execute(select(Barcode)).all()
        sku_ids = set(conn.execute(select(Sku.id)).scalars())
    eans = [b for b in barcodes if b.kind == "ean13"]
    assert {b.sku_id for b in eans} == sku_ids
    for barcode in eans:
        assert len(barcode.code) == 13 and is_valid_gtin(barcode.code), barcode.code
        assert 690 <= int(barcode.code[:3]) <= 699
    for barcode in barcodes:
        assert parse_barcode(barcode.code).lookup == barcode.lookup
    assert 0 < sum(b.kind == "code128" for b in barcodes) < 20


def test_catalogue_is_realistic(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        skus = conn.execute(select(Sku)).all()
    assert all(20 <= s.weight_g <= 3000 for s in skus)
    assert 0.05 <= sum(s.fragile for s in skus) / len(skus) <= 0.15
    assert 0.10 <= sum(s.expiry_tracked for s in skus) / len(skus) <= 0.20
    assert {s.low_stock_threshold for s in skus} == {10, 20, 50}
    assert any("保温杯" in s.name for s in skus)
    assert any(s.name.isascii() for s in skus)


def test_stock_ledger_balances(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        lots = conn.execute(select(Lot)).all()
        moved = dict(
            conn.execute(select(StockMove.lot_id, func.sum(StockMove.qty)).group_by("lot_id")).all()
        )
        kinds = set(conn.execute(select(StockMove.kind, StockMove.actor, StockMove.ref)).all())
        locations = {loc.id: loc for loc in conn.execute(select(Location))}
    assert kinds == {("receipt", "demo", "demo")}
    for lot in lots:
        assert moved[lot.id] == lot.on_hand > 0, lot.lot_code
        assert lot.allocated == 0
        assert not locations[lot.location_id].quarantined
        assert lot.lot_code.startswith("L2026") and lot.received_at < demo.REFERENCE_NOW


def test_locations_follow_the_walking_route(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        locations = conn.execute(select(Location).order_by(Location.code)).all()
    assert {loc.zone for loc in locations} == set("ABCDE")
    sequences = [loc.pick_sequence for loc in locations]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)
    for loc in locations:
        zone, aisle, bay, level = loc.code.split("-")
        assert zone == loc.zone and len(aisle) == len(bay) == len(level) == 2


def test_newest_tenth_of_orders_wait_for_review(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        orders = conn.execute(select(Order).order_by(Order.ordered_at, Order.id)).all()
    newest = orders[-ORDERS // 10 :]
    assert {o.status for o in newest} == {"new"}
    assert all(o.status != "new" for o in orders[: -ORDERS // 10])
    statuses = Counter(o.status for o in orders)
    assert set(statuses) <= {
        "new",
        "reviewed",
        "exception",
        "on_hold",
        "cancelled",
        "shipped",
        "delivered",
        "completed",
    }
    assert statuses["completed"] + statuses["delivered"] + statuses["shipped"] > ORDERS // 2
    for order in orders:
        assert order.ordered_at <= demo.REFERENCE_NOW
        assert (order.held_from == "reviewed") == (order.status == "on_hold")
        assert bool(order.exception_reasons) == (order.status == "exception")
        for reason in reasons_from_json(order.exception_reasons):  # stored as codes
            assert reason.name.startswith("order.reason.") and reason.name != AS_RECORDED.name


def test_review_finds_the_planted_problems(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        free: dict[str, int] = dict(
            conn.execute(
                select(Sku.code, func.sum(Lot.on_hand - Lot.allocated))
                .join(Lot, Lot.sku_id == Sku.id)
                .group_by(Sku.code)
            ).all()
        )
        lines: dict[int, list[ReviewLine]] = {}
        for line in conn.execute(select(OrderLine).order_by(OrderLine.id)):
            lines.setdefault(line.order_id, []).append(
                ReviewLine(line.sku_code, line.sku_id is not None, line.qty)
            )
        new = conn.execute(select(Order).where(Order.status == "new").order_by(Order.id)).all()
    found: Counter[str] = Counter()
    passed = 0
    for o in new:
        reasons = review_order(
            ReviewInput(
                o.paid, o.buyer_name, o.phone, o.province, o.city, o.district, o.address,
                lines[o.id],
            ),
            free,
        )  # fmt: skip
        passed += not reasons
        found.update(reason.name for reason in reasons)
    assert {
        "order.reason.not_paid",
        "order.reason.address_missing",
        "order.reason.bad_phone",
        "order.reason.unknown_sku",
    } <= set(found)
    assert passed >= 0.8 * len(new)


def test_demo_users_log_in_with_their_pins(built: tuple[Engine, DemoSummary]) -> None:
    engine, _ = built
    with engine.connect() as conn:
        users = {u.name: u for u in conn.execute(select(User))}
    assert {u.role for u in DEMO_USERS} == {"admin", "supervisor", "packer", "labels"}
    for expected in DEMO_USERS:
        user = users[expected.name]
        assert user.role == expected.role.value
        assert user.badge_code == expected.badge
        assert user.active
        assert verify_pin(expected.pin, user.pin_hash)
        assert not verify_pin("9999", user.pin_hash)


def test_is_demo(built: tuple[Engine, DemoSummary], engine: Engine) -> None:
    demo_engine, _ = built
    assert is_demo(demo_engine)
    with demo_engine.connect() as conn:
        meta = dict(conn.execute(select(AppMeta.key, AppMeta.value)).all())
    assert meta["demo"] == "7"
    assert meta["demo_orders"] == str(ORDERS)
    assert not is_demo(engine)  # the station database of the test
    assert not is_demo(make_engine("sqlite://"))  # not even migrated


def test_rebuilding_keeps_one_copy(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    url = sqlite_url_for(target)
    build_demo(url, orders=ORDERS)
    summary = build_demo(url, orders=120)
    engine = open_database(url)
    try:
        assert _count(engine, Order) == summary.orders == 120
        assert _count(engine, User) == len(DEMO_USERS)
        assert _count(engine, Sku) == summary.skus
        with engine.connect() as conn:
            meta = dict(conn.execute(select(AppMeta.key, AppMeta.value)).all())
        assert meta["demo_orders"] == "120"
    finally:
        engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if "building" in p.name) == []


def test_only_the_file_at_the_url_is_rebuilt(tmp_path: Path) -> None:
    # A demo file is rebuilt in place; the station database next to it is left alone.
    station = open_database(sqlite_url_for(tmp_path / "packdesk.sqlite"))
    with station.begin() as conn:
        conn.execute(text("INSERT INTO app_meta (key, value) VALUES ('station', 'desk 3')"))
    station.dispose()
    (tmp_path / "other.sqlite-wal").write_bytes(b"")
    demo_file = tmp_path / "demo.sqlite"
    build_demo(sqlite_url_for(demo_file), orders=10)
    build_demo(sqlite_url_for(demo_file), orders=30)
    station = open_database(sqlite_url_for(tmp_path / "packdesk.sqlite"))
    try:
        assert not is_demo(station)
        assert _count(station, Order) == 0
    finally:
        station.dispose()
    assert (tmp_path / "other.sqlite-wal").exists()


def test_a_failed_build_leaves_the_old_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = sqlite_url_for(tmp_path / "demo.sqlite")
    build_demo(url, orders=50)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo, "_stock", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_demo(url, orders=80)
    engine = open_database(url)
    try:
        assert is_demo(engine)
        assert _count(engine, Order) == 50
    finally:
        engine.dispose()
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name] == []


def test_progress_is_reported_stage_by_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 100)
    seen: list[tuple[str, int, int]] = []
    build_demo(
        sqlite_url_for(tmp_path / "demo.sqlite"),
        orders=ORDERS,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == list(demo.STAGES)
    orders = [(done, total) for stage, done, total in seen if stage == "orders"]
    assert len(orders) >= 3 and orders[-1] == (ORDERS, ORDERS)
    assert [done for done, _ in orders] == sorted(done for done, _ in orders)
    assert all(done <= total for _, done, total in seen)


# --- the central database ------------------------------------------------------------------


def _holds_foreign_data(engine: Engine) -> bool:
    """Whether the shared test database holds someone else's (non-demo) data right now."""
    with engine.connect() as conn:
        tables = set(conn.dialect.get_table_names(conn))
        if not tables or is_demo(engine):
            return False
        return any(
            conn.execute(select(Base.metadata.tables[name]).limit(1)).first() is not None
            for name in sorted(tables & set(Base.metadata.tables))
        ) or bool(tables - set(Base.metadata.tables) - {"alembic_version"})


@pytest.mark.pg
def test_postgresql_demo_builds_and_a_real_database_is_refused(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        if _holds_foreign_data(engine):
            # Someone's data: the demo must refuse and change nothing.
            with pytest.raises(DemoRefused, match="not a demo database"):
                build_demo(pg_url, orders=10)
            return
        try:
            summary = build_demo(pg_url, orders=60, seed=3)
            summary = build_demo(pg_url, orders=60, seed=3)  # a rebuild wipes the old demo
            assert is_demo(engine)
            assert _count(engine, Order) == summary.orders == 60
            assert _count(engine, User) == len(DEMO_USERS)
            with engine.begin() as conn:
                # the sequences were moved past the ids the demo assigned
                new_id = conn.execute(
                    Sku.__table__.insert()
                    .values(code="NEW-1", name="新品", weight_g=100, fragile=False,
                            low_stock_threshold=10, expiry_tracked=False,
                            created_at=demo.REFERENCE_NOW)
                    .returning(Sku.id)
                ).scalar_one()  # fmt: skip
                assert new_id == summary.skus + 1
                # now it holds data but is no longer marked as a demo: a real database
                conn.execute(AppMeta.__table__.delete().where(AppMeta.key == "demo"))
            with pytest.raises(DemoRefused, match="not a demo database; refusing to overwrite"):
                build_demo(pg_url, orders=10)
            assert _count(engine, Order) == 60
            assert _count(engine, Sku) == summary.skus + 1
        finally:
            # leave the shared database migrated and empty, as other tests expect to find it
            with engine.begin() as conn:
                Base.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            upgrade(engine)
    finally:
        engine.dispose()


def test_demo_never_overwrites_a_station_database(tmp_path: Path) -> None:
    """`packdesk --db station.sqlite demo` must not wipe real work."""
    from app.bootstrap import open_database
    from app.db.engine import sqlite_url_for
    from app.db.uow import UnitOfWork
    from app.domain.users import Actor, Role
    from app.services.users import add_user

    station = tmp_path / "station.sqlite"
    engine = open_database(sqlite_url_for(station))
    add_user(UnitOfWork(engine), Actor("root", Role.ADMIN), "lilei", "packer", "1111")
    engine.dispose()
    before = station.read_bytes()
    with pytest.raises(DemoRefused, match="not a demo database"):
        build_demo(sqlite_url_for(station), orders=10)
    assert station.read_bytes() == before

    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("my notes, not a database", encoding="utf-8")
    with pytest.raises(DemoRefused, match="not a Packdesk database"):
        build_demo(sqlite_url_for(not_db), orders=10)
    assert not_db.read_text(encoding="utf-8") == "my notes, not a database"


def test_the_command_line_refuses_a_real_database_with_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main
    from app.db.engine import sqlite_url_for

    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("my notes, not a database", encoding="utf-8")
    url = sqlite_url_for(not_db)
    assert main(["--db", url, "demo", "--orders", "10", "--no-gui"]) == 1
    err = capsys.readouterr().err
    assert "is not a Packdesk database" in err
    assert err.rstrip().endswith("refusing to overwrite it. Use --db with a new file.")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["--db", url, "demo", "--orders", "10", "--no-gui"]) == 1
    err = capsys.readouterr().err
    assert "不是 Packdesk 数据库" in err and "请用 --db 指定一个新文件" in err
    assert not_db.read_text(encoding="utf-8") == "my notes, not a database"
