"""Messages any part of the app may say: errors that are not one area's."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

ILLEGAL_TRANSITION = code(
    "order.illegal_transition",
    QT_TRANSLATE_NOOP("Message", "order {order}: cannot go from '{current}' to '{target}'"),
)
PERMISSION_DENIED = code(
    "user.permission_denied",
    QT_TRANSLATE_NOOP(
        "Message", "{user} ({role}) is not allowed to {action}; ask a supervisor or an admin"
    ),
)
#: A service's own sentence that has no code yet (never shown for new code; a test lists them).
UNEXPECTED = code(
    "error.unexpected",
    QT_TRANSLATE_NOOP(
        "Message", "Something went wrong: {message}. The details are in the log file {path}."
    ),
)
#: TRANSITION ONLY: a sentence not yet moved to a code.  Removed once every raise site has one.
LEGACY = code("legacy.text", "{text}")
