"""Every action of the permission table, through the command line, as every role.

Each case is a real command on a copy of one demo warehouse (reviewed, one wave picked, one
order open at a pack station, one wave waiting), run with ``--as`` as the demo's packer,
supervisor, label staff and administrator.  A role the table does not allow is refused in words
and the database is left exactly as it was; a role it allows is never told "not allowed".  An
action no command reaches yet goes through its service, so that no action of the table is left
unwalked; a new action without a case fails the test that checks the table is covered.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import open_database
from app.cli import main, say
from app.db.engine import sqlite_url_for
from app.db.models import PrintJob, Wave
from app.db.uow import UnitOfWork
from app.domain.errors import PermissionDenied
from app.domain.users import PERMISSIONS, Action, Actor, Role
from app.messages.words import action_word
from app.services import packing, picking, printing_jobs

#: The demo's users (app/services/demo.py): name and PIN per role.
USERS: dict[Role, tuple[str, str]] = {
    Role.PACKER: ("lilei", "1111"),
    Role.SUPERVISOR: ("wangfang", "2222"),
    Role.LABELS: ("zhangwei", "3333"),
    Role.ADMIN: ("admin", "1234"),
}
STATION = "ST-A"


@dataclass(frozen=True)
class Warehouse:
    db: Path
    files: Path
    exception_order: str
    held_order: str
    reviewed_order: str
    claimed_order: str
    bound_order: str
    unbound_order: str
    waiting_wave: str


def _cli(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    here = tmp_path_factory.mktemp("walk")
    mp = pytest.MonkeyPatch()
    mp.setenv("PACKDESK_HOME", str(here / "home"))
    mp.setenv("LANG", "C.UTF-8")
    mp.delenv("PACKDESK_PIN", raising=False)
    db = here / "warehouse.sqlite"
    url = sqlite_url_for(db)
    assert _cli("--db", url, "demo", "--no-gui", "--orders", "80") == 0
    assert _cli("--db", url, "review") == 0
    assert _cli("--db", url, "wave", "create", "--max-orders", "4") == 0
    engine = open_database(url)
    try:
        uow = lambda: UnitOfWork(engine)  # noqa: E731
        with uow().reading() as s:
            first = s.scalars(select(Wave.code).order_by(Wave.id)).first()
        assert first is not None
        assert _cli("--db", url, "wave", "confirm", first) == 0
        assert _cli("--db", url, "wave", "create", "--max-orders", "2") == 0
        with uow().reading() as s:
            waiting = s.scalars(select(Wave.code).order_by(Wave.id.desc())).first()
        assert waiting is not None and waiting != first
        statuses = _orders_by_status(db)
        held = statuses["reviewed"][-1]
        assert _cli("--db", url, "orders", "hold", held) == 0
        packer = Actor("lilei", Role.PACKER)
        claimed, bound, unbound = statuses["picked"][:3]
        packing.open_order(uow(), packer, claimed, STATION)
        assert _cli("--db", url, "bind", bound, "312345678901", "--carrier", "ZTO") == 0
        # One print job to reprint (reprinting is not a command yet).
        printing_jobs.queue_job(uow(), packer, "ZPL-1", "zpl", b"^XA^XZ", "test label")
    finally:
        engine.dispose()
    files = here / "files"
    files.mkdir()
    (files / "skus.csv").write_text("sku,name\nWALK-1,Walk test SKU\n", encoding="utf-8")
    (files / "stock.csv").write_text(
        "sku,lot,received_at,location,qty\nAP-10001,WALK-LOT,2026-11-01,A-01-01-01,5\n",
        encoding="utf-8",
    )
    (files / "orders.csv").write_text(
        "order_no,shop,ordered_at,paid,buyer_name,phone,province,city,district,address,sku,qty\n"
        "WALK-0001,walkshop,2026-12-01 10:00:00,yes,张三,13812345678,广东省,深圳市,南山区,"
        "科技园南路88号,AP-10001,1\n",
        encoding="utf-8",
    )
    (files / "carrier_rules.csv").write_text(
        "shop,province,min_g,max_g,fragile,carrier\n,,,,yes,SF\n", encoding="utf-8"
    )
    (files / "tracking.csv").write_text(
        "tracking_no,status,time\nSF1234567890123,in_transit,2026-12-01 10:00:00\n",
        encoding="utf-8",
    )
    (files / "pool.txt").write_text("312345678911\n312345678912\n", encoding="utf-8")
    # Numbers for the waybill a role prints (a waybill takes one from the carrier's pool).
    (here / "pool.txt").write_text("312345678921\n312345678922\n", encoding="utf-8")
    assert _cli("--db", url, "carriers", "pool", "import", "ZTO", str(here / "pool.txt")) == 0
    yield Warehouse(
        db=db,
        files=files,
        exception_order=statuses["exception"][0],
        held_order=held,
        reviewed_order=statuses["reviewed"][0],
        claimed_order=claimed,
        bound_order=bound,
        unbound_order=unbound,
        waiting_wave=waiting,
    )
    mp.undo()


def _orders_by_status(db: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with sqlite3.connect(db) as con:
        for status, order_no in con.execute("SELECT status, order_no FROM orders ORDER BY id"):
            out.setdefault(status, []).append(order_no)
    return out


def _fingerprint(db: Path) -> str:
    """Every row of every table but the log-in trail: what a refused command must leave as it
    was."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as con:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        for table in tables:
            # Logging in is recorded in the audit trail, whatever the command does next.
            where = " WHERE action != 'user.login'" if table == "audit_events" else ""
            for row in con.execute(f'SELECT * FROM "{table}"{where} ORDER BY rowid'):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Case:
    """A command (``{placeholders}`` filled from the warehouse) and the actions it needs, in
    the order the service checks them: the first one the role lacks is the one refused."""

    name: str
    argv: tuple[str, ...]
    needs: tuple[Action, ...]


