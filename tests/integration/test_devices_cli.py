"""`packdesk devices`: what a station has, and a test label through the real print queue."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.config import Settings
from devices.sim.printer import Fault, SimulatedNetworkPrinter
from tests.integration.test_cli import run


@pytest.fixture
def sim() -> Iterator[SimulatedNetworkPrinter]:
    printer = SimulatedNetworkPrinter()
    yield printer
    printer.stop()


def use_printer(address: str, language: str = "zpl") -> None:
    settings = Settings()
    settings.devices.label_printer.kind = "tcp"
    settings.devices.label_printer.address = address
    settings.devices.label_printer.language = language
    settings.save()


def test_devices_list_says_what_is_set_up(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    use_printer("127.0.0.1:9")
    code, out, _ = run(capsys, "--db", db_url, "devices", "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["devices"]["label_printer"] == {
        "kind": "tcp",
        "where": "127.0.0.1:9",
        "problem": None,
    }
    assert data["devices"]["scale"]["kind"] == "none"  # a station has no simulators by default
    assert isinstance(data["serial_ports"], list) and isinstance(data["cups_queues"], list)


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_test_label_prints_or_says_why_and_keeps_the_job(
    capsys: pytest.CaptureFixture[str], db_url: str, sim: SimulatedNetworkPrinter, language: str
) -> None:
    use_printer(f"127.0.0.1:{sim.port}", language)
    code, out, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert (code, err) == (0, "")
    assert "test label printed (job #1)" in out
    assert len(sim.wait_for_jobs(1)) == 1
    sim.set_fault(Fault.PAPER_OUT)
    code, out, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert code == 1
    assert "kept as job #2" in err and "paper out" in err and "Load a new roll" in err
    assert len(sim.jobs) == 1


def test_test_label_without_a_printer_is_refused(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    code, _, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert code == 1 and "no label printer is set up" in err


def test_test_label_says_why_in_the_users_language_and_what_the_system_said(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    sim: SimulatedNetworkPrinter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_printer(f"127.0.0.1:{sim.port}")
    sim.set_fault(Fault.HEAD_OPEN)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert code == 1
    assert "测试标签未打印，已保留为打印任务 #1" in err and "打印头未合上" in err
    sim.stop()  # nothing listens there any more
    code, _, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert code == 1 and "无法打开" in err
    assert "系统提示：" in err  # the operating system's own words, for whoever fixes it
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_printer("127.0.0.1:notaport")
    code, _, err = run(capsys, "--db", db_url, "devices", "test-label")
    assert code == 1
    assert "The label printer setting is not usable: '127.0.0.1:notaport' is not host:port" in err
    assert "(Settings → Devices in the app)" in err
