"""The waves screen: its models without widgets, then creating, printing and confirming."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import app_context
from app.db.uow import UnitOfWork
from app.services import stock
from app.services.review import review_new_orders
from app.services.users import UserInfo
from app.services.waves import create_wave
from ui.waves_model import (
    COL_CODE,
    COL_KIND,
    COL_OPEN_TASKS,
    COL_ORDERS,
    COL_STATUS,
    COL_TASKS,
    TCOL_LOCATION,
    TCOL_SKU,
    WavesTableModel,
    WaveTasksModel,
)
from ui.waves_screen import WavesScreen


def test_models_list_the_wave_and_its_tasks(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    model = WavesTableModel(app_context(demo_engine))
    assert model.rowCount() == 0
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    result = create_wave(UnitOfWork(demo_engine), supervisor_user.actor, max_orders=5)
    model.refresh()
    assert model.rowCount() == 1
    cell = lambda column: model.data(model.index(0, column))  # noqa: E731
    assert cell(COL_CODE) == result.code
    assert cell(COL_STATUS) == "open"
    assert cell(COL_KIND) == "mixed"
    assert cell(COL_ORDERS) == len(result.orders) == 5
    assert cell(COL_TASKS) == len(result.tasks)
    assert cell(COL_OPEN_TASKS) == len(result.tasks)

    tasks = WaveTasksModel(app_context(demo_engine))
    tasks.load(result.wave_id)
    assert tasks.rowCount() == len(result.tasks)
    first = result.tasks[0]
    assert tasks.data(tasks.index(0, TCOL_LOCATION)) == first.location
    assert tasks.data(tasks.index(0, TCOL_SKU)) == first.sku


def test_create_print_and_confirm_through_the_screen(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, tmp_path: Path
) -> None:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    screen = WavesScreen(app_context(demo_engine), supervisor_user)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.rowCount() == 0

    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.create_panel.isVisible()
    screen.create_panel.max_orders_spin.setValue(3)
    with qtbot.waitSignal(screen.wave_created, timeout=20_000):
        qtbot.mouseClick(screen.create_panel.create_button, Qt.MouseButton.LeftButton)
        assert not screen.create_panel.isVisible()
        assert screen.is_busy()  # allocation runs off the GUI thread
    assert screen.model.rowCount() == 1
    assert screen.message.kind == "ok"
    wave = screen.selected_wave()
    assert wave is not None and wave.orders == 3
    assert screen.message.message().startswith(f"Wave {wave.code} created: 3 orders")
    assert screen.tasks_model.rowCount() == wave.tasks

    pdf = tmp_path / "pick.pdf"
    assert screen.save_pick_list(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    assert screen.confirm_selected()
    assert screen.model.wave_at(0).status == "done"
    assert screen.model.wave_at(0).open_tasks == 0
    assert stock.verify_ledger(UnitOfWork(demo_engine)) == []

    assert not screen.confirm_selected()  # already done: refused in words
    assert screen.message.kind == "error"
    assert "already done" in screen.message.message().lower()


def test_a_packer_may_not_create_waves(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo
) -> None:
    screen = WavesScreen(app_context(demo_engine), packer_user)
    qtbot.addWidget(screen)
    assert not screen.create_button.isVisibleTo(screen)
    with qtbot.waitSignal(screen.wave_failed, timeout=20_000):
        assert screen.create_wave(max_orders=5)
    assert screen.message.kind == "error"
    assert "not allowed to create pick waves" in screen.message.message().lower()
    assert screen.model.rowCount() == 0


def test_a_wave_is_created_with_the_keyboard_alone(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    screen = WavesScreen(app_context(demo_engine), supervisor_user)
    qtbot.addWidget(screen)
    screen.show()
    screen.create_button.click()
    spin = screen.create_panel.max_orders_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "2")
    with qtbot.waitSignal(screen.wave_created, timeout=20_000):
        qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter in the field creates the wave
    wave = screen.selected_wave()
    assert wave is not None and wave.orders == 2
    screen.create_button.click()
    qtbot.keyClick(screen.create_panel.zone_edit, Qt.Key.Key_Escape)  # Esc cancels
    assert not screen.create_panel.isVisible()
