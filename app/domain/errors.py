"""Errors a person can act on. Messages say what happened and what to do."""

from __future__ import annotations


class DomainError(Exception):
    """A warehouse rule refused an action; nothing was changed."""


class IllegalTransition(DomainError):
    def __init__(self, order_no: str, current: str, target: str) -> None:
        self.order_no = order_no
        self.current = current
        self.target = target
        super().__init__(f"order {order_no}: cannot go from '{current}' to '{target}'")


class PermissionDenied(DomainError):
    def __init__(self, user: str, role: str, action: str) -> None:
        self.user = user
        self.role = role
        self.action = action
        super().__init__(
            f"{user} ({role}) is not allowed to {action}; ask a supervisor or an admin"
        )


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    pass
