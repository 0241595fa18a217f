"""Reading the files people bring to an import: CSV (any of the encodings Excel writes) and XLSX.

`read_table` gives the header (lower-cased, stripped) and the data rows with their spreadsheet
row numbers (the header is row 1 in a normal file; a quoted cell spanning several lines is still
one row, as Excel shows it).  The value parsers turn one cell into a Python value or raise a
:class:`CellError` (a ValueError) whose message code says what is wrong, for the person who made
the file.

Nothing here is ever evaluated: a cell that starts with ``= + - @`` is plain text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain.limits import MAX_INT as MAX_INT
from app.messages import Message
from app.messages import imports as im

#: What one cell can hold: CSV gives str; XLSX also numbers, booleans and dates.
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None

#: Suffixes read with openpyxl; anything else is read as CSV (a zip file is detected too).
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})

#: Leading characters that make a spreadsheet treat a cell as a formula (or, for tab and CR,
#: that hide such a character).  Written files escape them; read files keep them as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (and .doc)


class TableError(ValueError):
    """The file as a whole cannot be read (row 0) or its header is wrong (the header row)."""

    def __init__(self, message: Message, *, row: int = 0, column: str = "") -> None:
        super().__init__(message.english())
        self.message = message
        self.row = row
        self.column = column


class CellError(ValueError):
    """A parser refused one cell; *message* says why (str() is the English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # the spreadsheet row number
    cells: Sequence[Cell]


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    header_row: int = 1
    source: str = "csv"  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only: the encoding the file was read with
    columns: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.columns = {}
        for i, name in enumerate(self.header):
            if name and name not in self.columns:
                self.columns[name] = i

    def missing(self, required: Iterable[str]) -> list[str]:
        """The required column names absent from the header, in the order given."""
        return [name for name in required if name not in self.columns]

    def has(self, column: str) -> bool:
        return column in self.columns

    def cell(self, row: Row, column: str) -> Cell:
        """The cell of *row* in *column* (None when the column is absent or the row short)."""
        i = self.columns.get(column)
        return None if i is None else row.cells[i]


# ----------------------------------------------------------------------------------- reading


def read_table(path: Path, data: bytes | None = None) -> Table:
    """Read the first worksheet of an XLSX file, or a CSV file; raise TableError if unreadable.

    *data* may carry the file's bytes when the caller has already read them (to fingerprint
    the file), so that what is fingerprinted is exactly what is imported.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableError(
                im.CANNOT_READ(file=path.name, reason=exc.strerror or str(exc))
            ) from exc
    if data.startswith(_OLE_MAGIC) or path.suffix.lower() == ".xls":
        raise TableError(im.OLD_XLS())
    if path.suffix.lower() in XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes) -> Table:
    import openpyxl  # imported here: a CSV import never pays for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
        raise TableError(im.XLSX_DAMAGED(error=type(exc).__name__)) from exc
    try:
        if not workbook.worksheets:
            raise TableError(im.XLSX_NO_SHEET())
        sheet = workbook.worksheets[0]
        # The stored dimensions are sometimes wrong (other tools write them): read every row.
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        records = (
            (number, [_xlsx_value(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        )
        return _build_table(records, source="xlsx", encoding=None)
    finally:
        workbook.close()


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.datetime | dt.date | dt.time):
        return value
    # Array formulas and the like: keep their formula text, never a computed value.
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    return str(value)


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_csv_bytes(data)
    lines = io.StringIO(text, newline="")
    header_line = _first_nonblank_line(text)
    dialect_delimiter = _delimiter(header_line)
    reader = csv.reader(lines, delimiter=dialect_delimiter, quotechar='"', doublequote=True)
    records: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(reader, 1):
            records.append((number, [_csv_value(v) if v[:1] == "'" else v for v in record]))
    except csv.Error as exc:
        raise TableError(im.CSV_MALFORMED(line=reader.line_num, error=str(exc))) from exc
    return _build_table(iter(records), source="csv", encoding=encoding)


def _csv_value(value: str) -> str:
    # Undo the apostrophe that Packdesk's own exports put in front of formula-like text, so that
    # an export re-imports exactly; the formula character itself is always kept.
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _first_nonblank_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _delimiter(header_line: str) -> str:
    if "," in header_line or not header_line:
        return ","
    try:
        return csv.Sniffer().sniff(header_line, delimiters="\t;").delimiter
    except csv.Error:
        # The sniffer gives up on some one-line samples; count instead (deterministic).
        tabs, semicolons = header_line.count("\t"), header_line.count(";")
        if tabs or semicolons:
            return "\t" if tabs >= semicolons else ";"
        return ","


def _build_table(
    records: Iterable[tuple[int, list[Cell]]], *, source: str, encoding: str | None
) -> Table:
    header: list[str] | None = None
    header_row = 0
    rows: list[Row] = []
    width = 0
    for number, cells in records:
        if _blank(cells):
            continue
        if header is None:
            header = [_header_name(c) for c in cells]
            header_row = number
            width = len(header)
            continue
        if len(cells) < width:  # short rows: the missing cells are blank
            cells.extend([None] * (width - len(cells)))
        rows.append(Row(number, cells))
    if header is None:
        raise TableError(im.EMPTY_FILE())
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise TableError(im.DUPLICATE_COLUMN(column=name), row=header_row, column=name)
        seen.add(name)
    if not rows:
        raise TableError(im.HEADER_ONLY())
    return Table(header, rows, header_row=header_row, source=source, encoding=encoding)


def _header_name(cell: Cell) -> str:
    if cell is None:
        return ""
    return str(cell).replace("\ufeff", "").strip().lower()


def _blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# ---------------------------------------------------------------------------------- encoding

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# Characters that Chinese text saved by Excel plausibly contains besides ASCII: CJK ideographs
# (with extensions and compatibility forms), CJK / fullwidth / general punctuation, kana,
# bopomofo, Greek and Cyrillic (both in GB2312), pinyin vowels, and the usual symbols.
_PLAUSIBLE_CHINESE = re.compile(
    "["
    "\x00-\x7f"
    "\u00a4\u00a5\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7"
    "\u00e0\u00e1\u00e8\u00e9\u00ea\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa\u00fc"
    "\u0101\u0113\u011b\u012b\u0144\u0148\u014d\u016b\u01ce\u01d0\u01d2\u01d4"
    "\u01d6\u01d8\u01da\u01dc\u01f9\u0251\u0261"
    "\u02c7\u02c9-\u02cb\u02d9"
    "\u0391-\u03c9\u0401-\u0451"
    "\u2010-\u206f\u20ac\u2100-\u23ff\u2460-\u27bf"
    "\u2e80-\u2fff\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef"
    "\U00020000-\U0003134f"
    "]*"
)


# What UTF-8 text normally holds: ASCII, Latin-1 and Latin Extended-A letters (Müller, café,
# Łódź), Greek, Cyrillic, and anything from U+0800 on (CJK, punctuation, symbols).
_PLAUSIBLE_UTF8 = re.compile("[\x00-\x7f\u00a0-\u017f\u0370-\u04ff\u0800-\U0010ffff]*")


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Decode a CSV file deterministically; return (text, encoding) or raise TableError.

    A byte-order mark decides; else strict UTF-8 (unless it only reads as odd characters where
    GB18030 reads as Chinese, see below); else strict GB18030 (a superset of GBK, what
    Chinese Excel writes) but only when the result reads as Chinese: every non-ASCII character
    is CJK text, punctuation or a common symbol, and at least half of the distinct ones are
    GB2312 characters.  Latin-1 / cp1252 bytes decode as rare GBK ideographs (``Müller`` →
    ``M黮ler``), never as common ones, so such a file is refused instead of imported as garbage.
    """
    if not data.strip():
        raise TableError(im.EMPTY_FILE())
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                line = _line_of(data, exc.start)
                raise TableError(im.BAD_BOM(encoding=label, line=line)) from exc
            return text.lstrip("\ufeff"), label
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        if "\x00" in text:
            raise TableError(im.NUL_BYTES())
        if not _PLAUSIBLE_UTF8.fullmatch(text):
            # A few GBK characters are also valid UTF-8 byte pairs (杉 = C9 BC = "ɼ"): when the
            # UTF-8 reading is odd (IPA, combining marks…) and the GB18030 one is Chinese, the
            # file is GBK.
            try:
                chinese = data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                if _reads_as_chinese(chinese):
                    return chinese, "GB18030"
        return text, "UTF-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_as_chinese(text):
            return text, "GB18030"
    raise TableError(im.WRONG_ENCODING(line=_line_of(data, bad_at)))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _reads_as_chinese(text: str) -> bool:
    if "\x00" in text:
        return False
    match = _PLAUSIBLE_CHINESE.match(text)
    if match is None or match.end() != len(text):
        return False
    others = {ch for ch in set(text) if ord(ch) > 0x7F}
    if not others:
        return True
    common = 0
    for ch in others:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common * 2 >= len(others)


# ---------------------------------------------------------------------------- value parsers


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Cell) -> str:
    """The cell as text, surrounding spaces removed; formula-like text stays as it is.

    Raises CellError for a long number that Excel has already rounded (an 18-digit order number
    typed into a number cell): its digits are lost and must not be imported as if they were right.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(im.NOT_TEXT(value=str(value)))
        if value.is_integer():
            if abs(value) >= 2**53:
                raise CellError(im.ROUNDED_NUMBER(value=f"{value:.15g}"))
            return str(int(value))
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise CellError(im.NOT_TEXT(value=repr(value)))  # pragma: no cover - Cell is exhaustive


_TRUE = frozenset({"1", "true", "t", "yes", "y", "是", "已付款", "已付", "paid", "x", "√"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "否", "未付款", "未付", "unpaid"})


def parse_bool(value: Cell, default: bool = False) -> bool:
    """1/0, true/false, yes/no, y/n, 是/否, 已付款/未付款, paid/unpaid; blank → *default*."""
    if is_blank(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value == 1:
            return True
        if value == 0:
            return False
    elif isinstance(value, str):
        key = value.strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        if key in {"1.0", "0.0"}:
            return key == "1.0"
    raise CellError(im.NOT_YES_NO(value=_show(value)))


def _whole_number(value: Cell) -> int:
    """Any whole number (sign allowed); CellError saying what is wrong otherwise."""
    if is_blank(value):
        raise CellError(im.MISSING_NUMBER())
    if isinstance(value, bool):
        raise _malformed(value)
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _malformed(value)
        number = Decimal(value)
    elif isinstance(value, str):
        raw = value.strip()
        if raw.isascii() and raw.isdigit():  # the common case, fast
            number_ = int(raw)
            if number_ > MAX_INT:
                raise CellError(im.TOO_LARGE(value=_show(value)))
            return number_
        if not _NUMBER.match(raw):
            raise _malformed(value)
        try:
            number = Decimal(raw)
        except InvalidOperation as exc:  # pragma: no cover - the pattern refuses these
            raise _malformed(value) from exc
    else:
        raise _malformed(value)
    if number != number.to_integral_value():
        raise _NotWhole(im.NOT_WHOLE(value=_show(value)))
    if abs(number) > MAX_INT:
        raise CellError(im.TOO_LARGE(value=_show(value)))
    return int(number)


def _malformed(value: Cell) -> CellError:
    return CellError(im.MALFORMED_NUMBER(value=_show(value)))


class _NotWhole(CellError):
    pass


# Plain decimal notation only ("3", "+3", "-3", "3.0", "3."); no exponents, no separators.
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")


def parse_positive_int(value: Cell) -> int:
    """A whole number greater than 0: "3", 3, 3.0 and "3.0" are 3; 0, -1, "3.5" are refused."""
    try:
        number = _whole_number(value)
    except _NotWhole as exc:
        raise CellError(im.NOT_POSITIVE(value=_show(value))) from exc
    if number <= 0:
        raise CellError(im.NOT_POSITIVE(value=_show(value)))
    return number


def parse_nonnegative_int(value: Cell) -> int:
    """A whole number of 0 or more."""
    try:
        number = _whole_number(value)
    except _NotWhole as exc:
        raise CellError(im.NEGATIVE(value=_show(value))) from exc
    if number < 0:
        raise CellError(im.NEGATIVE(value=_show(value)))
    return number


_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d",
    "%Y/%m/%d",
)
# Excel serial day numbers: 1 = 1900-01-01 … 2958465 = 9999-12-31.
_SERIAL_MIN, _SERIAL_MAX = 1, 2_958_465


def _bad_date(value: Cell) -> CellError:
    return CellError(im.BAD_DATE(value=_show(value)))


def parse_datetime(value: Cell) -> dt.datetime:
    """ISO or slashed date with optional time, an XLSX date/datetime cell or date serial."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0))
    if isinstance(value, bool) or value is None or isinstance(value, dt.time):
        raise _bad_date(value)
    if isinstance(value, int | float):
        if not (math.isfinite(value) and _SERIAL_MIN <= value <= _SERIAL_MAX):
            raise _bad_date(value)
        from openpyxl.utils.datetime import from_excel

        converted = from_excel(value)
        if isinstance(converted, dt.datetime):
            # Serials carry fractions of a day: round to the second like Excel displays it.
            return (converted + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        raise _bad_date(value)  # pragma: no cover - a serial in range is a datetime
    raw = value.strip()
    for fmt in _DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise _bad_date(value)


def parse_date(value: Cell) -> dt.date:
    """A calendar date (a datetime's time of day is dropped)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return parse_datetime(value).date()


def _show(value: Cell) -> str:
    shown = value if isinstance(value, str) else text_or_repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"'{shown}'"


def text_or_repr(value: Cell) -> str:
    try:
        return text(value)
    except ValueError:
        return repr(value)
