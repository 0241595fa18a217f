"""devices.sim.scanner.ScriptedScanner: codes fed by the program or read from a file."""

from __future__ import annotations

import time
from pathlib import Path

from app.domain.scans import classify
from devices.sim.scanner import ScriptedScanner

GS = "\x1d"


def test_scan_hands_the_code_to_the_callback_as_is() -> None:
    scans: list[str] = []
    scanner = ScriptedScanner(scans.append)
    scanner.scan("6901234567892")
    scanner.scan("6901234567892")  # no dedupe: a script scans what it says
    assert scans == ["6901234567892", "6901234567892"]
    assert scanner.fed == 2


def test_play_file_skips_blank_and_comment_lines(tmp_path: Path) -> None:
    codes = tmp_path / "shift.txt"
    codes.write_text(
        "# a morning at station 3\n"
        "W000123\n"
        "\n"
        "   \n"
        "  A-01-02-03  \n"
        "#T001 (commented out)\n"
        "6901234567892\r\n",
        encoding="utf-8",
    )
    scans: list[str] = []
    assert ScriptedScanner(scans.append).play_file(codes) == 3
    assert scans == ["W000123", "A-01-02-03", "6901234567892"]


def test_play_file_keeps_gs1_separators(tmp_path: Path) -> None:
    codes = tmp_path / "gs1.txt"
    # The separator written as <GS>, or as the character itself (even at the end of a line).
    codes.write_text(f"0106901234567892<GS>10LOT42\n0106901234567892{GS}10LOT7{GS}\n")
    scans: list[str] = []
    assert ScriptedScanner(scans.append).play_file(str(codes)) == 2
    assert scans == [f"0106901234567892{GS}10LOT42", f"0106901234567892{GS}10LOT7{GS}"]
    event = classify(scans[0])
    assert (event.kind, event.gtin, event.lot) == ("gs1", "06901234567892", "LOT42")


def test_play_file_waits_between_codes_not_before_the_first(tmp_path: Path) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("T001\nT002\nT003\n")
    times: list[float] = []
    started = time.monotonic()
    count = ScriptedScanner(lambda code: times.append(time.monotonic())).play_file(
        codes, interval_s=0.02
    )
    assert count == 3
    assert times[0] - started < 0.02
    assert times[2] - times[0] >= 0.04


def test_an_empty_file_scans_nothing(tmp_path: Path) -> None:
    codes = tmp_path / "empty.txt"
    codes.write_text("# nothing to scan today\n\n")
    scans: list[str] = []
    assert ScriptedScanner(scans.append).play_file(codes) == 0
    assert scans == []
