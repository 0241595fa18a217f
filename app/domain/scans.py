"""What an item scan means: which SKU (by barcode lookup key) and, for GS1 codes, which lot.

EAN-13/UPC/EAN-8 and GS1-128 / DataMatrix element strings (01 GTIN, 10 lot, 17 expiry) are
understood; anything else is an internal code looked up as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.barcodes import lookup_key

GS = "\x1d"


@dataclass(frozen=True)
class ItemScan:
    raw: str
    lookup: str
    lot: str | None = None
    expiry: dt.date | None = None


def _looks_gs1(text: str) -> bool:
    return (
        text.startswith("(01)")
        or GS in text
        or (text.startswith("01") and len(text) > 16 and text[2:16].isdigit())
    )


def parse_item_scan(raw: str) -> ItemScan:
    text = raw.strip().removeprefix("]C1").removeprefix("]d2").removeprefix("]Q3")
    if _looks_gs1(text):
        import biip
        from biip.gs1_messages import GS1Message

        message: GS1Message | None
        try:
            if text.startswith("("):
                message = GS1Message.parse_hri(text)  # human-readable "(01)…(10)…"
            else:
                message = biip.parse(text).gs1_message
        except Exception:  # biip raises its own ParseError family; any failure = not GS1
            message = None
        if message is not None:
            values = {e.ai.ai: e for e in message.element_strings}
            if "01" in values:
                expiry = values["17"].date if "17" in values else None
                lot = values["10"].value if "10" in values else None
                return ItemScan(raw, values["01"].value, lot, expiry)
    return ItemScan(raw, lookup_key(text))
