"""Scale frame parsers and the stable-weight detector, on byte strings only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import DeviceNotFound, DeviceTimeout, PrinterNotReady
from devices.scales import (
    FrameError,
    Reading,
    StableWeightDetector,
    parse_cas,
    parse_continuous,
    parse_mt_sics,
)

Parser = Callable[[bytes], Reading]


def cas_frame(state: bytes, kind: bytes, weight: bytes, unit: bytes = b"kg") -> bytes:
    assert len(weight) == 8 and len(unit) == 2
    return state + b"," + kind + b",1" + bytes([0xC4]) + b"," + weight + b" " + unit + b"\r\n"


# -- MT-SICS -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "grams", "stable"),
    [
        (b"S S     1.234 kg\r\n", 1234.0, True),
        (b"S D     1.230 kg\r\n", 1230.0, False),
        (b"S S    250.5 g\r\n", 250.5, True),
        (b"S S      2.000 lb", 907.18474, True),
        (b"S S    -12.00 g\r\n", -12.0, True),
        (b"S S    1500 mg\n", 1.5, True),
    ],
)
def test_mt_sics_weights(frame: bytes, grams: float, stable: bool) -> None:
    reading = parse_mt_sics(frame)
    assert reading.grams == pytest.approx(grams)
    assert reading.stable is stable
    assert reading.overload is False
    assert reading.raw == frame


def test_mt_sics_overload_is_a_reading() -> None:
    assert parse_mt_sics(b"S +\r\n") == Reading(0.0, stable=False, overload=True, raw=b"S +\r\n")


@pytest.mark.parametrize(
    ("frame", "words"),
    [
        (b"S I\r\n", "busy"),
        (b"S -\r\n", "underload"),
        (b"ES\r\n", "did not understand"),
        (b"ET\r\n", "transmission"),
        (b"EL\r\n", "logical"),
        (b"S S     1.234 furlong\r\n", "unknown unit"),
        (b"S X     1.234 kg\r\n", "not an MT-SICS weight"),
        (b"S S\r\n", "not an MT-SICS weight"),
        (b"\r\n", "empty"),
        (b"S S  \xff 1.2 kg\r\n", "not text"),
        (b"S S 9" + b"9" * 150 + b".0 t", "too large"),
    ],
)
def test_mt_sics_errors_say_why(frame: bytes, words: str) -> None:
    with pytest.raises(FrameError, match=words) as raised:
        parse_mt_sics(frame)
    assert raised.value.message.name.startswith("scale.")  # a code the screens translate


# -- continuous --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "grams", "stable", "overload"),
    [
        (b"ST,GS,+  1.234kg\r\n", 1234.0, True, False),
        (b"US,GS,+  1.230kg\r\n", 1230.0, False, False),
        (b"OL,GS,+  0.000kg\r\n", 0.0, False, True),
        (b"ST,NT,+  0.500kg\r\n", 500.0, True, False),
        (b"ST,GS,-  0.020kg\r\n", -20.0, True, False),
        (b"ST,GS,   812.0 g\r\n", 812.0, True, False),
        (b"ST,GS,+1.5lb", 680.388555, True, False),
        (b"ST,GS,+  1.234", 1234.0, True, False),
    ],
)
def test_continuous_lines(frame: bytes, grams: float, stable: bool, overload: bool) -> None:
    reading = parse_continuous(frame)
    assert reading.grams == pytest.approx(grams)
    assert (reading.stable, reading.overload) == (stable, overload)


@pytest.mark.parametrize(
    "frame",
    [b"XX,GS,+  1.234kg", b"ST,ZZ,+  1.234kg", b"ST,GS,+  kg", b"", b"1.234kg", b"ST,GS,+1.2.3kg"],
)
def test_continuous_rejects_other_lines(frame: bytes) -> None:
    with pytest.raises(ValueError, match="not a weight line"):
        parse_continuous(frame)


def test_continuous_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit 'pt'"):
        parse_continuous(b"ST,GS,+  1.234pt")


# -- CAS 22 bytes ------------------------------------------------------------------------------


def test_cas_frame_is_22_bytes() -> None:
    assert len(cas_frame(b"ST", b"GS", b"+001.234")) == 22


@pytest.mark.parametrize(
    ("frame", "grams", "stable", "overload"),
    [
        (cas_frame(b"ST", b"GS", b"+001.234"), 1234.0, True, False),
        (cas_frame(b"US", b"GS", b"  0013.5"), 13500.0, False, False),
        (cas_frame(b"ST", b"NT", b"-000.250"), -250.0, True, False),
        (cas_frame(b"OL", b"GS", b"+000.000"), 0.0, False, True),
        (cas_frame(b"ST", b"GS", b"   812.0", b" g"), 812.0, True, False),
        (cas_frame(b"ST", b"GS", b"+001.234")[:-2], 1234.0, True, False),
    ],
)
def test_cas_frames(frame: bytes, grams: float, stable: bool, overload: bool) -> None:
    reading = parse_cas(frame)
    assert reading.grams == pytest.approx(grams)
    assert (reading.stable, reading.overload) == (stable, overload)


def test_cas_lamp_byte_may_be_a_line_feed_or_anything() -> None:
    frame = b"ST,GS,1\n,+001.234 kg\r\n"
    assert parse_cas(frame).grams == pytest.approx(1234.0)


@pytest.mark.parametrize(
    ("frame", "words"),
    [
        (b"ST,GS,+  1.234kg\r\n", "a CAS frame has 22"),
        (b"ST;GS;1\xc4;+001.234 kg\r\n", "commas"),
        (cas_frame(b"XX", b"GS", b"+001.234"), "ST, US or OL"),
        (cas_frame(b"ST", b"AB", b"+001.234"), "GS \\(gross\\)"),
        (cas_frame(b"ST", b"GS", b"+00x.234"), "not a weight"),
        (cas_frame(b"ST", b"GS", b"+001.234", b"zz"), "unknown unit"),
        (b"ST,GS,1\xc4,+001.234_kg\r\n", "blank before the unit"),
        (b"S\xff,GS,1\xc4,+001.234 kg\r\n", "not text"),
    ],
)
def test_cas_errors_say_why(frame: bytes, words: str) -> None:
    with pytest.raises(FrameError, match=words) as raised:
        parse_cas(frame)
    assert raised.value.message.name.startswith("scale.")


# -- fuzz: any bytes give a Reading or a ValueError ---------------------------------------------

PARSERS: list[Parser] = [parse_mt_sics, parse_continuous, parse_cas]

# Bytes near the real formats find more paths than uniformly random ones.
_ALPHABET = list(b"SDI+-., 0123456789.kglbozmtESTLUOGN\r\n\xc4\xff")
near_frames = st.lists(st.sampled_from(_ALPHABET), max_size=30).map(bytes)


@pytest.mark.parametrize("parse", PARSERS)
@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), near_frames))
def test_any_bytes_give_a_reading_or_a_value_error(parse: Parser, data: bytes) -> None:
    try:
        reading = parse(data)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(reading, Reading)
        assert reading.raw == data


@settings(max_examples=200, deadline=None)
@given(
    grams=st.floats(min_value=-9999, max_value=9999, allow_nan=False).map(lambda g: round(g, 2)),
    stable=st.booleans(),
)
def test_mt_sics_round_trip(grams: float, stable: bool) -> None:
    frame = f"S {'S' if stable else 'D'} {grams:>10.2f} g\r\n".encode()
    reading = parse_mt_sics(frame)
    assert reading.grams == pytest.approx(grams)
    assert reading.stable is stable


# -- StableWeightDetector ----------------------------------------------------------------------


def stable(grams: float) -> Reading:
    return Reading(grams, stable=True)


def test_detector_needs_n_agreeing_stable_readings() -> None:
    detector = StableWeightDetector(n=3, tolerance_g=2.0)
    assert detector.feed(stable(1000.0)) is None
    assert detector.feed(stable(1001.0)) is None
    assert detector.feed(stable(1002.0)) == pytest.approx(1001.0)


def test_detector_unstable_reading_starts_over() -> None:
    detector = StableWeightDetector(n=3)
    detector.feed(stable(500.0))
    detector.feed(stable(500.0))
    assert detector.feed(Reading(500.0, stable=False)) is None
    assert detector.feed(stable(500.0)) is None
    assert detector.feed(stable(500.0)) is None
    assert detector.feed(stable(500.0)) == pytest.approx(500.0)


def test_detector_overload_starts_over() -> None:
    detector = StableWeightDetector(n=2)
    detector.feed(stable(500.0))
    assert detector.feed(Reading(0.0, stable=True, overload=True)) is None
    assert detector.feed(stable(500.0)) is None


def test_detector_disagreeing_reading_keeps_only_the_agreeing_tail() -> None:
    detector = StableWeightDetector(n=3, tolerance_g=2.0)
    detector.feed(stable(100.0))
    detector.feed(stable(100.0))
    assert detector.feed(stable(900.0)) is None  # parcel swapped
    assert detector.feed(stable(901.0)) is None
    assert detector.feed(stable(900.5)) == pytest.approx(900.5)


def test_detector_reset_and_arguments() -> None:
    detector = StableWeightDetector(n=2)
    detector.feed(stable(10.0))
    detector.reset()
    assert detector.feed(stable(10.0)) is None
    with pytest.raises(ValueError):
        StableWeightDetector(n=0)
    with pytest.raises(ValueError):
        StableWeightDetector(tolerance_g=-1)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.booleans(), st.booleans()), max_size=30))
def test_detector_result_is_always_backed_by_n_agreeing_readings(
    feed: list[tuple[float, bool, bool]],
) -> None:
    detector = StableWeightDetector(n=3, tolerance_g=2.0)
    run: list[float] = []
    for grams, is_stable, overload in feed:
        result = detector.feed(Reading(grams, stable=is_stable, overload=overload))
        run = [*run, grams] if is_stable and not overload else []
        if result is not None:
            last = run[-3:]
            assert len(last) == 3
            assert max(last) - min(last) <= 2.0
            assert result == pytest.approx(sum(last) / 3)


# -- error sentences ---------------------------------------------------------------------------


def test_error_sentences_name_the_port_and_what_to_do() -> None:
    timeout = DeviceTimeout("scale", "/dev/ttyUSB0", 2.0)
    assert str(timeout) == (
        "The scale on /dev/ttyUSB0 did not answer within 2 s. "
        "Check its cable and that it is switched on."
    )
    assert "COM3" in str(DeviceNotFound("scale", "COM3"))
    assert "plugged in" in str(DeviceNotFound("scale", "COM3"))
    paper = PrinterNotReady("paper out")
    assert paper.reason == "paper out"
    assert str(paper) == (
        "The label printer cannot print: paper out. Load a new roll of labels, then print again."
    )
    assert "does not answer" in str(PrinterNotReady("no answer", port="10.0.0.7:9100"))
    # Said with codes, so that a screen says them in its language.
    from app.bootstrap import message_translator

    zh = message_translator("zh_CN")
    assert timeout.message.name == "device.timeout"
    assert timeout.message.render(zh) == (
        "/dev/ttyUSB0 上的电子秤在 2 秒内无响应。请检查连接线并确认已开机。"
    )
    assert paper.message.render(zh) == (
        "标签打印机无法打印：缺纸。请装上一卷新标签纸，然后重新打印。"
    )
    lost = DeviceNotFound("scale", "COM3", "[Errno 2] No such file or directory")
    assert lost.detail == "[Errno 2] No such file or directory"
    assert str(lost).endswith("(" + lost.detail + ")")  # the system's words, for the log
    assert lost.detail not in lost.message.english()  # not on the screen
