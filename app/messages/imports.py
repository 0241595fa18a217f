"""Imports and exports: file formats, rows and columns refused, the demo warehouse."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
