"""Database access: who owns the tables, who may migrate, the application's role."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

NO_ROLES = code(
    "dbaccess.no_roles",
    QT_TRANSLATE_NOOP(
        "Message",
        "{database} is a SQLite file and has no database roles; protect the file itself "
        "(only the station's own user may write it)",
    ),
)
NOT_OWNER = code(
    "dbaccess.not_owner",
    QT_TRANSLATE_NOOP(
        "Message",
        "{user} does not own the tables of {database}; only their owner {owner} may grant, "
        "revoke or list the application's roles",
    ),
)
NO_SUCH_ROLE = code(
    "dbaccess.no_such_role",
    QT_TRANSLATE_NOOP(
        "Message", "the database server has no role named {role}; create it first, with LOGIN"
    ),
)
ROLE_IS_SUPERUSER = code(
    "dbaccess.role_is_superuser",
    QT_TRANSLATE_NOOP(
        "Message",
        "the role {role} is a superuser and may do anything whatever it is granted; the "
        "application needs a role without SUPERUSER",
    ),
)
ROLE_OWNS_TABLES = code(
    "dbaccess.role_owns_tables",
    QT_TRANSLATE_NOOP(
        "Message",
        "the role {role} owns {database}, its schema or tables, or may act as their owner; "
        "the application needs a role of its own that owns nothing",
    ),
)
CANNOT_MIGRATE = code(
    "dbaccess.cannot_migrate",
    QT_TRANSLATE_NOOP(
        "Message",
        "the database {database} is at revision {current} and this Packdesk needs {head}; "
        "{user} does not own its tables, so the owner must migrate it first",
    ),
)
NO_ACCESS = code(
    "dbaccess.no_access",
    QT_TRANSLATE_NOOP(
        "Message",
        "{user} may not read the database {database}; the owner of its tables must grant "
        "{user} the application's privileges first",
    ),
)
#: The revision of a database no migration has run on yet ({current} above).
NO_REVISION = code("dbaccess.no_revision", QT_TRANSLATE_NOOP("Message", "none (an empty database)"))
