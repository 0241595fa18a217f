"""Roles, what each may do, and PIN hashing (salted scrypt; a PIN is never stored)."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput, PermissionDenied
from app.messages import users as um


class Role(StrEnum):
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    LABELS = "labels"
    ADMIN = "admin"


class Action(StrEnum):
    IMPORT_SKUS = "import SKUs"
    IMPORT_STOCK = "receive stock"
    IMPORT_ORDERS = "import orders"
    REVIEW_ORDERS = "review orders"
    RESOLVE_EXCEPTION = "resolve order exceptions"
    HOLD_ORDER = "hold or cancel orders"
    MANAGE_USERS = "manage users"
    VIEW_ORDERS = "view orders"
    VIEW_BUYERS = "see buyers' names, phones and addresses"
    BUILD_DEMO = "build the demo warehouse"
    CREATE_WAVE = "create pick waves"
    CONFIRM_WAVE = "confirm a pick list as picked"
    PICK = "pick"
    REPRINT_LABEL = "reprint labels"
    PRINT_DOCUMENTS = "print waybills, packing slips and labels"
    BIND_TRACKING = "bind tracking numbers"
    REBIND_TRACKING = "change a bound tracking number"
    MANAGE_CARRIERS = "manage carriers and waybill number pools"
    IMPORT_TRACKING = "import tracking updates"
    EXPORT_SHIPPED = "export shipped tracking numbers to the shops"
    COMPLETE_ORDERS = "complete delivered orders"
    HAND_OVER = "hand parcels over to the carrier"
    MANAGE_STATIONS = "set up stations"
    COUNT_STOCK = "count stock"
    MANAGE_COUNTS = "make, submit and approve stock counts"


_ALL = frozenset(Role)
_LEADS = frozenset({Role.SUPERVISOR, Role.ADMIN})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.IMPORT_SKUS: _LEADS,
    Action.IMPORT_STOCK: _LEADS,
    Action.IMPORT_ORDERS: _LEADS | {Role.LABELS},
    Action.REVIEW_ORDERS: _LEADS | {Role.LABELS},
    Action.RESOLVE_EXCEPTION: _LEADS,
    Action.HOLD_ORDER: _LEADS,
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.MANAGE_STATIONS: frozenset({Role.ADMIN}),
    Action.VIEW_ORDERS: _ALL,
    # Packers see the buyer of the order they pack (station, slip, waybill), masked elsewhere.
    Action.VIEW_BUYERS: _LEADS | {Role.LABELS},
    Action.BUILD_DEMO: frozenset({Role.ADMIN}),
    Action.CREATE_WAVE: _LEADS,
    Action.CONFIRM_WAVE: _LEADS,
    Action.PICK: _LEADS | {Role.PACKER},
    Action.REPRINT_LABEL: _LEADS | {Role.LABELS},
    Action.PRINT_DOCUMENTS: _ALL,
    Action.BIND_TRACKING: _ALL,
    Action.REBIND_TRACKING: _LEADS,
    Action.MANAGE_CARRIERS: _LEADS | {Role.LABELS},
    Action.IMPORT_TRACKING: _LEADS | {Role.LABELS},
    Action.EXPORT_SHIPPED: _LEADS | {Role.LABELS},
    Action.COMPLETE_ORDERS: _LEADS,
    # Whoever is at the dock when the courier comes scans the parcels out.
    Action.HAND_OVER: _ALL,
    # Anyone on the floor may be given a count sheet or the count screen; a supervisor makes
    # the count, submits it and approves its adjustments.
    Action.COUNT_STOCK: _LEADS | {Role.PACKER},
    Action.MANAGE_COUNTS: _LEADS,
}


def require(user: str, role: Role | str, action: Action) -> None:
    """Raise PermissionDenied unless *role* may perform *action*."""
    role = Role(role)
    if role not in PERMISSIONS[action]:
        raise PermissionDenied(user, role.value, action.value)


_PIN = re.compile(r"^\d{4,12}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def validate_pin(pin: str) -> None:
    if not _PIN.match(pin):
        raise InvalidInput(um.PIN_RULE())


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """Return 'scrypt$n$r$p$salt_hex$hash_hex'."""
    validate_pin(pin)
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        pin.encode(),
        salt=bytes.fromhex(salt_hex),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=32,
        maxmem=64 * 1024 * 1024,
    )
    return hmac.compare_digest(digest.hex(), hash_hex)


@dataclass(frozen=True)
class Actor:
    """Who performs an action: the logged-in user, or the shell user of the CLI."""

    name: str
    role: Role

    def require(self, action: Action) -> None:
        require(self.name, self.role, action)

    def may(self, action: Action) -> bool:
        """Whether the role allows *action* (to choose what to offer; services still check)."""
        return Role(self.role) in PERMISSIONS[action]


#: The command line acts as the administrator of the database file it was given.
SYSTEM = Actor("system", Role.ADMIN)
