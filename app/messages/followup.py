"""After shipping: tracking numbers back to the shops (发货回传), completion (已完成), the
follow-up lists, and the carrier choice rules (选择合适快递)."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- the shipped export and a shop's column mapping -----------------------------------------

EXPORT_UNKNOWN_FIELD = code(
    "shipped.unknown_field",
    QT_TRANSLATE_NOOP(
        "Message", "'{field}' is not a column of the shipped export; the columns are {known}."
    ),
)
EXPORT_NOT_A_MAPPING = code(
    "shipped.not_a_mapping",
    QT_TRANSLATE_NOOP(
        "Message",
        "'{part}' is not a column mapping: write HEADER=column, e.g. 订单号=order_no.",
    ),
)
EXPORT_HEADER_TWICE = code(
    "shipped.header_twice",
    QT_TRANSLATE_NOOP("Message", "The header '{header}' is given twice in the column mapping."),
)
EXPORT_NO_COLUMNS = code(
    "shipped.no_columns",
    QT_TRANSLATE_NOOP(
        "Message",
        "The column mapping names no column; write e.g. "
        "订单号=order_no,物流公司=carrier_name,运单号=tracking_no.",
    ),
)
EXPORT_HEADER_TOO_LONG = code(
    "shipped.header_too_long",
    QT_TRANSLATE_NOOP("Message", "The header '{header}' is too long: at most {limit} characters."),
)
EXPORTED = code(
    "shipped.exported",
    QT_TRANSLATE_NOOP("Message", "{rows} parcels exported to {file}."),
)
NOTHING_NEW = code(
    "shipped.nothing_new",
    QT_TRANSLATE_NOOP(
        "Message", "No parcel shipped since the last export; {file} holds the header only."
    ),
)
NOT_A_SINCE = code(
    "shipped.not_a_since",
    QT_TRANSLATE_NOOP(
        "Message", "--since: '{text}' is not a time (write 2026-12-01 or 2026-12-01 14:00)."
    ),
)

# --- completion ------------------------------------------------------------------------------

DAYS_NEGATIVE = code(
    "complete.days_negative",
    QT_TRANSLATE_NOOP("Message", "The number of days must be 0 or more, not {days}."),
)
COMPLETED = code(
    "complete.completed",
    QT_TRANSLATE_NOOP("Message", "{n} delivered orders completed."),
)

# --- carrier choice rules --------------------------------------------------------------------

RULES_COLUMNS = code(
    "carrier_rules.columns",
    QT_TRANSLATE_NOOP(
        "Message",
        "The carrier rules file {file} lacks the columns {missing} "
        "(it needs shop,province,min_g,max_g,fragile,carrier).",
    ),
)
RULES_FILE = code(
    "carrier_rules.file",
    QT_TRANSLATE_NOOP("Message", "The carrier rules file {file} cannot be read: {problem}"),
)
RULES_REFUSED = code(
    "carrier_rules.refused",
    QT_TRANSLATE_NOOP(
        "Message", "The carrier rules file {file} has {n} problems; the rules are unchanged:"
    ),
)
RULE_NO_CARRIER = code(
    "carrier_rules.no_carrier",
    QT_TRANSLATE_NOOP("Message", "the carrier is missing (it is what the rule chooses)"),
)
RULE_NOT_GRAMS = code(
    "carrier_rules.not_grams",
    QT_TRANSLATE_NOOP(
        "Message", "{column} must be a whole number of grams (or blank for any), not '{value}'"
    ),
)
RULE_BAD_RANGE = code(
    "carrier_rules.bad_range",
    QT_TRANSLATE_NOOP("Message", "min_g {min_g} is more than max_g {max_g}: no parcel weighs that"),
)
RULE_NOT_YES_NO = code(
    "carrier_rules.not_yes_no",
    QT_TRANSLATE_NOOP("Message", "fragile must be yes, no or blank (any), not '{value}'"),
)
ANY = code("carrier_rules.any", QT_TRANSLATE_NOOP("Message", "any"))
