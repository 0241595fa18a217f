"""Handover to the carrier (交接 / 揽收): batches, the checks of each parcel scanned into one,
closing with the count, the manifest and the parcels still waiting for a courier."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

# --- batches ----------------------------------------------------------------------------------

NO_BATCH = code(
    "handover.no_batch", QT_TRANSLATE_NOOP("Message", "there is no handover batch {batch}")
)
BATCH_CLOSED = code(
    "handover.batch_closed",
    QT_TRANSLATE_NOOP(
        "Message",
        "handover batch {batch} was closed at {at} — start a new batch for this pickup",
    ),
)
COUNT_DIFFERS = code(
    "handover.count_differs",
    QT_TRANSLATE_NOOP(
        "Message",
        "handover batch {batch} has {scanned} parcel(s) scanned, the courier counted {counted} "
        "— count again before closing",
    ),
)
EMPTY_BATCH = code(
    "handover.empty_batch",
    QT_TRANSLATE_NOOP(
        "Message", "handover batch {batch} has no parcel yet — scan the parcels first"
    ),
)

# --- the checks of a scanned parcel -------------------------------------------------------------

UNKNOWN_NUMBER = code(
    "handover.unknown_number",
    QT_TRANSLATE_NOOP(
        "Message", "tracking number {number} belongs to no parcel — take the parcel out"
    ),
)
VOIDED = code(
    "handover.voided",
    QT_TRANSLATE_NOOP(
        "Message",
        "intercept: waybill {number} was voided at {at} (order {order} changed or was "
        "cancelled) — take the parcel out; it needs a new waybill",
    ),
)
INTERCEPT = code(
    "handover.intercept",
    QT_TRANSLATE_NOOP(
        "Message", "intercept: {status} — take the parcel out (order {order}, {number})"
    ),
)
NOT_PACKED = code(
    "handover.not_packed",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} is {status}, not packed — the parcel {number} cannot be handed over",
    ),
)
WAYBILL_NOT_CHECKED = code(
    "handover.waybill_not_checked",
    QT_TRANSLATE_NOOP(
        "Message",
        "the waybill of parcel {parcel} of order {order} was not scanned at the pack station "
        "— take it back to be checked",
    ),
)
WRONG_CARRIER = code(
    "handover.wrong_carrier",
    QT_TRANSLATE_NOOP(
        "Message",
        "parcel {number} goes with {carrier}, this batch is {batch_carrier} — put it aside",
    ),
)
ALREADY_HANDED_OVER = code(
    "handover.already_handed_over",
    QT_TRANSLATE_NOOP(
        "Message", "parcel {number} was handed over already in batch {batch} at {at}"
    ),
)
ALREADY_IN_BATCH = code(
    "handover.already_in_batch",
    QT_TRANSLATE_NOOP("Message", "parcel {number} is already scanned into batch {batch} (at {at})"),
)

# --- what went right ----------------------------------------------------------------------------

STARTED = code(
    "handover.started",
    QT_TRANSLATE_NOOP("Message", "Handover batch {batch} for {carrier} started: scan the parcels."),
)
SCANNED = code(
    "handover.scanned",
    QT_TRANSLATE_NOOP("Message", "✔ {number} (order {order}) — {count} in batch {batch}"),
)
CLOSED = code(
    "handover.closed",
    QT_TRANSLATE_NOOP(
        "Message",
        "Batch {batch} closed: {count} parcel(s) handed over to {carrier}, {shipped} order(s) "
        "shipped.",
    ),
)

# --- the handover station --------------------------------------------------------------------

SCAN_CARRIER_FIRST = code(
    "handover.scan_carrier_first",
    QT_TRANSLATE_NOOP(
        "Message",
        "Scan or type the carrier first (SF, ZTO, 顺丰 …), or a batch code to go on with it.",
    ),
)
RESUMED = code(
    "handover.resumed",
    QT_TRANSLATE_NOOP(
        "Message", "Batch {batch} ({carrier}): {count} parcel(s) so far — scan the next parcel."
    ),
)
LEFT_OPEN = code(
    "handover.left_open",
    QT_TRANSLATE_NOOP(
        "Message", "Batch {batch} left open with {count} parcel(s): scan its code to go on with it."
    ),
)
NO_OPEN_BATCH = code(
    "handover.no_open_batch",
    QT_TRANSLATE_NOOP("Message", "No batch is open here: scan the carrier to start one."),
)
MANIFEST_SAVED = code(
    "handover.manifest_saved", QT_TRANSLATE_NOOP("Message", "Manifest saved: {path}")
)
MANIFEST_NOT_SAVED = code(
    "handover.manifest_not_saved",
    QT_TRANSLATE_NOOP(
        "Message",
        "The manifest was not saved ({why}) — the batch is closed; F11 saves it again.",
    ),
)
SAVING_WAIT = code(
    "handover.saving_wait",
    QT_TRANSLATE_NOOP("Message", "The manifest is being saved: wait a moment, then scan."),
)
NOTHING_TO_SAVE = code(
    "handover.nothing_to_save",
    QT_TRANSLATE_NOOP("Message", "No batch was closed here yet: no manifest to save again."),
)
