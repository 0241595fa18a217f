"""Waves and pick tasks: the words their statuses are stored as.

A wave is *open* when created, *picking* once its barcode is scanned at a pick station, and
*done* when every task is picked, short or cancelled (its orders are then picked).  A pick task
is *open* until its quantity is on the cart (*picked*), declared *short*, or *cancelled* (its
order left the wave).
"""

from __future__ import annotations

from enum import StrEnum


class WaveKind(StrEnum):
    SINGLE = "single-item"  # 一单一货: pack straight from the cart
    MULTI = "multi-item"  # 一单多货: sorted into numbered slots while picking
    MIXED = "mixed"


class WaveStatus(StrEnum):
    OPEN = "open"
    PICKING = "picking"
    DONE = "done"


class TaskStatus(StrEnum):
    OPEN = "open"
    PICKED = "picked"
    SHORT = "short"
    CANCELLED = "cancelled"
