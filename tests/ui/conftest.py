"""UI fixtures: a small demo warehouse, logged-in users, and English restored after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.bootstrap import app_context, build_station_devices, open_database
from app.config import DeviceSettings
from app.db.uow import UnitOfWork
from app.services.demo import build_demo
from app.services.picking import confirm_wave
from app.services.review import review_new_orders
from app.services.users import UserInfo, login_with_badge
from app.services.waves import create_wave
from ui import i18n
from ui.devices import DeviceHub


@pytest.fixture
def demo_engine(db_url: str) -> Iterator[Engine]:
    build_demo(db_url, orders=1200)
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def supervisor_user(demo_engine: Engine) -> UserInfo:
    return login_with_badge(UnitOfWork(demo_engine), "U-SUP01")


@pytest.fixture
def packer_user(demo_engine: Engine) -> UserInfo:
    return login_with_badge(UnitOfWork(demo_engine), "U-PACK01")


@pytest.fixture(autouse=True)
def english_afterwards(qapp: object) -> Iterator[None]:
    i18n.install_translator("en")
    yield
    i18n.install_translator("en")


class RecordingPlayer:
    """A sound player that only records what the screen asked it to play."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)


@pytest.fixture
def player() -> RecordingPlayer:
    return RecordingPlayer()


@pytest.fixture
def hub(qtbot: object, demo_engine: Engine) -> Iterator[DeviceHub]:
    """The demo's simulated devices (printer, scale, serial scanner), closed afterwards."""
    hub = DeviceHub(app_context(demo_engine), build_station_devices(DeviceSettings(), demo=True))
    hub.start()
    try:
        yield hub
    finally:
        hub.close()


def picked(engine: Engine, supervisor: UserInfo, n: int, **wave: str) -> list[str]:
    """Orders picked on paper (the supervisor confirms the printed pick list)."""
    review_new_orders(UnitOfWork(engine), supervisor.actor)
    result = create_wave(UnitOfWork(engine), supervisor.actor, max_orders=n, **wave)  # type: ignore[arg-type]
    assert result.code is not None
    return confirm_wave(UnitOfWork(engine), supervisor.actor, result.code).orders


def sf_pool(engine: Engine, user: UserInfo, tmp_path: Path, n: int) -> list[str]:
    """An SF waybill number pool of *n* numbers, imported; returns the numbers."""
    from app.services import shipping

    numbers = [f"SF{1234567890000 + i}" for i in range(n)]
    path = tmp_path / "sf-pool.txt"
    path.write_text("\n".join(numbers) + "\n", encoding="utf-8")
    shipping.import_pool(UnitOfWork(engine), user.actor, "SF", path)
    return numbers
