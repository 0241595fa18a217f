"""Stations and the central database (app.sync): what a station, the sync and the central
rules say."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

NEEDS_CENTRAL = code(
    "sync.needs_central",
    QT_TRANSLATE_NOOP(
        "Message",
        "{what} needs the central database, and station {station} cannot reach it now "
        "({detail}) — nothing was changed: try again when it answers, or do it on the central "
        "database",
    ),
)
WHAT_WAVE = code("sync.what.wave", QT_TRANSLATE_NOOP("Message", "creating a wave"))
WHAT_IMPORT = code("sync.what.import", QT_TRANSLATE_NOOP("Message", "importing a file"))
WHAT_REVIEW = code("sync.what.review", QT_TRANSLATE_NOOP("Message", "reviewing orders"))
WHAT_CANCEL = code(
    "sync.what.cancel", QT_TRANSLATE_NOOP("Message", "cancelling, holding or releasing orders")
)
WHAT_SHORT = code(
    "sync.what.short", QT_TRANSLATE_NOOP("Message", "declaring a short pick (it allocates again)")
)
UNREACHABLE = code(
    "sync.unreachable",
    QT_TRANSLATE_NOOP(
        "Message",
        "central database unreachable ({detail}) — {pending} event(s) waiting on this station, "
        "nothing lost: they go when it answers again",
    ),
)
NOT_A_STATION = code(
    "sync.not_a_station",
    QT_TRANSLATE_NOOP(
        "Message",
        "this database is not a station's — make it one with `packdesk --db STATION_URL station "
        "init --name NAME --central CENTRAL_URL`",
    ),
)
ALREADY_A_STATION = code(
    "sync.already_a_station",
    QT_TRANSLATE_NOOP(
        "Message",
        "this database is station {station}'s already (central: {central}) — use a new file "
        "for another station",
    ),
)
NOT_EMPTY = code(
    "sync.not_empty",
    QT_TRANSLATE_NOOP(
        "Message",
        "this database holds {orders} order(s) of its own — a station starts from an empty "
        "database: give a new file",
    ),
)
CENTRAL_NOT_POSTGRESQL = code(
    "sync.central_not_postgresql",
    QT_TRANSLATE_NOOP(
        "Message",
        "the central database must be PostgreSQL ({url} is not) — stations sync through its "
        "change log",
    ),
)
STATION_TAKEN = code(
    "sync.station_taken",
    QT_TRANSLATE_NOOP(
        "Message",
        "a station named {station} is registered at the central database already and has "
        "synced — choose another name",
    ),
)
SCHEMA_MISMATCH = code(
    "sync.schema_mismatch",
    QT_TRANSLATE_NOOP(
        "Message",
        "the station's database is at schema {station_schema} and the central one at "
        "{central_schema} — upgrade the {older} first (`packdesk --db URL db upgrade`, with the "
        "newer Packdesk), then sync",
    ),
)
OLDER_STATION = code("sync.older.station", QT_TRANSLATE_NOOP("Message", "station"))
OLDER_CENTRAL = code("sync.older.central", QT_TRANSLATE_NOOP("Message", "central database"))
UNKNOWN_USER = code(
    "sync.unknown_user",
    QT_TRANSLATE_NOOP(
        "Message", "user {user} is not known at the central database (or is disabled there)"
    ),
)
UNKNOWN_KIND = code(
    "sync.unknown_kind",
    QT_TRANSLATE_NOOP(
        "Message",
        "event {kind} is not one this central database knows — upgrade the central Packdesk",
    ),
)
BROKEN_EVENT = code(
    "sync.broken_event",
    QT_TRANSLATE_NOOP("Message", "event {kind} could not be applied: {error}"),
)
STILL_WAITING = code(
    "sync.still_waiting",
    QT_TRANSLATE_NOOP(
        "Message",
        "{pending} event(s) of this station are not applied centrally yet — the central "
        "changes come once they are",
    ),
)
NO_SUCH_REJECTION = code(
    "sync.no_such_rejection",
    QT_TRANSLATE_NOOP("Message", "no rejected event {event} waits to be resolved here"),
)
VERDICTS_DIFFER = code(
    "sync.verdicts_differ",
    QT_TRANSLATE_NOOP(
        "Message",
        "the station refused this scan but the central rules would take it — it is left out "
        "centrally as it was at the station",
    ),
)
WAIT_FOR_SYNC = code(
    "sync.wait_for_sync",
    QT_TRANSLATE_NOOP(
        "Message",
        "{what} needs the central database to have this station's work first: {pending} "
        "event(s) of station {station} are on their way — try again in a moment (or sync now)",
    ),
)
CANCELLED_WHILE_PACKED = code(
    "sync.cancelled_while_packed",
    QT_TRANSLATE_NOOP(
        "Message",
        "order {order} was cancelled while it was packed offline: take parcel {number} off the "
        "handover and put its items on the put-away cart",
    ),
)
