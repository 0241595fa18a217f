"""Shipping: carriers, tracking numbers, binding, number pools, carrier status files."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, Code, code

# --- carriers and their rules (app.domain.carriers) -----------------------------------------

#: The built-in carriers' names (their Chinese is the carrier's own Chinese name).
CARRIER_NAME: dict[str, Code] = {
    "SF": code("carrier.name.sf", QT_TRANSLATE_NOOP("Message", "SF Express")),
    "ZTO": code("carrier.name.zto", QT_TRANSLATE_NOOP("Message", "ZTO Express")),
    "YTO": code("carrier.name.yto", QT_TRANSLATE_NOOP("Message", "YTO Express")),
    "STO": code("carrier.name.sto", QT_TRANSLATE_NOOP("Message", "STO Express")),
    "YUNDA": code("carrier.name.yunda", QT_TRANSLATE_NOOP("Message", "Yunda Express")),
    "JD": code("carrier.name.jd", QT_TRANSLATE_NOOP("Message", "JD Logistics")),
    "EMS": code("carrier.name.ems", QT_TRANSLATE_NOOP("Message", "China Post EMS")),
    "JT": code("carrier.name.jt", QT_TRANSLATE_NOOP("Message", "J&T Express")),
    "UPS": code("carrier.name.ups", QT_TRANSLATE_NOOP("Message", "UPS")),
    "USPS": code("carrier.name.usps", QT_TRANSLATE_NOOP("Message", "USPS")),
    "FEDEX": code("carrier.name.fedex", QT_TRANSLATE_NOOP("Message", "FedEx")),
    "DHL": code("carrier.name.dhl", QT_TRANSLATE_NOOP("Message", "DHL Express")),
}

# The formats of the built-in carriers' numbers, in words ("it must be …").
FMT_SF = code("carrier.format.sf", QT_TRANSLATE_NOOP("Message", "SF followed by 12 or 13 digits"))
FMT_OLDER_12 = code(
    "carrier.format.older_12", QT_TRANSLATE_NOOP("Message", "12 digits (older waybills)")
)
FMT_ZTO = code(
    "carrier.format.zto",
    QT_TRANSLATE_NOOP("Message", "12 or 14 digits starting with 2, 3, 5, 6 or 7"),
)
FMT_YTO = code("carrier.format.yto", QT_TRANSLATE_NOOP("Message", "YT followed by 13 digits"))
FMT_YTO_OLDER = code(
    "carrier.format.yto_older",
    QT_TRANSLATE_NOOP("Message", "2 letters or digits followed by 8 digits (older waybills)"),
)
FMT_STO = code(
    "carrier.format.sto",
    QT_TRANSLATE_NOOP(
        "Message",
        "12 to 15 digits starting with 77, 88, 66, 55, 268, 368, 468, 568, 668, 768, 868 or 968",
    ),
)
FMT_YUNDA = code(
    "carrier.format.yunda",
    QT_TRANSLATE_NOOP("Message", "13 or 15 digits starting with 1, 3, 4 or 5"),
)
FMT_JD = code(
    "carrier.format.jd",
    QT_TRANSLATE_NOOP(
        "Message",
        "JD followed by 2 letters or digits and 11 digits (JD0012345678901, JDVA11408814483)",
    ),
)
FMT_EMS = code(
    "carrier.format.ems",
    QT_TRANSLATE_NOOP(
        "Message", "13 digits starting with 1, 4, 5 or 9 (domestic EMS and China Post parcels)"
    ),
)
FMT_S10 = code(
    "carrier.format.s10",
    QT_TRANSLATE_NOOP("Message", "2 letters, 8 digits, a check digit and {country} (UPU S10)"),
)
FMT_JT = code("carrier.format.jt", QT_TRANSLATE_NOOP("Message", "JT followed by 13 digits"))
FMT_UPS = code(
    "carrier.format.ups",
    QT_TRANSLATE_NOOP("Message", "1Z followed by 15 letters or digits and a check digit"),
)
FMT_USPS_IMPB = code(
    "carrier.format.usps_impb",
    QT_TRANSLATE_NOOP("Message", "22 or 26 digits starting with 91 to 95 (IMpb)"),
)
FMT_DIGITS = code("carrier.format.digits", QT_TRANSLATE_NOOP("Message", "{count} digits"))
FMT_FEDEX_EXPRESS = code(
    "carrier.format.fedex_express", QT_TRANSLATE_NOOP("Message", "12 digits (Express)")
)
FMT_FEDEX_GROUND = code(
    "carrier.format.fedex_ground", QT_TRANSLATE_NOOP("Message", "15 digits (Ground)")
)
FMT_FEDEX_GROUND96 = code(
    "carrier.format.fedex_ground96",
    QT_TRANSLATE_NOOP("Message", "22 digits starting with 96 (Ground)"),
)
FMT_CUSTOM = code(
    "carrier.format.custom", QT_TRANSLATE_NOOP("Message", "a number matching {pattern}")
)
#: Formats one after another: "SF followed by 12 or 13 digits, or 12 digits (older waybills)".
RULE_OR = code("carrier.rule_or", QT_TRANSLATE_NOOP("Message", "{rule}, or {other}"))
#: The last of several choices: "2, 3, 5, 6 or 7", "1 or 3".
OR = code("carrier.or", QT_TRANSLATE_NOOP("Message", "{items} or {last}"))

# Why a number is not a carrier's tracking number.
INVALID_NUMBER = code(
    "carrier.invalid_number",
    QT_TRANSLATE_NOOP("Message", "{number} is not a valid {carrier} tracking number: {why}."),
)
EMPTY_NUMBER = code(
    "carrier.empty_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "An empty scan is not a valid {carrier} tracking number: scan the barcode or type the "
        "number again.",
    ),
)
WHY_CHECK_DIGIT = code(
    "carrier.why.check_digit",
    QT_TRANSLATE_NOOP("Message", "wrong check digit (expected {expected})"),
)
WHY_LENGTH_ONE = code(
    "carrier.why.length_one",
    QT_TRANSLATE_NOOP("Message", "it has 1 character, but it must be {rule}"),
)
WHY_LENGTH = code(
    "carrier.why.length",
    QT_TRANSLATE_NOOP("Message", "it has {count} characters, but it must be {rule}"),
)
WHY_PREFIX = code(
    "carrier.why.prefix", QT_TRANSLATE_NOOP("Message", "it must start with {prefixes}")
)
WHY_CHARACTER = code(
    "carrier.why.character",
    QT_TRANSLATE_NOOP(
        "Message", "it contains '{char}', which is not allowed there; it must be {rule}"
    ),
)
WHY_TOO_LONG = code(
    "carrier.why.too_long",
    QT_TRANSLATE_NOOP(
        "Message", "it has {count} characters, and a tracking number has at most {limit}"
    ),
)
WHY_FORMAT = code("carrier.why.format", QT_TRANSLATE_NOOP("Message", "it must be {rule}"))

# Carriers beyond the registry.
UNKNOWN_CARRIER = code(
    "carrier.unknown",
    QT_TRANSLATE_NOOP(
        "Message", "There is no carrier with the code '{code}'; the known codes are {known}."
    ),
)
CODE_TAKEN = code(
    "carrier.code_taken",
    QT_TRANSLATE_NOOP(
        "Message",
        "The code {code} already belongs to the built-in carrier {carrier}; choose another "
        "code for a custom carrier.",
    ),
)
CODE_UNUSABLE = code(
    "carrier.code_unusable",
    QT_TRANSLATE_NOOP(
        "Message",
        "The carrier code '{code}' is not usable: use 1 to {limit} letters, digits, '-' or '_'.",
    ),
)
NAME_MISSING = code(
    "carrier.name_missing", QT_TRANSLATE_NOOP("Message", "The custom carrier {code} needs a name.")
)
PATTERN_EMPTY = code(
    "carrier.pattern_empty",
    QT_TRANSLATE_NOOP("Message", "The tracking-number pattern for carrier {code} is empty."),
)
PATTERN_INVALID = code(
    "carrier.pattern_invalid",
    QT_TRANSLATE_NOOP(
        "Message",
        "The tracking-number pattern '{pattern}' for carrier {code} is not a valid regular "
        "expression: {error}.",
    ),
)
PATTERN_INVALID_AT = code(
    "carrier.pattern_invalid_at",
    QT_TRANSLATE_NOOP(
        "Message",
        "The tracking-number pattern '{pattern}' for carrier {code} is not a valid regular "
        "expression: {error} at position {position}.",
    ),
)
PATTERN_NOT_LINEAR = code(
    "carrier.pattern_not_linear",
    QT_TRANSLATE_NOOP(
        "Message",
        "The tracking-number pattern '{pattern}' for carrier {code} cannot be used ({error}): "
        "patterns are matched in linear time, so back-references (\\1), look-ahead and "
        "look-behind ((?=…), (?!…), (?<=…), (?<!…)), atomic groups, possessive quantifiers and "
        "\\Z are not allowed.",
    ),
)

# --- binding (app.services.shipping) ---------------------------------------------------------

NO_ORDER = code("ship.no_order", QT_TRANSLATE_NOOP("Message", "there is no order {order}"))
ORDER_IN_SEVERAL_SHOPS = code(
    "ship.order_in_several_shops",
    QT_TRANSLATE_NOOP(
        "Message", "order no {order} exists in several shops ({shops}); name the shop"
    ),
)
PARCEL_NUMBER_TOO_SMALL = code(
    "ship.parcel_number_too_small",
    QT_TRANSLATE_NOOP("Message", "the parcel number must be 1 or more"),
)
NO_PARCEL = code(
    "ship.no_parcel",
    QT_TRANSLATE_NOOP("Message", "order {order} has no parcel {parcel} (it has {count})"),
)
NOT_BINDABLE = code(
    "ship.not_bindable",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status}: a tracking number is bound from review until the order ships",
    ),
)
REBIND_REASON_MISSING = code(
    "ship.rebind_reason_missing",
    QT_TRANSLATE_NOOP("Message", "say why the tracking number is changed (e.g. label damaged)"),
)
NO_CARRIER = code(
    "ship.no_carrier",
    QT_TRANSLATE_NOOP("Message", "order {order} has no carrier; choose its carrier first"),
)
ALREADY_BOUND = code(
    "ship.already_bound",
    QT_TRANSLATE_NOOP(
        "Message", "tracking number {number} is already bound to order {order}, parcel {parcel}"
    ),
)
#: The parcel has another number: a supervisor's rebind (the bind station offers F6/F9 here).
PARCEL_HAS_NUMBER = code(
    "ship.parcel_has_number",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {parcel} of order {order} already has tracking number {number}; changing it is "
        "a supervisor's rebind, with a reason",
    ),
)
CARRIER_CHANGED = code(
    "ship.carrier_changed",
    QT_TRANSLATE_NOOP(
        "Message",
        "carrier {carrier} changed while the numbers were checked; nothing was saved, try again",
    ),
)
POOL_NUMBER_USED = code(
    "ship.pool_number_used",
    QT_TRANSLATE_NOOP("Message", "tracking number {number} from the pool was used already"),
)
POOL_EMPTY = code(
    "ship.pool_empty",
    QT_TRANSLATE_NOOP(
        "Message",
        "the {carrier} number pool is empty: import the carrier's file of waybill numbers or "
        "bind a pre-printed label",
    ),
)
POOL_ALL_LEASED = code(
    "ship.pool_all_leased",
    QT_TRANSLATE_NOOP(
        "Message",
        "every free {carrier} number ({leased}) is leased to the stations: import the "
        "carrier's file of waybill numbers or bind a pre-printed label",
    ),
)
POOL_EMPTY_STATION = code(
    "ship.pool_empty_station",
    QT_TRANSLATE_NOOP(
        "Message",
        "station {station} has no {carrier} numbers left: connect it to the central database "
        "to lease more, or bind a pre-printed label",
    ),
)
POOL_BUSY = code(
    "ship.pool_busy",
    QT_TRANSLATE_NOOP("Message", "could not take a number from the {carrier} pool; try again"),
)

# --- pool files ----------------------------------------------------------------------------------

POOL_FILE_UNREADABLE = code(
    "ship.pool_file_unreadable",
    QT_TRANSLATE_NOOP("Message", "cannot read the pool file {file}: {reason}"),
)
POOL_FILE_PROBLEM = code(
    "ship.pool_file_problem", QT_TRANSLATE_NOOP("Message", "pool file {file}: {problem}")
)
POOL_FILE_EMPTY = code(
    "ship.pool_file_empty",
    QT_TRANSLATE_NOOP("Message", "pool file {file}: no tracking numbers in the file"),
)
POOL_NO_COLUMN = code(
    "ship.pool_no_column",
    QT_TRANSLATE_NOOP(
        "Message",
        "the pool file has no tracking_no column (or 运单号); one number per line works too",
    ),
)
POOL_DUPLICATE = code(
    "ship.pool_duplicate",
    QT_TRANSLATE_NOOP("Message", "{number} is in the file twice (first in row {first})"),
)

# --- number leases to the stations (app.services.leases) ---------------------------------------

LEASE_NOTHING_FREE = code(
    "ship.lease_nothing_free",
    QT_TRANSLATE_NOOP(
        "Message",
        "no free numbers of {carrier} left to lease to station {station}: import the carrier's "
        "file of waybill numbers on the central database",
    ),
)
LEASE_NO_STATION = code(
    "ship.lease_no_station",
    QT_TRANSLATE_NOOP("Message", "a lease of waybill numbers needs the station's name"),
)
LEASE_NOT_CENTRAL = code(
    "ship.lease_not_central",
    QT_TRANSLATE_NOOP(
        "Message",
        "this is station {station}'s database: waybill numbers are leased from the central "
        "database only",
    ),
)
LEASE_OTHER_STATION = code(
    "ship.lease_other_station",
    QT_TRANSLATE_NOOP(
        "Message",
        "this database belongs to station {here}: the {carrier} numbers leased to station "
        "{station} were not put here",
    ),
)

# --- carrier status files (app.services.tracking) -------------------------------------------

STATUS_FILE_PROBLEM = code(
    "track.file_problem", QT_TRANSLATE_NOOP("Message", "status file {file}: {problem}")
)
STATUS_FILE_COLUMNS = code(
    "track.file_columns",
    QT_TRANSLATE_NOOP(
        "Message",
        "status file {file}: the header row lacks {missing} (the columns are tracking_no, "
        "status, time)",
    ),
)
UNKNOWN_STATUS = code(
    "track.unknown_status",
    QT_TRANSLATE_NOOP(
        "Message", "unknown tracking status '{word}'; use one of {known} (or 已签收 …)"
    ),
)
NOT_A_TIME = code(
    "track.not_a_time",
    QT_TRANSLATE_NOOP(
        "Message", "not a time: '{text}' (write 2026-11-20 14:03 or 2026-11-20 14:03:00)"
    ),
)

# --- the command line's own words (app.cli) ------------------------------------------------

CLI_REBIND_NEEDS_REASON = code(
    "ship.cli_rebind_needs_reason",
    QT_TRANSLATE_NOOP("Message", "--rebind needs --reason (e.g. --reason 'label damaged')"),
)
CLI_NO_CARRIER = code(
    "ship.cli_no_carrier",
    QT_TRANSLATE_NOOP("Message", "order {order} has no carrier; say which one (e.g. --carrier SF)"),
)
CLI_POOL_EMPTY = code(
    "ship.cli_pool_empty",
    QT_TRANSLATE_NOOP(
        "Message",
        "the {carrier} number pool is empty: import the carrier's file of waybill numbers "
        "(packdesk carriers pool import {carrier} FILE) or bind a pre-printed label",
    ),
)
LEASE_NOT_A_STATION = code(
    "ship.lease_not_a_station",
    QT_TRANSLATE_NOOP(
        "Message",
        "this database is not a station's: the {carrier} numbers leased to station {station} "
        "were not put here (`packdesk station init` makes a station)",
    ),
)
