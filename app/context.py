"""What the desktop app's screens get from the composition root (``app.bootstrap``).

Screens never hold an engine, a Session or a concrete device class: they call services with a
fresh unit of work from ``uow()`` (one per user action, in the thread that does the work),
render documents through ``renderer``, and ask ``build_devices`` for the station's devices when
the settings change.  On a station's own database, ``sync`` reaches the central database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config import DeviceSettings
    from app.db.uow import UnitOfWork
    from app.devices import StationDevices
    from app.domain.users import Actor
    from app.services.rendering import DocumentRenderer
    from app.sync.central import StationRow
    from app.sync.station import Rejection, SyncResult, SyncStatus


@dataclass(frozen=True)
class SyncAccess:
    """The station's sync (app.sync.station) on the app's database.  Every call blocks (a
    round, or the central list, may wait for the network): call them off the GUI thread."""

    #: this station's name
    station: str
    #: one round: push the outbox, pull the central changes (CentralUnreachable offline)
    run_once: Callable[[], SyncResult]
    #: where the station stands, read locally
    status: Callable[[], SyncStatus]
    #: rejected events nobody resolved yet, oldest first
    rejections: Callable[[], list[Rejection]]
    #: a supervisor resolved these rejected events (by event id); how many
    resolve: Callable[[Actor, Sequence[str]], int]
    #: the stations as the central database lists them (CentralUnreachable offline)
    stations: Callable[[], list[StationRow]]
    #: call *on_change* (from a thread of its own) whenever the central database commits a
    #: change stations replicate; returns what stops listening (LISTEN/NOTIFY)
    listen: Callable[[Callable[[], None]], Callable[[], None]] | None = None


@dataclass(frozen=True)
class AppContext:
    #: a new unit of work on the app's database (safe to call from any thread)
    uow: Callable[[], UnitOfWork]
    renderer: DocumentRenderer
    #: the station's devices as these settings say (simulators in the demo)
    build_devices: Callable[[DeviceSettings], StationDevices]
    #: the database's address as a person may see it (no password)
    database: str
    log_file: Path
    demo: bool = False
    #: the sync with the central database; None when the database is not a station's
    sync: SyncAccess | None = None
    #: make this (SQLite) database a station of a central one: (name, central URL, actor,
    #: progress(done, total)) → rows copied (blocks; off the GUI thread); None where it
    #: cannot be one (a station already, or PostgreSQL itself)
    init_station: Callable[[str, str, Actor, Callable[[int, int], None]], int] | None = None
