"""Errors a person can act on: each carries a :class:`~app.messages.Message` (a code and its
values) that says what happened and what to do, in whichever language it is rendered."""

from __future__ import annotations

from app.messages import Message
from app.messages.common import ILLEGAL_TRANSITION, PERMISSION_DENIED
from app.messages.words import action_word, role_word, status_word


class DomainError(Exception):
    """A warehouse rule refused an action; nothing was changed."""

    def __init__(self, message: Message) -> None:
        if not isinstance(message, Message):
            raise TypeError(f"{type(self).__name__} needs a Message, not {message!r}")
        self.message = message
        super().__init__(message.english())


class IllegalTransition(DomainError):
    def __init__(self, order_no: str, current: str, target: str) -> None:
        self.order_no = order_no
        self.current = current
        self.target = target
        super().__init__(
            ILLEGAL_TRANSITION(
                order=order_no, current=status_word(current), target=status_word(target)
            )
        )


class PermissionDenied(DomainError):
    def __init__(self, user: str, role: str, action: str) -> None:
        self.user = user
        self.role = role
        self.action = action
        super().__init__(
            PERMISSION_DENIED(user=user, role=role_word(role), action=action_word(action))
        )


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    pass
