"""The station's sync in the desktop app: the status bar says online or offline and what waits,
the Sync screen lists the events the central database refused (a supervisor resolves them by
keys, a packer is told who can) and the stations; rounds run off the GUI thread, one at a
time, and stop cleanly.  The station is a real one, made from the central PostgreSQL database
(PACKDESK_TEST_PG_URL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select, text

from app.bootstrap import app_context
from app.config import Settings
from app.context import SyncAccess
from app.db.engine import sqlite_url_for
from app.db.migrate import open_database
from app.db.models import Order, PickTask
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.messages import cancellation as cm
from app.messages import sync as sm
from app.services import cancellation, picking
from app.services.cancellation import Verb
from app.services.users import UserInfo, add_user
from app.services.waves import create_wave
from app.sync import station
from app.sync.central import StationRow
from app.sync.station import CentralUnreachable, Rejection, SyncResult, SyncStatus
from tests.factories import add_order, add_sku, receive
from ui import i18n
from ui.app import build_main_window
from ui.main_window import SCREENS, SYNC_KEY, MainWindow
from ui.sync_runner import SyncReport, SyncRunner
from ui.sync_screen import (
    COL_CONTACT,
    COL_REASON,
    COL_STATION,
    COL_TIME,
    COL_USER,
    COL_WAITING,
    COL_WHAT,
    RejectionsModel,
    StationsModel,
    local_time,
)

ADMIN = Actor("Admin", Role.ADMIN)
CUP, MUG = "6901234567892", "4006381333931"
WAIT = 20_000
#: Only the first round and the rounds a test asks for: nothing runs on a clock here.
QUIET = Settings(sync_interval_s=3600)
OFFLINE_URL = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"


# --- the models, without widgets ----------------------------------------------------------------


def test_the_rejections_model_says_when_who_what_and_why() -> None:
    at = dt.datetime(2026, 11, 21, 7, 6, 44)
    model = RejectionsModel()
    model.set_rows(
        [
            Rejection("e1", 3, "pick.confirmed", cm.PICK_CANCELLED(order="T1"), "Li Lei", at),
            Rejection("e2", 9, "waybill.bound", sm.UNKNOWN_USER(user="ghost"), "ghost", at),
            Rejection("e3", 12, "stock.counted", sm.UNKNOWN_KIND(kind="stock.counted"), "x", at),
        ]
    )
    assert model.rowCount() == 3 and model.columnCount() == 4

    def cell(row: int, column: int) -> str:
        return str(model.data(model.index(row, column)))

    assert cell(0, COL_TIME) == local_time(at).strftime("%Y-%m-%d %H:%M:%S")
    assert (cell(0, COL_USER), cell(0, COL_WHAT)) == ("Li Lei", "pick")
    assert cell(0, COL_REASON) == (
        "cancelled: order T1 was cancelled — don't pick it; go to the next task"
    )
    assert cell(1, COL_WHAT) == "waybill bound"
    assert cell(2, COL_WHAT) == "stock.counted"  # a kind this Packdesk has no word for yet
    assert model.headerData(COL_REASON, Qt.Orientation.Horizontal) == "Why it was rejected"

    i18n.install_translator("zh_CN")
    model.retranslate()
    assert cell(0, COL_WHAT) == "拣货"
    assert cell(1, COL_WHAT) == "绑定运单号"
    assert "订单 T1 已取消" in cell(0, COL_REASON), cell(0, COL_REASON)


def test_the_stations_model_marks_this_station_and_one_never_seen() -> None:
    seen = dt.datetime(2026, 11, 21, 7, 0, 0)
    model = StationsModel("PACK-A")
    model.set_rows(
        [
            StationRow("PACK-A", seen, seen, 1234, 0),
            StationRow("PACK-B", seen, None, 0, 12),
        ]
    )
    assert model.data(model.index(0, COL_STATION)) == "PACK-A (this station)"
    assert model.data(model.index(0, COL_CONTACT)) == local_time(seen).strftime("%Y-%m-%d %H:%M:%S")
    assert model.data(model.index(1, COL_CONTACT)) == "never"
    assert model.data(model.index(1, COL_WAITING)) == "12"


# --- a real station -----------------------------------------------------------------------------


@dataclasses.dataclass
class Floor:
    central: Engine
    here: Engine
    supervisor: UserInfo
    packer: UserInfo


@pytest.fixture
def floor(pg_engine: Engine, pg_url: str, tmp_path: Path) -> Iterator[Floor]:
    """A central warehouse (three reviewed orders in one wave) and station ST-A made from it."""
    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(pg_engine)  # noqa: E731
    sup = add_user(uow(), ADMIN, "Wang Fang", Role.SUPERVISOR, "2222", "U-SUP01")
    packer = add_user(uow(), ADMIN, "Li Lei", Role.PACKER, "1111", "U-PACK01")
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], weight_g=250)
    receive(uow, "CUP", 20, lot="C1", location="A-01-01-01")
    receive(uow, "MUG", 10, lot="M1", location="A-01-02-01")
    for no in ("T1", "T2", "T3"):
        add_order(uow, no, [("CUP", 2), ("MUG", 1)], status="reviewed", carrier="SF")
    assert create_wave(uow(), sup.actor).code == "W000001"
    here = open_database(sqlite_url_for(tmp_path / "ST-A.sqlite"))
    station.init(here, "ST-A", pg_url, ADMIN)
    yield Floor(pg_engine, here, sup, packer)
    here.dispose()


def pick_for_a_cancelled_order(f: Floor) -> None:
    """The supervisor cancels T1 centrally while the station, offline, picks for it: the pick
    is rejected when it reaches the central database."""
    local: Callable[[], UnitOfWork] = lambda: UnitOfWork(f.here)  # noqa: E731
    picking.start_picking(local(), f.packer.actor, "W000001")
    station.sync_once(f.here)
    with f.central.connect() as conn:
        t1 = conn.scalar(select(Order.id).where(Order.order_no == "T1"))
        task = conn.scalar(select(func.min(PickTask.id)).where(PickTask.order_id == t1))
    assert t1 is not None and task is not None
    cancellation.apply(UnitOfWork(f.central), f.supervisor.actor, [t1], Verb.CANCEL)
    picking.confirm_pick(local(), f.packer.actor, task, 1)


def set_central(engine: Engine, url: str) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.execute(text("UPDATE sync_station SET central_url = :u"), {"u": url})
        uow.commit()


def open_station(qtbot: QtBot, engine: Engine, user: UserInfo) -> MainWindow:
    window = build_main_window(app_context(engine), user, QUIET)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    runner = window.sync_runner
    assert runner is not None
    qtbot.waitUntil(lambda: runner.rounds >= 1, timeout=WAIT)  # the round at the start
    return window


def go_to_sync(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+S, as a person would; the screen reads its lists."""
    screen = window.sync_screen
    assert screen is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(screen.loaded, timeout=WAIT):
        qtbot.keyClick(
            window,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert window.current_screen() == "sync"


def no_thread_running(window: QWidget) -> bool:
    return all(not t.isRunning() for t in window.findChildren(QThread))


def test_a_rejected_pick_shows_with_its_reason_and_a_supervisor_resolves_it_by_keys(
    qtbot: QtBot, floor: Floor
) -> None:
    pick_for_a_cancelled_order(floor)
    window = open_station(qtbot, floor.here, floor.supervisor)
    # The round at the start pushed the pick; the central database refused it.
    assert window.sync_text() == "● Online · 0 waiting · 1 rejected"
    assert window.sync_label is not None
    assert "Station ST-A" in window.sync_label.toolTip()
    assert "Last synced " in window.sync_label.toolTip()
    row = SCREENS.index("sync")
    assert not window.nav.item(row).isHidden() and window.nav_labels()[row] == "Sync (1)"
    assert window.nav.item(row).toolTip() == SYNC_KEY
    assert f"{SYNC_KEY} sync" in window.keys_label.toolTip()
    # A packing station's monitor is 1366 pixels wide: the status bar with the sync fits.
    assert window.minimumSizeHint().width() <= 1366

    go_to_sync(qtbot, window)
    screen = window.sync_screen
    assert screen is not None
    model = screen.rejections_model
    assert model.rowCount() == 1
    assert (model.data(model.index(0, COL_USER)), model.data(model.index(0, COL_WHAT))) == (
        "Li Lei",
        "pick",
    )
    assert "order T1 was cancelled" in model.data(model.index(0, COL_REASON))
    assert "pick by Li Lei: cancelled: order T1 was cancelled" in screen.reason_label.text()
    stations = screen.stations_model
    assert [stations.data(stations.index(r, COL_STATION)) for r in range(stations.rowCount())] == [
        "ST-A (this station)"
    ]
    assert not screen.stations_problem.isVisible()

    # The one row is chosen (the list has the keyboard), F9 resolves it.
    assert screen.rejections_view.hasFocus()
    with qtbot.waitSignal(screen.loaded, timeout=WAIT):
        qtbot.keyClick(screen.rejections_view, Qt.Key.Key_F9)
    assert model.rowCount() == 0
    assert "Resolved" in screen.message.message()
    assert station.status(floor.here).rejected_open == 0
    # The status bar follows (the resolve wakes a round).
    qtbot.waitUntil(lambda: "rejected" not in window.sync_text(), timeout=WAIT)
    assert window.sync_text().startswith("● Online · 0 waiting · synced ")
    assert window.nav_labels()[row] == "Sync"

    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: window.sync_text().startswith("● 在线 · 0 条待同步 · "))
    assert window.nav_labels()[row] == "同步"
    assert screen._title.text() == "同步 — 工作站 ST-A"


