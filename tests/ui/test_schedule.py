from __future__ import annotations

import datetime as dt

from ui.schedule import due_times

TIMES = ["09:00", "14:00", "18:00"]


def at(day: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hh, mm)


def test_a_time_is_due_once_when_the_clock_passes_it() -> None:
    assert due_times(at(20, 8, 59), at(20, 9, 0), TIMES) == [at(20, 9)]
    assert due_times(at(20, 9, 0), at(20, 9, 1), TIMES) == []


def test_several_times_passed_while_asleep_are_all_reported_oldest_first() -> None:
    assert due_times(at(20, 8), at(20, 19), TIMES) == [at(20, 9), at(20, 14), at(20, 18)]


def test_a_long_sleep_looks_back_one_day_only() -> None:
    due = due_times(at(10, 8), at(20, 10), TIMES)
    assert due[0] >= at(19, 10) and due[-1] == at(20, 9)


def test_invalid_times_are_ignored() -> None:
    assert due_times(at(20, 8), at(20, 10), ["25:00", "9am", "09:30"]) == [at(20, 9, 30)]
