"""Scan stations: what the pick, pack and bind screens say between service calls."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
