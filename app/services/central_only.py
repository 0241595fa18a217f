"""Work that needs the central database (it allocates or changes what every station shares):
refused in words on a station's own database (app.sync)."""

from __future__ import annotations

from app.db.uow import UnitOfWork
from app.domain.errors import DomainError
from app.messages import Message
from app.messages import sync as sm


class NeedsCentral(DomainError):
    """The action needs the central database; nothing was changed."""


def require_central(uow: UnitOfWork, what: Message) -> None:
    """Refuse *what* on a station's own database."""
    station = uow.station
    if station is not None:
        raise NeedsCentral(sm.NEEDS_CENTRAL(what=what, station=station))