def _c(name: str, argv: str, *needs: Action) -> Case:
    return Case(name, tuple(argv.split("|")), needs)


CLI_CASES: tuple[Case, ...] = (
    _c("import skus", "import|skus|{files}/skus.csv", Action.IMPORT_SKUS),
    _c("sku pick-rule", "sku|pick-rule|fifo|AP-10001", Action.IMPORT_SKUS),
    _c("import stock", "import|stock|{files}/stock.csv", Action.IMPORT_STOCK),
    _c("import orders", "import|orders|{files}/orders.csv", Action.IMPORT_ORDERS),
    _c("review", "review", Action.REVIEW_ORDERS),
    _c("orders approve", "orders|approve|{exception_order}", Action.RESOLVE_EXCEPTION),
    _c(
        "orders back-to-review", "orders|back-to-review|{exception_order}", Action.RESOLVE_EXCEPTION
    ),
    _c("orders hold", "orders|hold|{reviewed_order}", Action.HOLD_ORDER),
    _c("orders release", "orders|release|{held_order}", Action.HOLD_ORDER),
    _c("orders cancel", "orders|cancel|{reviewed_order}", Action.HOLD_ORDER),
    _c("shop partial", "shop|partial|walkshop|yes", Action.HOLD_ORDER),
    _c("user add", "user|add|walker|--role|packer", Action.MANAGE_USERS),
    _c("user list", "user|list", Action.MANAGE_USERS),
    _c("orders list", "orders|list", Action.VIEW_ORDERS),
    _c("orders export", "orders|export|{out}/orders.csv", Action.VIEW_BUYERS),
    _c("demo", "demo|--no-gui|--orders|10", Action.BUILD_DEMO),
    _c("wave create", "wave|create", Action.CREATE_WAVE),
    _c("putaway list", "putaway|list", Action.PICK),
    _c("wave confirm", "wave|confirm|{waiting_wave}", Action.CONFIRM_WAVE),
    _c(
        "pack release",
        "pack|release|{claimed_order}|--reason|stuck",
        Action.PICK,
        Action.RESOLVE_EXCEPTION,
    ),
    # The side door of old: naming the claim's own station made the release "not forced".
    _c(
        "pack release --station",
        f"pack|release|{{claimed_order}}|--reason|stuck|--station|{STATION}",
        Action.PICK,
        Action.RESOLVE_EXCEPTION,
    ),
    _c(
        "print waybill",
        "print|waybill|{claimed_order}|--out|{out}/w.pdf",
        Action.PRINT_DOCUMENTS,
    ),
    _c("print slip", "print|slip|{claimed_order}|--out|{out}/s.pdf", Action.PRINT_DOCUMENTS),
    _c(
        "print labels",
        "print|labels|sku|AP-10001|--out|{out}/l.pdf",
        Action.PRINT_DOCUMENTS,
    ),
    _c("bind", "bind|{unbound_order}|312345678905|--carrier|ZTO", Action.BIND_TRACKING),
    _c(
        "bind --rebind",
        "bind|{bound_order}|312345678906|--carrier|ZTO|--rebind|--reason|label torn",
        Action.BIND_TRACKING,
        Action.REBIND_TRACKING,
    ),
    _c("carriers add", "carriers|add|WALK|Walk Express|^WK\\d{{10}}$", Action.MANAGE_CARRIERS),
    _c("carriers pool import", "carriers|pool|import|ZTO|{files}/pool.txt", Action.MANAGE_CARRIERS),
    _c("shop print", "shop|print|walkshop|--sender-name|Walk", Action.MANAGE_CARRIERS),
    _c(
        "shop export-columns",
        "shop|export-columns|walkshop|订单号=order_no,运单号=tracking_no",
        Action.MANAGE_CARRIERS,
    ),
    _c(
        "carriers rules set", "carriers|rules|set|{files}/carrier_rules.csv", Action.MANAGE_CARRIERS
    ),
    _c("orders complete", "orders|complete|--delivered-before|7", Action.COMPLETE_ORDERS),
    _c(
        "orders export-shipped",
        "orders|export-shipped|--out|{out}/shipped.csv",
        Action.EXPORT_SHIPPED,
    ),
    _c("tracking import", "tracking|import|{files}/tracking.csv", Action.IMPORT_TRACKING),
    _c("handover start", "handover|start|ZTO", Action.HAND_OVER),
    _c("count create", "count|create|--full", Action.MANAGE_COUNTS),
)

