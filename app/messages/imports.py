"""Imports and exports: file formats, rows and columns refused, the demo warehouse, the database."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- the file as a whole ---------------------------------------------------------------------

CANNOT_READ = code(
    "import.cannot_read", QT_TRANSLATE_NOOP("Message", "cannot read the file {file}: {reason}")
)
NO_SUCH_FILE = code("import.no_such_file", QT_TRANSLATE_NOOP("Message", "{path}: no such file"))
IS_DIRECTORY = code(
    "import.is_directory",
    QT_TRANSLATE_NOOP("Message", "{path} is a directory, not a file; choose the file in it"),
)
NOT_REGULAR_FILE = code(
    "import.not_regular_file",
    QT_TRANSLATE_NOOP(
        "Message",
        "{path} is not a regular file (it is a device, a pipe or a socket); "
        "choose a CSV or Excel file",
    ),
)
OLD_XLS = code(
    "import.old_xls",
    QT_TRANSLATE_NOOP(
        "Message",
        "this is an old Excel .xls file, which cannot be read; "
        "save it as Excel Workbook (.xlsx) or CSV UTF-8",
    ),
)
XLSX_DAMAGED = code(
    "import.xlsx_damaged",
    QT_TRANSLATE_NOOP(
        "Message",
        "cannot read the Excel file: it is damaged or not an Excel workbook (.xlsx) ({error}); "
        "open it in Excel and save it again",
    ),
)
XLSX_NO_SHEET = code(
    "import.xlsx_no_sheet", QT_TRANSLATE_NOOP("Message", "the Excel file has no worksheet")
)
CSV_MALFORMED = code(
    "import.csv_malformed",
    QT_TRANSLATE_NOOP(
        "Message",
        "the CSV file is malformed near line {line}: {error}; "
        "open it in Excel and save it again as CSV UTF-8",
    ),
)
UNCLOSED_QUOTE = code(
    "import.unclosed_quote",
    QT_TRANSLATE_NOOP(
        "Message",
        "the quote opened on line {line} is never closed: the file is cut short or a quote "
        "is missing",
    ),
)
SHEET_TOO_LARGE = code(
    "import.sheet_too_large",
    QT_TRANSLATE_NOOP(
        "Message",
        "the sheet says it has {rows} rows; an import reads at most {limit}: "
        "split it into smaller files",
    ),
)
TOO_MANY_ROWS = code(
    "import.too_many_rows",
    QT_TRANSLATE_NOOP(
        "Message",
        "the file has more than {limit} rows, more than an import reads: "
        "split it into smaller files",
    ),
)
EMPTY_FILE = code(
    "import.empty_file",
    QT_TRANSLATE_NOOP("Message", "the file is empty: it has no header row and no data"),
)
HEADER_ONLY = code(
    "import.header_only",
    QT_TRANSLATE_NOOP("Message", "the file has only a header row and no data rows"),
)
DUPLICATE_COLUMN = code(
    "import.duplicate_column",
    QT_TRANSLATE_NOOP("Message", "column '{column}' appears twice in the header; keep only one"),
)
MISSING_COLUMN = code(
    "import.missing_column", QT_TRANSLATE_NOOP("Message", "missing column '{column}'")
)
BAD_BOM = code(
    "import.bad_bom",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong encoding: the file starts with a {encoding} byte-order mark but is not valid "
        "{encoding} (first bad byte at line {line}); save it as CSV UTF-8",
    ),
)
NUL_BYTES = code(
    "import.nul_bytes",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong encoding: the file contains NUL bytes (it looks like UTF-16 without a "
        "byte-order mark); save it as CSV UTF-8",
    ),
)
WRONG_ENCODING = code(
    "import.wrong_encoding",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong encoding: the file is neither UTF-8 nor GB18030/GBK "
        "(first bad byte at line {line}); save it as CSV UTF-8",
    ),
)
DATABASE_RACED = code(
    "import.database_raced",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database refused the import, probably because another station changed the same "
        "data at the same moment ({detail}); nothing imported, import the file again",
    ),
)
ALREADY_RECEIVED = code(
    "import.already_received",
    QT_TRANSLATE_NOOP(
        "Message", "this file was already received on {when} by {user}; nothing imported"
    ),
)
MORE_ROWS = code(
    "import.more_rows", QT_TRANSLATE_NOOP("Message", "… and {n} more rows with errors not shown")
)

# --- one row (of a CSV file) -------------------------------------------------------------------

ROW_TOO_SHORT = code(
    "import.row_too_short",
    QT_TRANSLATE_NOOP(
        "Message",
        "line {line} has {cells} cells but the header has {columns}: the row is cut short, "
        "so none of it is read",
    ),
)
ROW_TOO_LONG = code(
    "import.row_too_long",
    QT_TRANSLATE_NOOP(
        "Message",
        "line {line} has {cells} cells but the header has {columns}: a value probably holds "
        "the separator without quotes",
    ),
)

# --- one cell --------------------------------------------------------------------------------

NOT_TEXT = code("import.not_text", QT_TRANSLATE_NOOP("Message", "not a text value: {value}"))
ROUNDED_NUMBER = code(
    "import.rounded_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "the number {value} was rounded by Excel and lost digits; "
        "format the column as Text and type it again",
    ),
)
NOT_YES_NO = code(
    "import.not_yes_no",
    QT_TRANSLATE_NOOP("Message", "not a yes/no value {value} (use 1/0, yes/no or 是/否)"),
)
MISSING_NUMBER = code("import.missing_number", QT_TRANSLATE_NOOP("Message", "missing number"))
MALFORMED_NUMBER = code(
    "import.malformed_number", QT_TRANSLATE_NOOP("Message", "malformed number {value}")
)
TOO_LARGE = code("import.too_large", QT_TRANSLATE_NOOP("Message", "{value} is too large"))
NOT_WHOLE = code("import.not_whole", QT_TRANSLATE_NOOP("Message", "{value} is not a whole number"))
NOT_POSITIVE = code(
    "import.not_positive",
    QT_TRANSLATE_NOOP("Message", "must be a whole number greater than 0, not {value}"),
)
NEGATIVE = code(
    "import.negative",
    QT_TRANSLATE_NOOP("Message", "must be a whole number of 0 or more, not {value}"),
)
NOT_MONEY = code(
    "import.not_money",
    QT_TRANSLATE_NOOP(
        "Message", "must be an amount in yuan of 0 or more (e.g. 45.50), not {value}"
    ),
)
BAD_DATE = code(
    "import.bad_date",
    QT_TRANSLATE_NOOP("Message", "bad date {value} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
)
#: A cell a parser refused without saying why in a code (never expected; the detail is English).
BAD_VALUE = code(
    "import.bad_value", QT_TRANSLATE_NOOP("Message", "cannot read this value: {detail}")
)
MISSING_VALUE = code("import.missing_value", QT_TRANSLATE_NOOP("Message", "missing {column}"))
TOO_LONG = code(
    "import.too_long",
    QT_TRANSLATE_NOOP("Message", "too long: at most {limit} characters, this has {length}"),
)
UNPRINTABLE_CODE = code(
    "import.unprintable_code",
    QT_TRANSLATE_NOOP(
        "Message",
        "contains the invisible character {char} (a line break, a tab or another control "
        "character); a code may hold only visible characters",
    ),
)
YES = code("import.yes", QT_TRANSLATE_NOOP("Message", "yes"))
NO = code("import.no", QT_TRANSLATE_NOOP("Message", "no"))

# --- SKUs --------------------------------------------------------------------------------------

BARCODE_AS_NUMBER = code(
    "import.barcode_as_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "barcode '{barcode}' was turned into a number by Excel and lost digits; "
        "format the column as Text and type the barcodes again",
    ),
)
BARCODE_TWICE = code(
    "import.barcode_twice",
    QT_TRANSLATE_NOOP("Message", "duplicate barcode {barcode}: also on row {row} (SKU {sku})"),
)
BARCODE_TAKEN = code(
    "import.barcode_taken",
    QT_TRANSLATE_NOOP("Message", "duplicate barcode {barcode}: already on SKU {sku}"),
)
SKU_TWICE = code(
    "import.sku_twice", QT_TRANSLATE_NOOP("Message", "duplicate SKU '{sku}': also on row {row}")
)

# --- stock receipts ----------------------------------------------------------------------------

BAD_LOCATION = code(
    "import.bad_location",
    QT_TRANSLATE_NOOP(
        "Message",
        "bad location '{location}': use letters and digits separated by '-', e.g. A-01-02-03",
    ),
)
ZONE_TOO_LONG = code(
    "import.zone_too_long",
    QT_TRANSLATE_NOOP("Message", "bad location '{location}': the zone is over 16 characters"),
)
EXPIRY_BEFORE_RECEIPT = code(
    "import.expiry_before_receipt",
    QT_TRANSLATE_NOOP("Message", "expiry {expiry} is before received_at {received}"),
)
NO_SUCH_SKU = code("import.unknown_sku", QT_TRANSLATE_NOOP("Message", "unknown SKU '{sku}'"))
EXPIRY_REQUIRED = code(
    "import.expiry_required",
    QT_TRANSLATE_NOOP("Message", "expiry required: SKU {sku} is expiry-tracked"),
)
LOT_EXPIRY_DIFFERS = code(
    "import.lot_expiry_differs",
    QT_TRANSLATE_NOOP(
        "Message",
        "lot {lot} of SKU {sku} at {location} has expiry {first} on row {row}, {expiry} here",
    ),
)
LOT_EXPIRY_IN_STOCK = code(
    "import.lot_expiry_in_stock",
    QT_TRANSLATE_NOOP(
        "Message",
        "lot {lot} of SKU {sku} at {location} is already in stock with expiry {stocked}, "
        "not {expiry}",
    ),
)
LOT_TOO_FULL = code(
    "import.lot_too_full",
    QT_TRANSLATE_NOOP(
        "Message",
        "lot {lot} of SKU {sku} at {location} would hold {total} units; a lot holds at most "
        "{limit}",
    ),
)

# --- orders ------------------------------------------------------------------------------------

ORDER_LINES_DIFFER = code(
    "import.order_lines_differ",
    QT_TRANSLATE_NOOP(
        "Message", "differs from row {row} of order {order}: {here} here, {there} there"
    ),
)
BAD_PLATFORM_STATUS = code(
    "import.bad_platform_status",
    QT_TRANSLATE_NOOP(
        "Message", "status '{value}' is not one the import knows: write one of {known}"
    ),
)

# --- where a problem is (the CLI's list and the import dialog) ---------------------------------

REFUSED = code(
    "import.refused", QT_TRANSLATE_NOOP("Message", "{file}: nothing imported, {n} problem(s):")
)
AT_CELL = code(
    "import.at_cell", QT_TRANSLATE_NOOP("Message", "row {row}, column {column}: {problem}")
)
AT_ROW = code("import.at_row", QT_TRANSLATE_NOOP("Message", "row {row}: {problem}"))
IN_FILE = code("import.in_file", QT_TRANSLATE_NOOP("Message", "file: {problem}"))
#: The command line's one sentence for a file refused as a whole.
FILE_REFUSED = code(
    "import.file_refused", QT_TRANSLATE_NOOP("Message", "{file}: nothing imported: {problem}")
)

# --- the demo warehouse and the database -------------------------------------------------------

DEMO_IN_USE = code(
    "demo.in_use",
    QT_TRANSLATE_NOOP(
        "Message",
        "{file} is in use ({reason}); close Packdesk where it is open and build the demo again.",
    ),
)
DEMO_NOT_A_DEMO = code(
    "demo.not_a_demo",
    QT_TRANSLATE_NOOP("Message", "{database} is not a demo database; refusing to overwrite it"),
)
DEMO_NOT_PACKDESK = code(
    "demo.not_packdesk",
    QT_TRANSLATE_NOOP(
        "Message", "{file} is not a Packdesk database ({error}); refusing to overwrite it"
    ),
)
DEMO_NEGATIVE = code(
    "demo.negative_orders",
    QT_TRANSLATE_NOOP("Message", "the number of orders cannot be negative"),
)
#: The command line's advice after a refused demo build.
DEMO_USE_NEW_FILE = code(
    "demo.use_new_file", QT_TRANSLATE_NOOP("Message", "{problem}. Use --db with a new file.")
)
