"""The pick screen driven as a picker's scanner would: codes typed into one field, then Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.bootstrap import app_context
from app.config import Settings
from app.db.models import Barcode, Order, Sku, StockMove, WaveOrder
from app.db.uow import UnitOfWork
from app.services import stock
from app.services.review import review_new_orders
from app.services.users import UserInfo
from app.services.waves import WaveResult, create_wave
from ui.app import build_main_window
from ui.pick_screen import PickScreen, PickStep


def moves(engine: Engine) -> int:
    with UnitOfWork(engine).reading() as s:
        return int(s.scalar(select(func.count()).select_from(StockMove)) or 0)


def item_code(engine: Engine, sku: str) -> str:
    """What the scanner reads off the item: a barcode of the SKU (its code when it has none)."""
    with UnitOfWork(engine).reading() as s:
        code = s.scalar(
            select(Barcode.code).join(Sku, Sku.id == Barcode.sku_id).where(Sku.code == sku)
        )
    return code or sku


def other_sku(engine: Engine, sku: str) -> str:
    with UnitOfWork(engine).reading() as s:
        return str(s.scalar(select(Sku.code).where(Sku.code != sku).order_by(Sku.id)))


def order_statuses(engine: Engine, wave_id: int) -> dict[str, str]:
    with UnitOfWork(engine).reading() as s:
        rows = s.execute(
            select(Order.order_no, Order.status)
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .where(WaveOrder.wave_id == wave_id)
        ).all()
    return {no: status for no, status in rows}


@pytest.fixture
def small_wave(demo_engine: Engine, supervisor_user: UserInfo) -> WaveResult:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    result = create_wave(UnitOfWork(demo_engine), supervisor_user.actor, max_orders=5)
    assert result.code is not None and result.wave_id is not None
    return result


def open_pick_screen(qtbot: QtBot, engine: Engine, user: UserInfo) -> PickScreen:
    window = build_main_window(app_context(engine), user, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "pick"
    screen = window.pick_screen
    assert QApplication.focusWidget() is screen.scan_edit
    return screen


def scan(qtbot: QtBot, screen: PickScreen, code: str) -> None:
    """The scanner: keystrokes, then Enter, into the focused scan field."""
    assert QApplication.focusWidget() is screen.scan_edit
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def gtin_of(engine: Engine, sku: str) -> str | None:
    from app.db.models import Barcode, Sku

    with UnitOfWork(engine).reading() as session:
        return session.scalar(
            select(Barcode.lookup)
            .join(Sku, Sku.id == Barcode.sku_id)
            .where(Sku.code == sku, Barcode.kind == "ean13")
        )


def test_a_whole_wave_is_picked_by_scanning(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, small_wave: WaveResult
) -> None:
    engine = demo_engine
    assert small_wave.wave_id is not None and small_wave.code is not None
    screen = open_pick_screen(qtbot, engine, packer_user)
    assert screen.step is PickStep.WAVE
    assert screen.step_label.text() == "Scan the wave barcode"

    scan(qtbot, screen, small_wave.code)
    assert screen.step is PickStep.LOCATION
    assert set(order_statuses(engine, small_wave.wave_id).values()) == {"picking"}

    shorted = False
    over_quantity_refused = False
    exception_order: str | None = None
    tasks_done = 0
    while screen.step is not PickStep.WAVE:
        task = screen.current_task()
        assert task is not None and task.status == "open"
        assert screen.step is PickStep.LOCATION
        assert screen.step_label.text() == f"Go to {task.location} and scan the location"
        assert screen.location_label.text() == task.location
        before = moves(engine)

        scan(qtbot, screen, "Z-99-99-99")
        assert screen.message.kind == "error"
        assert "wrong location" in screen.message.message().lower()
        assert screen.scan_edit.text() == ""
        assert screen.step is PickStep.LOCATION
        assert moves(engine) == before

        scan(qtbot, screen, task.location.lower())
        assert screen.step is PickStep.ITEM
        assert screen.step_label.text() == "Scan the item"

        if not shorted:
            shorted = True
            qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F8)
            assert screen.short_panel.isVisible()
            qtbot.keyClick(screen.short_panel.note_edit, Qt.Key.Key_Escape)
            assert not screen.short_panel.isVisible()
            assert screen.step is PickStep.ITEM and moves(engine) == before
            qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F8)
            assert screen.short_panel.isVisible()
            screen.short_panel.reason_combo.setCurrentIndex(1)  # Damaged
            qtbot.keyClicks(screen.short_panel.note_edit, "box crushed")
            qtbot.keyClick(screen.short_panel.note_edit, Qt.Key.Key_Return)
            assert not screen.short_panel.isVisible()
            text = screen.message.message()
            assert text.startswith(f"{task.qty} missing;")
            if "sent to exception" in text:
                exception_order = task.order_no
                assert f"order {task.order_no} sent to exception: no stock left" in text
            else:
                assert "new task at" in text
            assert "The lot is set aside until spot count SC" in text
            assert moves(engine) == before  # no correction by the picker: the count's approval
            assert QApplication.focusWidget() is screen.scan_edit
            continue

        scan(qtbot, screen, other_sku(engine, task.sku))
        assert screen.message.kind == "error"
        assert "wrong item" in screen.message.message().lower()
        assert screen.step is PickStep.ITEM
        assert moves(engine) == before

        scan(qtbot, screen, "4006381333931")  # a valid EAN-13 that no SKU has
        assert screen.message.kind == "error"
        assert "unknown barcode 4006381333931" in screen.message.message().lower()
        gtin = gtin_of(engine, task.sku)
        assert gtin is not None, "every demo SKU has an EAN-13"
        if gtin:  # a GS1 code carrying another lot (10) is refused
            scan(qtbot, screen, f"(01){gtin}(10)X{task.lot}")
            assert screen.message.kind == "error"
            assert (
                f"wrong lot: you scanned lot x{task.lot.lower()}"
                in screen.message.message().lower()
            )
        assert screen.step is PickStep.ITEM
        assert moves(engine) == before

        code = item_code(engine, task.sku)
        scan(qtbot, screen, code)
        assert moves(engine) == before + 1
        if task.qty > 1:
            assert screen.step is PickStep.QUANTITY
            remaining = task.qty - 1
            scan(qtbot, screen, str(remaining + 1))
            assert screen.message.kind == "error"
            assert "over quantity" in screen.message.message().lower()
            assert moves(engine) == before + 1
            over_quantity_refused = True
            scan(qtbot, screen, str(remaining))
            assert moves(engine) == before + 2
        tasks_done += 1

    assert shorted and tasks_done > 0
    assert over_quantity_refused  # the demo wave has a task of more than one unit
    assert screen.message.kind == "ok"
    assert f"Wave {small_wave.code} is done" in screen.message.message()
    assert screen.step_label.text() == "Scan the wave barcode"
    assert screen.current_task() is None

    statuses = order_statuses(engine, small_wave.wave_id)
    expected = {
        no: ("exception" if no == exception_order else "picked") for no in small_wave.orders
    }
    assert statuses == expected
    assert stock.verify_ledger(UnitOfWork(engine)) == []

    # the done wave scanned again: refused in words, nothing recorded
    before = moves(engine)
    scan(qtbot, screen, small_wave.code)
    assert screen.message.kind == "error"
    assert "already picked" in screen.message.message().lower()
    assert moves(engine) == before


def test_unknown_wave_and_short_without_a_task_are_refused(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo
) -> None:
    screen = open_pick_screen(qtbot, demo_engine, packer_user)
    screen.submit_scan("W999999")
    assert screen.message.kind == "error"
    assert "no wave w999999" in screen.message.message().lower()
    assert screen.step is PickStep.WAVE
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F8)
    assert not screen.short_panel.isVisible()
    assert screen.message.kind == "error"


def test_bulk_quantity_and_repeated_item_scans(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, small_wave: WaveResult
) -> None:
    assert small_wave.code is not None
    screen = open_pick_screen(qtbot, demo_engine, packer_user)
    screen.submit_scan(small_wave.code)
    view = screen.current_wave()
    assert view is not None
    big = next(t for t in view.tasks if t.qty > 1)
    # walk to the task of more than one unit by picking the ones before it
    while (task := screen.current_task()) is not None and task.id != big.id:
        screen.submit_scan(task.location)
        screen.submit_scan(item_code(demo_engine, task.sku))
        if task.qty > 1:
            screen.submit_scan(str(task.qty - 1))
    screen.submit_scan(big.location)
    screen.submit_scan(item_code(demo_engine, big.sku))
    assert screen.step is PickStep.QUANTITY
    assert screen.qty_label.text() == f"Picked 1 of {big.qty}"
    screen.submit_scan(big.sku)  # one more unit by scanning the item again
    now = screen.current_task()
    if big.qty > 2:
        assert now is not None and now.picked_qty == 2
    else:
        assert now is None or now.id != big.id
    assert screen.message.kind == "ok"


def test_the_pick_screen_speaks_chinese(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo
) -> None:
    from ui import i18n

    screen = PickScreen(app_context(demo_engine), packer_user)
    qtbot.addWidget(screen)
    screen.show()
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: screen.step_label.text() == "请扫描波次条码")
    assert screen.short_panel.reason_combo.itemText(0) == "库位为空"