#: Reads every role may run (still logged in with the PIN: see the wrong-PIN test).
READS: tuple[str, ...] = (
    "orders|list",
    "stock|list",
    "wave|list",
    "carriers|list",
    "tracking|stale",
    "tracking|unconfirmed",
    "pack|claims",
    "orders|intercepts",
    "handover|pending",
)


def _reprint(uow: UnitOfWork, actor: Actor, wh: Warehouse) -> None:
    with uow.reading() as s:
        job = s.scalars(select(PrintJob.id).order_by(PrintJob.id)).first()
    assert job is not None
    printing_jobs.reprint(uow, actor, job, reason="smudged")


def _pick(uow: UnitOfWork, actor: Actor, wh: Warehouse) -> None:
    from app.db.models import PickTask

    with uow.reading() as s:
        task = s.scalars(
            select(PickTask.id).join(Wave).where(Wave.code == wh.waiting_wave).order_by(PickTask.id)
        ).first()
    assert task is not None
    picking.confirm_pick(uow, actor, task, 1)


def _station_init(uow: UnitOfWork, actor: Actor, wh: Warehouse) -> None:
    """``station init`` needs a central PostgreSQL database the walk does not have: the role
    check comes first, then the refusal that this warehouse is not an empty database."""
    from app.sync import station

    with pytest.raises(station.SyncRefused, match="order\\(s\\) of its own"):
        station.init(uow.engine, "ST-WALK", "postgresql+psycopg://nobody@127.0.0.1:1/x", actor)


def _count(uow: UnitOfWork, actor: Actor, wh: Warehouse) -> None:
    """A counter starts a location of a count a supervisor made (the command needs the
    count's code, which the walk's argv cannot know)."""
    from app.db.models import Location
    from app.services import counts

    lead = Actor("walk-lead", Role.SUPERVISOR)
    made = counts.create_count(UnitOfWork(uow.engine), lead, full=True)
    counts.start_location(uow, actor, made.code, made.locations[0])
    with uow.reading() as s:
        assert s.scalar(select(Location.id).where(Location.code == made.locations[0]))


#: Actions no command reaches: walked through their service, as a station would.
SERVICE_CASES: dict[str, tuple[Callable[[UnitOfWork, Actor, Warehouse], None], Action]] = {
    "reprint a label": (_reprint, Action.REPRINT_LABEL),
    "pick": (_pick, Action.PICK),
    "set up a station": (_station_init, Action.MANAGE_STATIONS),
    "count a location": (_count, Action.COUNT_STOCK),
}

ROLES = tuple(Role)


def test_every_action_of_the_table_is_walked() -> None:
    walked = {a for case in CLI_CASES for a in case.needs}
    walked |= {action for _, action in SERVICE_CASES.values()}
    assert walked == set(PERMISSIONS), set(PERMISSIONS) - walked


def _fresh(wh: Warehouse, tmp_path: Path) -> Path:
    """A copy of the warehouse through SQLite's backup (what is still in the write-ahead log
    of a connection left open comes along; a file copy would lose it)."""
    db = tmp_path / "copy.sqlite"
    with closing(sqlite3.connect(wh.db)) as source, closing(sqlite3.connect(db)) as target:
        source.backup(target)
    return db


def _fill(case: Case, wh: Warehouse, out: Path) -> list[str]:
    values = {**vars(wh), "files": str(wh.files), "out": str(out)}
    return [part.format(**values) for part in case.argv]


