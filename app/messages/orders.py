"""Orders: review, exception reasons, supervisor actions, the order list."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
