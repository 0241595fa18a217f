"""Device settings in the station's settings file: saved, loaded, and never fatal when odd."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import build_station_devices
from app.config import DeviceSettings, Settings


def test_device_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings()
    settings.devices.label_printer.kind = "tcp"
    settings.devices.label_printer.address = "192.168.1.50:9100"
    settings.devices.label_printer.language = "tspl"
    settings.devices.scale.kind = "serial"
    settings.devices.scale.protocol = "cas"
    settings.devices.scale.address = "/dev/ttyUSB0"
    settings.devices.scanner.max_gap_ms = 45
    settings.save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").devices == settings.devices


def test_a_hand_edited_file_with_wrong_values_falls_back_to_defaults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            {
                "language": "en",
                "devices": {
                    "label_printer": {"kind": "laser", "address": 42, "baudrate": -1},
                    "scale": {"protocol": "mt-sics", "when_missing": "warn"},
                    "scanner": "not an object",
                },
            }
        ),
        encoding="utf-8",
    )
    devices = Settings.load(path).devices
    assert devices.label_printer.kind == "auto" and devices.label_printer.address == ""
    assert devices.label_printer.baudrate == 9600
    assert devices.scale.when_missing == "warn"  # the good values are kept
    assert devices.scanner == DeviceSettings().scanner
    assert "LabelPrinterSettings.kind = 'laser' is not valid" in caplog.text


@pytest.mark.parametrize(
    ("kind", "address", "why", "words"),
    [
        ("tcp", "", "device.no_address", "no address is set"),
        ("tcp", "printer:99999", "device.not_host_port", "port 1 to 65535"),
        ("serial", "", "device.no_address", "no address is set"),
        ("cups", "bad queue", "device.not_a_queue", "'bad queue' is not a CUPS queue name"),
    ],
)
def test_an_unusable_printer_setting_is_a_sentence_not_a_crash(
    kind: str, address: str, why: str, words: str
) -> None:
    settings = DeviceSettings()
    settings.label_printer.kind = kind
    settings.label_printer.address = address
    station = build_station_devices(settings)
    assert station.label_printer is None
    problem = station.label_printer_slot.problem
    assert problem is not None and problem.name == "device.printer_setting"
    assert getattr(problem.params["why"], "name", None) == why
    assert words in str(problem) and "Fix it in Settings" in str(problem)


def test_a_real_station_has_no_simulators_unless_chosen() -> None:
    station = build_station_devices(DeviceSettings(), demo=False)
    assert station.simulators == {}
    assert station.label_printer is None and station.scale is None
    chosen = DeviceSettings()
    chosen.scale.kind = "simulated"
    station = build_station_devices(chosen, demo=False)
    try:
        assert set(station.simulators) == {"scale"}
        assert station.scale is not None and station.scale.read_weight().grams == 0.0
    finally:
        station.close()


def test_packaging_types_default_round_trip_and_bad_entries(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings()
    assert [(p["code"], p["name"], p["tare_g"]) for p in settings.packaging] == [
        ("BOX-S", "小号纸箱", 60),
        ("BOX-M", "中号纸箱", 120),
        ("BAG-1", "快递袋", 15),
    ]
    settings.packaging.append({"code": "BOX-L", "name": "大号纸箱", "tare_g": 200, "size": ""})
    settings.save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").packaging == settings.packaging

    path = tmp_path / "edited.json"
    path.write_text(
        json.dumps(
            {
                "packaging": [
                    {"code": "BAG-2", "name": "大快递袋", "tare_g": 25},
                    {"code": "bag-2", "name": "again", "tare_g": 1},
                    {"code": "X", "name": "negative", "tare_g": -5},
                    {"name": "no code", "tare_g": 5},
                    "BOX",
                ]
            }
        ),
        encoding="utf-8",
    )
    assert Settings.load(path).packaging == [
        {"code": "BAG-2", "name": "大快递袋", "tare_g": 25, "size": ""}
    ]
    assert "left out" in caplog.text
    path.write_text(json.dumps({"packaging": "BOX-S"}), encoding="utf-8")
    assert Settings.load(path).packaging == Settings().packaging


def test_the_handover_settings_round_trip_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    assert (Settings().ship_at_pack, Settings().handover_overdue_hours) == (False, 24.0)
    settings = Settings(ship_at_pack=True, handover_overdue_hours=6)
    settings.save(path)
    loaded = Settings.load(path)
    assert (loaded.ship_at_pack, loaded.handover_overdue_hours) == (True, 6)
    path.write_text('{"ship_at_pack": "yes", "handover_overdue_hours": -3}', encoding="utf-8")
    loaded = Settings.load(path)
    assert (loaded.ship_at_pack, loaded.handover_overdue_hours) == (False, 24.0)


def test_the_sync_interval_round_trips_and_bad_values_fall_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.json"
    assert Settings().sync_interval_s == 5
    Settings(sync_interval_s=30).save(path)
    assert Settings.load(path).sync_interval_s == 30
    for bad in ("0", "-5", "3601", '"10"', "true", "2.5"):
        path.write_text(f'{{"sync_interval_s": {bad}}}', encoding="utf-8")
        assert Settings.load(path).sync_interval_s == 5, bad
    assert "sync_interval_s" in caplog.text and "1-3600 seconds" in caplog.text
