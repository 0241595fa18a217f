"""Packing: the pack check, weighing, closing a parcel, the waybill scan, claims."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code  # noqa: F401
