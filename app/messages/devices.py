"""Devices: printers, scales and scanners, said in words a person can act on."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
