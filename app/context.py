"""What the desktop app's screens get from the composition root (``app.bootstrap``).

Screens never hold an engine, a Session or a concrete device class: they call services with a
fresh unit of work from ``uow()`` (one per user action, in the thread that does the work),
render documents through ``renderer``, and ask ``build_devices`` for the station's devices when
the settings change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config import DeviceSettings
    from app.db.uow import UnitOfWork
    from app.devices import StationDevices
    from app.services.rendering import DocumentRenderer


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
