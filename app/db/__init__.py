"""Persistence: SQLAlchemy 2.0 models, engine, unit of work, Alembic migrations."""
