"""Plain-Python warehouse rules: no SQLAlchemy, no Qt, no I/O."""
