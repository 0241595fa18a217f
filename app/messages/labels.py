"""Label desk: batches of waybills, packing slips and stock labels, previews, print history."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
