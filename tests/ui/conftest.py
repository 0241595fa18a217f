"""UI fixtures: a small demo warehouse, logged-in users, and English restored after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from app.bootstrap import open_database
from app.db.uow import UnitOfWork
from app.services.demo import build_demo
from app.services.users import UserInfo, login_with_badge
from ui import i18n


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
