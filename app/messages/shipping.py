"""Shipping: carriers, tracking numbers, binding, number pools, carrier status files."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
