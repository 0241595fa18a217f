"""Words that stand inside sentences and table cells: order statuses, roles, permissions.

The database keeps statuses and roles as stable English values (``on_hold``, ``labels``);
these codes say them in the reader's language.  Use :func:`status_word`, :func:`role_word` and
:func:`action_word` to put one into a message.
"""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, Code, Message, code

STATUS: dict[str, Code] = {
    "new": code("status.new", QT_TRANSLATE_NOOP("Message", "new")),
    "reviewed": code("status.reviewed", QT_TRANSLATE_NOOP("Message", "reviewed")),
    "exception": code("status.exception", QT_TRANSLATE_NOOP("Message", "exception")),
    "allocated": code("status.allocated", QT_TRANSLATE_NOOP("Message", "allocated")),
    "picking": code("status.picking", QT_TRANSLATE_NOOP("Message", "picking")),
    "picked": code("status.picked", QT_TRANSLATE_NOOP("Message", "picked")),
    "packing": code("status.packing", QT_TRANSLATE_NOOP("Message", "packing")),
    "packed": code("status.packed", QT_TRANSLATE_NOOP("Message", "packed")),
    "shipped": code("status.shipped", QT_TRANSLATE_NOOP("Message", "shipped")),
    "delivered": code("status.delivered", QT_TRANSLATE_NOOP("Message", "delivered")),
    "completed": code("status.completed", QT_TRANSLATE_NOOP("Message", "completed")),
    "cancelled": code("status.cancelled", QT_TRANSLATE_NOOP("Message", "cancelled")),
    "on_hold": code("status.on_hold", QT_TRANSLATE_NOOP("Message", "on hold")),
    # not an order status: what a release is called in "cannot go from 'on hold' to …"
    "released": code("status.released", QT_TRANSLATE_NOOP("Message", "released")),
}

#: A pick task's status (app.domain.waves.TaskStatus).
TASK: dict[str, Code] = {
    "open": code("task.open", QT_TRANSLATE_NOOP("Message", "open")),
    "picked": STATUS["picked"],
    "short": code("task.short", QT_TRANSLATE_NOOP("Message", "short")),
    "cancelled": STATUS["cancelled"],
}

#: A stock count's status (app.domain.counts.CountStatus).
COUNT: dict[str, Code] = {
    "open": TASK["open"],
    "recount": code("count.status.recount", QT_TRANSLATE_NOOP("Message", "being recounted")),
    "submitted": code(
        "count.status.submitted", QT_TRANSLATE_NOOP("Message", "waiting for approval")
    ),
    "approved": code("count.status.approved", QT_TRANSLATE_NOOP("Message", "approved")),
    "cancelled": STATUS["cancelled"],
}

ROLE: dict[str, Code] = {
    "packer": code("role.packer", QT_TRANSLATE_NOOP("Message", "packer")),
    "supervisor": code("role.supervisor", QT_TRANSLATE_NOOP("Message", "supervisor")),
    "labels": code("role.labels", QT_TRANSLATE_NOOP("Message", "label staff")),
    "admin": code("role.admin", QT_TRANSLATE_NOOP("Message", "administrator")),
}

#: app.domain.users.Action values → what the action is called in "not allowed to …".
ACTION: dict[str, Code] = {
    "import SKUs": code("action.import_skus", QT_TRANSLATE_NOOP("Message", "import SKUs")),
    "receive stock": code("action.receive_stock", QT_TRANSLATE_NOOP("Message", "receive stock")),
    "import orders": code("action.import_orders", QT_TRANSLATE_NOOP("Message", "import orders")),
    "review orders": code("action.review_orders", QT_TRANSLATE_NOOP("Message", "review orders")),
    "resolve order exceptions": code(
        "action.resolve_exceptions", QT_TRANSLATE_NOOP("Message", "resolve order exceptions")
    ),
    "hold or cancel orders": code(
        "action.hold_orders", QT_TRANSLATE_NOOP("Message", "hold or cancel orders")
    ),
    "manage users": code("action.manage_users", QT_TRANSLATE_NOOP("Message", "manage users")),
    "view orders": code("action.view_orders", QT_TRANSLATE_NOOP("Message", "view orders")),
    "see buyers' names, phones and addresses": code(
        "action.view_buyers",
        QT_TRANSLATE_NOOP("Message", "see buyers' names, phones and addresses"),
    ),
    "build the demo warehouse": code(
        "action.build_demo", QT_TRANSLATE_NOOP("Message", "build the demo warehouse")
    ),
    "create pick waves": code(
        "action.create_wave", QT_TRANSLATE_NOOP("Message", "create pick waves")
    ),
    "confirm a pick list as picked": code(
        "action.confirm_wave", QT_TRANSLATE_NOOP("Message", "confirm a pick list as picked")
    ),
    "pick": code("action.pick", QT_TRANSLATE_NOOP("Message", "pick")),
    "reprint labels": code("action.reprint", QT_TRANSLATE_NOOP("Message", "reprint labels")),
    "print waybills, packing slips and labels": code(
        "action.print", QT_TRANSLATE_NOOP("Message", "print waybills, packing slips and labels")
    ),
    "bind tracking numbers": code(
        "action.bind", QT_TRANSLATE_NOOP("Message", "bind tracking numbers")
    ),
    "change a bound tracking number": code(
        "action.rebind", QT_TRANSLATE_NOOP("Message", "change a bound tracking number")
    ),
    "manage carriers and waybill number pools": code(
        "action.manage_carriers",
        QT_TRANSLATE_NOOP("Message", "manage carriers and waybill number pools"),
    ),
    "import tracking updates": code(
        "action.import_tracking", QT_TRANSLATE_NOOP("Message", "import tracking updates")
    ),
    "export shipped tracking numbers to the shops": code(
        "action.export_shipped",
        QT_TRANSLATE_NOOP("Message", "export shipped tracking numbers to the shops"),
    ),
    "complete delivered orders": code(
        "action.complete_orders", QT_TRANSLATE_NOOP("Message", "complete delivered orders")
    ),
    "hand parcels over to the carrier": code(
        "action.hand_over", QT_TRANSLATE_NOOP("Message", "hand parcels over to the carrier")
    ),
    "set up stations": code(
        "action.manage_stations", QT_TRANSLATE_NOOP("Message", "set up stations")
    ),
    "count stock": code("action.count_stock", QT_TRANSLATE_NOOP("Message", "count stock")),
    "make, submit and approve stock counts": code(
        "action.manage_counts",
        QT_TRANSLATE_NOOP("Message", "make, submit and approve stock counts"),
    ),
}


def _word(table: dict[str, Code], value: object) -> Message | str:
    key = str(getattr(value, "value", value))
    entry = table.get(key)
    return entry() if entry is not None else key.replace("_", " ")


def status_word(status: object) -> Message | str:
    """An order status (enum or stored value) as a word in a message."""
    return _word(STATUS, status)


def count_word(status: object) -> Message | str:
    """A stock count's status as a word in a message."""
    return _word(COUNT, status)


def task_word(status: object) -> Message | str:
    """A pick task's status as a word in a message."""
    return _word(TASK, status)


def role_word(role: object) -> Message | str:
    return _word(ROLE, role)


def action_word(action: object) -> Message | str:
    return _word(ACTION, action)
