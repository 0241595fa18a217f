"""Documents and printing: waybills, packing slips, stock labels, the print queue."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- what to print (app.services.documents) ---------------------------------------------------

NO_TRACKING_NUMBER = code(
    "doc.no_tracking_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} has no tracking number yet: bind one or take one from "
        "the carrier's pool",
    ),
)
UNKNOWN_LABEL_KIND = code(
    "doc.unknown_label_kind",
    QT_TRANSLATE_NOOP("Message", "unknown label kind '{kind}': use sku, location or lot"),
)
NO_CODES = code(
    "doc.no_codes", QT_TRANSLATE_NOOP("Message", "name at least one code to print labels for")
)
NO_SUCH_SKU = code("doc.no_such_sku", QT_TRANSLATE_NOOP("Message", "no such SKU: {codes}"))
NO_SUCH_LOCATION = code(
    "doc.no_such_location", QT_TRANSLATE_NOOP("Message", "no such location: {codes}")
)
NO_SUCH_LOT = code("doc.no_such_lot", QT_TRANSLATE_NOOP("Message", "no such lot: {codes}"))
NO_WAVE = code("doc.no_wave", QT_TRANSLATE_NOOP("Message", "no wave {wave}: nothing to print"))
ORDER_OR_WAVE_MISSING = code(
    "doc.order_or_wave_missing",
    QT_TRANSLATE_NOOP("Message", "scan or type an order number or a wave code"),
)
NO_ORDER_OR_WAVE = code(
    "doc.no_order_or_wave", QT_TRANSLATE_NOOP("Message", "no order or wave {ref}")
)

# --- the label print queue (app.services.printing_jobs) ---------------------------------------

JOB_NEEDS_PRINTER = code(
    "print.needs_printer", QT_TRANSLATE_NOOP("Message", "a print job needs a printer name")
)
JOB_UNKNOWN_LANGUAGE = code(
    "print.unknown_language",
    QT_TRANSLATE_NOOP("Message", "unknown printer language '{language}': use zpl or tspl"),
)
JOB_EMPTY = code(
    "print.empty", QT_TRANSLATE_NOOP("Message", "a print job needs something to print")
)
REPRINT_REASON_MISSING = code(
    "print.reprint_reason_missing",
    QT_TRANSLATE_NOOP("Message", "say why the label is printed again"),
)
JOB_NOT_FOUND = code(
    "print.job_not_found", QT_TRANSLATE_NOOP("Message", "print job #{job} not found")
)

# --- the command line's own words (app.cli) ------------------------------------------------

CLI_NO_TRACKING_NUMBER = code(
    "doc.cli_no_tracking_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} has no tracking number yet: bind one (packdesk bind "
        "{order} NUMBER) or take one from the carrier's pool",
    ),
)
#: the command line's "cannot write" is the label desk's (app.messages.labels.CANNOT_SAVE)

# --- barcodes on SKUs (app.domain.barcodes): what is printed on labels and scanned ------------

BARCODE_EMPTY = code("barcode.empty", QT_TRANSLATE_NOOP("Message", "empty barcode"))
BARCODE_CHECK_DIGIT = code(
    "barcode.check_digit",
    QT_TRANSLATE_NOOP("Message", "{kind} {code}: wrong check digit (expected {expected})"),
)
BARCODE_NOT_PRINTABLE = code(
    "barcode.not_printable",
    QT_TRANSLATE_NOOP(
        "Message", "barcode '{code}': internal codes must be 1-48 printable ASCII characters"
    ),
)
