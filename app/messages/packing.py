"""Packing: the pack check, weighing, closing a parcel, the waybill scan, claims."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- how a sentence names a line or an item -----------------------------------------------------

LINE_NAMED = code("pack.line_named", QT_TRANSLATE_NOOP("Message", "SKU {sku} ({name})"))
LINE = code("pack.line", QT_TRANSLATE_NOOP("Message", "SKU {sku}"))
GIFT = code("pack.gift", QT_TRANSLATE_NOOP("Message", "gift {line}"))
SKU_LOT = code("pack.sku_lot", QT_TRANSLATE_NOOP("Message", "SKU {sku} lot {lot}"))
ITEM = code("pack.item", QT_TRANSLATE_NOOP("Message", "item {code}"))

# --- the order must not be packed --------------------------------------------------------------

CANCELLED = code(
    "pack.cancelled",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} was cancelled — stop packing: its items are put-away tasks now, put "
        "them on the put-away cart",
    ),
)
ON_HOLD = code(
    "pack.on_hold",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is on hold — stop packing, put the items in the hold area and tell a "
        "supervisor",
    ),
)
CHANGED = code(
    "pack.changed",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} changed after picking (address or payment) — stop packing, put the items "
        "aside and ask a supervisor to review it again",
    ),
)
CHANGED_WHAT = code(
    "pack.changed_what",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} changed after picking: {changes} — stop packing, put the items aside "
        "and ask a supervisor to confirm the change",
    ),
)
BACK_TO_REVIEW = code(
    "pack.back_to_review",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} changed on the platform: {changes} — stop packing: it goes back to "
        "review, and its items are put-away tasks now, put them on the put-away cart",
    ),
)
NOT_PACKABLE = code(
    "pack.not_packable",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status}, not waiting to be packed — put the items aside and ask a "
        "supervisor",
    ),
)
WAITS_FOR_HANDOVER = code(
    "pack.waits_for_handover",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is packed and every label checked — it waits for the courier's handover; "
        "put it with the parcels of its carrier",
    ),
)
ALREADY_DONE = code(
    "pack.already_done",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status} already — nothing to pack; put the items aside and ask a "
        "supervisor",
    ),
)
LINES_CHANGED = code(
    "pack.lines_changed",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: the lines changed while packing — stop packing, put the items aside and "
        "ask a supervisor to review the order",
    ),
)
NO_LINES = code(
    "pack.no_lines",
    QT_TRANSLATE_NOOP("Message", "order {order} has no lines — nothing to pack; ask a supervisor"),
)
NO_SUCH_LINE = code(
    "pack.no_such_line", QT_TRANSLATE_NOOP("Message", "order {order} has no line {line}")
)
INSERT_UNKNOWN = code(
    "pack.insert_unknown",
    QT_TRANSLATE_NOOP(
        "Message",
        "{code} is not an insert of order {order} (its inserts: {known}) — check the insert and "
        "confirm the right one",
    ),
)

# --- item scans --------------------------------------------------------------------------------

BAD_QUANTITY = code(
    "pack.bad_quantity",
    QT_TRANSLATE_NOOP(
        "Message",
        "quantity must be at least 1, not {qty} — type the number of units and scan again",
    ),
)
OTHER_ORDER = code(
    "pack.other_order",
    QT_TRANSLATE_NOOP(
        "Message",
        "{what} belongs to order {other}, also open at this station — put it with order {other}, "
        "not in {order}",
    ),
)
NOT_IN_ORDER = code(
    "pack.not_in_order",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong item: SKU {sku} is not in order {order} — put it back and scan an item of this "
        "order",
    ),
)
UNKNOWN_BARCODE = code(
    "pack.unknown_barcode",
    QT_TRANSLATE_NOOP(
        "Message",
        "unknown barcode {code}: not on any SKU — scan another barcode on the item, or set it "
        "aside and ask a supervisor to add the barcode",
    ),
)
WRONG_LOT = code(
    "pack.wrong_lot",
    QT_TRANSLATE_NOOP(
        "Message",
        "wrong lot: SKU {sku} lot {lot} scanned, the picked lot is {picked} — put it back and "
        "take one from lot {picked}",
    ),
)
EXPIRES_TODAY = code(
    "pack.expires_today",
    QT_TRANSLATE_NOOP(
        "Message",
        "expired: {what} expires today — do not pack it; put it in quarantine and ask a "
        "supervisor for a unit from another lot",
    ),
)
EXPIRED = code(
    "pack.expired",
    QT_TRANSLATE_NOOP(
        "Message",
        "expired: {what} expired on {date} — do not pack it; put it in quarantine and ask a "
        "supervisor for a unit from another lot",
    ),
)
BULK_NEEDS_QTY = code(
    "pack.bulk_needs_qty",
    QT_TRANSLATE_NOOP(
        "Message",
        "{line} is counted, not scanned one by one — type the quantity ({n} still needed), then "
        "scan it again",
    ),
)
SCAN_EACH_UNIT = code(
    "pack.scan_each_unit",
    QT_TRANSLATE_NOOP(
        "Message",
        "{line} is checked unit by unit — scan each item instead of typing a quantity ({n} still "
        "needed)",
    ),
)
OVER_ONE = code(
    "pack.over_one",
    QT_TRANSLATE_NOOP(
        "Message",
        "more than ordered: SKU {sku} needs {needed}, this would be {would} — put one back",
    ),
)
OVER_MANY = code(
    "pack.over_many",
    QT_TRANSLATE_NOOP(
        "Message",
        "more than ordered: SKU {sku} needs {needed}, this would be {would} — put {extra} back",
    ),
)
SCANNED = code("pack.scanned", QT_TRANSLATE_NOOP("Message", "{line}: {n} of {qty} scanned"))
LINE_COMPLETE = code(
    "pack.line_complete",
    QT_TRANSLATE_NOOP("Message", "{line}: {n} of {qty} scanned — line complete"),
)
ALL_SCANNED = code(
    "pack.all_scanned",
    QT_TRANSLATE_NOOP("Message", "{line}: {n} of {qty} scanned — all items scanned"),
)

# --- what is missing before the order can close ------------------------------------------------

LINE_MISSING = code(
    "pack.line_missing",
    QT_TRANSLATE_NOOP("Message", "{line}: {n} of {qty} scanned — scan {missing} more"),
)
GIFT_MISSING = code(
    "pack.gift_missing",
    QT_TRANSLATE_NOOP(
        "Message", "{line}: {n} of {qty} scanned — scan the gift too ({missing} more)"
    ),
)
INSERT_NOT_CONFIRMED = code(
    "pack.insert_not_confirmed",
    QT_TRANSLATE_NOOP(
        "Message", "insert {code} ({name}) not confirmed — put it in the parcel and confirm it"
    ),
)
DAMAGE_CHECK_MISSING = code(
    "pack.damage_check_missing",
    QT_TRANSLATE_NOOP(
        "Message", "damage check not confirmed — look the items over for damage and confirm"
    ),
)
CANNOT_CLOSE = code(
    "pack.cannot_close",
    QT_TRANSLATE_NOOP("Message", "order {order} cannot be closed yet: {reasons}"),
)

# --- undo, damaged units, parcels, the event log -----------------------------------------------

NOTHING_TO_UNDO = code(
    "pack.nothing_to_undo", QT_TRANSLATE_NOOP("Message", "nothing to undo: no scan is counted")
)
UNDO_NOT_YOURS = code(
    "pack.undo_not_yours",
    QT_TRANSLATE_NOOP(
        "Message",
        "the last scan ({line}) was made by {by}, not {me} — ask {by} or a supervisor to undo it",
    ),
)
UNDO_ONLY_LAST = code(
    "pack.undo_only_last",
    QT_TRANSLATE_NOOP(
        "Message", "order {order}: only the last scan still counted can be undone, not scan {seq}"
    ),
)
UNDO_CLOSED_PARCEL = code(
    "pack.undo_closed_parcel",
    QT_TRANSLATE_NOOP(
        "Message",
        "the last scan ({line}) went into parcel {parcel}, which is closed — ask a supervisor to "
        "reopen it",
    ),
)
UNDO_SWAPPED = code(
    "pack.undo_swapped",
    QT_TRANSLATE_NOOP(
        "Message",
        "the last scan ({line}) cannot be undone: a unit of it was already swapped out as "
        "damaged — take out the units by hand and ask a supervisor",
    ),
)
NONE_TO_SWAP = code(
    "pack.none_to_swap",
    QT_TRANSLATE_NOOP(
        "Message",
        "no unit of {line} is in the open parcel {parcel} — nothing to swap out; scan the damaged "
        "item's line in this parcel",
    ),
)
DAMAGED_NOT_IN_ORDER = code(
    "pack.damaged_not_in_order",
    QT_TRANSLATE_NOOP(
        "Message",
        "{what} is not in order {order} — scan the damaged item itself (an item of this order, in "
        "the open parcel)",
    ),
)
NOTHING_LEFT = code(
    "pack.nothing_left",
    QT_TRANSLATE_NOOP(
        "Message",
        "every item of order {order} is scanned — nothing is left for parcel {parcel}; close the "
        "order instead",
    ),
)
PARCEL_EMPTY = code(
    "pack.parcel_empty",
    QT_TRANSLATE_NOOP(
        "Message", "parcel {parcel} of order {order} is empty — scan items into it first"
    ),
)
NO_SUCH_PARCEL = code(
    "pack.no_such_parcel", QT_TRANSLATE_NOOP("Message", "order {order} has no parcel {parcel}")
)
NOT_OPEN_PARCEL = code(
    "pack.not_open_parcel",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: parcel {parcel} is not the open parcel ({open}) — ask a supervisor",
    ),
)
SCAN_OVER_ON_REPLAY = code(
    "pack.scan_over_on_replay",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: scan {seq} would make {line} more than ordered — ask a supervisor",
    ),
)
EVENT_DIFFERS = code(
    "pack.event_differs",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: event {seq} differs from the one already recorded under that number — "
        "ask a supervisor",
    ),
)
EVENT_MISSING = code(
    "pack.event_missing",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: event {first} is missing, so the packing cannot be restored — ask a "
        "supervisor",
    ),
)
EVENTS_MISSING = code(
    "pack.events_missing",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: events {first} to {last} are missing, so the packing cannot be restored — "
        "ask a supervisor",
    ),
)
PARCEL_CLOSED = code(
    "pack.parcel_closed",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} is closed — scan its waybill label, or ask a supervisor "
        "to reopen it",
    ),
)

# --- weight ------------------------------------------------------------------------------------

WEIGHT_OK = code(
    "pack.weight_ok",
    QT_TRANSLATE_NOOP(
        "Message", "weight OK: {measured} measured, {expected} expected ±{tolerance}"
    ),
)
TOO_HEAVY = code(
    "pack.too_heavy",
    QT_TRANSLATE_NOOP(
        "Message",
        "too heavy: {measured} measured, {expected} expected ±{tolerance} ({difference} over) — "
        "look for an extra item or the wrong packaging, then weigh again",
    ),
)
TOO_LIGHT = code(
    "pack.too_light",
    QT_TRANSLATE_NOOP(
        "Message",
        "too light: {measured} measured, {expected} expected ±{tolerance} ({difference} under) — "
        "look for a missing item, then weigh again",
    ),
)
NO_PACKAGING = code(
    "pack.no_packaging",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} has no box or bag yet — scan the packaging's code ({codes}), then weigh",
    ),
)
NOT_WEIGHED = code(
    "pack.not_weighed",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} is not weighed yet — put it on the scale (about "
        "{expected} expected)",
    ),
)
WEIGHT_REFUSED = code(
    "pack.weight_refused",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order}: the weight was refused — find what is wrong and weigh "
        "it again, or ask a supervisor to accept it",
    ),
)
NOT_WEIGHED_FOR_OVERRIDE = code(
    "pack.not_weighed_for_override",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} has not been weighed — weigh it first; an override "
        "accepts a refused weight",
    ),
)
WEIGHT_WITHIN = code(
    "pack.weight_within",
    QT_TRANSLATE_NOOP("Message", "the weight of parcel {parcel} is within tolerance already"),
)
OVERRIDE_REASON_MISSING = code(
    "pack.override_reason_missing",
    QT_TRANSLATE_NOOP("Message", "say why the weight is accepted (e.g. the SKU's weight is wrong)"),
)
NEGATIVE_TARE = code(
    "pack.negative_tare",
    QT_TRANSLATE_NOOP("Message", "the tare of {what} cannot be negative ({tare})"),
)

# --- closing and the waybill -------------------------------------------------------------------

PACKED_ALREADY = code(
    "pack.packed_already",
    QT_TRANSLATE_NOOP("Message", "order {order} is packed already — scan the waybill label"),
)
CANNOT_SHIP_NOW = code(
    "pack.cannot_ship_now", QT_TRANSLATE_NOOP("Message", "order {order} cannot ship now")
)
NO_PARCEL_WAITING = code(
    "pack.no_parcel_waiting",
    QT_TRANSLATE_NOOP(
        "Message",
        "no parcel of order {order} is closed and waiting for its label — close parcel {parcel} "
        "first",
    ),
)
NO_TRACKING_YET = code(
    "pack.no_tracking_yet",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} has no tracking number yet — print its waybill first, "
        "then scan the label",
    ),
)
LABEL_OF_OTHER_ORDER = code(
    "pack.label_of_other_order",
    QT_TRANSLATE_NOOP(
        "Message",
        "this label belongs to order {other}, not {order} — take it off and stick on the label "
        "{number}",
    ),
)
LABEL_OF_OTHER_PARCEL = code(
    "pack.label_of_other_parcel",
    QT_TRANSLATE_NOOP(
        "Message",
        "{code} is parcel {other}'s label, not parcel {parcel}'s: parcel {parcel} of order {order} "
        "has {number} — stick on the right label and scan it",
    ),
)
LABEL_WRONG = code(
    "pack.label_wrong",
    QT_TRANSLATE_NOOP(
        "Message",
        "{code} is not this parcel's label: parcel {parcel} of order {order} has {number} — stick "
        "on the right label and scan it",
    ),
)

# --- opening, claims, stations ----------------------------------------------------------------

NO_STATION_NAME = code(
    "pack.no_station_name",
    QT_TRANSLATE_NOOP("Message", "the station has no name; set it in the station settings"),
)
NOTHING_SCANNED = code(
    "pack.nothing_scanned",
    QT_TRANSLATE_NOOP(
        "Message", "nothing was scanned — scan the order number or the waybill label"
    ),
)
ORDER_IN_SHOPS = code(
    "pack.order_in_shops",
    QT_TRANSLATE_NOOP(
        "Message",
        "order no {order} exists in several shops ({shops}) — scan the waybill label instead",
    ),
)
NO_SINGLE_ITEM_ORDER = code(
    "pack.no_single_item_order",
    QT_TRANSLATE_NOOP(
        "Message",
        "no picked single-item order is waiting for SKU {sku} — scan the order number or the "
        "waybill label instead",
    ),
)
NOTHING_MATCHES = code(
    "pack.nothing_matches",
    QT_TRANSLATE_NOOP(
        "Message",
        "no order, waybill or item matches {code} — scan the order number or the waybill label",
    ),
)
CLAIMED_ELSEWHERE = code(
    "pack.claimed_elsewhere",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is being packed at station {station} by {packer} since {since} — pack "
        "another order, or ask a supervisor to release it",
    ),
)
JUST_OPENED_ELSEWHERE = code(
    "pack.just_opened_elsewhere",
    QT_TRANSLATE_NOOP(
        "Message", "order {order} was just opened at another station — pack another order"
    ),
)
NOT_OPEN_HERE = code(
    "pack.not_open_here",
    QT_TRANSLATE_NOOP(
        "Message", "order {order} is not open at station {station} — scan the order to open it"
    ),
)
HELD_ELSEWHERE = code(
    "pack.held_elsewhere",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is held by station {station} ({packer}), not {here} — if its items are "
        "here, put them aside and tell a supervisor",
    ),
)
RELEASE_NOT_YOURS = code(
    "pack.release_not_yours",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is held by station {station} ({packer}) — only that station or a "
        "supervisor can release it",
    ),
)
RELEASE_REASON_MISSING = code(
    "pack.release_reason_missing",
    QT_TRANSLATE_NOOP("Message", "say why the other station's claim is released"),
)
SAME_MOMENT = code(
    "pack.same_moment",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order}: another action was recorded at the same moment — scan the order again to "
        "see where it stands",
    ),
)
NO_SLOTS = code(
    "pack.no_slots",
    QT_TRANSLATE_NOOP(
        "Message",
        "wave {wave} has no slots (a single-item wave): scan the item or the order number",
    ),
)
NO_SUCH_SLOT = code(
    "pack.no_such_slot",
    QT_TRANSLATE_NOOP("Message", "wave {wave} has no slot {slot}; its slots are {first} to {last}"),
)
