"""The one place where the drivers' and Alembic's errors become sentences.

A database that cannot be used — locked past the busy timeout, read-only, not a database,
damaged, written by a newer Packdesk, a bad address, a folder that is not there, a full disk —
raises :class:`DatabaseFault`: a ``DomainError`` whose message (app/messages/database.py) says
what happened and where (the file, or the address without its password).  The command line
prints it as ``packdesk: …`` and exits 1; the desktop app shows it in a message box.

Every write is one transaction (app/db/uow.py), so a refused write changed nothing, which is
what these sentences say.  Errors not recognised here are left alone and keep their traceback.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from app import __version__
from app.db.holders import Holder, lock_holder
from app.domain.errors import DomainError
from app.messages import Message
from app.messages import database as dm

log = logging.getLogger(__name__)

# SQLite's primary result codes (sqlite3 errors carry the extended code in sqlite_errorcode).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
# Read-only because of the folder: SQLITE_READONLY_CANTINIT, SQLITE_READONLY_DIRECTORY.
SQLITE_READONLY_FOLDER = {1288, 1544}
# PostgreSQL's SQLSTATEs: disk full, a read-only (standby) server.
PG_DISK_FULL, PG_READ_ONLY = "53100", "25006"
PG_PORT = 5432


class DatabaseFault(DomainError):
    """The database cannot be used; the message says why and where, and nothing was changed."""


def where(url: str) -> str:
    """The database as a person finds it: a SQLite file's path, else the address without its
    password."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    return shown_address(url)


def shown_address(url: str) -> str:
    """*url* without its password, also when SQLAlchemy cannot read it."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (also of a ``file:`` URI), absolute; None for others."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(os.path.abspath(database))


def check_address(url: str, source: Message | str) -> URL:
    """*url* parsed, with its driver loadable; else a fault naming *source* (``--db``,
    ``PACKDESK_DB``, :data:`~app.messages.database.SOURCE_DEFAULT`)."""
    address = shown_address(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseFault(dm.BAD_ADDRESS(source=source, address=address)) from exc
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError) as exc:  # unknown, or its driver is not installed
        fault = dm.UNKNOWN_DRIVER(source=source, address=address, driver=parsed.drivername)
        raise DatabaseFault(fault) from exc
    return parsed


def newer_schema(url: str, revision: str, head: str | None) -> DatabaseFault:
    """The database is at a revision this Packdesk has no migration for."""
    return DatabaseFault(
        dm.NEWER_SCHEMA(
            database=where(url), revision=revision, version=__version__, head=head or "-"
        )
    )


@contextmanager
def translated(
    url: str | Callable[[], str], *, busy_timeout_s: float, connecting: bool = False
) -> Iterator[None]:
    """Inside the block, a driver error this module knows becomes a :class:`DatabaseFault`
    (the original stays its cause, and the log keeps its traceback).  *url* may be a function
    when the command changes its database on the way (the demo).  ``connecting``: the block
    only connects, so any other error of the connection is said in the driver's words too."""
    try:
        yield
    except DBAPIError as exc:
        address = url() if callable(url) else url
        fault = fault_of(exc, address, busy_timeout_s=busy_timeout_s, connecting=connecting)
        if fault is None:
            raise
        log.info("%s: %s", where(address), fault.message, exc_info=True)
        raise fault from exc


def fault_of(
    exc: DBAPIError, url: str, *, busy_timeout_s: float, connecting: bool = False
) -> DatabaseFault | None:
    """The fault *exc* means for the database at *url*, or None when it is none of ours."""
    orig = exc.orig
    errorcode = getattr(orig, "sqlite_errorcode", None)
    if isinstance(errorcode, int):
        message = _sqlite_fault(errorcode, url, busy_timeout_s)
    else:
        message = _server_fault(exc, url, connecting)
    if message is None and connecting and isinstance(exc, OperationalError):
        message = dm.CANNOT_OPEN(url=where(url), error=" ".join(str(orig).split()))
    return None if message is None else DatabaseFault(message)


def _sqlite_fault(errorcode: int, url: str, busy_timeout_s: float) -> Message | None:
    primary = errorcode & 0xFF
    database = where(url)
    path = sqlite_file(url)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        holder = lock_holder(path) if path is not None else None
        return dm.LOCKED(database=database, holder=_holder(holder), seconds=f"{busy_timeout_s:g}")
    if primary == SQLITE_READONLY:
        if errorcode in SQLITE_READONLY_FOLDER and path is not None:
            return dm.READ_ONLY_FOLDER(folder=str(path.parent), database=database)
        return dm.READ_ONLY(database=database)
    if primary == SQLITE_NOTADB:
        return dm.NOT_A_DATABASE(database=database)
    if primary == SQLITE_CORRUPT:
        return dm.DAMAGED(database=database)
    if primary == SQLITE_FULL:
        return dm.DISK_FULL(database=database)
    if primary == SQLITE_IOERR:
        return dm.DISK_ERROR(database=database)
    if primary == SQLITE_CANTOPEN and path is not None:
        return _path_fault(path)
    return None


def _holder(holder: Holder | None) -> Message:
    if holder is None:
        return dm.HOLDER_UNKNOWN()
    if holder.packdesk:
        return dm.HOLDER_PACKDESK(pid=str(holder.pid))
    return dm.HOLDER_PROGRAM(program=holder.program, pid=str(holder.pid))


def _path_fault(path: Path) -> Message | None:
    """Why SQLite cannot open *path*: under a file, in a missing or read-only folder."""
    folder = path.parent
    for ancestor in (folder, *folder.parents):
        if not ancestor.exists():
            continue
        if not ancestor.is_dir():
            return dm.UNDER_A_FILE(database=str(path), file=str(ancestor))
        if ancestor != folder:
            return dm.NO_FOLDER(folder=str(folder), database=str(path))
        if not path.exists() and not os.access(folder, os.W_OK):
            return dm.READ_ONLY_FOLDER(folder=str(folder), database=str(path))
        return None
    return None


def _server_fault(exc: DBAPIError, url: str, connecting: bool) -> Message | None:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate == PG_DISK_FULL:
        return dm.DISK_FULL(database=where(url))
    if sqlstate == PG_READ_ONLY:
        return dm.SERVER_READ_ONLY(database=where(url))
    if not connecting or not isinstance(exc, OperationalError) or sqlstate is not None:
        return None
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    server = f"{parsed.host or 'localhost'}:{parsed.port or PG_PORT}"
    said = str(exc.orig)
    if parsed.database and f'database "{parsed.database}" does not exist' in said:
        return dm.NO_SUCH_DATABASE(server=server, name=parsed.database, database=where(url))
    if "FATAL:" in said:  # the server answered, and refused: its own words say why
        return None
    return dm.SERVER_UNREACHABLE(server=server, database=where(url))
