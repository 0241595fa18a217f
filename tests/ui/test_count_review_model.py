"""The count review screen's table models, tested without widgets: the counts with their latest
round's progress, a count's lines with count and recount side by side, variances first,
signed and coloured, the filter, words in Chinese."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from sqlalchemy import Engine

from app.db.uow import UnitOfWork
from app.services import counts
from app.services.count_documents import variance_report
from tests.integration.test_counts import COUNTER, CUP, MUG, SECOND, SUP, scan, warehouse
from ui import i18n
from ui.count_review_model import (
    COL_CODE,
    COL_EXPECTED,
    COL_FIRST_ROUND,
    COL_LOCATION,
    COL_NAME,
    COL_PROGRESS,
    COL_SKU,
    COL_STATUS,
    CountLinesModel,
    CountsTableModel,
    reason_text,
)
from ui.theme import ERROR, ERROR_BG, OK

D = Qt.ItemDataRole.DisplayRole


def counted(
    uow: Callable[[], UnitOfWork], who: object, code: str, loc: str, item: str | None, n: int
) -> None:
    counts.start_location(uow(), who, code, loc)  # type: ignore[arg-type]
    if item is not None:
        scan(uow, who, code, loc, item, n)  # type: ignore[arg-type]
    counts.finish_location(uow(), who, code, loc)  # type: ignore[arg-type]


def recounted_zone_a(engine: Engine) -> tuple[Callable[[], UnitOfWork], str]:
    """Zone A counted: 7 mugs of 10 (recounted: 8), the cups right (the wave's picks are
    open, so 10 are on the shelf), A-01-03-01 empty."""
    uow = warehouse(engine)
    made = counts.create_count(uow(), SUP, zone="A")
    counted(uow, COUNTER, made.code, "A-01-01-01", CUP, 10)
    counted(uow, COUNTER, made.code, "A-01-02-01", MUG, 7)
    counted(uow, COUNTER, made.code, "A-01-03-01", None, 0)
    assert counts.submit(uow(), SUP, made.code).recount == ["A-01-02-01"]
    counted(uow, SECOND, made.code, "A-01-02-01", MUG, 8)
    return uow, made.code


def text(model: object, row: int, col: int) -> str:
    return str(model.data(model.index(row, col), D))  # type: ignore[attr-defined]


def test_the_counts_newest_first_with_the_recount_progress(engine: Engine) -> None:
    uow, code = recounted_zone_a(engine)
    other = counts.create_count(uow(), SUP, zone="B").code
    model = CountsTableModel()
    model.set_counts(counts.list_counts(uow()), counts.rounds_progress(uow()))
    assert [text(model, r, COL_CODE) for r in range(model.rowCount())] == [other, code]
    assert text(model, 0, COL_STATUS) == "Open"
    assert text(model, 0, COL_PROGRESS) == "0 / 1"
    assert text(model, 1, COL_STATUS) == "Being recounted"
    assert text(model, 1, COL_PROGRESS) == "Recount: 1 / 1"  # the recount's own progress
    assert model.row_of(code) == 1 and model.row_of("SC999999") == -1


def test_count_and_recount_side_by_side_variances_first_signed_and_coloured(
    engine: Engine,
) -> None:
    uow, code = recounted_zone_a(engine)
    model = CountLinesModel()
    model.set_count(variance_report(uow(), code), counts.count_rounds(uow(), code))
    assert model.rounds == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Location", "SKU", "Name", "Lot", "Expected", "Count", "Recount", "Variance", "Value ¥",
        "Moved",
    ]  # fmt: skip
    rows = [
        [text(model, r, c) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]
    assert rows == [
        ["A-01-02-01", "MUG", "马克杯", "M1", "10", "7", "8", "−2 short", "−40.00", ""],
        ["A-01-01-01", "CUP", "保温杯", "C1", "10", "10", "", "0", "", ""],
    ]
    mug = 0
    variance = model.index(mug, model.col_variance)
    assert model.data(variance, Qt.ItemDataRole.ForegroundRole).color().name() == ERROR
    assert model.data(variance, Qt.ItemDataRole.BackgroundRole).color().name() == ERROR_BG
    assert model.data(model.index(1, COL_SKU), Qt.ItemDataRole.BackgroundRole) is None
    # The recount is what the variance is computed from: in bold; who counted each round.
    assert model.data(model.index(mug, COL_FIRST_ROUND + 1), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(mug, COL_FIRST_ROUND), Qt.ItemDataRole.FontRole) is None
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(mug, COL_FIRST_ROUND), tip) == "Count: counted by Zhang Wei"
    assert model.data(model.index(mug, COL_FIRST_ROUND + 1), tip) == "Recount: counted by Zhao Min"

    model.set_variances_only(True)
    assert [text(model, r, COL_LOCATION) for r in range(model.rowCount())] == ["A-01-02-01"]
    assert model.hidden_lines() == 1


def test_a_find_is_over_in_green_and_the_words_are_chinese(engine: Engine) -> None:
    uow = warehouse(engine)
    made = counts.create_count(uow(), SUP, zone="B")
    counted(uow, COUNTER, made.code, "B-01-01-01", "SAUCER", 6)
    counts.submit(uow(), SUP, made.code)
    model = CountLinesModel()
    model.set_count(variance_report(uow(), made.code), counts.count_rounds(uow(), made.code))
    assert text(model, 0, model.col_variance) == "+1 over"
    colour = model.data(model.index(0, model.col_variance), Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == OK
    assert text(model, 0, COL_EXPECTED) == "5"
    assert text(model, 0, COL_NAME) == "碟子"
    i18n.install_translator("zh_CN")
    assert text(model, 0, model.col_variance) == "+1 盘盈"
    assert model.headerData(COL_FIRST_ROUND, Qt.Orientation.Horizontal) == "初盘"
    assert reason_text("miscount") == "点数差错"
    list_model = CountsTableModel()
    list_model.set_counts(counts.list_counts(uow()), counts.rounds_progress(uow()))
    assert text(list_model, 0, COL_STATUS) == "待审批"