def _refusal(role: Role, needs: tuple[Action, ...]) -> Action | None:
    return next((a for a in needs if role not in PERMISSIONS[a]), None)


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize("case", CLI_CASES, ids=[c.name for c in CLI_CASES])
def test_command_as_role(
    case: Case,
    role: Role,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = _fresh(warehouse, tmp_path)
    name, pin = USERS[role]
    monkeypatch.setenv("PACKDESK_PIN", pin)
    monkeypatch.setattr("sys.stdin", io.StringIO("4321\n"))  # a new user's PIN, if asked
    before = _fingerprint(db)
    code = main(["--db", sqlite_url_for(db), "--as", name, *_fill(case, warehouse, tmp_path)])
    err = capsys.readouterr().err
    refused = _refusal(role, case.needs)
    if refused is None:
        assert "not allowed" not in err, err
        assert code == 0, err
        return
    word = say(action_word(refused.value))
    assert code == 1, err
    assert f"not allowed to {word}" in err, err
    assert _fingerprint(db) == before, "a refused command changed the database"


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize("case", sorted(SERVICE_CASES), ids=sorted(SERVICE_CASES))
def test_service_action_as_role(
    case: str, role: Role, warehouse: Warehouse, tmp_path: Path
) -> None:
    db = _fresh(warehouse, tmp_path)
    engine = open_database(sqlite_url_for(db))
    run, action = SERVICE_CASES[case]
    actor = Actor(USERS[role][0], role)
    try:
        if role in PERMISSIONS[action]:
            run(UnitOfWork(engine), actor, warehouse)
        else:
            with pytest.raises(PermissionDenied):
                run(UnitOfWork(engine), actor, warehouse)
    finally:
        engine.dispose()


@pytest.mark.parametrize("argv", READS)
def test_every_read_needs_the_right_pin(
    argv: str,
    warehouse: Warehouse,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = sqlite_url_for(warehouse.db)
    monkeypatch.setenv("PACKDESK_PIN", "9999")
    code = main(["--db", url, "--as", "lilei", *argv.split("|")])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "PIN" in err and "Traceback" not in err
    monkeypatch.setenv("PACKDESK_PIN", "1111")
    assert main(["--db", url, "--as", "lilei", *argv.split("|")]) == 0
    capsys.readouterr()


def test_a_packer_sees_buyers_masked_and_cannot_search_them(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    from app.services import orders
    from app.services.orders import OrderQuery

    engine = open_database(sqlite_url_for(_fresh(warehouse, tmp_path)))
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    packer = Actor("lilei", Role.PACKER)
    supervisor = Actor("wangfang", Role.SUPERVISOR)
    try:
        seen = orders.page(uow(), supervisor, OrderQuery(), None, 50)
        masked = orders.page(uow(), packer, OrderQuery(), None, 50)
        assert [r.order_no for r in seen] == [r.order_no for r in masked]
        pairs = [(s.buyer_name, m.buyer_name) for s, m in zip(seen, masked, strict=True)]
        assert all(m == s[0] + "*" * min(len(s) - 1, 8) for s, m in pairs if len(s) > 1)
        someone = next(s for s, _ in pairs if len(s) > 1)
        assert orders.count(uow(), supervisor, OrderQuery(search=someone)) >= 1
        assert orders.count(uow(), packer, OrderQuery(search=someone)) == 0
        # The order the packer is packing shows whom it goes to; any other is masked.
        by_no = {r.order_no: r.id for r in seen}
        with uow().reading() as s:
            from app.db.models import Order

            claimed_id = s.scalar(select(Order.id).where(Order.order_no == warehouse.claimed_order))
            other_id = s.scalar(select(Order.id).where(Order.order_no == warehouse.reviewed_order))
        assert claimed_id is not None and other_id is not None
        mine = orders.get_order(uow(), packer, claimed_id)
        full = orders.get_order(uow(), supervisor, claimed_id)
        assert (mine.buyer_name, mine.phone, mine.address) == (
            full.buyer_name,
            full.phone,
            full.address,
        )
        other = orders.get_order(uow(), packer, other_id)
        other_full = orders.get_order(uow(), supervisor, other_id)
        assert other.buyer_name != other_full.buyer_name
        assert other.address == "****" and other_full.phone[-4:] == other.phone[-4:]
        assert "*" in other.phone
        del by_no
    finally:
        engine.dispose()


def test_user_list_shows_badges_to_the_administrator_only(
    warehouse: Warehouse, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = sqlite_url_for(warehouse.db)
    monkeypatch.setenv("PACKDESK_PIN", "1234")
    assert main(["--db", url, "--as", "admin", "user", "list", "--json"]) == 0
    badges = {u["name"]: u["badge"] for u in json.loads(capsys.readouterr().out)}
    assert badges["wangfang"] == "U-SUP01"
    monkeypatch.setenv("PACKDESK_PIN", "2222")
    assert main(["--db", url, "--as", "wangfang", "user", "list", "--json"]) == 1
    out, err = capsys.readouterr()
    assert "U-SUP01" not in out + err and "not allowed to manage users" in err
