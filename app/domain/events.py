"""What a station tells the central database (app.sync): the kinds of events a station's
actions write to its outbox (UnitOfWork.record), each applied centrally by the same service
with the same inputs, so that the central rules decide (app.sync.central.HANDLERS).

A payload names rows by what the central database knows them by: pick and put-away tasks by
their id (both are made centrally and replicated with their ids), waves by their code."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    #: {"wave": code} — the picker scanned the wave: its orders are being picked
    WAVE_STARTED = "wave.started"
    #: {"wave": code} — the printed pick list confirmed: every open task picked as planned
    WAVE_CONFIRMED = "wave.confirmed"
    #: {"task": id, "qty": n} — n units of a pick task on the cart
    PICK_CONFIRMED = "pick.confirmed"
    #: {"task": id} — a put-away task's units back on the shelf
    PUTAWAY_CONFIRMED = "putaway.confirmed"
