"""Every device fault a packer meets, in front of the main window, with the Chinese translator:
the status bar's words, the sentence behind them, the print queue's report and the scanner's
refusals all read in Chinese. A device sentence that slipped through in English fails here.

The faults come from the simulators: the network label printer's switchable faults, the scale
on a pseudo-terminal (silent, overloaded, unsteady, speaking another format) and the serial
scanner on a pseudo-terminal (unplugged, sending bytes that are not text or no line end)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import app_context, build_station_devices
from app.config import DeviceSettings
from app.devices import DeviceSlot, StationDevices
from app.services.users import UserInfo
from devices.scales import SerialScale
from devices.scanners import MAX_LINE_BYTES
from devices.sim.scale import SimulatedScale
from tests.ui.test_devices import WAIT, open_window, wait_level
from ui import i18n
from ui.devices import PRINTER, SCALE, SCANNER, DeviceHub
from ui.main_window import MainWindow
from ui.scan_router import ScanRouter

CJK = re.compile(r"[\u3400-\u9fff]")
#: Two English words in a row: a sentence (or a piece of one) that was not translated. Ports,
#: job numbers, "Packdesk", "UTF-8", "CUPS" and weights ("1,234 g") never match.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ']+[A-Za-z]{2,})+")


def assert_chinese(text: str, what: str) -> None:
    assert CJK.search(text), f"{what} has no Chinese: {text!r}"
    english = ENGLISH.findall(text)
    assert not english, f"{what} has English words {english}: {text!r}"


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    i18n.install_translator("zh_CN")
    try:
        yield
    finally:
        i18n.install_translator("en")


@pytest.fixture
def window(
    qtbot: QtBot, hub: DeviceHub, demo_engine: Engine, supervisor_user: UserInfo, chinese: None
) -> Iterator[MainWindow]:
    shown = open_window(qtbot, demo_engine, supervisor_user, hub, ScanRouter(lambda: None))
    try:
        yield shown
    finally:
        shown.set_hub(None)


def assert_state_in_chinese(window: MainWindow, kind: str) -> None:
    """What the status bar shows for the device: the words and the sentence behind them."""
    indicator = window.device_bar.indicators[kind]
    assert_chinese(indicator.text(), f"the {kind}'s words in the status bar")
    assert_chinese(indicator.toolTip(), f"the {kind}'s sentence in the status bar")


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("paper_out", "缺纸"),
        ("head_open", "打印头未合上"),
        ("paused", "已暂停"),
        ("ribbon_out", "碳带用完"),
        ("no_answer", "无响应"),
        ("drop_connection", "连接已断开"),
    ],
)
def test_a_printer_fault_and_the_kept_job_read_in_chinese(
    qtbot: QtBot,
    hub: DeviceHub,
    window: MainWindow,
    supervisor_user: UserInfo,
    fault: str,
    words: str,
) -> None:
    wait_level(qtbot, hub, PRINTER, "ok")
    window.show_screen("labels")
    sim = hub.simulators["printer"]
    sim.set_fault(fault)
    with qtbot.waitSignal(
        hub.print_message, timeout=WAIT, check_params_cb=lambda kind, _t: kind == "error"
    ) as said:
        hub.print_test_label(supervisor_user.actor)
    kept = said.args[1]
    assert_chinese(kept, "the print queue's report")
    assert "标签未打印" in kept and words in kept
    assert window.labels_screen.message.message() == kept  # the screen shows it as it is
    wait_level(qtbot, hub, PRINTER, "error")
    assert_state_in_chinese(window, PRINTER)
    assert words in hub.state(PRINTER).text + hub.state(PRINTER).detail
    # The job waits in the queue; its problem reads in Chinese in the jobs list too.
    jobs = window.settings_screen.devices_panel.jobs_widget
    jobs.refresh_jobs()
    assert_chinese(jobs.table.item(0, 5).text(), "the print job's problem")
    sim.set_fault()


def test_the_scale_not_answering_overloaded_or_unsteady_reads_in_chinese(
    qtbot: QtBot, hub: DeviceHub, window: MainWindow
) -> None:
    scale = hub.simulators["scale"]
    scale.put(1234.0)
    wait_level(qtbot, hub, SCALE, "ok", "1,234 g")
    assert_chinese(window.device_bar.indicators[SCALE].text(), "a steady weight")
    scale.set_unstable(True)
    wait_level(qtbot, hub, SCALE, "warn")
    assert_state_in_chinese(window, SCALE)
    scale.set_unstable(False)
    scale.set_overload(True)
    wait_level(qtbot, hub, SCALE, "error")
    assert_state_in_chinese(window, SCALE)
    assert "超载" in hub.state(SCALE).text
    scale.set_overload(False)
    scale.set_silent(True)  # switched off at the end of its cable
    wait_level(qtbot, hub, SCALE, "error", "无响应")
    assert_state_in_chinese(window, SCALE)
    assert "秒内无响应" in hub.state(SCALE).detail
    scale.set_silent(False)
    wait_level(qtbot, hub, SCALE, "ok", "1,234 g")


def test_a_scale_speaking_another_format_reads_in_chinese(
    qtbot: QtBot, demo_engine: Engine, chinese: None
) -> None:
    sim = SimulatedScale("continuous")
    devices = StationDevices(
        scale=SerialScale(sim.port, "cas", timeout=0.5),
        scale_slot=DeviceSlot("serial", where=sim.port),
    )
    devices.on_close(sim.stop)
    hub = DeviceHub(app_context(demo_engine), devices)
    hub.start()
    try:
        sim.put(500.0)
        wait_level(qtbot, hub, SCALE, "error")
        state = hub.state(SCALE)
        assert_chinese(state.text, "the scale's words")
        assert_chinese(state.detail, "the scale's sentence")
        assert "无法识别" in state.detail and "CAS" in state.detail
    finally:
        hub.close()


def test_the_scanner_unplugged_and_its_refusals_read_in_chinese(
    qtbot: QtBot, hub: DeviceHub, window: MainWindow
) -> None:
    scanner = hub.simulators["scanner"]
    wait_level(qtbot, hub, SCANNER, "ok")
    for garbage, words in (
        (b"\xff\xfe\x00garbage", "不是文本"),
        (b"7" * MAX_LINE_BYTES, "没有换行"),
    ):
        with qtbot.waitSignal(hub.scan_refused, timeout=WAIT) as refused:
            scanner.scan(garbage)
        assert_chinese(refused.args[0], "the scanner's refusal")
        assert words in refused.args[0]
        assert refused.args[0] in window.scan_message()  # said in the status bar
    scanner.unplug()
    wait_level(qtbot, hub, SCANNER, "error")
    assert_state_in_chinese(window, SCANNER)
    assert "自动重新连接" in hub.state(SCANNER).detail
    scanner.replug()
    wait_level(qtbot, hub, SCANNER, "ok")
    assert_chinese(window.device_bar.indicators[SCANNER].text(), "a connected scanner")


def test_devices_that_are_not_set_up_say_why_in_chinese(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, chinese: None
) -> None:
    settings = DeviceSettings()
    settings.label_printer.kind = "tcp"
    settings.label_printer.address = "127.0.0.1:notaport"
    settings.scale.kind = "serial"
    settings.scanner.serial_kind = "serial"
    hub = DeviceHub(app_context(demo_engine), build_station_devices(settings, demo=False))
    hub.start()
    try:
        for kind in (PRINTER, SCALE, SCANNER):
            state = hub.state(kind)
            assert state.level == "error"
            assert_chinese(state.text, f"the {kind}'s words")
            assert_chinese(state.detail, f"why the {kind} is not set up")
        with qtbot.waitSignal(hub.print_message) as said:
            assert hub.print_test_label(supervisor_user.actor) is None
        assert_chinese(said.args[1], "no label printer")
    finally:
        hub.close()
    bare = DeviceHub(app_context(demo_engine), build_station_devices(DeviceSettings(), demo=False))
    try:  # a station with keyboard scanners only, no printer, no scale
        for state in bare.states():
            assert_chinese(state.text, f"the {state.kind}'s words")
            assert_chinese(state.detail, f"the {state.kind}'s sentence")
    finally:
        bare.close()
