"""Cancel, hold, release (拦截), put-away (上架/还库) and intercepts: refusals and results."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

TOO_LATE = code(
    "cancel.too_late",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status}: too late to cancel — if the buyer sends it back, it is a "
        "return",
    ),
)
ALREADY_CANCELLED = code(
    "cancel.already_cancelled",
    QT_TRANSLATE_NOOP("Message", "order {order} is cancelled already — nothing more to do"),
)
ALREADY_HELD = code(
    "cancel.already_held",
    QT_TRANSLATE_NOOP("Message", "order {order} is on hold already — release it first"),
)
CANNOT_HOLD = code(
    "cancel.cannot_hold",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status}: it cannot be put on hold — cancel it to ask the carrier "
        "for an intercept",
    ),
)
NOT_HELD = code(
    "cancel.not_held",
    QT_TRANSLATE_NOOP("Message", "order {order} is {status}, not on hold: nothing to release"),
)
INTERCEPT_ALREADY = code(
    "cancel.intercept_already",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} has shipped and its intercept request is on the list already — "
        "customer service follows it up with the carrier",
    ),
)
NOTHING_TO_UNPACK = code(
    "cancel.nothing_to_unpack",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} has no intercepted parcel in the warehouse: nothing to unpack",
    ),
)
TAKE_IT_OUT = code(
    "intercept.take_it_out",
    QT_TRANSLATE_NOOP(
        "Message",
        "intercept: order {order} is {status} — take parcel {number} out, it must not go",
    ),
)
PICK_CANCELLED = code(
    "pick.task_cancelled",
    QT_TRANSLATE_NOOP(
        "Message",
        "cancelled: order {order} was cancelled — don't pick it; go to the next task",
    ),
)
PICK_ON_HOLD = code(
    "pick.order_on_hold",
    QT_TRANSLATE_NOOP(
        "Message",
        "on hold: order {order} is on hold — don't pick it now; go to the next task",
    ),
)
VOIDED_NUMBER = code(
    "ship.voided_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "tracking number {number} was voided when order {order} was cancelled and is never "
        "used again — take a new number",
    ),
)

# --- put-away ----------------------------------------------------------------------------------

PUTAWAY_NOT_FOUND = code(
    "putaway.not_found", QT_TRANSLATE_NOOP("Message", "put-away task {task} not found")
)
PUTAWAY_DONE_ALREADY = code(
    "putaway.done_already",
    QT_TRANSLATE_NOOP(
        "Message", "put-away task {task} was done already by {by} at {at}; take the next one"
    ),
)
PUTAWAY_WRONG_LOCATION = code(
    "putaway.wrong_location",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong location: you scanned {scanned}; put task {task} back at {location}",
    ),
)
PUTAWAY_WRONG_ITEM = code(
    "putaway.wrong_item",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong item: you scanned {scanned}; task {task} puts back {sku} (lot {lot})",
    ),
)
PUTAWAY_CONFIRMED = code(
    "putaway.confirmed",
    QT_TRANSLATE_NOOP(
        "Message", "put away: {qty} × {sku} (lot {lot}) back at {location} — task {task} done"
    ),
)
PUTAWAY_NOTHING_OPEN = code(
    "putaway.nothing_open",
    QT_TRANSLATE_NOOP("Message", "no put-away task is open — nothing to put back"),
)
PUTAWAY_SCAN_LOCATION = code(
    "putaway.scan_location",
    QT_TRANSLATE_NOOP(
        "Message", "task {task}: take {qty} × {sku} (lot {lot}) to {location} — scan the location"
    ),
)
PUTAWAY_SCAN_ITEM = code(
    "putaway.scan_item",
    QT_TRANSLATE_NOOP(
        "Message", "at {location}: scan one {sku} to confirm {qty} put back on the shelf"
    ),
)
PUTAWAY_NOT_A_TASK = code(
    "putaway.not_a_task",
    QT_TRANSLATE_NOOP("Message", "{code} is not a put-away task number"),
)
