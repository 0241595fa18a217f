"""Picking: the pick station's refusals and what a short pick did."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

TASK_NOT_FOUND = code(
    "pick.task_not_found", QT_TRANSLATE_NOOP("Message", "pick task {task} not found")
)
TASK_DATA_GONE = code(
    "pick.task_data_gone",
    QT_TRANSLATE_NOOP(
        "Message",
        "pick task {task}: its lot, wave or order no longer exists — scan the wave again",
    ),
)
TASK_ALREADY = code(
    "pick.task_already",
    QT_TRANSLATE_NOOP("Message", "this task is already {status}; go to the next one"),
)
WRONG_LOCATION = code(
    "pick.wrong_location",
    QT_TRANSLATE_NOOP("Message", "wrong location: you scanned {scanned}; go to {location}"),
)
UNKNOWN_BARCODE = code(
    "pick.unknown_barcode",
    QT_TRANSLATE_NOOP("Message", "unknown barcode {code}: not on any SKU"),
)
WRONG_ITEM = code(
    "pick.wrong_item",
    QT_TRANSLATE_NOOP("Message", "wrong item: you scanned {sku} ({name}); this task is {want}"),
)
WRONG_LOT = code(
    "pick.wrong_lot",
    QT_TRANSLATE_NOOP("Message", "wrong lot: you scanned lot {lot}; this task is lot {want}"),
)
BAD_QUANTITY = code(
    "pick.bad_quantity", QT_TRANSLATE_NOOP("Message", "the quantity must be at least 1")
)
OVER_QUANTITY = code(
    "pick.over_quantity",
    QT_TRANSLATE_NOOP("Message", "over quantity: this task needs {remaining} more, not {qty}"),
)
CANNOT_PICK = code(
    "pick.cannot_pick",
    QT_TRANSLATE_NOOP(
        "Message", "cannot pick {qty} for a task of {of} ({picked} picked) — scan the wave again"
    ),
)
SHORT_REASON_MISSING = code(
    "pick.short_reason_missing",
    QT_TRANSLATE_NOOP("Message", "say why the units are missing (e.g. empty location, damaged)"),
)
