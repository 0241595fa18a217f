"""How long a text and how large a number the database holds: the one source of these numbers.

``app/db/models.py`` declares its columns from them (``String(limits.SENDER_NAME.max_len)``);
the domain, the services and the imports refuse a longer text or a larger number before
anything is written, with a message naming the field (or the file's row and column) and the
limit.  So SQLite, which would store a 200-character name in a ``VARCHAR(128)`` and add up an
on-hand past 2³¹, and PostgreSQL, which would raise DataError, accept and refuse exactly the
same input.  Plain Python (the domain imports no SQLAlchemy).

Columns that only the code writes (status words, kinds, hashes, audit keys) keep their own
lengths in the models.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.messages import Code
from app.messages import limits as lm
from app.messages.orders import ADDRESS_PART

#: The largest value of an INTEGER column (PostgreSQL's int4): a quantity, a lot's on-hand, a
#: weight in grams, a count.
MAX_INT = 2_147_483_647

#: The most rows an import reads from one file: as many as an Excel sheet holds.  A sheet that
#: says it has more is refused before a row is read, a file found to have more as soon as the
#: row after the limit is reached (never half-imported: an import is all or nothing).
MAX_IMPORT_ROWS = 1_048_576


@dataclass(frozen=True)
class TextLimit:
    """The most characters a text column holds, and the field's name for a refusal."""

    max_len: int
    field: Code

    def check(self, value: str) -> str:
        """*value* unchanged, or InvalidInput: "The sender name is too long: at most 128 …"."""
        if len(value) > self.max_len:
            raise InvalidInput(
                lm.TOO_LONG(field=self.field(), limit=self.max_len, length=len(value))
            )
        return value


# --- the catalogue and the stock -------------------------------------------------------------
SKU_CODE = TextLimit(64, lm.SKU_CODE)
SKU_NAME = TextLimit(255, lm.SKU_NAME)
BARCODE = TextLimit(64, lm.BARCODE)
LOCATION = TextLimit(32, lm.LOCATION)
ZONE = TextLimit(16, lm.ZONE)
LOT = TextLimit(64, lm.LOT)

# --- orders ----------------------------------------------------------------------------------
SHOP = TextLimit(64, lm.SHOP)
ORDER_NO = TextLimit(64, lm.ORDER_NO)
BUYER_NAME = TextLimit(128, ADDRESS_PART["buyer_name"])
PHONE = TextLimit(32, ADDRESS_PART["phone"])
PROVINCE = TextLimit(64, ADDRESS_PART["province"])
CITY = TextLimit(64, ADDRESS_PART["city"])
DISTRICT = TextLimit(64, ADDRESS_PART["district"])
ADDRESS = TextLimit(255, ADDRESS_PART["address"])
#: A TEXT column: the limit is the app's own (a note is read on the pack station's screen).
ORDER_NOTE = TextLimit(2000, lm.ORDER_NOTE)

# --- carriers and tracking numbers -----------------------------------------------------------
CARRIER_CODE = TextLimit(16, lm.CARRIER_CODE)
CARRIER_NAME = TextLimit(128, lm.CARRIER_NAME)
CARRIER_PATTERN = TextLimit(255, lm.CARRIER_PATTERN)
TRACKING_NO = TextLimit(64, lm.TRACKING_NO)

# --- people, shops' printing, stations -------------------------------------------------------
#: Also every column that records who did something (actor, created_by, bound_by, …).
USER_NAME = TextLimit(64, lm.USER_NAME)
BADGE = TextLimit(64, lm.BADGE)
SENDER_NAME = TextLimit(128, lm.SENDER_NAME)
SENDER_PHONE = TextLimit(32, lm.SENDER_PHONE)
SENDER_ADDRESS = TextLimit(255, lm.SENDER_ADDRESS)
STATION = TextLimit(64, lm.STATION)
PRINTER = TextLimit(64, lm.PRINTER)
#: An imported file's name as recorded (import batches, pool batches, status-file sources).
FILE_NAME = TextLimit(255, lm.FILE_NAME)


# --- the characters of a code ----------------------------------------------------------------
#: Control characters (CR, LF, TAB, ESC, NUL …), format characters (zero-width space, byte-order
#: mark, direction marks), lone surrogates, and the line and paragraph separators: nothing a
#: label can print or a scanner send as part of a code.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unprintable(char: str) -> bool:
    """True for a character no label prints (see ``_UNPRINTABLE``)."""
    return unicodedata.category(char) in _UNPRINTABLE


def first_unprintable(value: str) -> str | None:
    """The first unprintable character of *value*, said as ``U+0009``; None when there is none.

    The imports refuse a SKU code, barcode or lot code holding one; the label renderers turn
    such characters in printed text into spaces.
    """
    if value.isprintable():  # the common case, in C: no Cc, Cf, Cs, Zl, Zp (nor Zs but space)
        return None
    for char in value:
        if is_unprintable(char):
            return f"U+{ord(char):04X}"
    return None
