"""Orders: review, exception reasons, supervisor actions, the order list, SKU and shop rules.

An order's exception reasons are stored with it (``orders.exception_reasons``, a JSON list) as
``Message.to_json()`` — ``{"code", "params", "text"}`` — so their names below are stable: a
stored reason is read back by its code (:func:`reasons_from_json`) and said in the reader's
language.  Never rename an ``order.reason.*`` code without a migration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.messages import QT_TRANSLATE_NOOP, Code, Message, code, from_json

# --- exception reasons (stored with the order) -------------------------------------------------

NOT_PAID = code("order.reason.not_paid", QT_TRANSLATE_NOOP("Message", "not paid"))
NO_LINES = code("order.reason.no_lines", QT_TRANSLATE_NOOP("Message", "order has no lines"))
ADDRESS_MISSING = code(
    "order.reason.address_missing",
    QT_TRANSLATE_NOOP("Message", "address incomplete: {part} missing"),
)
BAD_PHONE = code(
    "order.reason.bad_phone", QT_TRANSLATE_NOOP("Message", "phone number looks wrong: '{phone}'")
)
#: Also the catalogue's refusal of SKU codes it does not have (the same words).
UNKNOWN_SKU = code("order.reason.unknown_sku", QT_TRANSLATE_NOOP("Message", "unknown SKU {sku}"))
NO_STOCK = code(
    "order.reason.no_stock",
    QT_TRANSLATE_NOOP("Message", "not enough stock: SKU {sku} needs {needed}, {free} free"),
)
SHORT_PICK = code(
    "order.reason.short_pick",
    QT_TRANSLATE_NOOP("Message", "short pick: SKU {sku} short by {short}, no stock left"),
)
SHORT_PICK_RETURNED = code(
    "order.reason.short_pick_returned",
    QT_TRANSLATE_NOOP(
        "Message",
        "short pick: SKU {sku} short by {short}, no stock left; "
        "{picked} picked unit(s) on the cart go back to stock",
    ),
)
#: A reason stored as text that no code describes: written by the migration that moved the
#: reasons to codes (0007) for a sentence it did not recognise, and read for a stored code this
#: version does not know.  The recorded English is shown as it is, marked as such.
AS_RECORDED = code(
    "order.reason.as_recorded", QT_TRANSLATE_NOOP("Message", "{reason} (as recorded)")
)

#: The parts of an address review checks ("address incomplete: {part} missing").
ADDRESS_PART: dict[str, Code] = {
    "buyer_name": code("order.address.buyer_name", QT_TRANSLATE_NOOP("Message", "buyer name")),
    "phone": code("order.address.phone", QT_TRANSLATE_NOOP("Message", "phone")),
    "province": code("order.address.province", QT_TRANSLATE_NOOP("Message", "province")),
    "city": code("order.address.city", QT_TRANSLATE_NOOP("Message", "city")),
    "district": code("order.address.district", QT_TRANSLATE_NOOP("Message", "district")),
    "address": code("order.address.street", QT_TRANSLATE_NOOP("Message", "street address")),
}

#: What the platform may change of an order it sends again (app.domain.order_changes).
CHANGED_FIELD: dict[str, Code] = {
    **ADDRESS_PART,
    "lines": code("order.changed.lines", QT_TRANSLATE_NOOP("Message", "order lines")),
    "status": code("order.changed.status", QT_TRANSLATE_NOOP("Message", "platform status")),
}
CHANGE_ITEM = code("order.change_item", QT_TRANSLATE_NOOP("Message", "{field} {old} → {new}"))


def change_items(changes: Iterable[Mapping[str, str]]) -> tuple[Message, ...]:
    """Stored changes ({"field", "old", "new"}) as messages: "street address A → B"."""
    return tuple(
        CHANGE_ITEM(
            field=CHANGED_FIELD[c["field"]]() if c["field"] in CHANGED_FIELD else c["field"],
            old=c["old"] or "—",
            new=c["new"] or "—",
        )
        for c in changes
    )


# What kind of reason it is: the review summary counts orders per kind.
_KIND: dict[Code, Code] = {
    ADDRESS_MISSING: code(
        "order.reason_kind.address", QT_TRANSLATE_NOOP("Message", "address incomplete")
    ),
    BAD_PHONE: code(
        "order.reason_kind.phone", QT_TRANSLATE_NOOP("Message", "phone number looks wrong")
    ),
    UNKNOWN_SKU: code("order.reason_kind.unknown_sku", QT_TRANSLATE_NOOP("Message", "unknown SKU")),
    NO_STOCK: code("order.reason_kind.no_stock", QT_TRANSLATE_NOOP("Message", "not enough stock")),
    SHORT_PICK: code("order.reason_kind.short_pick", QT_TRANSLATE_NOOP("Message", "short pick")),
}
_KIND[SHORT_PICK_RETURNED] = _KIND[SHORT_PICK]


def reason_kind(reason: Message) -> Message:
    """The kind of *reason* in words ("not enough stock"); a reason without values is its own."""
    kind = _KIND.get(reason.code)
    return kind() if kind is not None else reason


def reasons_to_json(reasons: Iterable[Message]) -> list[dict[str, Any]]:
    """The reasons as the orders table stores them."""
    return [reason.to_json() for reason in reasons]


def reason_from_json(stored: object) -> Message:
    """One stored reason; text, or a code this version does not know, reads as recorded."""
    if isinstance(stored, Mapping):
        try:
            return from_json(stored)
        except (KeyError, TypeError):
            return AS_RECORDED(reason=str(stored.get("text") or stored.get("code") or ""))
    return AS_RECORDED(reason=str(stored))


def reasons_from_json(stored: Iterable[object] | None) -> list[Message]:
    """The reasons of an order as stored (None or [] → [])."""
    return [reason_from_json(item) for item in stored or ()]


# --- waiting for stock (allocation) ------------------------------------------------------------

SKU_SHORT = code("order.sku_short", QT_TRANSLATE_NOOP("Message", "SKU {sku} short by {short}"))
WAITING_FOR_STOCK = code(
    "order.waiting_for_stock", QT_TRANSLATE_NOOP("Message", "waiting for stock: {short}")
)

# --- refusals ----------------------------------------------------------------------------------

NOT_FOUND = code("order.not_found", QT_TRANSLATE_NOOP("Message", "order #{id} not found"))
NUMBERS_NOT_FOUND = code(
    "order.numbers_not_found", QT_TRANSLATE_NOOP("Message", "order not found: {orders}")
)
SELECTION_GONE = code(
    "order.selection_gone",
    QT_TRANSLATE_NOOP("Message", "some of the selected orders no longer exist; refresh the list"),
)
REVIEW_RACED = code(
    "order.review_raced",
    QT_TRANSLATE_NOOP("Message", "orders changed while they were being reviewed; run review again"),
)
UNKNOWN_ACTION = code(
    "order.unknown_action", QT_TRANSLATE_NOOP("Message", "unknown order action '{action}'")
)
UNKNOWN_STATUS = code(
    "order.unknown_status",
    QT_TRANSLATE_NOOP("Message", "unknown status '{status}'; use one of: {statuses}"),
)
UNKNOWN_PICK_RULE = code(
    "sku.unknown_pick_rule",
    QT_TRANSLATE_NOOP("Message", "unknown pick rule '{rule}'; use fifo or fefo"),
)
FEFO_NEEDS_EXPIRY = code(
    "sku.fefo_needs_expiry",
    QT_TRANSLATE_NOOP("Message", "FEFO needs expiry dates; not expiry-tracked: {skus}"),
)
SHOP_MISSING = code("shop.name_missing", QT_TRANSLATE_NOOP("Message", "name the shop"))
UNKNOWN_SHOP_SETTING = code(
    "shop.unknown_setting", QT_TRANSLATE_NOOP("Message", "unknown shop setting(s): {names}")
)
