"""The one place that wires settings, database, devices and printers together."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from sqlalchemy import Engine

from app.config import paths
from app.db.engine import make_engine, sqlite_url_for
from app.db.migrate import upgrade
from app.db.uow import UnitOfWork
from app.services.waves import PickList

log = logging.getLogger("packdesk")


def resolve_db_url(cli_value: str | None = None) -> str:
    """--db, else $PACKDESK_DB, else the station's SQLite file in the user data directory."""
    if cli_value:
        return cli_value
    env = os.environ.get("PACKDESK_DB")
    if env:
        return env
    return sqlite_url_for(paths().station_db)


def demo_db_url(cli_value: str | None = None) -> str:
    """The demo gets its own file so that it never overwrites a station's real database."""
    if cli_value:
        return cli_value
    return os.environ.get("PACKDESK_DB") or sqlite_url_for(paths().demo_db)


def open_database(url: str, *, migrate: bool = True) -> Engine:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return engine


def unit_of_work(engine: Engine) -> UnitOfWork:
    return UnitOfWork(engine)


_file_handler: logging.handlers.RotatingFileHandler | None = None
_console_handler: logging.Handler | None = None


def setup_logging(*, verbose: bool = False) -> Path:
    """A rotating log file in the user data directory (and warnings on stderr)."""
    global _file_handler, _console_handler
    log_file = paths().log_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if _file_handler is not None and Path(_file_handler.baseFilename) == log_file.absolute():
        return log_file
    log_file.parent.mkdir(parents=True, exist_ok=True)
    if _file_handler is not None:  # the data directory moved (PACKDESK_HOME changed)
        root.removeHandler(_file_handler)
        _file_handler.close()
    _file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    _file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(_file_handler)
    if _console_handler is None:
        _console_handler = logging.StreamHandler(sys.stderr)
        _console_handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(_console_handler)
    _console_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    # Alembic logs every migration step at INFO: keep it out of the way.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file


def launch_gui(db_url: str, *, demo: bool = False) -> int:
    """Start the desktop app.  The only place under app/ that reaches into ui/ (lazily, so that
    the command line works without a screen or Qt's system libraries)."""
    from ui.app import run_gui

    return int(run_gui(db_url, demo=demo))


def render_pick_list(data: PickList) -> bytes:
    """The A4 pick list PDF for a wave (printing/ is a pure renderer: data → bytes)."""
    from printing.picklist import PickListDocument, PickListLine, render_pick_list_pdf

    document = PickListDocument(
        wave_code=data.wave_code,
        title="Pick list 拣货单",
        created_at=data.created_at,
        created_by=data.created_by,
        kind=data.kind,
        orders=data.orders,
        units=data.units,
        zone=data.zone,
        carrier=data.carrier,
        lines=tuple(
            PickListLine(
                seq=e.seq,
                location=e.location,
                sku=e.sku,
                name=e.name,
                lot=e.lot,
                qty=e.qty,
                slots=e.slots,
                task_code=e.task_code,
            )
            for e in data.entries
        ),
    )
    return render_pick_list_pdf(document)
