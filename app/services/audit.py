"""The audit trail: every state change writes one append-only AuditEvent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.db.models import AuditEvent, table_of, utcnow
from app.domain.users import Actor


@dataclass(frozen=True)
class Change:
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=utcnow(),
            actor=actor.name,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=before,
            after=after,
        )
    )


def record_many(session: Session, actor: Actor, action: str, changes: Iterable[Change]) -> int:
    """Bulk variant for actions that change thousands of rows at once (review, imports)."""
    now = utcnow()
    rows = [
        {
            "at": now,
            "actor": actor.name,
            "action": action,
            "entity": c.entity,
            "entity_id": c.entity_id,
            "before": c.before,
            "after": c.after,
        }
        for c in changes
    ]
    if rows:
        # Core insert (not the ORM's bulk path): half the time for tens of thousands of rows.
        session.execute(insert(table_of(AuditEvent)), rows)
    return len(rows)
