"""Bad import files that cost too much or mean something else: small files with huge sheets or
full of bad rows, files cut short, misleading messages, invisible characters in codes."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import threading
import tracemalloc
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser
from sqlalchemy import select

from app.cli import main
from app.db.models import Lot, Sku
from app.domain.users import Actor
from app.services import imports, tabular
from app.services.imports import import_file
from tests.integration.test_imports import (
    ORDER_HEADER,
    SKU_HEADER,
    SKU_ROWS,
    STOCK_HEADER,
    Problem,
    Uow,
    counts,
    order_row,
    problems,
    write_csv,
    write_xlsx,
)

# ----------------------------------------------------------------------------------- helpers


@pytest.fixture
def with_skus(uow: Uow, supervisor: Actor, tmp_path: Path) -> None:
    """CUP-1, TEA-2 and MILK-3 in the catalogue."""
    skus = write_csv(tmp_path / "catalogue.csv", SKU_HEADER, SKU_ROWS)
    assert import_file(uow(), supervisor, "skus", skus).ok


@pytest.fixture
def rows_parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows openpyxl parses out of the sheet XML (one item per row)."""
    parsed: list[int] = []
    parse_row = WorkSheetParser.parse_row

    def counting(self: WorkSheetParser, row: object) -> object:
        parsed.append(1)
        return parse_row(self, row)

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    return parsed


def unsized_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """An XLSX whose first sheet says nothing of its size (openpyxl's write-only mode writes
    no <dimension>), as some tools write them."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("orders")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def declaring(path: Path, rows: int) -> Path:
    """Rewrite *path*'s first sheet to say (in <dimension>) that it has *rows* rows."""
    data = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                end = text.index('"', start)
                text = f"{text[:start]}A1:O{rows}{text[end:]}"
                content = text.encode()
            target.writestr(item, content)
    return path


def refused(uow: Uow, supervisor: Actor, kind: str, path: Path) -> list[Problem]:
    """The problems of an import that writes nothing."""
    before = counts(uow)
    result = import_file(uow(), supervisor, kind, path)
    assert (result.imported, counts(uow)) == (0, before)
    return problems(result)


def sku_file(path: Path, body: bytes) -> Path:
    path.write_bytes(",".join(SKU_HEADER).encode() + b"\r\n" + body)
    return path


def cli(capsys: pytest.CaptureFixture[str], db_url: str, *argv: str) -> tuple[int, str]:
    """The exit code and what the command said on stderr."""
    code = main(["--db", db_url, *argv])
    return code, capsys.readouterr().err


# ------------------------------------------------------------- small files that blow up


def test_a_huge_sheet_without_the_needed_column_is_refused_before_its_rows_are_read(
    uow: Uow, supervisor: Actor, tmp_path: Path, rows_parsed: list[int]
) -> None:
    header = [c for c in ORDER_HEADER if c != "order_no"]
    path = unsized_xlsx(tmp_path / "orders.xlsx", header, ([n] for n in range(20_000)))
    assert path.stat().st_size < 200_000  # a small file

    result = import_file(uow(), supervisor, "orders", path)

    assert problems(result) == [Problem(1, "order_no", "missing column 'order_no'")]
    assert len(rows_parsed) < 10  # the header, not the 20,000 rows


