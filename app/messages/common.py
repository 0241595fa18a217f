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
#: Anything that went wrong outside the warehouse's rules (the traceback is in the log).
UNEXPECTED = code(
    "error.unexpected",
    QT_TRANSLATE_NOOP(
        "Message", "Something went wrong: {message}. The details are in the log file {path}."
    ),
)
