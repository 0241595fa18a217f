"""Scans: what a code is, and garbage refused at the edge."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
