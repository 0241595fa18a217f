"""The count screen driven with a scanner alone: the count chosen by itself, a location
scanned, units scanned (and a typed quantity), F10 location done; blind — the expected
quantity never shows; in English and Chinese."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.domain.users import Role
from app.services import counts
from app.services.users import UserInfo
from tests.factories import receive
from tests.integration.test_counts import MUG, SUP, warehouse
from ui.count_screen import COL_COUNTED, COL_LOT, COL_SKU, CountScreen, CountStep

COUNTER = UserInfo(9, "Zhang Wei", Role.PACKER, "U-PACK09")


def screen_for(qtbot: QtBot, engine: Engine) -> CountScreen:
    screen = CountScreen(app_context(engine), COUNTER)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def scan(qtbot: QtBot, screen: CountScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def lines(screen: CountScreen) -> list[tuple[str, str, str]]:
    t = screen.table
    return [
        (t.item(r, COL_SKU).text(), t.item(r, COL_LOT).text(), t.item(r, COL_COUNTED).text())
        for r in range(t.rowCount())
    ]


def test_a_location_is_counted_by_scans_alone_and_blind(qtbot: QtBot, engine: Engine) -> None:
    uow = warehouse(engine)
    made = counts.create_count(uow(), SUP, location_range="A-01-02-01..A-01-03-01")
    screen = screen_for(qtbot, engine)
    # The only open count is chosen by itself.
    assert screen.step is CountStep.LOCATION
    assert screen.step_label.text() == f"{made.code} (A-01-02-01..A-01-03-01): scan a location"

    scan(qtbot, screen, MUG)
    assert screen.banner.property("kind") == "error"
    assert "is no location: scan the location's label first" in screen.banner_text()
    scan(qtbot, screen, "A-01-02-01")
    assert screen.step is CountStep.ITEM
    assert lines(screen) == []  # nothing counted yet — and nothing expected shown
    scan(qtbot, screen, MUG)
    scan(qtbot, screen, "6")  # six more, typed
    assert "next item × 6" in screen.step_label.text()
    scan(qtbot, screen, MUG)
    assert lines(screen) == [("MUG", "M1", "7")]
    assert "+6 MUG (lot M1): 7 counted here" in screen.banner_text()
    texts = [screen.step_label.text(), screen.banner_text()]
    assert not any("10" in t for t in texts)  # the records' 10 never shows

    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F10)
    assert screen.step is CountStep.LOCATION
    assert "A-01-02-01 done: 7 unit(s) counted; 1 location(s) left" in screen.banner_text()
    scan(qtbot, screen, "A-01-02-01")
    assert "counted already" in screen.banner_text()


def test_the_count_screen_speaks_chinese(qtbot: QtBot, engine: Engine) -> None:
    from ui import i18n

    uow = warehouse(engine)
    made = counts.create_count(uow(), SUP, zone="A")
    screen = screen_for(qtbot, engine)
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: screen.table.horizontalHeaderItem(COL_COUNTED).text() == "已盘数量")
    assert screen.step_label.text() == f"{made.code}（zone A）：请扫描库位"
    scan(qtbot, screen, "A-01-01-01")
    assert "盘点 A-01-01-01" in screen.banner_text()


def test_a_lot_label_scanned_says_which_lot_the_next_units_are(
    qtbot: QtBot, engine: Engine
) -> None:
    uow = warehouse(engine)
    receive(uow, "MUG", 4, lot="M2", location="A-01-02-01")  # two lots of mugs on one shelf
    made = counts.create_count(uow(), SUP, location_range="A-01-02-01..A-01-02-01")
    screen = screen_for(qtbot, engine)
    scan(qtbot, screen, "A-01-02-01")
    scan(qtbot, screen, MUG)
    assert screen.banner.property("kind") == "error"
    assert "MUG has several lots in A-01-02-01 (M1, M2): scan the lot's label" in (
        screen.banner_text()
    )
    scan(qtbot, screen, "M2")
    assert "lot M2" in screen.step_label.text()
    scan(qtbot, screen, "3")
    scan(qtbot, screen, MUG)
    assert lines(screen) == [("MUG", "M2", "3")]
    assert "lot M2" not in screen.step_label.text()  # for one scan only
    assert made.code in screen.step_label.text()
