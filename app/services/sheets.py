"""The first worksheet of an XLSX file, read row by row with openpyxl, never sized first.

``openpyxl.load_workbook(read_only=True)`` sizes every sheet when it opens the workbook: a sheet
without a ``<dimension>`` element is parsed to its end before the first row can be read (10 s
and 150 MB for a 400 KB file of 2,000,000 rows).  Here only the first worksheet is opened, its
``<dimension>`` is looked for in the part of the XML before the rows and kept as what the sheet
*says* it holds (:attr:`FirstSheet.declared_rows`), and its rows are then streamed.  The stated
size is never used to pad or cut rows (other tools write it wrong): only to refuse a sheet that
says it is larger than an import reads before reading it.

Imported only for XLSX files: a CSV import never pays for openpyxl.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

_DIMENSION = f"{{{SHEET_MAIN_NS}}}dimension"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"


class FirstSheet(ReadOnlyWorksheet):  # type: ignore[misc]  # openpyxl has no type hints
    """A read-only worksheet that reads its stated size from the XML before the rows only."""

    declared_rows: int | None = None

    def _get_size(self) -> None:
        # Called by ReadOnlyWorksheet.__init__ instead of openpyxl's own sizing, which parses
        # the whole sheet when it has no <dimension>.  The rows keep no stated size.
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == _DIMENSION:
                    self.declared_rows = _last_row(element.get("ref", ""))
                    break
                if element.tag == _SHEET_DATA:
                    break

    def values_by_row(self, max_row: int) -> Iterator[tuple[Any, ...]]:
        """The cell values of rows 1, 2, … up to *max_row* (missing rows as empty tuples)."""
        rows: Iterator[tuple[Any, ...]] = self.iter_rows(
            min_row=1, max_row=max_row, values_only=True
        )
        return rows


def _last_row(ref: str) -> int | None:
    try:
        _min_col, _min_row, _max_col, max_row = range_boundaries(ref)
    except (TypeError, ValueError):
        return None
    return max_row if isinstance(max_row, int) else None


def open_first_sheet(data: bytes) -> FirstSheet | None:
    """The workbook's first worksheet (None when it has none); openpyxl's exceptions for a file
    that is no workbook."""
    reader = ExcelReader(
        io.BytesIO(data), read_only=True, keep_vba=False, data_only=False, keep_links=False
    )
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # the number formats that make a cell a date
    for sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            first = FirstSheet(reader.wb, sheet.name, rel.target, reader.shared_strings)
            return first
    return None
