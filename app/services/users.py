"""Users: adding them, logging in by badge scan or name + PIN."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from app.db.models import User
from app.db.uow import UnitOfWork
from app.domain import limits
from app.domain.errors import DomainError, InvalidInput
from app.domain.users import Action, Actor, Role, hash_pin, validate_pin, verify_pin
from app.messages import users as um
from app.services import audit


class LoginFailed(DomainError):
    pass


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: Role
    badge_code: str

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.role)


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.name, Role(user.role), user.badge_code)


def add_user(
    uow: UnitOfWork,
    actor: Actor,
    name: str,
    role: Role | str,
    pin: str,
    badge_code: str | None = None,
) -> UserInfo:
    actor.require(Action.MANAGE_USERS)
    name = name.strip()
    if not name:
        raise InvalidInput(um.NAME_MISSING())
    limits.USER_NAME.check(name)
    try:
        role = Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInput(um.UNKNOWN_ROLE(role=role, roles=choices)) from None
    validate_pin(pin)
    badge = limits.BADGE.check((badge_code or f"U-{secrets.token_hex(4).upper()}").strip())
    with uow:
        session = uow.session
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise InvalidInput(um.NAME_TAKEN(name=name))
        if session.scalar(select(User.id).where(User.badge_code == badge)) is not None:
            raise InvalidInput(um.BADGE_TAKEN(badge=badge))
        user = User(name=name, role=role.value, pin_hash=hash_pin(pin), badge_code=badge)
        session.add(user)
        session.flush()
        audit.record(
            session, actor, "user.added", "user", user.id, None, {"name": name, "role": role.value}
        )
        info = _info(user)
        uow.commit()
    return info


def login_with_badge(uow: UnitOfWork, badge: str) -> UserInfo:
    with uow:
        user = uow.session.scalar(
            select(User).where(User.badge_code == badge.strip(), User.active.is_(True))
        )
        if user is None:
            raise LoginFailed(um.BADGE_UNKNOWN())
        info = _info(user)
        audit.record(uow.session, info.actor, "user.login", "user", user.id, None, {"by": "badge"})
        uow.commit()
    return info


def login_with_pin(uow: UnitOfWork, name: str, pin: str) -> UserInfo:
    with uow:
        user = uow.session.scalar(
            select(User).where(User.name == name.strip(), User.active.is_(True))
        )
        if user is None or not verify_pin(pin, user.pin_hash):
            raise LoginFailed(um.WRONG_PIN())
        info = _info(user)
        audit.record(uow.session, info.actor, "user.login", "user", user.id, None, {"by": "pin"})
        uow.commit()
    return info


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserInfo]:
    """Every user with role and badge code (a badge logs in: only an administrator sees them)."""
    actor.require(Action.MANAGE_USERS)
    with uow.reading() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.name))]
