"""Stations and the central database: each station works on its own database and syncs with the
central PostgreSQL one — its outbox pushed and applied by the central rules (app.sync.central),
the central change log pulled into its replica (app.sync.station, app.sync.replica)."""