def test_a_packer_is_refused_in_words_and_the_event_stays(qtbot: QtBot, floor: Floor) -> None:
    pick_for_a_cancelled_order(floor)
    window = open_station(qtbot, floor.here, floor.packer)
    go_to_sync(qtbot, window)
    screen = window.sync_screen
    assert screen is not None and screen.rejections_model.rowCount() == 1
    qtbot.keyClick(screen.rejections_view, Qt.Key.Key_Return)
    assert screen.message.kind == "error"
    assert screen.message.message() == (
        "Only a supervisor can resolve a rejected event — Li Lei is logged in as Packer. "
        "Ask a supervisor."
    )
    # Nothing was resolved (a reload the central database's notification asked for may run).
    qtbot.waitUntil(lambda: screen.worker is None, timeout=WAIT)
    assert screen.rejections_model.rowCount() == 1
    assert station.status(floor.here).rejected_open == 1


def test_offline_the_station_says_so_in_red_and_comes_back_online(
    qtbot: QtBot, floor: Floor, pg_url: str
) -> None:
    set_central(floor.here, OFFLINE_URL)
    picking.start_picking(UnitOfWork(floor.here), floor.packer.actor, "W000001")
    window = open_station(qtbot, floor.here, floor.packer)
    assert window.sync_text() == "○ Offline · 1 waiting"
    label = window.sync_label
    assert label is not None and label.kind == "offline"
    assert "color:#b00020" in label.text().replace(" ", "")  # red, and in words
    assert "Central database unreachable (" in label.toolTip()
    assert "1 event(s) waiting" in label.toolTip()

    go_to_sync(qtbot, window)
    screen = window.sync_screen
    assert screen is not None
    assert screen.status_detail.text().startswith("Last synced ")  # when the station was made
    assert "Central database unreachable (" in screen.status_detail.text()
    assert screen.stations_problem.isVisible()
    assert screen.stations_problem.text().startswith("✖ Central database unreachable")
    assert screen.stations_model.rowCount() == 0

    # F5 asks for a round now; still offline, the screen says it in words.
    runner = window.sync_runner
    assert runner is not None
    before = runner.rounds
    qtbot.keyClick(screen.rejections_view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: runner.rounds > before, timeout=WAIT)
    assert screen.message.kind == "error"
    assert screen.message.message().startswith("Central database unreachable (")

    # The network is back: the next round sends the event and says online.
    set_central(floor.here, station.password_free(pg_url))
    before = runner.rounds
    qtbot.keyClick(screen.rejections_view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: runner.rounds > before, timeout=WAIT)
    assert window.sync_text().startswith("● Online · 0 waiting · synced ")
    assert screen.message.message().startswith("Synced: 1 event(s) sent")
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT)
    assert not screen.stations_problem.isVisible() and screen.stations_model.rowCount() == 1


