"""SerialScanner against SimulatedSerialScanner over a real pseudo-terminal; the pure line
splitter against any bytes."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.messages import Message
from devices.scanners import (
    MAX_LINE_BYTES,
    RefusedLine,
    ScanLineSplitter,
    ScannerState,
    SerialScanner,
)
from devices.sim.scanner import SimulatedSerialScanner

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the simulator needs a pty")

WAIT = 2.0  # seconds: the longest any event is waited for
GS = "\x1d"


class Recorder:
    """What the scanner's callbacks reported (from its reader thread)."""

    def __init__(self) -> None:
        self.scans: list[str] = []
        self.states: list[tuple[ScannerState, Message | None]] = []
        self.refused: list[Message] = []
        self._changed = threading.Condition()

    def on_scan(self, code: str) -> None:
        with self._changed:
            self.scans.append(code)
            self._changed.notify_all()

    def on_state(self, state: ScannerState, message: Message | None) -> None:
        with self._changed:
            self.states.append((state, message))
            self._changed.notify_all()

    def on_refused(self, message: Message) -> None:
        with self._changed:
            self.refused.append(message)
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        with self._changed:
            if not self._changed.wait_for(condition, timeout=WAIT):
                raise AssertionError(
                    f"waited {WAIT} s for {what}; scans={self.scans!r} states={self.states!r} "
                    f"refused={self.refused!r}"
                )

    def wait_state(self, state: ScannerState, count: int = 1) -> None:
        self.wait_for(lambda: [s for s, _ in self.states].count(state) >= count, f"{state}")

    def wait_scans(self, n: int) -> None:
        self.wait_for(lambda: len(self.scans) >= n, f"{n} scans")

    def said(self, state: ScannerState) -> Message:
        message = next(message for s, message in self.states if s is state)
        assert message is not None, f"{state} came without a message"
        return message

    def message_of(self, state: ScannerState) -> str:
        """What the person reads (in English) about the first change to ``state``."""
        return str(self.said(state))


def make_scanner(
    url: str, rec: Recorder, backoff_min: float = 0.02, backoff_max: float = 0.1
) -> SerialScanner:
    return SerialScanner(
        url,
        on_scan=rec.on_scan,
        on_state=rec.on_state,
        on_refused=rec.on_refused,
        backoff_min=backoff_min,
        backoff_max=backoff_max,
    )


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedSerialScanner]:
    with SimulatedSerialScanner(tmp_path / "by-id") as simulator:
        yield simulator


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def scanner(sim: SimulatedSerialScanner, rec: Recorder) -> Iterator[SerialScanner]:
    reader = make_scanner(sim.port, rec)
    reader.start()
    rec.wait_state(ScannerState.CONNECTED)
    yield reader
    reader.stop()
    assert not reader.running


# --- through the pty -----------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("suffix", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
def test_scans_arrive_in_order_whatever_the_suffix(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner, suffix: bytes
) -> None:
    sim.suffix = suffix
    codes = ["6901234567892", "A-01-02-03", "SO-20240101", "1Z999AA10123456784", "T001"]
    for code in codes:
        sim.scan(code)
    rec.wait_scans(len(codes))
    time.sleep(0.05)  # a stray empty "scan" from CR LF would come right after
    assert rec.scans == codes
    assert rec.refused == []
    assert scanner.state is ScannerState.CONNECTED
    assert scanner.where == sim.port


