"""Stock counts (盘点): making a count, counting by scan, recounts, approval."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

NO_COUNT = code("count.no_count", QT_TRANSLATE_NOOP("Message", "no stock count {count}"))
NOTHING_TO_COUNT = code(
    "count.nothing_to_count",
    QT_TRANSLATE_NOOP("Message", "no location to count in {scope} — nothing was made"),
)
ALL_BEING_COUNTED = code(
    "count.all_being_counted",
    QT_TRANSLATE_NOOP(
        "Message",
        "every location of {scope} is in a count not approved yet ({counts}) — finish or cancel "
        "it first; nothing was made",
    ),
)
ONE_SCOPE = code(
    "count.one_scope",
    QT_TRANSLATE_NOOP(
        "Message",
        "say what to count: one of a zone, a location range, SKUs, an ABC class, locations not "
        "counted for N days, or the full warehouse",
    ),
)
BAD_RANGE = code(
    "count.bad_range",
    QT_TRANSLATE_NOOP(
        "Message", "location range {range}: write it as FROM..TO (e.g. A-01-01-01..A-01-09-09)"
    ),
)
UNKNOWN_SKUS = code(
    "count.unknown_skus", QT_TRANSLATE_NOOP("Message", "no SKU {skus} in the catalogue")
)
NEGATIVE_THRESHOLD = code(
    "count.negative_threshold",
    QT_TRANSLATE_NOOP("Message", "a recount threshold cannot be below 0 (got {value})"),
)
NOT_IN_COUNT = code(
    "count.not_in_count",
    QT_TRANSLATE_NOOP("Message", "location {location} is not to be counted in {count}"),
)
NO_LOCATION = code("count.no_location", QT_TRANSLATE_NOOP("Message", "no location {location}"))
COUNT_CLOSED = code(
    "count.closed",
    QT_TRANSLATE_NOOP("Message", "stock count {count} is {status}: nothing more is counted in it"),
)
LOCATION_DONE = code(
    "count.location_done",
    QT_TRANSLATE_NOOP(
        "Message", "location {location} is counted already in {count} — scan the next location"
    ),
)
COUNTED_BY_OTHER = code(
    "count.counted_by_other",
    QT_TRANSLATE_NOOP("Message", "location {location} is being counted by {counter}"),
)
RECOUNT_BY_OTHER = code(
    "count.recount_by_other",
    QT_TRANSLATE_NOOP(
        "Message",
        "{counter} counted location {location} the first time: a recount is done by someone else",
    ),
)
UNKNOWN_ITEM = code(
    "count.unknown_item",
    QT_TRANSLATE_NOOP(
        "Message",
        "{item} is no SKU or barcode of the catalogue — nothing was counted; set the item aside "
        "for the supervisor",
    ),
)
CHOOSE_LOT = code(
    "count.choose_lot",
    QT_TRANSLATE_NOOP(
        "Message",
        "{sku} has several lots in {location} ({lots}): scan the lot's label, then the item",
    ),
)
BAD_QTY = code(
    "count.bad_qty",
    QT_TRANSLATE_NOOP("Message", "a counted quantity is a whole number from 0 up (got {qty})"),
)
NOT_STARTED = code(
    "count.not_started",
    QT_TRANSLATE_NOOP(
        "Message",
        "{n} location(s) of {count} not counted yet: {locations} — count them (an empty "
        "location is started and finished with nothing scanned), then submit",
    ),
)
NOT_SUBMITTED = code(
    "count.not_submitted",
    QT_TRANSLATE_NOOP(
        "Message", "stock count {count} is {status}: it is approved once counted and submitted"
    ),
)
SHORT_FOR_ALLOCATION = code(
    "count.short_for_allocation",
    QT_TRANSLATE_NOOP(
        "Message",
        "lot {lot} of {sku} in {location}: {allocated} unit(s) are promised to pick tasks and only "
        "{left} would be left — declare the short picks (or recount) first; nothing was booked",
    ),
)
BELOW_ZERO = code(
    "count.below_zero",
    QT_TRANSLATE_NOOP(
        "Message",
        "lot {lot} of {sku} in {location} would go below zero ({on_hand} on hand now, variance "
        "{variance}): it moved since it was counted — order a recount; nothing was booked",
    ),
)
UNKNOWN_REASON = code(
    "count.unknown_reason",
    QT_TRANSLATE_NOOP("Message", "reason {reason} is not one of {reasons}"),
)
RECOUNT_WHAT = code(
    "count.recount_what",
    QT_TRANSLATE_NOOP(
        "Message", "a recount is ordered for counted locations of {count} only: {locations}"
    ),
)
WHAT_COUNT = code(
    "sync.what.count",
    QT_TRANSLATE_NOOP("Message", "making, submitting or approving a stock count"),
)
# The count screen.
SCAN_COUNT = code(
    "count.scan_count",
    QT_TRANSLATE_NOOP("Message", "scan or type the count's code (e.g. SC000001), then Enter"),
)
COUNT_CHOSEN = code(
    "count.chosen",
    QT_TRANSLATE_NOOP("Message", "count {count} ({scope}): scan a location to count"),
)
NOT_COUNTING = code(
    "count.not_counting",
    QT_TRANSLATE_NOOP("Message", "{count} is {status}: there is nothing to count in it"),
)
SCAN_LOCATION = code(
    "count.scan_location",
    QT_TRANSLATE_NOOP("Message", "{code} is no location: scan the location's label first"),
)
LOCATION_STARTED = code(
    "count.location_started",
    QT_TRANSLATE_NOOP(
        "Message", "counting {location}: scan every unit (or type a quantity, then the item)"
    ),
)
COUNTED_UNITS = code(
    "count.counted_units",
    QT_TRANSLATE_NOOP("Message", "+{qty} {sku} (lot {lot}): {counted} counted here"),
)
QTY_NEXT = code(
    "count.qty_next",
    QT_TRANSLATE_NOOP("Message", "{qty} units: now scan the item they are of"),
)
FINISH_FIRST = code(
    "count.finish_first",
    QT_TRANSLATE_NOOP(
        "Message", "{location} is still being counted: F10 finishes it before {scanned}"
    ),
)
LOCATION_FINISHED = code(
    "count.location_finished",
    QT_TRANSLATE_NOOP(
        "Message",
        "{location} done: {units} unit(s) counted; {left} location(s) left — scan the next",
    ),
)
NO_ROUND = code(
    "count.no_round",
    QT_TRANSLATE_NOOP(
        "Message", "stock count {count} has no round {round} — its rounds are 1 to {last}"
    ),
)
NO_COUNTER = code(
    "count.no_counter", QT_TRANSLATE_NOOP("Message", "no active user {name} to give locations to")
)
MAY_NOT_COUNT = code(
    "count.may_not_count",
    QT_TRANSLATE_NOOP("Message", "{name} may not count stock: give the locations to someone else"),
)
ASSIGNED_TO_OTHER = code(
    "count.assigned_to_other",
    QT_TRANSLATE_NOOP(
        "Message", "location {location} is {counter}'s to count — scan one of your locations"
    ),
)
BAD_ABC = code(
    "count.bad_abc",
    QT_TRANSLATE_NOOP(
        "Message",
        "ABC boundaries {a} % and {b} %: the first must be above 0 and not above the second, "
        "the second not above 100",
    ),
)
LOT_NEXT = code(
    "count.lot_next", QT_TRANSLATE_NOOP("Message", "lot {lot}: now scan the item of it")
)
