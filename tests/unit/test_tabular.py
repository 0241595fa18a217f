"""Reading import files (encodings, delimiters, XLSX) and the cell value parsers."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.tabular import (
    MAX_INT,
    TableError,
    decode_csv_bytes,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_nonnegative_int,
    parse_positive_int,
    read_table,
    text,
)

HEADER = "sku,name\n"
# ASCII, Latin-1 and Latin Extended-A letters, Greek, Cyrillic and everything from U+0800 on.
ORDINARY_UTF8 = re.compile("[\x00-\x7f\u00a0-\u017f\u0370-\u04ff\u0800-\U0010ffff]*")
CHINESE = "sku,name\nCUP-1,保温杯 500毫升（蓝色）\nTEA-2,西湖龙井·明前 250克\n"


def write(tmp_path: Path, content: bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def values(path: Path) -> list[list[object]]:
    return [list(row.cells) for row in read_table(path).rows()]


# ----------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("gb18030", "GB18030"),
        ("gbk", "GB18030"),
        ("utf-16", "UTF-16"),
    ],
)
def test_chinese_text_reads_back_exactly_in_every_supported_encoding(
    tmp_path: Path, encoding: str, label: str
) -> None:
    path = write(tmp_path, CHINESE.encode(encoding))
    table = read_table(path)
    assert table.encoding == label
    assert table.header == ["sku", "name"]
    assert values(path) == [["CUP-1", "保温杯 500毫升（蓝色）"], ["TEA-2", "西湖龙井·明前 250克"]]


def test_gbk_names_with_rare_characters_still_read_as_chinese(tmp_path: Path) -> None:
    # 珺 and 玥 are GBK-only (their second byte is an ASCII letter), common in given names.
    content = "sku,name\nA,王珺的杯子\nB,李玥 收\n".encode("gbk")
    assert values(write(tmp_path, content)) == [["A", "王珺的杯子"], ["B", "李玥 收"]]


@pytest.mark.parametrize(
    "content",
    [
        "sku,name\nA,Müller,café\n",
        "sku,name\nA,Müller Straße\n",  # decodes as GB18030 without error: M黮ler Stra遝
        "sku,name\nA,Renée Zoë Ångström\n",
    ],
)
def test_latin1_cp1252_file_is_refused_not_turned_into_chinese(
    tmp_path: Path, content: str
) -> None:
    path = write(tmp_path, content.encode("cp1252"))
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert caught.value.row == 0
    assert str(caught.value) == (
        "wrong encoding: the file is neither UTF-8 nor GB18030/GBK "
        "(first bad byte at line 2); save it as CSV UTF-8"
    )
    assert caught.value.message.name == "import.wrong_encoding"
    assert caught.value.message.params == {"line": 2}


def test_wrong_encoding_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    content = b"sku,name\nA,ok\nB,ok\n" + "C,Gr\xfc\xdfe\n".encode("latin-1")
    with pytest.raises(TableError, match=r"first bad byte at line 4"):
        read_table(write(tmp_path, content))


def test_utf16_without_bom_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="UTF-16 without a byte-order mark"):
        read_table(write(tmp_path, HEADER.encode("utf-16-le")))


def test_broken_bom_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        decode_csv_bytes(b"\xff\xfes\x00k\x00\x00\xd8")  # unpaired surrogate


# ------------------------------------------------------------------------------ CSV structure


def test_empty_file_and_header_only_file_are_clear_errors(tmp_path: Path) -> None:
    for content in (b"", b"\n\n  \n", b"\xef\xbb\xbf"):
        with pytest.raises(TableError, match="the file is empty") as caught:
            read_table(write(tmp_path, content))
        assert caught.value.row == 0
    table = read_table(write(tmp_path, b"sku,name\n\n,\n"))  # the header is read
    with pytest.raises(TableError, match="only a header row and no data rows"):
        list(table.rows())


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_files_are_read(tmp_path: Path, delimiter: str) -> None:
    content = f"SKU{delimiter} Name \nA{delimiter}杯子\n".encode()
    table = read_table(write(tmp_path, content))
    assert table.header == ["sku", "name"]
    assert values(write(tmp_path, content)) == [["A", "杯子"]]


def test_row_numbers_are_spreadsheet_rows(tmp_path: Path) -> None:
    # Blank lines are skipped but still counted (Excel shows them as rows); a quoted cell
    # spanning two lines is one row.
    content = b'sku,name\r\nA,one\r\n\r\nB,"two\r\nlines"\r\nC,three\r\n'
    table = read_table(write(tmp_path, content))
    assert [(r.number, list(r.cells)) for r in table.rows()] == [
        (2, ["A", "one"]),
        (4, ["B", "two\r\nlines"]),
        (5, ["C", "three"]),
    ]


def test_header_is_case_and_space_insensitive(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"\xef\xbb\xbf  SKU , Name ,Extra\nA,,\n"))
    assert table.header == ["sku", "name", "extra"]
    row = next(table.rows())
    assert table.cell(row, "sku") == "A"
    assert table.cell(row, "name") == ""
    assert table.cell(row, "not there") is None
    assert table.missing(["sku", "weight_g", "name"]) == ["weight_g"]


def test_duplicate_header_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="column 'sku' appears twice") as caught:
        read_table(write(tmp_path, b"sku,name,SKU\nA,b,c\n"))
    assert (caught.value.row, caught.value.column) == (1, "sku")


def test_formula_cells_are_kept_as_literal_text(tmp_path: Path) -> None:
    content = b'sku,name\nA,=HYPERLINK("http://x")\nB,+1+2\nC,-3\nD,@SUM(A1)\n'
    assert [row[1] for row in values(write(tmp_path, content))] == [
        '=HYPERLINK("http://x")',
        "+1+2",
        "-3",
        "@SUM(A1)",
    ]


def test_the_apostrophe_of_an_escaped_export_is_removed_but_nothing_else(tmp_path: Path) -> None:
    content = b"sku,name\nA,'=1+2\nB,'+86 138\nC,'quoted'\nD,'\n"
    assert [row[1] for row in values(write(tmp_path, content))] == [
        "=1+2",
        "+86 138",
        "'quoted'",
        "'",
    ]


def test_old_xls_and_damaged_xlsx_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"old Excel \.xls file"):
        read_table(write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "orders.xls"))
    with pytest.raises(TableError, match="damaged or not an Excel workbook"):
        read_table(write(tmp_path, b"not a zip at all", "orders.xlsx"))


# ------------------------------------------------------------------------------------- XLSX


def test_xlsx_first_sheet_with_types_formulas_and_row_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([" Order_No ", "ordered_at", "qty", "note"])
    sheet.append([20261120001, dt.datetime(2026, 11, 20, 14, 3), 2, "=1+1"])
    sheet.append([None, None, None, None])
    sheet.append(["B-2", dt.date(2026, 11, 21), 3.0, "普通备注"])
    other = workbook.create_sheet("ignored")
    other.append(["not", "read"])
    path = tmp_path / "orders.xlsx"
    workbook.save(path)

    table = read_table(path)
    assert table.source == "xlsx"
    assert table.header == ["order_no", "ordered_at", "qty", "note"]
    rows = list(table.rows())
    assert [r.number for r in rows] == [2, 4]
    first, second = rows
    assert list(first.cells) == [20261120001, dt.datetime(2026, 11, 20, 14, 3), 2, "=1+1"]
    assert text(first.cells[0]) == "20261120001"
    assert second.cells[3] == "普通备注"
    assert parse_positive_int(second.cells[2]) == 3


def test_xlsx_detected_by_content_even_with_a_csv_name(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sku", "name"])
    sheet.append(["A", "杯子"])
    path = tmp_path / "really-an-xlsx.csv"
    workbook.save(path)
    assert values(path) == [["A", "杯子"]]


def test_xlsx_rows_ending_early_are_blank_to_the_end_and_the_stated_size_is_kept(
    tmp_path: Path,
) -> None:
    # A sheet row ends at its last filled cell: the cells after it are blank, not missing.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sku", "name", "weight_g"])
    sheet.append(["A"])
    path = tmp_path / "skus.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.declared_rows == 2  # its <dimension> says A1:C2
    [row] = table.rows()
    assert (list(row.cells), row.problem) == (["A", None, None], None)


def test_an_xlsx_sheet_damaged_below_the_header_is_refused_in_words(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sku", "name"])
    sheet.append(["A", "cup"])
    whole = tmp_path / "whole.xlsx"
    workbook.save(whole)
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: content.index(b'<row r="2"') + 12]  # cut inside row 2
            target.writestr(item, content)
    table = read_table(path)
    assert table.header == ["sku", "name"]
    with pytest.raises(TableError, match="cannot read the Excel file: it is damaged"):
        list(table.rows())


def test_csv_rows_with_fewer_or_more_cells_than_the_header_are_refused(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"sku,name,weight_g\nA,b,1\nB,c\nC,d,1,2\n"))
    rows = list(table.rows())
    assert [(r.number, list(r.cells)) for r in rows] == [(2, ["A", "b", "1"]), (3, []), (4, [])]
    assert [r.problem.english() if r.problem else None for r in rows] == [
        None,
        "line 3 has 2 cells but the header has 3: the row is cut short, so none of it is read",
        "line 4 has 4 cells but the header has 3: a value probably holds the separator "
        "without quotes",
    ]


def test_the_rows_are_read_as_they_are_taken(tmp_path: Path) -> None:
    # A quote never closed is found where the reading gets to it, not when the file is opened.
    table = read_table(write(tmp_path, b'sku,name\nA,b\nB,"c\n'))
    rows = table.rows()
    assert list(next(rows).cells) == ["A", "b"]
    with pytest.raises(TableError, match="the quote opened on line 3 is never closed"):
        next(rows)


# ------------------------------------------------------------------------------------ parsers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("0", False),
        ("TRUE", True),
        ("false", False),
        ("Yes", True),
        ("no", False),
        ("y", True),
        ("N", False),
        ("是", True),
        ("否", False),
        ("已付款", True),
        ("未付款", False),
        ("paid", True),
        ("Unpaid", False),
        (True, True),
        (0, False),
        (1.0, True),
    ],
)
def test_parse_bool(raw: str | bool | int | float, expected: bool) -> None:
    assert parse_bool(raw) is expected


def test_parse_bool_blank_is_the_default_and_nonsense_is_refused() -> None:
    assert parse_bool(None) is False
    assert parse_bool("  ", default=True) is True
    with pytest.raises(
        ValueError, match=r"not a yes/no value 'maybe' \(use 1/0, yes/no or 是/否\)"
    ):
        parse_bool("maybe")
    with pytest.raises(ValueError):
        parse_bool(2)


@pytest.mark.parametrize("raw", ["3", 3, 3.0, "3.0", " 3 ", "+3", "３"])
def test_parse_positive_int_accepts_whole_numbers(raw: str | int | float) -> None:
    assert parse_positive_int(raw) == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0", "must be a whole number greater than 0, not '0'"),
        (0, "must be a whole number greater than 0, not '0'"),
        ("-2", "must be a whole number greater than 0, not '-2'"),
        ("3.5", "must be a whole number greater than 0, not '3.5'"),
        (2.5, "must be a whole number greater than 0, not '2.5'"),
        ("abc", "malformed number 'abc'"),
        ("1e3", "malformed number '1e3'"),
        ("1,000", "malformed number '1,000'"),
        ("=1+2", "malformed number '=1+2'"),
        (True, "malformed number 'TRUE'"),
        ("", "missing number"),
        (str(MAX_INT + 1), f"'{MAX_INT + 1}' is too large"),
        (float("nan"), "malformed number"),
    ],
)
def test_parse_positive_int_refuses_with_a_human_message(
    raw: str | int | float | bool, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        parse_positive_int(raw)
    assert str(caught.value).startswith(message)


def test_parse_nonnegative_int() -> None:
    assert parse_nonnegative_int("0") == 0
    assert parse_nonnegative_int(250.0) == 250
    with pytest.raises(ValueError, match="must be a whole number of 0 or more, not '-1'"):
        parse_nonnegative_int("-1")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-20 14:03", dt.datetime(2026, 11, 20, 14, 3)),
        ("2026-11-20 14:03:05", dt.datetime(2026, 11, 20, 14, 3, 5)),
        ("2026-11-20T14:03", dt.datetime(2026, 11, 20, 14, 3)),
        ("2026/11/20 14:03", dt.datetime(2026, 11, 20, 14, 3)),
        ("2026/1/5 9:07", dt.datetime(2026, 1, 5, 9, 7)),
        ("2026-11-20", dt.datetime(2026, 11, 20)),
        ("2026/11/20", dt.datetime(2026, 11, 20)),
        (dt.datetime(2026, 11, 20, 14, 3), dt.datetime(2026, 11, 20, 14, 3)),
        (dt.date(2026, 11, 20), dt.datetime(2026, 11, 20)),
        (46346, dt.datetime(2026, 11, 20)),  # an Excel date serial number
        (46346.5, dt.datetime(2026, 11, 20, 12, 0)),
    ],
)
def test_parse_datetime(raw: str | int | float | dt.date, expected: dt.datetime) -> None:
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize(
    "raw", ["20/11/2026", "2026-13-01", "tomorrow", "2026-11-20 25:00", 0, -5, True, dt.time(9)]
)
def test_parse_datetime_refuses_bad_dates(raw: str | int | bool | dt.time) -> None:
    with pytest.raises(ValueError, match=r"^bad date .* \(use YYYY-MM-DD or YYYY-MM-DD HH:MM\)$"):
        parse_datetime(raw)


def test_parse_date_drops_the_time() -> None:
    assert parse_date("2027-03-01") == dt.date(2027, 3, 1)
    assert parse_date(dt.datetime(2027, 3, 1, 0, 0)) == dt.date(2027, 3, 1)
    assert parse_date(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    with pytest.raises(ValueError, match="bad date '03/01/2027'"):
        parse_date("03/01/2027")


def test_text_of_cells() -> None:
    assert text(None) == ""
    assert text("  =cmd|' /C calc'!A0 ") == "=cmd|' /C calc'!A0"
    assert text(13800138000) == "13800138000"
    assert text(6901234567892.0) == "6901234567892"
    assert text(dt.datetime(2026, 11, 20)) == "2026-11-20"
    with pytest.raises(ValueError, match="rounded by Excel"):
        text(1.2345678901234568e17)


# --------------------------------------------------------------------------------- properties


@given(st.integers(min_value=1, max_value=MAX_INT))
def test_positive_int_round_trips_every_representation(n: int) -> None:
    assert parse_positive_int(n) == n
    assert parse_positive_int(str(n)) == n
    assert parse_positive_int(f" {n}.0 ") == n
    assert parse_positive_int(float(n)) == n


@given(st.integers(max_value=0))
def test_positive_int_never_accepts_zero_or_negatives(n: int) -> None:
    for raw in (n, str(n), float(n), f"{n}.0"):
        with pytest.raises(ValueError):
            parse_positive_int(raw)


@given(
    st.one_of(
        st.text(max_size=12),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
    )
)
def test_positive_int_accepts_only_positive_whole_numbers(raw: object) -> None:
    try:
        parsed = parse_positive_int(raw)  # type: ignore[arg-type]
    except ValueError:
        return
    assert type(parsed) is int
    assert 0 < parsed <= MAX_INT


@given(st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(9998, 12, 31)))
def test_datetimes_round_trip_through_iso_text(moment: dt.datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert parse_datetime(moment.strftime("%Y-%m-%d %H:%M:%S")) == moment
    assert parse_datetime(moment.strftime("%Y/%m/%d %H:%M")) == moment.replace(second=0)
    assert parse_date(moment.date().isoformat()) == moment.date()


@given(st.text(st.characters(codec="gb2312", min_codepoint=0x20), min_size=1, max_size=40))
def test_gb2312_text_decodes_identically_except_the_documented_ambiguity(sample: str) -> None:
    content = f"sku,name\nA,{sample}\n"
    raw = content.encode("gb18030")
    decoded, label = decode_csv_bytes(raw)
    if decoded != content:
        # Only possible when the bytes are also valid UTF-8 that reads as ordinary letters
        # (小 is D0 A1, which is UTF-8 for Cyrillic С): then UTF-8 wins, as it must.
        assert label == "UTF-8"
        assert decoded == raw.decode("utf-8")
        assert ORDINARY_UTF8.fullmatch(decoded)


@pytest.mark.parametrize("name", ["杉", "茅台", "专业", "丝"])
def test_gbk_bytes_that_are_also_valid_utf8_are_read_as_chinese(tmp_path: Path, name: str) -> None:
    content = f"sku,name\nA,{name}\n".encode("gbk")
    content.decode("utf-8")  # the trap: these bytes are valid UTF-8 as well
    assert values(write(tmp_path, content)) == [["A", name]]


def test_utf8_european_names_stay_utf8(tmp_path: Path) -> None:
    content = "sku,name\nA,Müller Łódź café Ωμέγα Жук\n".encode()
    table = read_table(write(tmp_path, content))
    assert table.encoding == "UTF-8"
    assert next(table.rows()).cells[1] == "Müller Łódź café Ωμέγα Жук"
