"""Picking: the pick station's refusals and what a short pick did."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
