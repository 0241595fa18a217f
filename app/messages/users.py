"""Users: log-in, PINs, badges, roles."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
