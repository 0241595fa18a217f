"""The database cannot be used: locked, read-only, not a database, damaged, from a newer
Packdesk, a bad address, a missing folder, a full disk (app/db/faults.py says which).

Each is one sentence that names the file or the address (never its password) and, where a
write was refused, says that nothing was changed."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

LOCKED = code(
    "database.locked",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} is locked by {holder}: Packdesk waited {seconds} s and "
        "changed nothing; try again when it has finished",
    ),
)
HOLDER_PACKDESK = code(
    "database.holder.packdesk", QT_TRANSLATE_NOOP("Message", "another Packdesk (process {pid})")
)
HOLDER_PROGRAM = code(
    "database.holder.program",
    QT_TRANSLATE_NOOP("Message", "another program ({program}, process {pid})"),
)
HOLDER_UNKNOWN = code("database.holder.unknown", QT_TRANSLATE_NOOP("Message", "another program"))

READ_ONLY = code(
    "database.read_only",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} is read-only, so nothing was changed; the station's user "
        "needs write access to that file",
    ),
)
READ_ONLY_FOLDER = code(
    "database.read_only_folder",
    QT_TRANSLATE_NOOP(
        "Message",
        "the folder {folder} of the database {database} is read-only, so SQLite cannot keep "
        "its journal there and nothing was changed; the station's user needs write access to "
        "that folder",
    ),
)
SERVER_READ_ONLY = code(
    "database.server_read_only",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database server of {database} only reads (a standby server), so nothing was "
        "changed; the station must connect to the primary server",
    ),
)
NOT_A_DATABASE = code(
    "database.not_a_database",
    QT_TRANSLATE_NOOP(
        "Message", "{database} is not a database file, so Packdesk changed nothing in it"
    ),
)
DAMAGED = code(
    "database.damaged",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} is damaged (cut short or overwritten), so Packdesk changed "
        "nothing in it; restore it from a backup",
    ),
)
NEWER_SCHEMA = code(
    "database.newer_schema",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} was written by a newer Packdesk (schema {revision}); this is "
        "Packdesk {version} (schema {head}), so nothing was changed: use the newer Packdesk",
    ),
)
BAD_ADDRESS = code(
    "database.bad_address",
    QT_TRANSLATE_NOOP(
        "Message",
        "{source} {address} is not a database address: write sqlite:///PATH for a SQLite file "
        "or postgresql+psycopg://USER@HOST:PORT/NAME for a database server",
    ),
)
UNKNOWN_DRIVER = code(
    "database.unknown_driver",
    QT_TRANSLATE_NOOP(
        "Message",
        "{source} {address} asks for the database driver {driver}, which this Packdesk does not "
        "have: use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/NAME",
    ),
)
#: Where a database address came from ({source} above), when it was not --db or PACKDESK_DB.
SOURCE_DEFAULT = code(
    "database.source_default", QT_TRANSLATE_NOOP("Message", "the station's database address")
)
SERVER_UNREACHABLE = code(
    "database.server_unreachable",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database server {server} of {database} does not answer: check that it is running "
        "and that the host and port are right",
    ),
)
NO_SUCH_DATABASE = code(
    "database.no_such_database",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database server {server} has no database named {name} ({database}): check the "
        "name, or create the database first",
    ),
)
UNDER_A_FILE = code(
    "database.under_a_file",
    QT_TRANSLATE_NOOP(
        "Message", "the database {database} cannot be there: {file} is a file, not a folder"
    ),
)
NO_FOLDER = code(
    "database.no_folder",
    QT_TRANSLATE_NOOP(
        "Message",
        "the folder {folder} of the database {database} does not exist: check the path, or "
        "create the folder first",
    ),
)
DISK_FULL = code(
    "database.disk_full",
    QT_TRANSLATE_NOOP(
        "Message",
        "the disk of the database {database} is full, so nothing was changed: free some space "
        "and try again",
    ),
)
DISK_ERROR = code(
    "database.disk_error",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} could not be read or written (a disk I/O error), so nothing "
        "was changed: check the disk",
    ),
)
#: Any other reason a database cannot be opened, in the driver's words.
CANNOT_OPEN = code(
    "db.cannot_open", QT_TRANSLATE_NOOP("Message", "cannot open the database {url}: {error}")
)
