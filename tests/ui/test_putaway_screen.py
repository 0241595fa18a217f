"""The put-away screen driven with a scanner alone: the open tasks of a cancelled order in
walking order with their age, scan the location, then the item; in English and Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.domain.users import Actor, Role
from app.services import cancellation
from app.services.cancellation import Verb
from app.services.users import UserInfo
from tests.factories import UowFactory
from tests.integration.test_cancellation_stages import (
    CUP,
    STATION,
    lot_state,
    order_id,
    packing_some,
    warehouse,
)
from ui.putaway_screen import (
    COL_AGE,
    COL_FROM,
    COL_LOCATION,
    COL_SKU,
    PutawayScreen,
    PutawayStep,
)

__all__ = ["warehouse"]

PICKER = UserInfo(7, "Li Lei", Role.PACKER, "U-PACK01")


@pytest.fixture
def cancelled(uow: UowFactory, supervisor: Actor, warehouse: None) -> None:
    packing_some(uow, supervisor, "K1")
    cancellation.apply(uow(), supervisor, [order_id(uow, "K1")], Verb.CANCEL)


def screen_for(qtbot: QtBot, engine: Engine) -> PutawayScreen:
    screen = PutawayScreen(app_context(engine), PICKER)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def scan(qtbot: QtBot, screen: PutawayScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def rows(screen: PutawayScreen) -> list[tuple[str, str]]:
    table = screen.table
    return [
        (table.item(r, COL_LOCATION).text(), table.item(r, COL_SKU).text())
        for r in range(table.rowCount())
    ]


@pytest.mark.usefixtures("cancelled")
def test_scan_location_then_item_puts_the_units_back(
    qtbot: QtBot, engine: Engine, uow: UowFactory
) -> None:
    screen = screen_for(qtbot, engine)
    assert rows(screen) == [("A-01-01-01", "CUP"), ("A-01-02-01", "MUG")]
    assert screen.table.item(0, COL_FROM).text() == STATION  # the units are at the pack station
    assert screen.table.item(0, COL_AGE).text().endswith("min")
    assert screen.step_label.text() == "Next: 2 × CUP to A-01-01-01 — scan the location"

    scan(qtbot, screen, "A-01-09-09")
    assert screen.banner.property("kind") == "error"
    assert "Wrong location: you scanned A-01-09-09; put task" in screen.banner_text()
    scan(qtbot, screen, "A-01-01-01")
    assert screen.step is PutawayStep.ITEM
    assert screen.step_label.text() == "At A-01-01-01: scan one CUP to put back 2"
    scan(qtbot, screen, CUP)
    assert screen.banner.property("kind") == "ok"
    assert "back at A-01-01-01" in screen.banner_text()
    assert rows(screen) == [("A-01-02-01", "MUG")]
    assert lot_state(uow)["C1"] == (20, 0)

    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Escape)
    assert screen.step is PutawayStep.LOCATION


@pytest.mark.usefixtures("cancelled")
def test_the_put_away_screen_speaks_chinese(qtbot: QtBot, engine: Engine) -> None:
    from ui import i18n

    screen = screen_for(qtbot, engine)
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: screen.step_label.text().startswith("下一个：2 × CUP 送到 A-01-01-01"))
    assert screen.table.horizontalHeaderItem(1).text() == "库位"
    scan(qtbot, screen, "A-01-09-09")
    assert "库位错误" in screen.banner_text()
