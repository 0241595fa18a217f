from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.users import Action, Actor, Role, hash_pin, verify_pin


def test_pin_is_salted_and_never_stored_plain() -> None:
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b and "1234" not in a.split("$")[-1]
    assert a.startswith("scrypt$")
    assert verify_pin("1234", a) and not verify_pin("1235", a)


@pytest.mark.parametrize("pin", ["123", "12a4", "", "1234567890123"])
def test_bad_pins_refused(pin: str) -> None:
    with pytest.raises(InvalidInput):
        hash_pin(pin)


def test_packer_cannot_approve_adjustments_supervisor_can() -> None:
    with pytest.raises(PermissionDenied, match="not allowed to hold or cancel orders"):
        Actor("Li Lei", Role.PACKER).require(Action.HOLD_ORDER)
    Actor("Wang Fang", Role.SUPERVISOR).require(Action.HOLD_ORDER)


def test_only_admin_manages_users() -> None:
    for role in (Role.PACKER, Role.SUPERVISOR, Role.LABELS):
        with pytest.raises(PermissionDenied):
            Actor("x", role).require(Action.MANAGE_USERS)
    Actor("root", Role.ADMIN).require(Action.MANAGE_USERS)
