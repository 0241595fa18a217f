"""The two documents of a stock count, read the way their people read them: the count sheet
(盘点单) by a counter and a scanner — every location's barcode decodes, and nothing on it gives
the expected quantity away — and the variance report (盘点差异报告) by a supervisor — the
planted difference, the SKUs' Chinese names, the earlier round, the totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlalchemy import Engine

from app import bootstrap
from app.cli import main
from app.db.uow import UnitOfWork
from app.domain.errors import NotFound
from app.services import count_documents, counts
from tests.factories import receive
from tests.integration.test_counts import COUNTER, MUG, SECOND, SUP, scan, warehouse
from tests.integration.test_counts import db as db  # the SQLite + PostgreSQL fixture

SAUCER_LOT_QTY = 37  # a distinctive on-hand: it must not be on the count sheet


def pages_text(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf)]


def decoded(pdf: bytes, dpi: int = 300) -> list[list[str]]:
    """Every barcode a real decoder (ZXing) reads on each page, as a laser printer prints it."""
    return [
        sorted(b.text for b in zxingcpp.read_barcodes(page.render(scale=dpi / 72).to_pil()))
        for page in pdfium.PdfDocument(pdf)
    ]


def counted_warehouse(engine: Engine) -> tuple[Callable[[], UnitOfWork], str]:
    """The warehouse of test_counts with 37 more saucers in B-01-02-01, counted in full:
    three mugs short in A-01-02-01 (recounted by someone else: still three short), one
    saucer over in B-01-01-01, the rest as the records say; approved as lost."""
    uow = warehouse(engine)
    receive(uow, "SAUCER", SAUCER_LOT_QTY, lot="S2", location="B-01-02-01")
    made = counts.create_count(uow(), SUP, full=True)
    assert made.locations == ["A-01-01-01", "A-01-02-01", "A-01-03-01", "B-01-01-01", "B-01-02-01"]
    for loc, sku, n in (
        ("A-01-01-01", "CUP", 10),
        ("A-01-02-01", "MUG", 7),
        ("A-01-03-01", None, 0),
        ("B-01-01-01", "SAUCER", 6),
        ("B-01-02-01", "SAUCER", SAUCER_LOT_QTY),
    ):
        counts.start_location(uow(), COUNTER, made.code, loc)
        if sku is not None:
            counts.record(uow(), COUNTER, made.code, loc, sku, n, add=False)
        counts.finish_location(uow(), COUNTER, made.code, loc)
    assert counts.submit(uow(), SUP, made.code).recount == ["A-01-02-01"]
    return uow, made.code


def test_the_count_sheet_lists_every_location_in_walking_order_with_a_barcode_and_no_quantity(
    engine: Engine,
) -> None:
    uow = warehouse(engine)
    receive(uow, "SAUCER", SAUCER_LOT_QTY, lot="S2", location="B-01-02-01")
    made = counts.create_count(uow(), SUP, full=True)
    sheet = count_documents.count_sheet(uow(), made.code.lower())
    assert sheet.round == 1
    assert [loc.location for loc in sheet.locations] == made.locations
    pdf = bootstrap.render_count_sheet(sheet)

    # A scanner reads the count's code and every location's barcode off the page.
    assert decoded(pdf) == [sorted([made.code, *made.locations])]
    [text] = pages_text(pdf)
    assert "盘点单 Count sheet" in text and "盘点人 Counter" in text and "实盘数量" in text
    assert "page 1 of 1" in text
    # Blind: no on-hand (the 37 saucers) and nothing the records expect there is printed.
    assert str(SAUCER_LOT_QTY) not in text
    for expected_there in ("SAUCER", "碟子", "MUG", "马克杯", "S2", "M1"):
        assert expected_there not in text


def test_a_recount_sheet_has_the_recount_locations_and_who_counted_them_before(
    engine: Engine,
) -> None:
    uow, code = counted_warehouse(engine)
    sheet = count_documents.count_sheet(uow(), code)
    assert (sheet.round, [loc.location for loc in sheet.locations]) == (2, ["A-01-02-01"])
    pdf = bootstrap.render_count_sheet(sheet)
    [text] = pages_text(pdf)
    assert "复盘 recount" in text and f"before: {COUNTER.name}" in text
    assert decoded(pdf) == [sorted([code, "A-01-02-01"])]
    # The first round again, every location counted already (a reprint).
    first = count_documents.count_sheet(uow(), code, 1)
    assert len(first.locations) == 5 and all(loc.done for loc in first.locations)
    with pytest.raises(NotFound, match="has no round 3 — its rounds are 1 to 2"):
        count_documents.count_sheet(uow(), code, 3)
    with pytest.raises(NotFound, match="no stock count SC999999"):
        count_documents.count_sheet(uow(), "SC999999")


def test_a_long_count_sheet_goes_on_over_pages_and_every_barcode_still_reads(
    engine: Engine,
) -> None:
    uow = warehouse(engine)
    for i in range(1, 31):
        receive(uow, "SAUCER", 1, lot=f"X{i}", location=f"C-{i:02d}-01-01")
    made = counts.create_count(uow(), SUP, zone="C")
    pdf = bootstrap.render_count_sheet(count_documents.count_sheet(uow(), made.code))
    texts = pages_text(pdf)
    assert len(texts) >= 3
    assert all(f"page {n} of {len(texts)}" in t for n, t in enumerate(texts, 1))
    found = [code for page in decoded(pdf, 203) for code in page]
    assert sorted(found) == sorted([made.code, *made.locations])  # each location exactly once


def test_the_variance_report_shows_the_planted_difference_by_zone_and_sign(db: Engine) -> None:
    uow, code = counted_warehouse(db)
    counts.start_location(uow(), SECOND, code, "A-01-02-01")
    scan(uow, SECOND, code, "A-01-02-01", MUG, 7)
    counts.finish_location(uow(), SECOND, code, "A-01-02-01")
    counts.submit(uow(), SUP, code)
    counts.approve(uow(), SUP, code, "lost")

    report = count_documents.variance_report(uow(), code)
    assert (report.status, report.approved_by, report.reason) == ("approved", SUP.name, "lost")
    assert (report.locations, report.counted_locations, len(report.lines)) == (5, 5, 4)
    assert (report.short_units, report.over_units, report.short_fen) == (-3, 1, -6000)
    assert [(z.zone, z.short, z.over) for z in report.zones()] == [("A", -3, 0), ("B", 0, 1)]
    mugs = next(line for line in report.lines if line.sku == "MUG")
    assert (mugs.name, mugs.round, mugs.earlier, mugs.counted, mugs.variance) == (
        "马克杯",
        2,
        (7,),
        7,
        -3,
    )

    pdf = bootstrap.render_variance_report(report)
    text = "".join(pages_text(pdf))
    assert "盘点差异报告" in text and code in text and "已审批 approved" in text
    assert "丢失 lost" in text  # the approval's reason, in the header and the chart
    for name in ("保温杯", "马克杯", "碟子"):
        assert name in text
    assert "-3" in text and "-60.00" in text and "+1" in text
    assert "按库区差异" in text  # the chart by zone is drawn (its title, its bars' labels)
    assert decoded(pdf) == [[code]]


def test_the_command_line_writes_the_sheet_and_the_report_as_pdf(
    engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, code = counted_warehouse(engine)
    sheet, report = tmp_path / "sheet.pdf", tmp_path / "report.pdf"
    assert main(["--db", db_url, "count", "sheet", code, "--out", str(sheet)]) == 0
    assert f"count sheet of {code}, round 2" in capsys.readouterr().out
    assert decoded(sheet.read_bytes()) == [sorted([code, "A-01-02-01"])]
    assert main(["--db", db_url, "count", "sheet", code, "--round", "1", "--out", str(sheet)]) == 0
    assert "5 location(s)" in capsys.readouterr().out
    assert main(["--db", db_url, "count", "report", code, "--out", str(report)]) == 0
    assert "4 line(s), 2 with a variance" in capsys.readouterr().out
    text = "".join(pages_text(report.read_bytes()))
    assert "复盘中 being recounted" in text and "马克杯" in text and "-3" in text
    assert main(["--db", db_url, "count", "sheet", code, "--round", "4", "--out", str(sheet)]) == 1
    assert "has no round 4" in capsys.readouterr().err
