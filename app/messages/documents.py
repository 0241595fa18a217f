"""Documents and printing: waybills, packing slips, stock labels, the print queue."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
