"""Waves: creating a pick wave, the pick list, the paper fallback."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
