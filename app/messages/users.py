"""Users: log-in, PINs, badges, roles."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

WRONG_PIN = code("user.wrong_pin", QT_TRANSLATE_NOOP("Message", "wrong name or PIN"))
BADGE_UNKNOWN = code(
    "user.badge_unknown",
    QT_TRANSLATE_NOOP("Message", "badge not recognised; scan again or log in with name and PIN"),
)
PIN_RULE = code("user.pin_rule", QT_TRANSLATE_NOOP("Message", "a PIN is 4 to 12 digits"))
NAME_MISSING = code("user.name_missing", QT_TRANSLATE_NOOP("Message", "a user needs a name"))
UNKNOWN_ROLE = code(
    "user.unknown_role",
    QT_TRANSLATE_NOOP("Message", "unknown role '{role}'; choose one of: {roles}"),
)
NAME_TAKEN = code(
    "user.name_taken", QT_TRANSLATE_NOOP("Message", "a user named '{name}' already exists")
)
BADGE_TAKEN = code(
    "user.badge_taken",
    QT_TRANSLATE_NOOP("Message", "badge '{badge}' already belongs to another user"),
)
# The command line's own refusals when it reads a new user's PIN.
PINS_DIFFER = code(
    "user.pins_differ", QT_TRANSLATE_NOOP("Message", "the two PINs differ; nothing saved")
)
NO_PIN = code("user.no_pin", QT_TRANSLATE_NOOP("Message", "no PIN on standard input"))
