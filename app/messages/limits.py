"""Limits: a text longer than its database column holds (app.domain.limits), and the names of
the fields a person or a file sets, as the refusal says them."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

TOO_LONG = code(
    "limit.too_long",
    QT_TRANSLATE_NOOP(
        "Message", "The {field} is too long: at most {limit} characters, this one has {length}."
    ),
)

# The fields, as "The … is too long" names them (an order's address parts are
# app.messages.orders.ADDRESS_PART).
SKU_CODE = code("field.sku_code", QT_TRANSLATE_NOOP("Message", "SKU code"))
SKU_NAME = code("field.sku_name", QT_TRANSLATE_NOOP("Message", "SKU name"))
BARCODE = code("field.barcode", QT_TRANSLATE_NOOP("Message", "barcode"))
LOCATION = code("field.location", QT_TRANSLATE_NOOP("Message", "location code"))
ZONE = code("field.zone", QT_TRANSLATE_NOOP("Message", "zone"))
LOT = code("field.lot", QT_TRANSLATE_NOOP("Message", "lot code"))
SHOP = code("field.shop", QT_TRANSLATE_NOOP("Message", "shop name"))
ORDER_NO = code("field.order_no", QT_TRANSLATE_NOOP("Message", "order number"))
ORDER_NOTE = code("field.order_note", QT_TRANSLATE_NOOP("Message", "order note"))
CARRIER_CODE = code("field.carrier_code", QT_TRANSLATE_NOOP("Message", "carrier code"))
CARRIER_NAME = code("field.carrier_name", QT_TRANSLATE_NOOP("Message", "carrier name"))
CARRIER_PATTERN = code(
    "field.carrier_pattern", QT_TRANSLATE_NOOP("Message", "tracking-number pattern")
)
TRACKING_NO = code("field.tracking_no", QT_TRANSLATE_NOOP("Message", "tracking number"))
USER_NAME = code("field.user_name", QT_TRANSLATE_NOOP("Message", "user name"))
BADGE = code("field.badge", QT_TRANSLATE_NOOP("Message", "badge code"))
SENDER_NAME = code("field.sender_name", QT_TRANSLATE_NOOP("Message", "sender name"))
SENDER_PHONE = code("field.sender_phone", QT_TRANSLATE_NOOP("Message", "sender phone"))
SENDER_ADDRESS = code("field.sender_address", QT_TRANSLATE_NOOP("Message", "sender address"))
RETURN_POLICY = code("field.return_policy", QT_TRANSLATE_NOOP("Message", "return policy"))
STATION = code("field.station", QT_TRANSLATE_NOOP("Message", "station name"))
PRINTER = code("field.printer", QT_TRANSLATE_NOOP("Message", "printer name"))
FILE_NAME = code("field.file_name", QT_TRANSLATE_NOOP("Message", "file name"))
