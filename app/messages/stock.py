"""Stock on screen and on the command line: the stock ledger, the search for a SKU, lot or
location, the low-stock list (库存预警 / 补货) and their exports."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

NO_SCOPE = code(
    "stock.no_scope",
    QT_TRANSLATE_NOOP(
        "Message", "say whose stock ledger to show: a SKU, a lot code or a location code"
    ),
)
UNKNOWN_SKU = code(
    "stock.unknown_sku",
    QT_TRANSLATE_NOOP(
        "Message", "there is no SKU {sku} (neither a SKU code nor a barcode) — check the code"
    ),
)
UNKNOWN_LOT = code(
    "stock.unknown_lot",
    QT_TRANSLATE_NOOP("Message", "there is no lot {lot} — check the lot code on the label"),
)
UNKNOWN_LOCATION = code(
    "stock.unknown_location",
    QT_TRANSLATE_NOOP(
        "Message",
        "there is no location {location} — location codes look like A-01-02-03",
    ),
)
NOT_FOUND = code(
    "stock.not_found",
    QT_TRANSLATE_NOOP(
        "Message",
        "nothing in stock is called {text}: it is no SKU code, barcode, location code or lot "
        "code here",
    ),
)
DATES_REVERSED = code(
    "stock.dates_reversed",
    QT_TRANSLATE_NOOP(
        "Message",
        "the ledger from {since} to {until} cannot have moves: the start is after the end",
    ),
)
NOT_A_DATE = code(
    "stock.not_a_date",
    QT_TRANSLATE_NOOP("Message", "{field}: '{text}' is not a date (write it as 2026-12-01)"),
)
EXPORTED = code(
    "stock.exported",
    QT_TRANSLATE_NOOP("Message", "{rows} rows written to {file}."),
)
NONE_LOW = code(
    "stock.none_low",
    QT_TRANSLATE_NOOP("Message", "no SKU is below its low-stock threshold"),
)
NO_MOVES = code(
    "stock.no_moves",
    QT_TRANSLATE_NOOP("Message", "no stock move matches (check the dates)"),
)
