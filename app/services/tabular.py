"""Reading the files people bring to an import: CSV (any of the encodings Excel writes) and XLSX.

:func:`read_table` opens a file and reads its header (lower-cased, stripped) and nothing more,
so that a file without the columns an import needs is refused before any row is read;
:meth:`Table.rows` then streams the data rows, once, with their spreadsheet row numbers (the
header is row 1 in a normal file; a quoted cell spanning several lines is still one row, as
Excel shows it).  No more than :data:`~app.domain.limits.MAX_IMPORT_ROWS` rows are read.  A CSV
row with fewer or more cells than the header, or a quote that is never closed, is refused,
never guessed at: a file cut short must not import with the last row's values missing.

The value parsers turn one cell into a Python value or raise a :class:`CellError` (a
ValueError) whose message code says what is wrong, for the person who made the file.

Nothing here is ever evaluated: a cell that starts with ``= + - @`` is plain text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.limits import MAX_IMPORT_ROWS
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
    #: Why none of this row is read (a CSV row with fewer or more cells than the header); its
    #: cells are then empty.
    problem: Message | None = None


#: What a reader yields: (spreadsheet row number, the file's line it starts on, its cells).
_Record = tuple[int, int, list[Cell]]


class Table:
    """An opened file: its header, already read, and its data rows, read once by :meth:`rows`."""

    def __init__(
        self,
        header: list[str],
        records: Iterator[_Record],
        *,
        header_row: int = 1,
        source: str = "csv",
        encoding: str | None = None,
        declared_rows: int | None = None,
        estimated_rows: int = 0,
    ) -> None:
        self.header = header
        self.header_row = header_row
        self.source = source  # "csv" or "xlsx"
        self.encoding = encoding  # CSV only: the encoding the file was read with
        #: XLSX only: the rows the sheet says it has (its <dimension>), if it says.
        self.declared_rows = declared_rows
        #: About how many rows follow the header (for progress; 0 when unknown).
        self.estimated_rows = estimated_rows
        self.columns: dict[str, int] = {}
        for i, name in enumerate(header):
            if name and name not in self.columns:
                self.columns[name] = i
        # A CSV row may leave out cells the header has no name for (a trailing separator).
        self._named = max((i + 1 for i, name in enumerate(header) if name), default=0)
        self._records = records

    def missing(self, required: Iterable[str]) -> list[str]:
        """The required column names absent from the header, in the order given."""
        return [name for name in required if name not in self.columns]

    def has(self, column: str) -> bool:
        return column in self.columns

    def cell(self, row: Row, column: str) -> Cell:
        """The cell of *row* in *column* (None when the column is absent or the row short)."""
        i = self.columns.get(column)
        return None if i is None or i >= len(row.cells) else row.cells[i]

    def rows(self) -> Iterator[Row]:
        """The data rows in order, blank ones skipped; the file is read as they are taken, once.

        Raises TableError for the file as a whole: a sheet that says it has more rows than an
        import reads (before reading any), a file found to have more, a quote never closed,
        malformed CSV, a damaged workbook, or no data row at all.
        """
        if self.declared_rows is not None and self.declared_rows > MAX_IMPORT_ROWS:
            raise TableError(im.SHEET_TOO_LARGE(rows=self.declared_rows, limit=MAX_IMPORT_ROWS))
        records, self._records = self._records, iter(())
        width, csv_rows = len(self.header), self.source == "csv"
        found = False
        for number, line, cells in records:
            if _blank(cells):
                continue
            found = True
            if csv_rows and not self._named <= len(cells) <= width:
                yield Row(number, (), self._wrong_width(line, len(cells)))
                continue
            if len(cells) < width:  # an XLSX row ends at its last filled cell
                cells.extend([None] * (width - len(cells)))
            yield Row(number, cells)
        if not found:
            raise TableError(im.HEADER_ONLY())

    def _wrong_width(self, line: int, cells: int) -> Message:
        width = len(self.header)
        if cells > width:
            return im.ROW_TOO_LONG(line=line, cells=cells, columns=width)
        return im.ROW_TOO_SHORT(line=line, cells=cells, columns=width)


# ----------------------------------------------------------------------------------- reading


def check_regular_file(path: Path) -> None:
    """TableError when *path* is there but no regular file: a directory, a device such as
    /dev/null, a pipe (which would never end) or a socket is said to be one.  A path that
    cannot be looked at is left to the read that follows to explain."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise TableError(im.IS_DIRECTORY(path=str(path)))
    if not stat.S_ISREG(mode):
        raise TableError(im.NOT_REGULAR_FILE(path=str(path)))