@posix_only
def test_gs1_code_with_group_separators_arrives_intact(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    code = f"0106901234567892{GS}10LOT42{GS}17261231"
    sim.scan(code)
    rec.wait_scans(1)
    assert rec.scans == [code]


@posix_only
def test_the_same_code_twice_within_the_window_is_one_scan(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    sim.scan("6901234567892")
    sim.scan("6901234567892")  # the scanner read the label twice
    sim.scan("W000123")
    sim.scan("6901234567892")  # another code came between: a new scan
    rec.wait_scans(3)
    time.sleep(0.05)
    assert rec.scans == ["6901234567892", "W000123", "6901234567892"]


@posix_only
def test_the_same_code_after_the_window_is_a_new_scan(
    sim: SimulatedSerialScanner, rec: Recorder
) -> None:
    now = [100.0]
    reader = SerialScanner(
        sim.port, on_scan=rec.on_scan, on_state=rec.on_state, clock=lambda: now[0]
    )
    with reader:
        rec.wait_state(ScannerState.CONNECTED)
        sim.scan("T001")
        rec.wait_scans(1)
        now[0] += 0.301  # 301 ms later: the packer scanned the tote again on purpose
        sim.scan("T001")
        rec.wait_scans(2)
    assert rec.scans == ["T001", "T001"]


@posix_only
def test_invalid_utf8_is_refused_with_a_sentence_and_the_next_scan_arrives(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    sim.scan(b"\xff\xfe\xc3(")
    sim.scan("6901234567892")
    rec.wait_scans(1)
    assert rec.scans == ["6901234567892"]
    assert [m.name for m in rec.refused] == ["scanner.not_text"]
    said = str(rec.refused[0])
    assert said.startswith(f"The scanner on {sim.port} sent bytes that are not text")
    assert "USB-COM" in said
    assert said.endswith(".")


@posix_only
def test_a_4000_byte_burst_is_refused_and_the_next_scan_arrives(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    sim.write(b"7" * MAX_LINE_BYTES)  # a stuck scanner, no line end
    rec.wait_for(lambda: len(rec.refused) == 1, "the refusal")
    sim.write(b"7" * 500)  # still the same garbage line: not refused twice
    sim.scan("W000123")  # its CR ends the garbage; the code before it is lost with it
    sim.scan("6901234567892")
    rec.wait_scans(1)
    time.sleep(0.05)
    assert rec.scans == ["6901234567892"]
    assert [m.name for m in rec.refused] == ["scanner.too_long"]
    said = str(rec.refused[0])
    assert "4,000 bytes" in said and "without a line end" in said
    assert said.startswith(f"The scanner on {sim.port} ")
    assert scanner.state is ScannerState.CONNECTED


@posix_only
def test_unplug_is_reported_and_replug_reconnects(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    sim.scan("T001")
    rec.wait_scans(1)
    sim.unplug()
    rec.wait_state(ScannerState.DISCONNECTED)
    assert rec.said(ScannerState.DISCONNECTED).name == "scanner.gone"
    message = rec.message_of(ScannerState.DISCONNECTED)
    assert message.startswith(f"The scanner on {sim.port} was disconnected.")
    assert "reconnects by itself" in message
    sim.scan("T002")  # an unplugged scanner sends nowhere
    sim.replug()
    rec.wait_state(ScannerState.CONNECTED, count=2)
    assert sim.device is not None  # the stable link points at the new pty
    sim.scan("T003")
    rec.wait_scans(2)
    assert rec.scans == ["T001", "T003"]
    states = [s for s, _ in rec.states]
    assert states == [
        ScannerState.CONNECTING,
        ScannerState.CONNECTED,
        ScannerState.DISCONNECTED,
        ScannerState.CONNECTED,
    ]


@posix_only
def test_a_port_missing_at_start_is_reported_then_connects_when_it_appears(
    sim: SimulatedSerialScanner, rec: Recorder
) -> None:
    sim.unplug()
    reader = make_scanner(sim.port, rec)
    reader.start()
    try:
        rec.wait_state(ScannerState.DISCONNECTED)
        assert reader.state is ScannerState.DISCONNECTED
        said = rec.said(ScannerState.DISCONNECTED)
        assert said.name == "scanner.retrying"
        assert getattr(said.params["problem"], "name", None) == "device.not_found"
        message = str(said)
        assert message.startswith(f"The scanner on {sim.port} could not be opened.")
        assert "Check that it is plugged in" in message
        time.sleep(0.15)  # several retries fail meanwhile: reported once, not every retry
        assert [s for s, _ in rec.states].count(ScannerState.DISCONNECTED) == 1
        sim.replug()
        rec.wait_state(ScannerState.CONNECTED)
        sim.scan("PT004567")
        rec.wait_scans(1)
        assert rec.scans == ["PT004567"]
    finally:
        reader.stop()


@posix_only
def test_stop_is_prompt_during_a_long_backoff(sim: SimulatedSerialScanner, rec: Recorder) -> None:
    sim.unplug()
    reader = make_scanner(sim.port, rec, backoff_min=5.0, backoff_max=5.0)
    reader.start()
    rec.wait_state(ScannerState.DISCONNECTED)  # now waiting 5 s before the next try
    started = time.monotonic()
    reader.stop()
    assert time.monotonic() - started < 0.5
    assert not reader.running
    assert reader.state is ScannerState.STOPPED
    assert rec.states[-1] == (ScannerState.STOPPED, None)


@posix_only
def test_stop_while_connected_closes_the_port(
    sim: SimulatedSerialScanner, rec: Recorder, scanner: SerialScanner
) -> None:
    started = time.monotonic()
    scanner.stop()
    assert time.monotonic() - started < 0.5
    assert scanner.state is ScannerState.STOPPED
    sim.scan("T001")  # nobody reads any more
    time.sleep(0.05)
    assert rec.scans == []


@posix_only
def test_a_failing_callback_does_not_stop_the_scanner(
    sim: SimulatedSerialScanner, rec: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    def on_scan(code: str) -> None:
        if code == "BOOM":
            raise RuntimeError("the screen had a bug")
        rec.on_scan(code)

    reader = SerialScanner(sim.port, on_scan=on_scan, on_state=rec.on_state)
    with reader:
        rec.wait_state(ScannerState.CONNECTED)
        sim.scan("BOOM")
        sim.scan("T001")
        rec.wait_scans(1)
        assert reader.state is ScannerState.CONNECTED
    assert rec.scans == ["T001"]
    assert "the scanner goes on reading" in caplog.text


# --- loop:// (no pty) -----------------------------------------------------------------------------


def test_loop_url_delivers_scans_and_stops(rec: Recorder) -> None:
    reader = make_scanner("loop://", rec)
    reader.start()
    try:
        rec.wait_state(ScannerState.CONNECTED)
        # loop:// echoes what is written; write through the scanner's own open port.
        port = reader._port
        assert port is not None
        port.write(b"W000123\r\n6901234567892\r")
        rec.wait_scans(2)
        assert rec.scans == ["W000123", "6901234567892"]
    finally:
        reader.stop()
    assert reader.state is ScannerState.STOPPED


def test_a_malformed_url_is_reported_as_disconnected(rec: Recorder) -> None:
    reader = make_scanner("nosuchscheme://x", rec)
    with reader:
        rec.wait_state(ScannerState.DISCONNECTED)
    assert "could not be opened" in rec.message_of(ScannerState.DISCONNECTED)


# --- the pure splitter ----------------------------------------------------------------------------


def test_splitter_joins_a_code_split_across_reads() -> None:
    splitter = ScanLineSplitter("COM3")
    assert splitter.feed(b"69012") == []
    assert splitter.feed(b"34567892\r") == ["6901234567892"]
    assert splitter.feed(b"\nT001\r\n") == ["T001"]  # the LF of CR LF is no empty scan
    assert splitter.pending == 0


def test_splitter_refuses_invalid_utf8_and_keeps_going() -> None:
    splitter = ScanLineSplitter("COM3")
    out = splitter.feed(b"ok\r\xc3\x28\rnext\r")
    assert out[0] == "ok" and out[2] == "next"
    refused = out[1]
    assert isinstance(refused, RefusedLine) and refused.reason == "not_text"
    assert refused.message.name == "scanner.not_text"
    assert refused.message.params["port"] == "COM3"
    assert str(refused.message).startswith("The scanner on COM3 sent bytes that are not text")


def test_splitter_refuses_a_long_line_once_and_discards_it_to_the_next_line_end() -> None:
    splitter = ScanLineSplitter("COM3", max_line_bytes=10)
    out = splitter.feed(b"x" * 25)
    assert [type(item) for item in out] == [RefusedLine]
    assert splitter.feed(b"yyyy\rT001\r") == ["T001"]
    assert splitter.feed(b"x" * 9 + b"\r") == ["x" * 9]  # just under the limit is fine


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=20))
def test_splitter_never_raises_and_loses_no_good_line(chunks: list[bytes]) -> None:
    splitter = ScanLineSplitter("COM3", max_line_bytes=50)
    out: list[str | RefusedLine] = []
    for chunk in chunks:
        out += splitter.feed(chunk)
    assert splitter.pending < 50
    stream = b"".join(chunks)
    # Every complete short line of valid UTF-8 that did not follow an over-long run comes out.
    expected: list[str] = []  # codes, "<not text>", "<too long>"
    refusing = False
    line = b""
    for byte in stream:
        if byte in b"\r\n":
            if refusing:
                refusing = False
            elif line:
                try:
                    expected.append(line.decode("utf-8"))
                except UnicodeDecodeError:
                    expected.append("<not text>")
            line = b""
        elif not refusing:
            line += bytes([byte])
            if len(line) >= 50:
                expected.append("<too long>")
                refusing, line = True, b""
    got = [item if isinstance(item, str) else f"<{item.reason.replace('_', ' ')}>" for item in out]
    assert got == expected
    for item in out:
        if isinstance(item, str):
            assert item and "\r" not in item and "\n" not in item


@settings(max_examples=15, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=200), min_size=1, max_size=5))
def test_random_bytes_through_loop_never_kill_the_reader(chunks: list[bytes]) -> None:
    rec = Recorder()
    reader = make_scanner("loop://", rec)
    reader.start()
    try:
        rec.wait_state(ScannerState.CONNECTED)
        port = reader._port
        assert port is not None
        for chunk in chunks:
            port.write(chunk)
        port.write(b"\rSENTINEL-9\r")
        rec.wait_for(lambda: "SENTINEL-9" in rec.scans, "the scan after the garbage")
        assert reader.running and reader.state is ScannerState.CONNECTED
    finally:
        reader.stop()
