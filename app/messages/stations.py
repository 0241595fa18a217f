"""Scan stations: what the pick, pack and bind screens say between service calls."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- every scan station ---------------------------------------------------------------------

BOTH = code("station.both", QT_TRANSLATE_NOOP("Message", "{first} {second}"))
NOTHING_TO_ACKNOWLEDGE = code(
    "station.nothing_to_acknowledge", QT_TRANSLATE_NOOP("Message", "Nothing to acknowledge.")
)
ACKNOWLEDGE_FIRST = code(
    "station.acknowledge_first",
    QT_TRANSLATE_NOOP("Message", "Acknowledge first (Esc or scan CLEAR), then scan again."),
)
# --- the pack station -------------------------------------------------------------------------

REASON_EXPECTED = code(
    "station.reason_expected",
    QT_TRANSLATE_NOOP("Message", "Type the reason, then Enter; Esc cancels the override."),
)
PRINTING_WAIT = code(
    "station.printing_wait",
    QT_TRANSLATE_NOOP("Message", "The waybill is being printed: wait for it, then scan it."),
)
WAVE_SCANNED = code(
    "station.wave_scanned",
    QT_TRANSLATE_NOOP(
        "Message", "Wave {wave}: scan or type the slot number of the order in front of you."
    ),
)
ORDER_OPEN = code(
    "station.order_open", QT_TRANSLATE_NOOP("Message", "Order {order} open: {n} item(s) to scan.")
)
ORDER_BY_ITEM = code(
    "station.order_by_item",
    QT_TRANSLATE_NOOP("Message", "Order {order} found by its item; the item is counted."),
)
TAKEN_OVER = code(
    "station.taken_over", QT_TRANSLATE_NOOP("Message", "Taken over from station {station}.")
)
QUANTITY_NEXT = code(
    "station.quantity_next", QT_TRANSLATE_NOOP("Message", "Quantity {n}: now scan the item.")
)
QUANTITY_DROPPED = code(
    "station.quantity_dropped", QT_TRANSLATE_NOOP("Message", "The typed quantity was dropped.")
)
INSERT_IN = code(
    "station.insert_in", QT_TRANSLATE_NOOP("Message", "Insert {name} is in the parcel.")
)
NO_INSERT_WAITING = code(
    "station.no_insert_waiting",
    QT_TRANSLATE_NOOP("Message", "No insert is waiting for this order."),
)
PACKAGING_CHOSEN = code(
    "station.packaging_chosen",
    QT_TRANSLATE_NOOP(
        "Message", "Parcel {n} goes into {name} ({code}, {tare}): expected weight {expected}."
    ),
)
PACKAGING_DEFAULT = code(
    "station.packaging_default",
    QT_TRANSLATE_NOOP(
        "Message", "No box or bag was scanned: parcel {n} goes into the station's {name} ({code})."
    ),
)
SCAN_ORDER_FIRST = code(
    "station.scan_order_first", QT_TRANSLATE_NOOP("Message", "Scan an order first.")
)
FINISH_FIRST = code(
    "station.finish_first",
    QT_TRANSLATE_NOOP("Message", "Finish the supervisor's override or the printing first."),
)
UNDONE = code("station.undone", QT_TRANSLATE_NOOP("Message", "Last scan undone: {n} / {m} items."))
NO_DAMAGE_CHECK = code(
    "station.no_damage_check",
    QT_TRANSLATE_NOOP("Message", "No damage check is needed for this order."),
)
DAMAGE_CHECKED = code("station.damage_checked", QT_TRANSLATE_NOOP("Message", "Damage check done."))
NOTHING_TO_TAKE_OUT = code(
    "station.nothing_to_take_out",
    QT_TRANSLATE_NOOP(
        "Message", "Nothing to take out: F7 works on the items scanned into the open parcel."
    ),
)
SCAN_DAMAGED = code(
    "station.scan_damaged",
    QT_TRANSLATE_NOOP("Message", "Scan the damaged item: it comes out of the parcel."),
)
NOTHING_TAKEN_OUT = code(
    "station.nothing_taken_out", QT_TRANSLATE_NOOP("Message", "Nothing was taken out as damaged.")
)
DAMAGED_BOOKED = code(
    "station.damaged_booked",
    QT_TRANSLATE_NOOP(
        "Message",
        "Damaged {item} taken out and booked to quarantine ({location}): put it in the quarantine "
        "box, put a replacement in the parcel and scan it.",
    ),
)
DAMAGED_TO_BOOK = code(
    "station.damaged_to_book",
    QT_TRANSLATE_NOOP(
        "Message",
        "Damaged {item} taken out: put it aside for a supervisor to book into quarantine, put a "
        "replacement in the parcel and scan it.",
    ),
)
NO_READING = code(
    "station.no_reading",
    QT_TRANSLATE_NOOP("Message", "No reading from the scale yet: wait for the weight, then F4."),
)
OVERLOAD = code(
    "station.overload",
    QT_TRANSLATE_NOOP("Message", "The scale is overloaded: take the parcel off."),
)
NOT_STEADY = code(
    "station.not_steady",
    QT_TRANSLATE_NOOP("Message", "The weight is not steady yet: wait a moment, then F4."),
)
SCALE_NEEDED = code(
    "station.scale_needed",
    QT_TRANSLATE_NOOP(
        "Message",
        "No scale at this station, and packing needs one: set up the scale in Settings, or pack "
        "at another station.",
    ),
)
NOT_WEIGHED_NO_SCALE = code(
    "station.not_weighed_no_scale",
    QT_TRANSLATE_NOOP(
        "Message",
        "No scale at this station: parcel {n} is recorded as not weighed. F10 closes it without "
        "a weight check.",
    ),
)
WEIGHED_OK = code(
    "station.weighed_ok", QT_TRANSLATE_NOOP("Message", "{verdict}. F10 closes the parcel.")
)
WEIGHED_REFUSED = code(
    "station.weighed_refused",
    QT_TRANSLATE_NOOP("Message", "{verdict} (F9: a supervisor accepts the weight)"),
)
NO_REFUSED_WEIGHT = code(
    "station.no_refused_weight",
    QT_TRANSLATE_NOOP(
        "Message", "There is no refused weight to accept: weigh the parcel first (F4)."
    ),
)
SUPERVISOR_BADGE = code(
    "station.supervisor_badge", QT_TRANSLATE_NOOP("Message", "Supervisor: scan your badge.")
)
NOT_A_SUPERVISOR = code(
    "station.not_a_supervisor",
    QT_TRANSLATE_NOOP(
        "Message", "{name} may not accept a refused weight: a supervisor's badge is needed."
    ),
)
TYPE_REASON = code(
    "station.type_reason", QT_TRANSLATE_NOOP("Message", "{name}: type the reason, then Enter.")
)
WEIGHT_ACCEPTED = code(
    "station.weight_accepted",
    QT_TRANSLATE_NOOP("Message", "Weight accepted by {name} ({reason}). F10 closes the parcel."),
)
OVERRIDE_CANCELLED = code(
    "station.override_cancelled", QT_TRANSLATE_NOOP("Message", "The weight override was cancelled.")
)
PUT_ASIDE = code(
    "station.put_aside",
    QT_TRANSLATE_NOOP("Message", "Order {order} was put aside; its scans are kept."),
)
CANNOT_CLOSE_YET = code(
    "station.cannot_close_yet", QT_TRANSLATE_NOOP("Message", "Cannot close yet: {reasons}")
)
MISSING_IS_A_SHORT = code(
    "station.missing_is_a_short",
    QT_TRANSLATE_NOOP(
        "Message",
        "Cannot close yet: {reasons}. An item that is not there is a short: put the order aside "
        "(F8) and tell a supervisor.",
    ),
)
NO_LABEL_PRINTER_CLOSED = code(
    "station.no_label_printer_closed",
    QT_TRANSLATE_NOOP(
        "Message",
        "Parcel closed. No label printer here: print the waybill at the label desk, then scan it.",
    ),
)
PRINTING = code(
    "station.printing", QT_TRANSLATE_NOOP("Message", "Parcel closed. Printing its waybill…")
)
PRINT_FAILED = code(
    "station.print_failed",
    QT_TRANSLATE_NOOP("Message", "The waybill could not be printed: {why}. F10 tries again."),
)
NO_LABEL_PRINTER = code(
    "station.no_label_printer",
    QT_TRANSLATE_NOOP(
        "Message", "No label printer is set up: print the waybill at the label desk."
    ),
)
WAYBILL_SENT = code(
    "station.waybill_sent",
    QT_TRANSLATE_NOOP(
        "Message", "Waybill {number} sent to the label printer: stick it on and scan it."
    ),
)
NO_DOCUMENT_PRINTER = code(
    "station.no_document_printer",
    QT_TRANSLATE_NOOP("Message", "No document printer here: no packing slip was printed."),
)
SLIP_FAILED = code(
    "station.slip_failed", QT_TRANSLATE_NOOP("Message", "The packing slip failed: {why}")
)
SLIP_SENT = code(
    "station.slip_sent", QT_TRANSLATE_NOOP("Message", "Packing slip sent to the document printer.")
)
WAYBILL_QUEUED = code(
    "station.waybill_queued",
    QT_TRANSLATE_NOOP(
        "Message",
        "The waybill waits in the print queue ({why}): fix the printer and it prints by itself; "
        "then scan it.",
    ),
)
WAYBILL_PRINTED_ALREADY = code(
    "station.waybill_printed_already",
    QT_TRANSLATE_NOOP(
        "Message",
        "The waybill was printed already: scan it. A lost label is printed again at the label "
        "desk (supervisor).",
    ),
)
WAYBILL_NOT_PRINTED = code(
    "station.waybill_not_printed",
    QT_TRANSLATE_NOOP(
        "Message",
        "The waybill was not printed: {why} It waits in the print queue and prints by itself "
        "once the printer is fixed; then scan it.",
    ),
)
WAYBILL_PRINTED_NOW = code(
    "station.waybill_printed_now",
    QT_TRANSLATE_NOOP("Message", "The waybill is printed now: stick it on and scan it."),
)
SHIPPED = code(
    "station.shipped",
    QT_TRANSLATE_NOOP("Message", "Shipped ✔ order {order} · {number}. Scan the next order."),
)
PACKED_FOR_HANDOVER = code(
    "station.packed_for_handover",
    QT_TRANSLATE_NOOP(
        "Message",
        "Packed ✔ order {order} · {number}: ready for the courier's handover. Scan the next order.",
    ),
)
PARCEL_LABEL_RIGHT = code(
    "station.parcel_label_right",
    QT_TRANSLATE_NOOP(
        "Message", "Parcel {n}: label {number} is right. Go on with the next parcel."
    ),
)
REOPENED = code(
    "station.reopened",
    QT_TRANSLATE_NOOP("Message", "Order {order} reopened where it was: {n} / {m} items."),
)
MORE_HELD = code(
    "station.more_held",
    QT_TRANSLATE_NOOP("Message", "{n} more order(s) are held at this station."),
)

# --- the pick station -------------------------------------------------------------------------

WAVE_TASKS = code("station.wave_tasks", QT_TRANSLATE_NOOP("Message", "Wave {wave}: {n} tasks."))
GO_TO = code("station.go_to", QT_TRANSLATE_NOOP("Message", "Go to {location}."))
LOCATION_RIGHT = code(
    "station.location_right", QT_TRANSLATE_NOOP("Message", "Location {location} is right.")
)
PICKED_SO_FAR = code(
    "station.picked_so_far",
    QT_TRANSLATE_NOOP("Message", "{picked} of {qty} picked; {left} to go."),
)
TASK_DONE = code("station.task_done", QT_TRANSLATE_NOOP("Message", "Task done: {qty} × {sku}."))
WAVE_DONE = code(
    "station.wave_done", QT_TRANSLATE_NOOP("Message", "Wave {wave} is done. Scan the next wave.")
)
SHORT_NEEDS_WAVE = code(
    "station.short_needs_wave",
    QT_TRANSLATE_NOOP("Message", "Scan the wave barcode first; then F8 declares a short pick."),
)
FINISH_SHORT_FIRST = code(
    "station.finish_short_first",
    QT_TRANSLATE_NOOP(
        "Message", "Finish the short pick first: Enter confirms it, Esc cancels; then scan."
    ),
)
SHORT_TO_EXCEPTION = code(
    "station.short_to_exception",
    QT_TRANSLATE_NOOP(
        "Message",
        "{missing} missing; order {order} sent to exception: no stock left. The lot is set "
        "aside until spot count {count} is approved.",
    ),
)
SHORT_NEW_TASK = code(
    "station.short_new_task",
    QT_TRANSLATE_NOOP(
        "Message",
        "{missing} missing; new task at {location}. The lot is set aside until spot count "
        "{count} is approved.",
    ),
)
SHORT_MISSING = code(
    "station.short_missing",
    QT_TRANSLATE_NOOP(
        "Message", "{missing} missing. The lot is set aside until spot count {count} is approved."
    ),
)

# --- the bind station -------------------------------------------------------------------------

NOT_ORDER_OR_TRACKING = code(
    "station.not_order_or_tracking",
    QT_TRANSLATE_NOOP("Message", "{code} is neither an order number nor a bound tracking number"),
)
FOUND_BY_TRACKING = code(
    "station.found_by_tracking",
    QT_TRANSLATE_NOOP("Message", "{number} is order {order}, parcel {n}"),
)
CARRIER_UNCLEAR = code(
    "station.carrier_unclear",
    QT_TRANSLATE_NOOP(
        "Message",
        "Order {order} has no carrier and the number fits {fits}; set the order's carrier first",
    ),
)
NO_CARRIER_FITS = code("station.no_carrier_fits", QT_TRANSLATE_NOOP("Message", "no carrier"))
BOUND = code(
    "station.bound",
    QT_TRANSLATE_NOOP("Message", "✔ Bound {number} to order {order}, parcel {n}"),
)
REBOUND = code(
    "station.rebound",
    QT_TRANSLATE_NOOP("Message", "✔ Bound {number} to order {order}, parcel {n} (was {old})"),
)
ALREADY_BOUND = code(
    "station.already_bound",
    QT_TRANSLATE_NOOP("Message", "✔ {number} was already bound to order {order}, parcel {n}"),
)
NEW_PARCEL_HINT = code(
    "station.new_parcel_hint",
    QT_TRANSLATE_NOOP("Message", "{refusal} (F6: bind it to a new parcel instead)"),
)
TYPE_REASON_FIRST = code(
    "station.type_reason_first",
    QT_TRANSLATE_NOOP("Message", "Type why the number is changed, then Enter; Esc starts over."),
)
REBIND_IS_SUPERVISORS = code(
    "station.rebind_is_supervisors",
    QT_TRANSLATE_NOOP("Message", "Changing a bound tracking number is for a supervisor"),
)
NOTHING_BOUND_YET = code(
    "station.nothing_bound_yet",
    QT_TRANSLATE_NOOP("Message", "No parcel of this order has a tracking number yet"),
)