def read_file(path: Path) -> bytes:
    """The bytes of the file to import; TableError saying why when there are none to read."""
    check_regular_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TableError(im.CANNOT_READ(file=path.name, reason=exc.strerror or str(exc))) from exc


def read_table(path: Path, data: bytes | None = None) -> Table:
    """Open the first worksheet of an XLSX file, or a CSV file, and read its header; raise
    TableError if the file or its header cannot be read.  The rows are read by Table.rows().

    *data* may carry the file's bytes when the caller has already read them (to fingerprint
    the file), so that what is fingerprinted is exactly what is imported.
    """
    if data is None:
        data = read_file(path)
    if data.startswith(_OLE_MAGIC) or path.suffix.lower() == ".xls":
        raise TableError(im.OLD_XLS())
    if path.suffix.lower() in XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        records, declared = _xlsx_records(data)
        return _open(records, source="xlsx", declared_rows=declared, estimated_rows=declared or 0)
    text, encoding = decode_csv_bytes(data)
    estimated = max(text.count("\n"), text.count("\r"))
    return _open(_csv_records(text), source="csv", encoding=encoding, estimated_rows=estimated)


def _open(
    records: Iterator[_Record],
    *,
    source: str,
    encoding: str | None = None,
    declared_rows: int | None = None,
    estimated_rows: int = 0,
) -> Table:
    """The table whose header is the first non-blank record; the rest is left unread."""
    records = _at_most(records, MAX_IMPORT_ROWS)
    for number, _line, cells in records:
        if _blank(cells):
            continue
        header = [_header_name(c) for c in cells]
        seen: set[str] = set()
        for name in header:
            if name and name in seen:
                raise TableError(im.DUPLICATE_COLUMN(column=name), row=number, column=name)
            seen.add(name)
        return Table(
            header,
            records,
            header_row=number,
            source=source,
            encoding=encoding,
            declared_rows=declared_rows,
            estimated_rows=max(estimated_rows - number, 0),
        )
    raise TableError(im.EMPTY_FILE())


def _at_most(records: Iterator[_Record], limit: int) -> Iterator[_Record]:
    for record in records:
        if record[0] > limit:
            raise TableError(im.TOO_MANY_ROWS(limit=limit))
        yield record


def _xlsx_records(data: bytes) -> tuple[Iterator[_Record], int | None]:
    """The first worksheet's records, and the rows it says it has; TableError if unreadable."""
    try:
        from app.services.sheets import open_first_sheet  # a CSV import never loads openpyxl

        sheet = open_first_sheet(data)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
        raise TableError(im.XLSX_DAMAGED(error=type(exc).__name__)) from exc
    if sheet is None:
        raise TableError(im.XLSX_NO_SHEET())
    # One row past the limit is read, to tell a sheet of exactly the limit from a larger one.
    values = sheet.values_by_row(MAX_IMPORT_ROWS + 1)

    def records() -> Iterator[_Record]:
        number = 0
        try:
            while True:
                try:
                    row = next(values)
                except StopIteration:
                    return
                except Exception as exc:  # the sheet's XML is damaged further down
                    raise TableError(im.XLSX_DAMAGED(error=type(exc).__name__)) from exc
                number += 1
                yield number, number, [_xlsx_value(v) for v in row]
        finally:
            sheet.parent.close()  # read to the end, refused, or left unread

    return records(), sheet.declared_rows


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.datetime | dt.date | dt.time):
        return value
    # Array formulas and the like: keep their formula text, never a computed value.
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    return str(value)


# One physical line with its line break (CR LF, LF or CR), or the last one without.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of *text* one at a time (csv reads them; no copy of the whole text is made)."""
    for match in _LINE.finditer(text):
        yield match.group()


