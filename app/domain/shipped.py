"""Tracking numbers back to the shops (发货回传): the columns of the shipped export and a shop's
mapping of them onto its platform's upload template.

The export has one row per parcel of the orders handed over to the carrier, in the columns
:data:`FIELDS`.  A shop may name its own headers and their order ("订单号=order_no,物流公司=
carrier_name,运单号=tracking_no"); a column it does not name is left out of its file.
"""

from __future__ import annotations

from app.domain.errors import InvalidInput
from app.messages import followup as fm

#: The export's columns, in the standard order.
FIELDS: tuple[str, ...] = (
    "order_no",
    "shop",
    "carrier_code",
    "carrier_name",
    "tracking_no",
    "parcel",
    "shipped_at",
)

#: The longest header a shop may name (a spreadsheet column's title).
HEADER_MAX = 64

#: A mapping: (the header written in the file, the export column under it), in file order.
Columns = tuple[tuple[str, str], ...]

STANDARD: Columns = tuple((name, name) for name in FIELDS)


def parse_columns(spec: str) -> Columns:
    """``"订单号=order_no,运单号=tracking_no"`` → ``(("订单号", "order_no"), …)``.  A part
    without ``=`` keeps the column's own name as its header.  InvalidInput says what is wrong:
    an unknown column, a part that is not a mapping, a header given twice, none at all."""
    columns: list[tuple[str, str]] = []
    headers: set[str] = set()
    for raw in spec.replace("，", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        header, sep, name = part.rpartition("=")
        if not sep:
            header, name = part, part
        header, name = header.strip(), name.strip()
        if not header or not name:
            raise InvalidInput(fm.EXPORT_NOT_A_MAPPING(part=part))
        if name not in FIELDS:
            raise InvalidInput(fm.EXPORT_UNKNOWN_FIELD(field=name, known=", ".join(FIELDS)))
        if len(header) > HEADER_MAX:
            raise InvalidInput(fm.EXPORT_HEADER_TOO_LONG(header=header, limit=HEADER_MAX))
        if header in headers:
            raise InvalidInput(fm.EXPORT_HEADER_TWICE(header=header))
        headers.add(header)
        columns.append((header, name))
    if not columns:
        raise InvalidInput(fm.EXPORT_NO_COLUMNS())
    return tuple(columns)


def columns_text(columns: Columns) -> str:
    """A mapping as ``parse_columns`` reads it back."""
    return ",".join(header if header == name else f"{header}={name}" for header, name in columns)


def columns_from_json(raw: object) -> Columns:
    """A mapping as stored (a JSON list of [header, column]); anything else is the standard."""
    if not isinstance(raw, list) or not raw:
        return STANDARD
    kept = tuple(
        (str(item[0]), str(item[1]))
        for item in raw
        if isinstance(item, list | tuple) and len(item) == 2 and str(item[1]) in FIELDS
    )
    return kept or STANDARD
