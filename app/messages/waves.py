"""Waves: creating a pick wave, the pick list, the paper fallback."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

NO_WAVE = code("wave.no_wave", QT_TRANSLATE_NOOP("Message", "no wave {wave}"))
NO_WAVE_ID = code("wave.no_wave_id", QT_TRANSLATE_NOOP("Message", "no wave #{id}"))
ALREADY_DONE = code(
    "wave.already_done", QT_TRANSLATE_NOOP("Message", "wave {wave} is already done")
)
ALREADY_PICKED = code(
    "wave.already_picked", QT_TRANSLATE_NOOP("Message", "wave {wave} is already picked")
)
MAX_ORDERS_POSITIVE = code(
    "wave.max_orders_positive",
    QT_TRANSLATE_NOOP("Message", "the number of orders in a wave must be greater than 0"),
)
CHANGED_MEANWHILE = code(
    "wave.changed_meanwhile",
    QT_TRANSLATE_NOOP("Message", "orders changed while the wave was being made; create it again"),
)
