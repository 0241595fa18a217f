"""a PostgreSQL role per station: what it may see and change of the sync's own tables

``stations.db_role`` names the role a station connects as (``packdesk db grant-station``).
Row-level security on the inbox, the stations and the waybill number pool keeps such a role
to its own rows: its own events (it cannot read, change or add another station's), its own
station row, and pool numbers that are free or leased to it.  Every other role (the
application's, the owner) is not a station's and sees every row, as before.
``packdesk_station()`` (SECURITY DEFINER: it reads ``stations`` past the policies; inside it
``current_user`` is the owner, so it asks ``session_user``, the role that logged in) names the
station of the connected role, or NULL.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATION_OF = """
CREATE OR REPLACE FUNCTION packdesk_station() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT name FROM stations WHERE db_role = session_user LIMIT 1
$$
"""

POLICIES = {
    "sync_inbox": "packdesk_station() IS NULL OR station = packdesk_station()",
    "stations": "packdesk_station() IS NULL OR name = packdesk_station()",
    "tracking_pool": (
        "packdesk_station() IS NULL OR leased_to IS NULL OR leased_to = packdesk_station()"
    ),
}
CHECKS = {
    "sync_inbox": "packdesk_station() IS NULL OR station = packdesk_station()",
    "stations": "packdesk_station() IS NULL OR name = packdesk_station()",
    "tracking_pool": "packdesk_station() IS NULL OR leased_to = packdesk_station()",
}


def upgrade() -> None:
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_role", sa.String(length=63), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_stations_db_role"), ["db_role"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(STATION_OF)
    op.execute("REVOKE ALL ON FUNCTION packdesk_station() FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION packdesk_station() TO PUBLIC")
    for table, using in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY {table}_station ON {table} USING ({using}) WITH CHECK ({CHECKS[table]})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {table}_station ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS packdesk_station()")
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_stations_db_role"), type_="unique")
        batch_op.drop_column("db_role")
