"""What a station tells the central database (app.sync): the kinds of events a station's
actions write to its outbox (UnitOfWork.record), each applied centrally by the same service
with the same inputs, so that the central rules decide (app.sync.central.HANDLERS).

A payload names rows by what the central database knows them by: pick and put-away tasks by
their id (both are made centrally and replicated with their ids), waves by their code, orders
by number (and shop), order lines by id.  Rows the station makes (parcels, a quarantine lot)
carry the ids it gave them ("ids": {table: [id, …]}, added by the unit of work)."""

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
    #: {"order_no", "shop", "number", "carrier", "parcel_no", "rebind_reason"} — a waybill
    #: number bound to a parcel (a pool number the station leased, or a pre-printed label)
    WAYBILL_BOUND = "waybill.bound"
    # The pack station's actions: {"order_no", "station", "at"} and what each adds.
    #: + {"code", "today"}: the order opened by its number, its waybill or its single item
    PACK_OPENED = "pack.opened"
    #: + {"item", "qty", "today", "accepted"}: an item scanned (refused ones too)
    PACK_SCANNED = "pack.scanned"
    PACK_UNDONE = "pack.undone"
    #: + {"code"}
    PACK_INSERT = "pack.insert"
    PACK_DAMAGE_CHECKED = "pack.damage_checked"
    #: + {"code", "name", "tare_g", "size"}
    PACK_PACKAGING = "pack.packaging"
    #: + {"line_id"} or {"item"}
    PACK_DAMAGED = "pack.damaged"
    #: + {"measured_g", "tare_g", "packaging"}
    PACK_WEIGHED = "pack.weighed"
    #: + {"reason"}
    PACK_WEIGHT_OVERRIDDEN = "pack.weight_overridden"
    PACK_NO_SCALE = "pack.no_scale"
    PACK_CLOSED = "pack.closed"
    #: + {"code", "ship_at_pack"}: the printed waybill's label scanned and matched
    PACK_WAYBILL = "pack.waybill"
    #: + {"force", "reason"}: the station let go of the order
    PACK_RELEASED = "pack.released"
    #: {"station", "at"}: the station's claims are fresh (every minute while an order is open)
    PACK_HEARTBEAT = "pack.heartbeat"
    # The handover dock: {"at"} and
    #: + {"carrier"}: a courier's batch started (its code follows from the id the station gave)
    HANDOVER_STARTED = "handover.started"
    #: + {"batch", "number"}: a parcel scanned into the batch
    HANDOVER_SCANNED = "handover.scanned"
    #: + {"batch", "counted"}: the batch closed: its orders ship
    HANDOVER_CLOSED = "handover.closed"
    # Stock counts: {"count", "location"} and
    #: (nothing more): the counter started the location (its lots' on-hand noted)
    COUNT_STARTED = "count.started"
    #: + {"item", "qty", "lot", "add"}: units counted (added by a scan, or set)
    COUNT_RECORDED = "count.recorded"
    #: (nothing more): "location done" — the expected quantities taken
    COUNT_DONE = "count.done"
