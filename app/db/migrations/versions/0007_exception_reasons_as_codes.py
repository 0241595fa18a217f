"""exception reasons as message codes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00

An order's exception reasons were stored as English sentences ("not enough stock: SKU CUP needs
3, 1 free") that the screens parsed back with regular expressions to translate them.  They are
now stored as message codes with their values, ``{"code", "params", "text"}`` (what
``app.messages.Message.to_json`` writes; ``text`` is the English).  This migration converts the
stored sentences: the only place where the old English is parsed, with the patterns the
screens used.  A sentence no pattern knows is kept word for word as the fallback code
``order.reason.as_recorded`` ("{reason} (as recorded)"), so nothing a supervisor wrote or an
older version stored is lost.  The column stays JSON; only its contents change.

Self-contained on purpose: the code names and templates below are those of
app/messages/orders.py at this revision (stored code names never change).
"""

import re
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AS_RECORDED = "order.reason.as_recorded"

TEMPLATES: dict[str, str] = {
    "order.reason.not_paid": "not paid",
    "order.reason.no_lines": "order has no lines",
    "order.reason.address_missing": "address incomplete: {part} missing",
    "order.reason.bad_phone": "phone number looks wrong: '{phone}'",
    "order.reason.unknown_sku": "unknown SKU {sku}",
    "order.reason.no_stock": "not enough stock: SKU {sku} needs {needed}, {free} free",
    "order.reason.short_pick": "short pick: SKU {sku} short by {short}, no stock left",
    "order.reason.short_pick_returned": (
        "short pick: SKU {sku} short by {short}, no stock left; "
        "{picked} picked unit(s) on the cart go back to stock"
    ),
    AS_RECORDED: "{reason} (as recorded)",
}

#: The old English word of an address part → its code.
ADDRESS_PARTS: dict[str, str] = {
    "buyer name": "order.address.buyer_name",
    "phone": "order.address.phone",
    "province": "order.address.province",
    "city": "order.address.city",
    "district": "order.address.district",
    "street address": "order.address.street",
}


def _number(text: str) -> int:
    return int(text)


def _phone(text: str) -> str:
    # The old sentence wrote the phone as Python's repr: '…' (or "…" when it held a ').
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _part(text: str) -> dict[str, Any] | None:
    name = ADDRESS_PARTS.get(text)
    return None if name is None else {"code": name, "params": {}, "text": text}


# The patterns ui/i18n.py used to read the stored sentences (REASON_PATTERNS), most specific
# first, each with its code and how to turn each captured field into a parameter.
Convert = Callable[[str], Any]
PATTERNS: list[tuple[re.Pattern[str], str, dict[str, Convert]]] = [
    (re.compile(r"^not paid$"), "order.reason.not_paid", {}),
    (re.compile(r"^order has no lines$"), "order.reason.no_lines", {}),
    (
        re.compile(r"^address incomplete: (?P<part>.+) missing$"),
        "order.reason.address_missing",
        {"part": _part},
    ),
    (
        re.compile(r"^phone number looks wrong: (?P<phone>.*)$"),
        "order.reason.bad_phone",
        {"phone": _phone},
    ),
    (
        re.compile(
            r"^not enough stock: SKU (?P<sku>.+) needs (?P<needed>-?\d+), (?P<free>-?\d+) free$"
        ),
        "order.reason.no_stock",
        {"sku": str, "needed": _number, "free": _number},
    ),
    (re.compile(r"^unknown SKU (?P<sku>.+)$"), "order.reason.unknown_sku", {"sku": str}),
    (
        re.compile(
            r"^short pick: SKU (?P<sku>.+) short by (?P<short>\d+), no stock left; "
            r"(?P<picked>\d+) picked unit\(s\) on the cart go back to stock$"
        ),
        "order.reason.short_pick_returned",
        {"sku": str, "short": _number, "picked": _number},
    ),
    (
        re.compile(r"^short pick: SKU (?P<sku>.+) short by (?P<short>\d+), no stock left$"),
        "order.reason.short_pick",
        {"sku": str, "short": _number},
    ),
]


def _shown(value: Any) -> str:
    """A parameter as app.messages renders it in English."""
    if isinstance(value, dict):
        return str(value["text"])
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def _message(name: str, params: dict[str, Any]) -> dict[str, Any]:
    text = TEMPLATES[name].format(**{k: _shown(v) for k, v in params.items()})
    return {"code": name, "params": params, "text": text}


def reason_as_code(sentence: str) -> dict[str, Any]:
    """One stored English reason as {"code", "params", "text"}."""
    for pattern, name, fields in PATTERNS:
        match = pattern.match(sentence)
        if match is None:
            continue
        params = {key: fields[key](value) for key, value in match.groupdict().items()}
        if all(value is not None for value in params.values()):
            return _message(name, params)
    return _message(AS_RECORDED, {"reason": sentence})


def reason_as_sentence(stored: Any) -> str:
    """Back to the English sentence (downgrade)."""
    if not isinstance(stored, dict):
        return str(stored)
    if stored.get("code") == AS_RECORDED:
        return str((stored.get("params") or {}).get("reason", ""))
    return str(stored.get("text", ""))


def _orders() -> sa.TableClause:
    return sa.table("orders", sa.column("id", sa.Integer), sa.column("exception_reasons", sa.JSON))


def _convert(change: Callable[[list[Any]], list[Any] | None]) -> None:
    orders = _orders()
    bind = op.get_bind()
    stored = sa.cast(orders.c.exception_reasons, sa.Text)
    rows = bind.execute(
        sa.select(orders.c.id, orders.c.exception_reasons)
        .where(orders.c.exception_reasons.is_not(None), stored.not_in(["[]", "null"]))
        .order_by(orders.c.id)
    ).all()
    updates = []
    for order_id, reasons in rows:
        if not reasons:
            continue
        changed = change(list(reasons))
        if changed is not None:
            updates.append({"b_id": order_id, "b_reasons": changed})
    for start in range(0, len(updates), 1000):
        bind.execute(
            orders.update()
            .where(orders.c.id == sa.bindparam("b_id"))
            .values(exception_reasons=sa.bindparam("b_reasons", type_=sa.JSON)),
            updates[start : start + 1000],
        )


def _to_codes(reasons: list[Any]) -> list[Any] | None:
    if all(isinstance(r, dict) for r in reasons):
        return None  # already codes
    return [r if isinstance(r, dict) else reason_as_code(str(r)) for r in reasons]


def _to_sentences(reasons: list[Any]) -> list[Any] | None:
    if all(isinstance(r, str) for r in reasons):
        return None
    return [reason_as_sentence(r) for r in reasons]


def upgrade() -> None:
    _convert(_to_codes)


def downgrade() -> None:
    _convert(_to_sentences)
