"""devices.scanning: the keyboard-wedge ScanBurstDetector's timing and the duplicate filter.
(What a code is — classify() — is tested in test_scans.py.)"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.scanning import GS, Action, ScanBurstDetector

# --- ScanBurstDetector ------------------------------------------------------------------------


def feed(detector: ScanBurstDetector, keys: str, start: float, step: float) -> list[object]:
    """Feed *keys* with *step* ms between them; the decisions in order."""
    return [detector.feed_key(key, start + i * step) for i, key in enumerate(keys)]


def scans_of(decisions: list[object]) -> list[str]:
    return [d.text for d in decisions if d.action is Action.SCAN]  # type: ignore[attr-defined]


def released_of(decisions: list[object]) -> str:
    return "".join(d.text for d in decisions if d.action is Action.RELEASE)  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", [1, 2, 3, 5])
def test_scanner_speed_is_one_scan(step: float) -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "6901234567892\r", 1000, step)
    assert [d.action for d in decisions[:-1]] == [Action.HOLD] * 13
    assert scans_of(decisions) == ["6901234567892"]
    assert released_of(decisions) == ""


def test_tab_suffix_and_gs_inside_a_burst() -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "010690123456789210AB" + GS + "17271231\t", 0, 2)
    assert scans_of(decisions) == ["010690123456789210AB" + GS + "17271231"]


def test_human_typing_is_released_in_order() -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "abc", 0, 80)
    assert [d.action for d in decisions] == [Action.HOLD, Action.RELEASE, Action.RELEASE]
    assert released_of(decisions) == "ab"
    assert detector.held == "c"
    assert detector.poll(180).action is Action.HOLD  # 20 ms after "c": maybe a burst still
    last = detector.poll(300)
    assert (last.action, last.text) == (Action.RELEASE, "c")
    assert detector.poll(400).action is Action.PASS


def test_human_enter_after_slow_typing_is_released_with_the_enter() -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "12\r", 0, 60)
    assert released_of(decisions) == "12\r"
    assert scans_of(decisions) == []


def test_short_fast_burst_is_not_a_scan() -> None:
    detector = ScanBurstDetector(min_length=4)
    decisions = feed(detector, "12\r", 0, 2)
    assert scans_of(decisions) == []
    assert released_of(decisions) == "12\r"


def test_enter_or_other_key_with_nothing_held_passes() -> None:
    detector = ScanBurstDetector()
    assert detector.feed_key("\r", 0).action is Action.PASS
    assert detector.feed_key("\t", 5).action is Action.PASS
    assert detector.feed_key("", 10).action is Action.PASS
    assert detector.feed_key("\x08", 15).action is Action.PASS


def test_other_key_releases_what_is_held_and_itself() -> None:
    detector = ScanBurstDetector()
    feed(detector, "ab", 0, 2)
    decision = detector.feed_key("\x08", 4)  # Backspace
    assert (decision.action, decision.text, decision.holding) == (Action.RELEASE, "ab\x08", False)


def test_human_then_scanner_burst_after_a_pause() -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "x", 0, 0) + feed(detector, "W000123\r", 500, 2)
    assert released_of(decisions) == "x"
    assert scans_of(decisions) == ["W000123"]


def test_two_codes_back_to_back_are_two_scans() -> None:
    detector = ScanBurstDetector()
    decisions = feed(detector, "W000123\rPT000456\r", 0, 2)
    assert scans_of(decisions) == ["W000123", "PT000456"]


def test_same_code_twice_within_the_window_is_one_scan() -> None:
    detector = ScanBurstDetector(dedupe_window_ms=300)
    first = feed(detector, "6901234567892\r", 0, 2)
    again = feed(detector, "6901234567892\r", 100, 2)
    later = feed(detector, "6901234567892\r", 600, 2)
    assert scans_of(first) == ["6901234567892"]
    assert scans_of(again) == []
    assert again[-1].action is Action.DUPLICATE  # type: ignore[attr-defined]
    assert scans_of(later) == ["6901234567892"]


def test_prefix_and_suffix_strings_are_required_and_removed() -> None:
    detector = ScanBurstDetector(prefix="~", suffix="#")
    assert scans_of(feed(detector, "~W000123#\r", 0, 2)) == ["W000123"]
    no_prefix = feed(detector, "W000124#\r", 100, 2)
    assert scans_of(no_prefix) == []
    assert released_of(no_prefix) == "W000124#\r"


def test_a_doubled_digit_flagged_as_an_auto_repeat_stays_in_the_scan() -> None:
    """X11 flags a scanner's "00" as an auto-repeat when the GUI thread was busy and both
    presses were queued together (same millisecond): it continues the running burst."""
    detector = ScanBurstDetector()
    code = "6920000567892"
    decisions = [
        detector.feed_key(ch, 1000 + i * 2, repeat=i > 0 and ch == code[i - 1])
        for i, ch in enumerate(code + "\r")
    ]
    assert scans_of(decisions) == [code]
    assert released_of(decisions) == ""


def test_a_held_down_key_is_typing_never_a_scan() -> None:
    """A person holds "0": one press, then, after the keyboard's repeat delay, repeats.  Even
    at a repeat rate faster than a scanner's gap, and with Enter right after, no scan."""
    detector = ScanBurstDetector(max_gap_ms=30)
    assert detector.feed_key("0", 0).action is Action.HOLD  # a burst may be starting
    assert (detector.poll(31).action, detector.held) == (Action.RELEASE, "")
    repeats = [detector.feed_key("0", 660 + i * 20, repeat=True) for i in range(10)]
    assert {d.action for d in repeats} == {Action.PASS}  # straight into the field
    enter = detector.feed_key("\r", 660 + 9 * 20 + 5)
    assert enter.action is Action.PASS
    # A repeat right after a person's slow key gives back both, in order.
    detector.feed_key("1", 2000)
    decision = detector.feed_key("1", 2600, repeat=True)
    assert (decision.action, decision.text) == (Action.RELEASE, "11")


def test_a_thousand_scans_at_2_ms_none_merged_or_split() -> None:
    detector = ScanBurstDetector()
    codes = [f"C{i:05d}" + "X" * 24 for i in range(1000)]  # 30 characters each
    assert all(len(code) == 30 for code in codes)
    decisions = feed(detector, "".join(code + "\r" for code in codes), 0, 2)
    assert scans_of(decisions) == codes
    assert released_of(decisions) == ""


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "B", "7", " ", GS, "\r", "\t", "", "\x08"]),
            st.sampled_from([0, 1, 2, 5, 29, 30, 31, 60, 400]),
            st.booleans(),
        ),
        max_size=80,
    )
)
def test_fuzz_every_key_is_scanned_released_held_or_passed_once(
    keys: list[tuple[str, int, bool]],
) -> None:
    """No key is lost or doubled: scans + releases + passes + what is held = what was typed
    (auto-repeat flags or not)."""
    detector = ScanBurstDetector(dedupe_window_ms=0)
    t = 0.0
    out = ""
    typed = ""
    for key, gap, repeat in keys:
        t += gap
        typed += key
        decision = detector.feed_key(key, t, repeat=repeat)
        if decision.action is Action.SCAN:
            out += decision.text + key
        elif decision.action is Action.RELEASE:
            out += decision.text
        elif decision.action is Action.PASS:
            out += key
    out += detector.poll(t + 1000).text
    assert out == typed
