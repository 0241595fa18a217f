"""Use cases: take a unit of work and primitives, return plain dataclasses."""