def test_a_sheet_that_says_it_has_more_rows_than_an_import_reads_is_refused_unread(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path, rows_parsed: list[int]
) -> None:
    path = write_xlsx(tmp_path / "orders.xlsx", ORDER_HEADER, [order_row("X1"), order_row("X2")])
    declaring(path, 2_000_001)
    assert refused(uow, supervisor, "orders", path) == [
        Problem(
            0,
            "",
            "the sheet says it has 2,000,001 rows; an import reads at most 1,048,576: "
            "split it into smaller files",
        )
    ]
    assert len(rows_parsed) < 10


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_with_more_rows_than_an_import_reads_is_refused(
    uow: Uow,
    supervisor: Actor,
    with_skus: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    monkeypatch.setattr(tabular, "MAX_IMPORT_ROWS", 50)
    rows = [order_row(f"R{n}") for n in range(60)]
    write = write_csv if suffix == ".csv" else unsized_xlsx
    path = write(tmp_path / f"orders{suffix}", ORDER_HEADER, rows)
    assert refused(uow, supervisor, "orders", path) == [
        Problem(
            0,
            "",
            "the file has more than 50 rows, more than an import reads: "
            "split it into smaller files",
        )
    ]


def test_a_file_full_of_bad_rows_keeps_only_the_problems_it_lists(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    # Every row lacks nine required values: 180,000 problems, 1,000 of them listed.
    path = tmp_path / "orders.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(ORDER_HEADER[:12]) + "\r\n")
        for n in range(20_000):
            out.write(f"{n},,,,,,,,,,,1\r\n")

    tracemalloc.start()
    try:
        result = import_file(uow(), supervisor, "orders", path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    listed = problems(result)
    assert len(listed) <= imports.MAX_ERRORS + 1
    rows_listed = {p.row for p in listed[:-1]}
    assert rows_listed == set(range(2, 2 + len(rows_listed)))  # the first rows, every problem
    assert len(listed) - 1 == 9 * len(rows_listed)
    assert listed[-1] == Problem(
        0, "", f"… and {20_000 - len(rows_listed):,} more rows with errors not shown"
    )
    assert peak < 30 * 2**20  # all 180,000 problems took about 70 MB


def test_problems_found_after_reading_still_list_the_first_rows(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Row 2 names an unknown SKU (found after every row is read); rows 3-7 have a bad qty
    # (found while reading).  With room for 3 problems, rows 2-4 are listed, 5-7 counted.
    monkeypatch.setattr(imports, "MAX_ERRORS", 3)
    rows = [order_row("Q1", "GHOST")] + [order_row(f"Q{n}", qty=0) for n in range(2, 7)]
    result = import_file(
        uow(), supervisor, "orders", write_csv(tmp_path / "o.csv", ORDER_HEADER, rows)
    )
    assert [(p.row, p.column) for p in problems(result)] == [
        (2, "sku"),
        (3, "qty"),
        (4, "qty"),
        (0, ""),
    ]
    assert problems(result)[-1].message == "… and 3 more rows with errors not shown"


# ------------------------------------------------------------- files cut short or malformed


def test_a_csv_cut_mid_row_imports_nothing_and_names_the_line(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    # The file said TEA-2 weighs 30 g and is expiry-tracked; it was cut after "3".
    path = sku_file(
        tmp_path / "skus.csv",
        b"CUP-1,cup,,350,no,5,yes\r\nMILK-3,milk,,1030,no,20,yes\r\nTEA-2,tea,,3",
    )
    assert refused(uow, supervisor, "skus", path) == [
        Problem(
            4,
            "",
            "line 4 has 4 cells but the header has 7: the row is cut short, so none of it is read",
        )
    ]


def test_a_row_with_more_cells_than_the_header_is_refused(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    # An address with an unquoted comma moves every later cell one column to the right.
    path = sku_file(
        tmp_path / "skus.csv", b"CUP-1,cup,,350,no,5,yes\r\nTEA-2,tea, green,,30,no,5,no\r\n"
    )
    assert refused(uow, supervisor, "skus", path) == [
        Problem(
            3,
            "",
            "line 3 has 8 cells but the header has 7: a value probably holds the separator "
            "without quotes",
        )
    ]


def test_short_rows_name_the_line_where_they_begin(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    # Row 2's name spans two lines of the file: row 3 begins on line 4.
    path = sku_file(tmp_path / "skus.csv", b'CUP-1,"cup\r\n500 ml",,350,no,5,no\r\nTEA-2,tea\r\n')
    assert refused(uow, supervisor, "skus", path) == [
        Problem(
            3,
            "",
            "line 4 has 2 cells but the header has 7: the row is cut short, so none of it is read",
        )
    ]


def test_a_trailing_separator_in_the_header_lets_rows_leave_that_cell_out(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "skus.csv"
    path.write_bytes(b"sku,name,\r\nCUP-1,cup\r\nTEA-2,tea,\r\n")
    assert import_file(uow(), supervisor, "skus", path).imported == 2


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (b'CUP-1,"cup,,350,no,5,no\r\nTEA-2,tea,,30,no,5,no\r\n', 2),  # swallows the rest
        (b'CUP-1,cup,,350,no,5,no\r\nTEA-2,"tea', 3),  # cut inside a quoted cell
        (b'CUP-1,"cup\r\n500 ml",,350,no,5,no\r\nTEA-2,"tea\r\n', 4),
        (b'CUP-1,"cup ""500"" ml\r\n",,350,"no', 3),  # the cell's own quotes do not count
    ],
)
def test_a_quote_never_closed_is_refused_naming_its_line(
    uow: Uow, supervisor: Actor, tmp_path: Path, body: bytes, line: int
) -> None:
    assert refused(uow, supervisor, "skus", sku_file(tmp_path / "skus.csv", body)) == [
        Problem(
            0,
            "",
            f"the quote opened on line {line} is never closed: the file is cut short or a quote "
            "is missing",
        )
    ]


def test_text_after_a_closing_quote_is_refused_not_merged(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    # Read leniently, '"Big" cup' became 'Big cup': the quotes vanished without a word.
    path = sku_file(tmp_path / "skus.csv", b'CUP-1,"Big" cup,,350,no,5,no\r\n')
    [problem] = refused(uow, supervisor, "skus", path)
    assert problem.row == 0
    assert problem.message.startswith("the CSV file is malformed near line 2: ")


def test_tracking_files_cut_short_are_refused(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    short = tmp_path / "short.csv"
    short.write_bytes(b"tracking_no,status,time\r\nSF1234567890123,delivered\r\n")
    assert main(["--db", db_url, "tracking", "import", str(short)]) == 1
    said = json.loads(capsys.readouterr().out)
    assert said["imported"] == 0
    assert said["errors"][0]["row"] == 2
    assert said["errors"][0]["message"] == (
        "line 2 has 2 cells but the header has 3: the row is cut short, so none of it is read"
    )

    quote = tmp_path / "quote.csv"
    quote.write_bytes(b'tracking_no,status,time\r\nSF1234567890123,delivered,"2026-11-20\r\n')
    assert cli(capsys, db_url, "tracking", "import", str(quote)) == (
        1,
        "packdesk: status file quote.csv: the quote opened on line 2 is never closed: "
        "the file is cut short or a quote is missing\n",
    )


# ----------------------------------------------------------------------- what a file is


def test_a_directory_or_a_device_is_said_to_be_one(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "orders"
    folder.mkdir()
    assert refused(uow, supervisor, "orders", folder) == [
        Problem(0, "", f"{folder} is a directory, not a file; choose the file in it")
    ]
    assert problems(import_file(uow(), supervisor, "orders", Path(os.devnull))) == [
        Problem(
            0,
            "",
            f"{os.devnull} is not a regular file (it is a device, a pipe or a socket); "
            "choose a CSV or Excel file",
        )
    ]


def test_a_named_pipe_is_refused_instead_of_waiting_forever(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    pipe = tmp_path / "orders.csv"
    os.mkfifo(pipe)

    def end_a_wait() -> None:  # a reader stuck on the pipe gets an empty file after 5 s
        with contextlib.suppress(OSError):  # nobody was waiting on it
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))

    guard = threading.Timer(5.0, end_a_wait)
    guard.start()
    try:
        [problem] = problems(import_file(uow(), supervisor, "orders", pipe))
    finally:
        guard.cancel()
    assert problem.message.endswith(
        "is not a regular file (it is a device, a pipe or a socket); choose a CSV or Excel file"
    )


def test_the_command_line_says_what_the_file_is_in_one_sentence(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    quote = sku_file(tmp_path / "cut.csv", b'CUP-1,"cup,,350,no,5,no\r\n')
    said = {
        str(folder): f"{folder} is a directory, not a file; choose the file in it",
        os.devnull: f"{os.devnull} is not a regular file (it is a device, a pipe or a socket); "
        "choose a CSV or Excel file",
        str(empty): "empty.csv: nothing imported: the file is empty: it has no header row and "
        "no data",
        str(quote): "cut.csv: nothing imported: the quote opened on line 2 is never closed: "
        "the file is cut short or a quote is missing",
    }
    for path, sentence in said.items():
        assert cli(capsys, db_url, "import", "skus", path) == (1, f"packdesk: {sentence}\n")


# ------------------------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(
    uow: Uow, supervisor: Actor, tmp_path: Path, encoding: str
) -> None:
    text = ",".join(SKU_HEADER) + "\r\nCUP-1,保温杯 500毫升,,350,是,5,否\r\n"
    bom = {"utf-32-be": codecs.BOM_UTF32_BE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "skus.csv"
    path.write_bytes(bom + text.encode(encoding))
    assert import_file(uow(), supervisor, "skus", path).imported == 1
    with uow().reading() as session:
        sku = session.scalars(select(Sku)).one()
    assert (sku.code, sku.name, sku.fragile) == ("CUP-1", "保温杯 500毫升", True)


# ------------------------------------------------------------------ invisible characters


@pytest.mark.parametrize(
    ("cell", "char"),
    [
        ('"CUP\r\n1"', "U+000D"),
        ("CUP\t1", "U+0009"),
        ("CUP\x1b1", "U+001B"),
        ("CUP\u200b1", "U+200B"),  # zero-width space (a format character)
        ("CUP\u20281", "U+2028"),  # line separator
    ],
)
def test_sku_codes_with_invisible_characters_are_refused(
    uow: Uow, supervisor: Actor, tmp_path: Path, cell: str, char: str
) -> None:
    path = sku_file(
        tmp_path / "skus.csv", f"TEA-2,tea,,30,no,5,no\r\n{cell},cup,,350,no,5,no\r\n".encode()
    )
    assert refused(uow, supervisor, "skus", path) == [
        Problem(
            3,
            "sku",
            f"contains the invisible character {char} (a line break, a tab or another control "
            "character); a code may hold only visible characters",
        )
    ]


def test_surrounding_tabs_and_line_breaks_are_trimmed_as_before(
    uow: Uow, supervisor: Actor, tmp_path: Path
) -> None:
    path = sku_file(tmp_path / "skus.csv", b'"CUP-1\t\r\n",cup,,350,no,5,no\r\n')
    assert import_file(uow(), supervisor, "skus", path).imported == 1


def test_barcodes_and_lot_codes_with_invisible_characters_are_refused(
    uow: Uow, supervisor: Actor, with_skus: None, tmp_path: Path
) -> None:
    message = (
        "contains the invisible character {} (a line break, a tab or another control "
        "character); a code may hold only visible characters"
    )
    path = sku_file(
        tmp_path / "skus.csv", b'LAMP-4,lamp,"6901234567892\n6901234567809",900,no,5,no\r\n'
    )
    assert refused(uow, supervisor, "skus", path) == [
        Problem(2, "barcodes", message.format("U+000A"))
    ]
    receipt = write_csv(
        tmp_path / "r.csv",
        STOCK_HEADER,
        [
            ["CUP-1", "L1\ufeff", "2026-11-20", "A-01-01-01", 5, ""],
            ["CUP\x07-1", "L2", "2026-11-20", "A-01-01-01", 5, ""],
        ],
    )
    assert refused(uow, supervisor, "stock", receipt) == [
        Problem(2, "lot", message.format("U+FEFF")),
        Problem(3, "sku", message.format("U+0007")),
    ]
    orders = write_csv(tmp_path / "o.csv", ORDER_HEADER, [order_row("Z1", "CUP-1\x7f")])
    assert refused(uow, supervisor, "orders", orders) == [
        Problem(2, "sku", message.format("U+007F"))
    ]
    with uow().reading() as session:
        assert session.scalars(select(Lot)).all() == []
