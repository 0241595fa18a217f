"""A database that cannot be used is one sentence on the command line, never a traceback.

Each fault: `packdesk --db … COMMAND` exits 1 with ONE line `packdesk: …` that says what and
where (the file, or the address without its password), and a refused write changed nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.cli import main
from app.config import busy_timeout_s
from app.db.engine import sqlite_url_for
from app.db.migrate import head_revision

SKUS_HEADER = "sku,name,barcodes,weight_g,fragile,low_stock_threshold,expiry_tracked\n"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def one_sentence(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Runs the command line; it must exit 1 with one line `packdesk: …` (returned without
    the prefix) and no traceback."""
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert (code, len(lines)) == (1, 1), err
    assert lines[0].startswith("packdesk: "), err
    return lines[0].removeprefix("packdesk: ")


def skus_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "skus.csv"
    rows = "".join(f"SKU-{i:05d},item {i} {'x' * 60},,100,no,,no\n" for i in range(n))
    path.write_text(SKUS_HEADER + rows, encoding="utf-8")
    return path


def rows_in(database: Path, table: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


@pytest.fixture
def station(engine: Engine, db_url: str) -> Path:
    """A migrated station database, closed (no -wal or -shm file left)."""
    engine.dispose()
    path = make_url(db_url).database
    assert path
    return Path(path)


# --- 1. locked by another program past the busy timeout ---------------------------------------

HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder_script(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The program that holds the lock; named `packdesk` it is taken for another Packdesk."""
    script = tmp_path / str(request.param)
    script.write_text(HOLD, encoding="utf-8")
    return script


@pytest.mark.parametrize(
    ("holder_script", "holder"),
    [("hold_lock.py", "another program ("), ("packdesk", "another Packdesk (process ")],
    indirect=["holder_script"],
)
def test_a_database_locked_by_another_program_is_named_and_nothing_changes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    station: Path,
    tmp_path: Path,
    holder_script: Path,
    holder: str,
) -> None:
    assert busy_timeout_s({}) == 30.0  # the normal wait; the test shortens it
    monkeypatch.setenv("PACKDESK_BUSY_TIMEOUT", "0.2")
    skus = skus_file(tmp_path, 3)
    proc = subprocess.Popen(
        [sys.executable, str(holder_script), str(station)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        said = one_sentence(capsys, "--db", sqlite_url_for(station), "import", "skus", str(skus))
    finally:
        proc.communicate("", timeout=30)
    assert said.startswith(f"the database {station} is locked by ")
    assert "Packdesk waited 0.2 s and changed nothing; try again when it has finished" in said
    if Path("/proc/locks").exists():  # Linux says who holds the lock
        assert f"locked by {holder}" in said and f"process {proc.pid})" in said
    else:
        assert "locked by another program" in said
    assert rows_in(station, "skus") == 0


# --- 2. read-only --------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["opened read-only", "read-only file", "read-only folder"])
def test_a_read_only_database_refuses_the_write_and_says_so(
    capsys: pytest.CaptureFixture[str], station: Path, tmp_path: Path, how: str
) -> None:
    skus = skus_file(tmp_path, 3)
    target = tmp_path / "shelf" / station.name  # a folder of its own (the log stays writable)
    target.parent.mkdir()
    station.rename(target)
    url = sqlite_url_for(target)
    if how == "opened read-only":
        url = f"sqlite:///file:{target}?mode=ro&uri=true"
    elif AS_ROOT:
        pytest.skip("root writes whatever the permissions say")
    elif how == "read-only file":
        target.chmod(0o444)
    else:
        target.parent.chmod(0o555)
    try:
        said = one_sentence(capsys, "--db", url, "import", "skus", str(skus))
    finally:
        target.parent.chmod(0o755)
        target.chmod(0o644)
    if how == "read-only folder":
        assert said.startswith(f"the folder {target.parent} of the database {target} is read-only")
    else:
        assert said.startswith(f"the database {target} is read-only, so nothing was changed")
    assert rows_in(target, "skus") == 0


def test_a_read_only_central_server_refuses_the_write_and_says_so(
    capsys: pytest.CaptureFixture[str], pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    skus = skus_file(tmp_path, 3)
    standby = make_url(pg_url).update_query_dict({"options": "-c default_transaction_read_only=on"})
    url = standby.render_as_string(hide_password=False)
    said = one_sentence(capsys, "--db", url, "import", "skus", str(skus))
    assert said == (
        f"the database server of {standby.render_as_string(hide_password=True)} only reads (a "
        "standby server), so nothing was changed; the station must connect to the primary server"
    )
    with pg_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM skus").scalar() == 0


# --- 3. not a database, or a damaged one ---------------------------------------------------


@pytest.mark.parametrize("what", ["a text file", "a truncated database"])
def test_a_file_that_is_not_a_database_is_said_and_left_alone(
    capsys: pytest.CaptureFixture[str], station: Path, tmp_path: Path, what: str
) -> None:
    target = tmp_path / "suspect.sqlite"
    if what == "a text file":
        target.write_text("order_no,shop\n" * 100, encoding="utf-8")
        expected = f"{target} is not a database file, so Packdesk changed nothing in it"
    else:
        target.write_bytes(station.read_bytes()[:3000])
        expected = (
            f"the database {target} is damaged (cut short or overwritten), so Packdesk "
            "changed nothing in it; restore it from a backup"
        )
    before = target.read_bytes()
    said = one_sentence(capsys, "--db", sqlite_url_for(target), "orders", "list")
    assert said == expected
    assert target.read_bytes() == before


# --- 4. written by a newer Packdesk --------------------------------------------------------


def test_a_database_of_a_newer_packdesk_is_not_migrated(
    capsys: pytest.CaptureFixture[str], engine: Engine, station: Path
) -> None:
    head = head_revision(engine)
    with sqlite3.connect(station) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    said = one_sentence(capsys, "--db", sqlite_url_for(station), "user", "list")
    assert said == (
        f"the database {station} was written by a newer Packdesk (schema 0099_from_the_future); "
        f"this is Packdesk 0.1.0 (schema {head}), so nothing was changed: use the newer Packdesk"
    )
    with sqlite3.connect(station) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0099_from_the_future",)
        ]


# --- 5. a bad address: unreadable, unknown driver, no server, no such database --------------


@pytest.mark.parametrize(
    ("given", "address", "expected"),
    [
        (
            "--db",
            "/var/lib/packdesk/station.sqlite",
            "--db /var/lib/packdesk/station.sqlite is not a database address: write "
            "sqlite:///PATH for a SQLite file or postgresql+psycopg://USER@HOST:PORT/NAME for "
            "a database server",
        ),
        (
            "PACKDESK_DB",
            "mysql://packer:secret@db.example/wms",
            "PACKDESK_DB mysql://packer:***@db.example/wms asks for the database driver mysql, "
            "which this Packdesk does not have: use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST:PORT/NAME",
        ),
        (
            "--db",
            "postgresql+psycopg://packer:secret@127.0.0.1:1/central",
            "the database server 127.0.0.1:1 of postgresql+psycopg://packer:***@127.0.0.1:1/"
            "central does not answer: check that it is running and that the host and port are "
            "right",
        ),
    ],
)
def test_a_bad_database_address_is_said_without_its_password(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    given: str,
    address: str,
    expected: str,
) -> None:
    if given == "PACKDESK_DB":
        monkeypatch.setenv("PACKDESK_DB", address)
        said = one_sentence(capsys, "orders", "list")
    else:
        said = one_sentence(capsys, "--db", address, "orders", "list")
    assert said == expected
    assert "secret" not in said


def test_a_central_database_that_does_not_exist_is_named(
    capsys: pytest.CaptureFixture[str], pg_url: str
) -> None:
    parsed = make_url(pg_url)
    missing = parsed.set(database="packdesk_no_such_database", password="secret")
    url = missing.render_as_string(hide_password=False)
    server = f"{parsed.host}:{parsed.port or 5432}"
    said = one_sentence(capsys, "--db", url, "orders", "list")
    shown = missing.render_as_string(hide_password=True)
    assert said == (
        f"the database server {server} has no database named packdesk_no_such_database "
        f"({shown}): check the name, or create the database first"
    )


# --- 6. a path under a file, or in a folder that does not exist ------------------------------


@pytest.mark.parametrize("where", ["under a file", "in a missing folder"])
def test_a_database_path_that_cannot_exist_is_said_and_nothing_is_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder", encoding="utf-8")
    if where == "under a file":
        target = notes / "station.sqlite"
        expected = f"the database {target} cannot be there: {notes} is a file, not a folder"
    else:
        target = tmp_path / "no-such-folder" / "station.sqlite"
        expected = (
            f"the folder {target.parent} of the database {target} does not exist: check the "
            "path, or create the folder first"
        )
    said = one_sentence(capsys, "--db", sqlite_url_for(target), "orders", "list")
    assert said == expected
    assert not (tmp_path / "no-such-folder").exists()
    assert notes.read_text(encoding="utf-8") == "not a folder"


# --- 7. the disk is full -----------------------------------------------------------------


@pytest.fixture
def full_disk(station: Path) -> Iterator[None]:
    """Every new connection to *station* may not grow the file: SQLite raises SQLITE_FULL
    ("database or disk is full") as on a full disk."""
    with sqlite3.connect(station) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(Engine, "connect", cap)


def test_a_full_disk_refuses_the_import_and_writes_none_of_it(
    capsys: pytest.CaptureFixture[str], station: Path, tmp_path: Path, full_disk: None
) -> None:
    skus = skus_file(tmp_path, 3000)
    said = one_sentence(capsys, "--db", sqlite_url_for(station), "import", "skus", str(skus))
    assert said == (
        f"the disk of the database {station} is full, so nothing was changed: free some space "
        "and try again"
    )
    assert rows_in(station, "skus") == 0
    assert rows_in(station, "import_batches") == 0
    with sqlite3.connect(station) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# --- and what is none of these keeps its traceback ------------------------------------------


def test_an_error_that_is_no_database_fault_is_not_turned_into_a_sentence(
    station: Path,
) -> None:
    with sqlite3.connect(station) as conn:
        conn.execute("DROP TABLE users")
    with pytest.raises(OperationalError, match="no such table: users"):
        main(["--db", sqlite_url_for(station), "user", "list"])
