"""The station's devices in the app, against the simulators, as a person would meet them:
print a test label and see it arrive, break the printer and fix it, weigh, unplug the scanner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.bootstrap import app_context, build_station_devices
from app.config import DeviceSettings, Settings
from app.db.models import PrintJob
from app.db.uow import UnitOfWork
from app.services.users import UserInfo
from devices.scales import Reading
from ui.app import AppController, build_main_window
from ui.devices import PRINTER, SCALE, SCANNER, DeviceHub
from ui.main_window import MainWindow
from ui.scan_router import ScanRouter

WAIT = 8_000


def jobs(engine: Engine) -> list[tuple[int, str, str | None]]:
    with UnitOfWork(engine).reading() as s:
        rows = s.execute(select(PrintJob.id, PrintJob.status, PrintJob.last_error)).all()
    return [(r[0], r[1], r[2]) for r in rows]


def wait_level(qtbot: QtBot, hub: DeviceHub, kind: str, level: str, words: str = "") -> None:
    def reached() -> None:
        state = hub.state(kind)
        assert state.level == level, state
        assert words in state.text + " " + state.detail, state

    qtbot.waitUntil(reached, timeout=WAIT)


def test_demo_devices_are_simulated_and_ready(qtbot: QtBot, hub: DeviceHub) -> None:
    assert set(hub.simulators) == {"printer", "scale", "scanner"}
    wait_level(qtbot, hub, PRINTER, "ok", "ready")
    wait_level(qtbot, hub, SCALE, "ok", "0 g")
    wait_level(qtbot, hub, SCANNER, "ok", "connected")


def test_a_station_without_devices_says_so_and_prints_nothing(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    hub = DeviceHub(app_context(demo_engine), build_station_devices(DeviceSettings(), demo=False))
    hub.start()
    try:
        assert [s.level for s in hub.states()] == ["ok", "off", "off"]  # keyboard scanner only
        with qtbot.waitSignal(hub.print_message) as said:
            assert hub.print_test_label(supervisor_user.actor) is None
        assert said.args[0] == "error" and "No label printer is set up" in said.args[1]
        assert jobs(demo_engine) == []
    finally:
        hub.close()


def test_test_label_reaches_the_simulated_printer_and_reads(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    sim = hub.simulators["printer"]
    job_id = hub.print_test_label(supervisor_user.actor)
    assert job_id is not None
    qtbot.waitUntil(lambda: len(sim.jobs) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: jobs(demo_engine) == [(job_id, "sent", None)], timeout=WAIT)
    # What the printer got is a real label: its barcode reads from the printed dots.
    import zxingcpp

    from printing.raster import rasterize

    image = rasterize(sim.jobs[0])
    codes = [r.text for r in zxingcpp.read_barcodes(image)]
    assert len(codes) == 1 and codes[0].startswith("TEST-")


def test_paper_out_keeps_the_job_and_prints_it_once_paper_is_loaded(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    sim = hub.simulators["printer"]
    wait_level(qtbot, hub, PRINTER, "ok", "ready")
    sim.set_fault("paper_out")
    with qtbot.waitSignal(hub.print_message, check_params_cb=lambda k, _t: k == "error"):
        job_id = hub.print_test_label(supervisor_user.actor)
    wait_level(qtbot, hub, PRINTER, "error", "paper out")
    assert "Load a new roll of labels" in hub.state(PRINTER).detail
    assert jobs(demo_engine)[0][:2] == (job_id, "failed")
    assert sim.jobs == []
    sim.set_fault()  # paper loaded
    hub.check_printer()
    qtbot.waitUntil(lambda: jobs(demo_engine)[0][1] == "sent", timeout=WAIT)
    wait_level(qtbot, hub, PRINTER, "ok", "ready")
    qtbot.wait(300)
    assert len(sim.jobs) == 1  # printed once, never twice


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("head_open", "head open"),
        ("paused", "paused"),
        ("ribbon_out", "ribbon out"),
        ("no_answer", "no answer"),
        ("drop_connection", ""),
    ],
)
def test_every_printer_fault_is_a_state_with_words_never_a_crash(
    qtbot: QtBot, hub: DeviceHub, supervisor_user: UserInfo, fault: str, words: str
) -> None:
    sim = hub.simulators["printer"]
    wait_level(qtbot, hub, PRINTER, "ok", "ready")
    sim.set_fault(fault)
    hub.print_test_label(supervisor_user.actor)
    wait_level(qtbot, hub, PRINTER, "error", words)
    assert hub.state(PRINTER).detail  # a sentence to act on
    sim.set_fault()
    hub.check_printer()
    wait_level(qtbot, hub, PRINTER, "ok", "ready")


def test_the_scale_reads_weights_overload_and_silence(qtbot: QtBot, hub: DeviceHub) -> None:
    scale = hub.simulators["scale"]
    scale.put(1234.0)
    with qtbot.waitSignal(
        hub.weight_read,
        timeout=WAIT,
        check_params_cb=lambda r: isinstance(r, Reading) and round(r.grams) == 1234,
    ):
        hub.read_weight()
    wait_level(qtbot, hub, SCALE, "ok", "1,234 g")
    scale.set_unstable(True)
    wait_level(qtbot, hub, SCALE, "warn", "settling")
    scale.set_unstable(False)
    scale.set_overload(True)
    wait_level(qtbot, hub, SCALE, "error", "overload")
    scale.set_overload(False)
    scale.set_silent(True)  # switched off at the end of its cable
    wait_level(qtbot, hub, SCALE, "error", "did not answer")
    scale.set_silent(False)
    wait_level(qtbot, hub, SCALE, "ok", "1,234 g")


def test_serial_scanner_scans_and_survives_unplugging(qtbot: QtBot, hub: DeviceHub) -> None:
    scanner = hub.simulators["scanner"]
    wait_level(qtbot, hub, SCANNER, "ok", "connected")
    with qtbot.waitSignal(hub.scanned, timeout=WAIT) as got:
        scanner.scan("W000001")
    assert got.args == ["W000001", "serial"]
    scanner.unplug()
    wait_level(qtbot, hub, SCANNER, "error", "unplugged")
    assert "reconnects by itself" in hub.state(SCANNER).detail
    scanner.replug()
    wait_level(qtbot, hub, SCANNER, "ok", "connected")
    with qtbot.waitSignal(hub.scanned, timeout=WAIT) as got:
        scanner.scan("A-01-02-03")
    assert got.args == ["A-01-02-03", "serial"]
    with qtbot.waitSignal(hub.scan_refused, timeout=WAIT) as refused:
        scanner.scan(b"\xff\xfe\x00garbage")
    assert "not text" in refused.args[0]


def test_a_bad_or_unreachable_printer_setting_is_said_and_the_app_runs(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    settings = DeviceSettings()
    settings.label_printer.kind = "tcp"
    settings.label_printer.address = "127.0.0.1:notaport"
    devices = build_station_devices(settings, demo=False)
    assert devices.label_printer is None
    problem = devices.label_printer_slot.problem
    assert problem is not None and problem.name == "device.printer_setting"
    assert "host:port" in str(problem)
    hub = DeviceHub(app_context(demo_engine), devices)
    hub.start()
    assert hub.state(PRINTER).level == "error"
    hub.close()
    # A printer that is not there: "not found", with the address, and no crash.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings.label_printer.address = f"127.0.0.1:{free_port}"
    hub = DeviceHub(app_context(demo_engine), build_station_devices(settings, demo=False))
    hub.start()
    try:
        wait_level(qtbot, hub, PRINTER, "error", "not found")
        assert f"127.0.0.1:{free_port}" in hub.state(PRINTER).detail
    finally:
        hub.close()


def open_window(
    qtbot: QtBot, engine: Engine, user: UserInfo, hub: DeviceHub, router: ScanRouter
) -> MainWindow:
    window = build_main_window(app_context(engine), user, Settings(), hub=hub, router=router)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_status_bar_shows_every_device_and_follows_faults(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    router = ScanRouter(lambda: None)
    window = open_window(qtbot, demo_engine, supervisor_user, hub, router)
    bar = window.device_bar

    def all_shown() -> None:
        for words in ("✔ Scanner: connected", "✔ Printer: ready", "✔ Scale: 0 g"):
            assert words in bar.text()

    qtbot.waitUntil(all_shown, timeout=WAIT)
    hub.simulators["printer"].set_fault("head_open")
    hub.check_printer()
    qtbot.waitUntil(lambda: "✖ Printer: head open" in bar.text(), timeout=WAIT)
    window.set_hub(None)


def test_simulated_panel_scan_reaches_the_screen_through_the_serial_port(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    window: MainWindow | None = None
    router = ScanRouter(lambda: window)
    hub.scanned.connect(router.route)
    window = open_window(qtbot, demo_engine, supervisor_user, hub, router)
    wait_level(qtbot, hub, SCANNER, "ok", "connected")
    panel = window.sim_panel
    assert panel is not None
    order_no = window.orders_screen.model.order_at(0).order_no  # an order on the first page
    window.show_sim_panel()
    panel.scan_edit.setFocus()
    qtbot.keyClicks(panel.scan_edit, order_no)
    with qtbot.waitSignal(router.routed, timeout=WAIT) as routed:
        qtbot.keyClick(panel.scan_edit, Qt.Key.Key_Return)
    assert routed.args[0].source == "serial"
    assert window.orders_screen.search_edit.text() == order_no
    assert window.orders_screen.model.rowCount() == 1
    assert panel.scan_edit.text() == ""  # the panel's own field never gets the scan back
    window.set_hub(None)


def test_settings_apply_reconnects_the_devices(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    settings = Settings()
    controller = AppController(
        app_context(demo_engine, demo=True),
        settings,
        True,
        devices=build_station_devices(settings.devices, demo=True),
    )
    try:
        controller._on_logged_in(supervisor_user)
        window = controller.main_window
        assert window is not None
        qtbot.addWidget(window)
        first = controller.hub
        panel = window.settings_screen.devices_panel
        panel.printer_kind.setCurrentIndex(panel.printer_kind.findData("tcp"))
        panel.apply_button.click()
        assert panel.message.kind == "error" and "needs an address" in panel.message.message()
        assert controller.hub is first  # nothing applied
        panel.printer_kind.setCurrentIndex(panel.printer_kind.findData("none"))
        panel.apply_button.click()
        assert controller.hub is not first and controller.hub is not None
        assert controller.hub.state(PRINTER).level == "off"
        assert Settings.load().devices.label_printer.kind == "none"
        assert window.hub is controller.hub
    finally:
        controller.shutdown()


def test_wedge_scans_are_routed_and_never_typed_into_the_field(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    """The app-wide keyboard-wedge filter: a badge burst logs in even from the PIN field, and
    none of its keys lands in a field; a person typing slowly still types."""
    controller = AppController(app_context(demo_engine, demo=True), Settings(), True, wedge=True)
    try:
        controller.start()
        login = controller.login_window
        assert login is not None
        qtbot.addWidget(login)
        login.show()
        qtbot.waitExposed(login)
        login.name_edit.setFocus()
        qtbot.keyClicks(login.name_edit, "lil", delay=80)  # a person: arrives as typed
        qtbot.waitUntil(lambda: login.name_edit.text() == "lil", timeout=WAIT)
        login.pin_edit.setFocus()
        with qtbot.waitSignal(login.logged_in, timeout=WAIT) as signal:
            qtbot.keyClicks(login.pin_edit, "U-SUP01")  # a scanner: a few ms per key
            qtbot.keyClick(login.pin_edit, Qt.Key.Key_Return)
        assert signal.args[0].name == "wangfang"
        assert login.pin_edit.text() == ""  # the badge never went into the PIN field
        window = controller.main_window
        assert window is not None
        qtbot.addWidget(window)
        # Garbage from a scanner is refused in words in the status bar and reaches no screen.
        assert controller.router.route("AB\x07CD", "serial") is None
        assert "control character U+0007" in window.scan_message()
        assert window.orders_screen.search_edit.text() == ""
    finally:
        controller.shutdown()


def test_device_states_and_refusals_are_said_in_chinese(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    from ui import i18n

    router = ScanRouter(lambda: None)
    window = open_window(qtbot, demo_engine, supervisor_user, hub, router)
    hub.simulators["printer"].set_fault("paper_out")
    hub.check_printer()
    qtbot.waitUntil(lambda: "Printer: paper out" in window.device_bar.text(), timeout=WAIT)
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: "打印机：缺纸" in window.device_bar.text(), timeout=WAIT)
    assert "装上一卷新标签纸" in hub.state(PRINTER).detail  # what to do, in Chinese
    with qtbot.waitSignal(hub.print_message, check_params_cb=lambda k, _t: k == "error") as said:
        hub.print_test_label(supervisor_user.actor)
    assert "缺纸" in said.args[1]
    assert "扫描被拒" in router_refusal(router)
    window.set_hub(None)


def router_refusal(router: ScanRouter) -> str:
    said: list[str] = []
    router.refused.connect(said.append)
    router.route("\x1b[A", "serial")
    return said[0]


def test_device_buttons_work_by_keyboard_on_the_settings_screen(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    router = ScanRouter(lambda: None)
    window = open_window(qtbot, demo_engine, supervisor_user, hub, router)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_screen("settings")
    panel = window.settings_screen.devices_panel
    sim = hub.simulators["printer"]
    wait_level(qtbot, hub, PRINTER, "ok", "ready")
    qtbot.keyClick(
        window.settings_screen.language_combo, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: len(sim.jobs) == 1, timeout=WAIT)
    hub.simulators["scale"].put(2500.0)
    qtbot.keyClick(
        window.settings_screen.language_combo, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: "2,500 g" in panel.weight_label.text(), timeout=WAIT)
    window.set_hub(None)
