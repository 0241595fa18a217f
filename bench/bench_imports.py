"""Bad import files that cost too much: time and peak memory of refusing them (prints figures,
asserts nothing).

    .venv/bin/python bench/bench_imports.py                 # 2,000,000-row sheet, 200,000 bad rows
    .venv/bin/python bench/bench_imports.py --rows 200000 --bad-rows 20000   # a quicker look

In a temporary folder (PACKDESK_HOME points there) it writes the files below and imports each
through the real command line (``python -m app --db sqlite:///… import orders FILE``) in a
child process, reporting the wall time, the child's peak RSS, its exit code and the first line
it printed:

* ``no-order-no.xlsx``: a small XLSX (the sheet XML compresses about 400:1) whose header lacks
  ``order_no`` and whose sheet holds ``--rows`` rows;
* ``too-many-rows.xlsx``: the same sheet with the whole order header, declaring its size in
  ``<dimension>``;
* ``too-many-rows-undeclared.xlsx``: the same without ``<dimension>`` (the rows are counted);
* ``bad-rows.csv``: an orders CSV of ``--bad-rows`` rows that each lack ten required values.

See bench/README.md for the figures measured.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.services.imports import REQUIRED_COLUMNS, ImportKind  # noqa: E402

# The columns an orders file needs, as the importer names them.
ORDER_HEADER = REQUIRED_COLUMNS[ImportKind.ORDERS]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="orders" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _sheet_xml(header: tuple[str, ...], rows: int, declare: bool) -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    if declare:
        yield f'<dimension ref="A1:L{rows + 1}"/>'
    yield "<sheetData><row>"
    yield "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in header)
    yield "</row>"
    batch = []
    for n in range(rows):
        batch.append(f"<row><c><v>{n % 1000}</v></c></row>")
        if len(batch) == 10_000:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)
    yield "</sheetData></worksheet>"


def write_xlsx(path: Path, header: tuple[str, ...], rows: int, *, declare: bool) -> Path:
    """A minimal workbook written part by part (the sheet streamed), so that it stays small."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in _sheet_xml(header, rows, declare):
                sheet.write(part.encode())
    return path


def write_bad_csv(path: Path, rows: int) -> Path:
    """Every row has an order number and a qty, and nothing else: ten missing values each."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(ORDER_HEADER) + "\r\n")
        for n in range(rows):
            out.write(f"{n},,,,,,,,,,,1\r\n")
    return path


def measure(args: list[str], env: dict[str, str], folder: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, first line of stderr) of one command-line run."""
    err_path = folder / "stderr.txt"
    with err_path.open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = err_path.read_text(encoding="utf-8", errors="replace").splitlines()
    said = " / ".join(lines[:2])
    if len(lines) > 2:
        said += f" / … ({len(lines)} lines)"
    return seconds, usage.ru_maxrss / 1024, child.returncode, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows of the XLSX sheets")
    parser.add_argument("--bad-rows", type=int, default=200_000, help="rows of the bad CSV")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="import only these files (e.g. no-order-no.xlsx bad-rows.csv): before the row "
        "limit, a whole order header on a 2,000,000-row sheet needs about 10 GB",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="packdesk-bench-imports-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "PACKDESK_HOME": str(folder), "QT_QPA_PLATFORM": "offscreen"}
        url = f"sqlite+pysqlite:///{folder / 'bench.sqlite'}"
        started = time.perf_counter()
        without = tuple(c for c in ORDER_HEADER if c != "order_no")
        files = [
            write_xlsx(folder / "no-order-no.xlsx", without, options.rows, declare=False),
            write_xlsx(folder / "too-many-rows.xlsx", ORDER_HEADER, options.rows, declare=True),
            write_xlsx(
                folder / "too-many-rows-undeclared.xlsx",
                ORDER_HEADER,
                options.rows,
                declare=False,
            ),
            write_bad_csv(folder / "bad-rows.csv", options.bad_rows),
        ]
        print(f"files written in {time.perf_counter() - started:.1f} s")
        measure(["--db", url, "db", "upgrade"], env, folder)
        for path in files:
            if options.only and path.name not in options.only:
                continue
            seconds, peak_mb, code, said = measure(
                ["--db", url, "import", "orders", str(path)], env, folder
            )
            size_kb = path.stat().st_size / 1024
            print(
                f"{path.name:<32} {size_kb:>8,.0f} KB  {seconds:>6.1f} s  {peak_mb:>6,.0f} MB  "
                f"exit {code}  {said[:160]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