def _csv_records(text: str) -> Iterator[_Record]:
    delimiter = _delimiter(_first_nonblank_line(text))
    # strict: a quote left open at the end, or text after a closing quote, is an error instead
    # of a cell silently swallowing the rest of the file or losing its quotes.
    reader = csv.reader(
        _lines(text), delimiter=delimiter, quotechar='"', doublequote=True, strict=True
    )
    number = 0
    while True:
        first_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            opened = _unclosed_quote(text, delimiter, first_line)
            if opened is not None:
                raise TableError(im.UNCLOSED_QUOTE(line=opened)) from exc
            raise TableError(im.CSV_MALFORMED(line=reader.line_num, error=str(exc))) from exc
        number += 1
        yield number, first_line, [_csv_value(v) if v[:1] == "'" else v for v in record]


# Where a CSV scanner is in a record.
_START, _UNQUOTED, _QUOTED, _CLOSING = range(4)


def _unclosed_quote(text: str, delimiter: str, first_line: int) -> int | None:
    """The line of the quote that opens a cell and is never closed, in the record that begins
    on *first_line* and runs to the end of *text*; None when that record is wrong otherwise."""
    state, opened = _START, 0
    for number, line in enumerate(_lines(text), 1):
        if number < first_line:
            continue
        i, end = 0, len(line)
        while i < end:
            if state == _QUOTED:
                i = line.find('"', i)
                if i < 0:
                    break
                state, i = _CLOSING, i + 1
                continue
            char = line[i]
            if char in "\r\n":
                return None  # the record ends here with its quotes closed
            if state == _CLOSING:
                if char == '"':
                    state = _QUOTED  # a doubled quote inside the cell
                elif char == delimiter:
                    state = _START
                else:
                    return None  # text after a closing quote: another problem
            elif state == _START:
                if char == '"':
                    state, opened = _QUOTED, number
                elif char != delimiter:
                    state = _UNQUOTED
            elif char == delimiter:
                state = _START
            i += 1
    return opened if state == _QUOTED else None


def _csv_value(value: str) -> str:
    # Undo the apostrophe that Packdesk's own exports put in front of formula-like text, so that
    # an export re-imports exactly; the formula character itself is always kept.
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _first_nonblank_line(text: str) -> str:
    for line in _lines(text):
        if line.strip():
            return line.rstrip("\r\n")
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


def _header_name(cell: Cell) -> str:
    if cell is None:
        return ""
    return str(cell).replace("\ufeff", "").strip().lower()


def _blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# ---------------------------------------------------------------------------------- encoding

# UTF-32 first: its little-endian mark begins with UTF-16's (FF FE).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
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


def parse_money_fen(value: Cell) -> int:
    """An amount in yuan of 0 or more with at most two decimals ("45", "45.5", "¥45.50",
    45.5), as fen (分): 4550."""
    if is_blank(value):
        raise CellError(im.MISSING_NUMBER())
    if isinstance(value, bool):
        raise _malformed(value)
    raw = str(value).strip().lstrip("¥￥").strip() if isinstance(value, str) else value
    if isinstance(raw, str) and not _NUMBER.match(raw):
        raise CellError(im.NOT_MONEY(value=_show(value)))
    try:
        number = Decimal(str(raw))
    except InvalidOperation as exc:
        raise CellError(im.NOT_MONEY(value=_show(value))) from exc
    if not number.is_finite() or number < 0:
        raise CellError(im.NOT_MONEY(value=_show(value)))
    fen = number * 100
    if fen != fen.to_integral_value():
        # A float from a sheet (45.5 stored as 45.4999…) is rounded to the fen; typed text
        # with more than two decimals is refused.
        if isinstance(value, float):
            fen = fen.quantize(Decimal(1))
        else:
            raise CellError(im.NOT_MONEY(value=_show(value)))
    if fen > MAX_INT:
        raise CellError(im.TOO_LARGE(value=_show(value)))
    return int(fen)


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


# --- writing -------------------------------------------------------------------------------------

_WRITTEN_DATETIME = "%Y-%m-%d %H:%M:%S"


def write_whole(path: Path, write: Callable[[Path], int], *, make_folder: bool = True) -> int:
    """Run *write* on a temporary file next to *path*, then rename it over *path*: the file
    appears complete or not at all.  Returns what *write* returns (the rows written).  Without
    *make_folder*, a folder that is not there is an OSError (a person chose it: say so)."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        count = write(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def csv_text(value: Any) -> str:
    """One value as CSV text, formula-like text defused with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.strftime(_WRITTEN_DATETIME)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    return str(value)


def write_csv(target: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """*columns* and *rows* as CSV (UTF-8 with a BOM, formula-like text defused)."""
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_text(v) for v in row])
            count += 1
    return count