def test_a_database_that_is_not_a_stations_shows_no_sync(
    qtbot: QtBot, engine: Engine, supervisor: Actor
) -> None:
    user = add_user(UnitOfWork(engine), ADMIN, supervisor.name, Role.SUPERVISOR, "2222")
    window = build_main_window(app_context(engine), user, Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.sync_runner is None and window.sync_label is None
    assert window.sync_text() == ""
    row = SCREENS.index("sync")
    assert window.nav.item(row).isHidden() and not window.screen_actions[row].isEnabled()
    assert "sync" not in window.keys_label.text()


# --- the runner: one round at a time, stopped cleanly -------------------------------------------


class GatedSync:
    """A station's sync whose rounds wait at a gate the test opens (and count how many run at
    once): the only way to hold a round open without a clock."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.calls = 0

    def run_once(self) -> SyncResult:
        with self.lock:
            self.calls += 1
            self.running += 1
            self.most = max(self.most, self.running)
        self.entered.set()
        try:
            self.gate.wait()
        finally:
            with self.lock:
                self.running -= 1
        return SyncResult(pushed=1)

    def status(self) -> SyncStatus:
        return SyncStatus("ST-G", "postgresql://central/db", True, 0, None, 0)

    def access(self) -> SyncAccess:
        def unreachable() -> list[StationRow]:
            raise CentralUnreachable(sm.UNREACHABLE(detail="gated", pending=0))

        return SyncAccess(
            station="ST-G",
            run_once=self.run_once,
            status=self.status,
            rejections=lambda: [],
            resolve=lambda _actor, _ids: 0,
            stations=unreachable,
        )


def test_the_runner_never_runs_two_rounds_at_once_and_stops_cleanly(
    qtbot: QtBot,
) -> None:
    sync = GatedSync()
    owner = QWidget()
    qtbot.addWidget(owner, before_close_func=lambda _w: sync.gate.set())  # a failed test too
    runner = SyncRunner(sync.access(), 3600, owner)
    reports: list[SyncReport] = []
    runner.reported.connect(reports.append)
    runner.start()
    assert sync.entered.wait(WAIT / 1000)
    for _ in range(5):  # change notifications while the round runs: one more round, later
        runner.wake()
    assert runner.is_busy() and sync.calls == 1
    sync.gate.set()
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=WAIT)
    assert (sync.calls, sync.most) == (2, 1)
    assert all(r.online and r.result is not None and r.result.pushed == 1 for r in reports)
    assert not runner.is_busy()

    # Stopping while a round runs waits for it; nothing runs or reports afterwards.
    sync.gate.clear()
    sync.entered.clear()
    runner.wake()
    assert sync.entered.wait(WAIT / 1000)
    worker = runner.worker
    assert worker is not None and worker.isRunning()
    opener = threading.Thread(target=sync.gate.set)  # the network answers while we wait
    opener.start()
    runner.stop()
    opener.join()
    assert worker.isFinished() and no_thread_running(owner)
    runner.wake()  # stopped: ignored
    qtbot.wait(50)  # let the ended round's queued signals arrive (nothing must come of them)
    assert len(reports) == 2 and sync.calls == 3 and not runner.is_busy()


def test_logging_out_during_a_round_waits_for_it_without_blocking_the_screen(
    qtbot: QtBot, engine: Engine, supervisor: Actor
) -> None:
    sync = GatedSync()
    user = add_user(UnitOfWork(engine), ADMIN, supervisor.name, Role.SUPERVISOR, "2222")
    ctx = dataclasses.replace(app_context(engine), sync=sync.access())
    window = build_main_window(ctx, user, QUIET)
    qtbot.addWidget(window, before_close_func=lambda _w: sync.gate.set())
    window.show()
    qtbot.waitExposed(window)
    assert sync.entered.wait(WAIT / 1000)  # the round at the start, held open
    assert window.sync_text() == "◌ Connecting to the central database…"
    out: list[bool] = []
    window.logged_out.connect(lambda: out.append(True))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert out == [] and "Logging out when the sync round has ended" in window.scan_message()
    sync.gate.set()
    qtbot.waitUntil(lambda: out == [True], timeout=WAIT)
    assert no_thread_running(window) and sync.calls == 1


def test_a_cancellation_made_centrally_turns_the_stations_pack_screen_red_by_itself(
    qtbot: QtBot, floor: Floor
) -> None:
    """The station syncs only every hour here (QUIET): it is the central database's
    notification that wakes it, pulls the cancellation, and the pack screen's watch blocks the
    order the packer has open — no scan, no key."""
    picking.confirm_wave(UnitOfWork(floor.central), floor.supervisor.actor, "W000001")
    station.sync_once(floor.here)  # the picked orders are on the station
    window = open_station(qtbot, floor.here, floor.packer)
    window.show_screen("pack")
    pack = window.pack_screen
    assert pack.pack.station == "ST-A"  # its claims carry the station's own name
    pack.submit_scan("T1")
    assert pack.view is not None and pack.view.order_no == "T1", pack.banner_text()
    runner = window.sync_runner
    assert runner is not None
    rounds = runner.rounds
    with floor.central.connect() as conn:
        t1 = conn.scalar(select(Order.id).where(Order.order_no == "T1"))
    assert t1 is not None
    cancellation.apply(UnitOfWork(floor.central), floor.supervisor.actor, [t1], Verb.CANCEL)
    qtbot.waitUntil(lambda: pack.banner_kind == "blocked", timeout=WAIT)
    assert "Order T1 was cancelled" in pack.banner_text()
    assert runner.rounds > rounds  # woken by the notification, not the hourly round


def test_an_administrator_makes_the_database_a_station_from_settings_with_a_progress_bar(
    qtbot: QtBot, pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    from app.db.uow import station_of
    from ui.settings_screen import SettingsScreen

    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(pg_engine)  # noqa: E731
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    here = open_database(sqlite_url_for(tmp_path / "new.sqlite"))
    ctx = app_context(here)
    assert ctx.init_station is not None and ctx.sync is None
    admin = UserInfo(1, "Admin", Role.ADMIN, "U-ADM01")
    screen = SettingsScreen(ctx, QUIET, admin)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.make_station_button.isVisible()
    screen.station_name_edit.setText("PACK-09")
    screen.central_url_edit.setText(pg_url)
    assert screen.init_worker is None
    qtbot.keyClick(screen.central_url_edit, Qt.Key.Key_Return)
    worker = screen.init_worker
    assert worker is not None and screen.init_progress.isVisible()
    qtbot.waitUntil(lambda: screen.init_worker is None, timeout=WAIT)
    assert screen.message.kind == "ok", screen.message.text()
    assert "This database is station PACK-09 now" in screen.message.text()
    assert not screen.init_progress.isVisible() and not screen.make_station_button.isEnabled()
    assert station_of(here) == "PACK-09"
    here.dispose()


def test_a_packer_cannot_make_the_database_a_station(
    qtbot: QtBot, pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    from ui.settings_screen import SettingsScreen

    here = open_database(sqlite_url_for(tmp_path / "new.sqlite"))
    screen = SettingsScreen(app_context(here), QUIET, UserInfo(2, "Li Lei", Role.PACKER, "U-P"))
    qtbot.addWidget(screen)
    screen.station_name_edit.setText("PACK-09")
    screen.central_url_edit.setText(pg_url)
    screen.make_station_button.click()
    qtbot.waitUntil(lambda: screen.init_worker is None, timeout=WAIT)
    assert screen.message.kind == "error"
    assert "not allowed to set up stations" in screen.message.text()
    here.dispose()
