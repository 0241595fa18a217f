"""Carriers (快递公司 / 承运商) and the rules their tracking numbers (运单号) follow.

A carrier has one or more *formats*.  A format is: the allowed lengths, the allowed prefixes, the
characters allowed after the prefix, a full pattern, and optionally a check digit.  A number is a
valid tracking number of a carrier when it fits one of the carrier's formats.  Numbers are
normalised first: Unicode NFKC (full-width ＳＦ１２３ from a Chinese IME becomes SF123), every
whitespace character removed, letters upper-cased.

Rules, examples and where they come from ("published" examples are printed by the carrier, by a
standard, or used as test data by the open tracking_number_data project (jkeen/tracking_number_data
on GitHub); "computed" examples were made with the functions in this module; "sample" examples
appear in public code as real-looking numbers but could not be confirmed with the carrier):

====== ============================================ ============================================
code   format (check digit)                         examples and source / assumption
====== ============================================ ============================================
SF     SF + 12 or 13 digits; 12 digits (older)      SF1234567890123 (illustrative).  No check
                                                    digit is published.  Current e-waybills are
                                                    SF + 13 digits; 12 plain digits are older.
ZTO    12 or 14 digits starting 2, 3, 5, 6 or 7     73100012345678 (illustrative).  Current
                                                    numbers are 14 digits starting 73-78; older
                                                    ones 12 digits.  No check digit published.
YTO    YT + 13 digits; 10 characters: 2 letters or  YT1234567890123 (illustrative).  YT + 16
       digits and 8 digits (older)                  digits is YunExpress (云途), not YTO.
STO    12-15 digits starting 77, 88, 66, 55, 268,   77316523125896 (sample).  Kept permissive:
       368, 468, 568, 668, 768, 868 or 968          current numbers are 14-15 digits from 77.
YUNDA  13 or 15 digits starting 1, 3, 4 or 5        462598779470531 (sample).  No check digit.
JD     JD + 2 letters or digits + 11 digits         JDVA11408814483 (sample), JD0012345678901
       (JD + 13 digits, JDVA/JDVB/JDVC…, JDX…)      (illustrative).
EMS    13 digits starting 1, 4, 5 or 9 (domestic    1240921381750 (sample); EE473124829CN.  S10
       EMS and China Post parcels); UPU S10 ending  check digits follow UPU S10 (see below).
       CN (2 letters, 8 digits, check digit, CN)
JT     JT + 13 digits                               JT0006968326954, JT3002232682242 (samples).
UPS    1Z + 6 shipper + 2 service + 7 package       1Z999AA10123456784, 1Z12345E6605272234 (UPS
       characters + check digit (UPS mod 10)        developer documentation), 1Z5R89390357567127,
                                                    1Z879E930346834440 (tracking_number_data).
USPS   22 or 26 digits starting 91-95 (IMpb,        9400111201080805483016,
       mod 10); 20 digits (mod 10 over the number,  9505511069605048600624 (22),
       or over 91 + the number); UPU S10 ending US  92748931507708513018050063 (26),
                                                    03071790000523483741, 71969010756003077385
                                                    (20), RB123456785US (all tracking_number_data).
FEDEX  12 digits (Express, FedEx mod 11); 15        986578788855, 477179081230 (12);
       digits (Ground, mod 10); 22 digits starting  449044304137821, 041441760228964 (15);
       96 (Ground 96, mod 10 over digits 8-21)      9611020987654312345672 (22; all
                                                    tracking_number_data).
DHL    10 digits (Express waybill, mod 7)           3318810025, 8487135506, 1099255990
                                                    (tracking_number_data).
====== ============================================ ============================================

Check digits:

* UPS mod 10: over the 15 characters after "1Z", letters become digits as (ord(letter) - 63) % 10
  (A=2 … H=9, I=0 …, Z=7); odd positions count once, even positions twice; the check digit is
  (10 - sum % 10) % 10.
* UPU S10: the 8 serial digits are weighted 8 6 4 2 3 5 9 7; check = 11 - sum % 11, where 10
  becomes 0 and 11 becomes 5.  (AA473124829GB is the standard's own example.)
* mod 10 (GS1, as for GTINs): weights 3, 1, 3, … from the right of the digits before the check
  digit; check = (10 - sum % 10) % 10.
* FedEx mod 11: weights 1, 3, 7, 1, 3, 7, … from the right of the first 11 digits; check =
  sum % 11 % 10.
* DHL mod 7: the digits before the check digit, read as one number, modulo 7.

Custom carriers' patterns are typed by people: they are matched by RE2 (google-re2), whose time
grows linearly with the number, never by Python's backtracking engine, so that a pattern such as
``(a+)+$`` cannot hang a scan or a transaction; a pattern RE2 cannot run (back-references,
look-arounds) is refused when the carrier is added.

Not covered: USPS labels scanned with their GS1 routing prefix (420 + ZIP code before the IMpb),
FedEx 34-digit barcodes, FedEx SmartPost numbers (they validate as USPS), DHL piece IDs (JJD…)
and DHL eCommerce numbers.  Carriers that are not built in can be described with
:func:`custom_carrier`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import re2

from app.domain import limits
from app.domain.barcodes import gtin_check_digit
from app.domain.errors import InvalidInput, NotFound
from app.messages import Message
from app.messages import shipping as sm

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_ALNUM = re.compile(r"[0-9A-Z]+", re.ASCII)
_CODE = re.compile(rf"[A-Z0-9][A-Z0-9_-]{{0,{limits.CARRIER_CODE.max_len - 1}}}", re.ASCII)
_SHOWN_MAX = 40  # characters of a rejected number repeated in a message


# --- check digits -------------------------------------------------------------------------------


def ups_check_digit(serial: str) -> int:
    """UPS mod-10 check digit for the 15 characters between "1Z" and the check digit."""
    if len(serial) != 15 or not _ALNUM.fullmatch(serial):
        raise ValueError("a UPS serial is 15 digits or capital letters")
    total = 0
    for i, ch in enumerate(serial):
        value = int(ch) if ch.isdigit() else (ord(ch) - 63) % 10
        total += value * (2 if i % 2 else 1)
    return (10 - total % 10) % 10


_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """UPU S10 check digit for the 8 serial digits (after the 2-letter service indicator)."""
    if len(serial) != 8 or not _DIGITS.fullmatch(serial):
        raise ValueError("an S10 serial is 8 digits")
    total = sum(int(ch) * weight for ch, weight in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return 0
    if check == 11:
        return 5
    return check


def fedex_check_digit(body: str) -> int:
    """FedEx Express mod-11 check digit for the first 11 digits of a 12-digit number."""
    if len(body) != 11 or not _DIGITS.fullmatch(body):
        raise ValueError("a FedEx Express body is 11 digits")
    total = sum(int(ch) * (1, 3, 7)[i % 3] for i, ch in enumerate(reversed(body)))
    return total % 11 % 10


def dhl_check_digit(body: str) -> int:
    """DHL Express mod-7 check digit: the digits before the check digit as one number, mod 7."""
    if not body or not _DIGITS.fullmatch(body):
        raise ValueError("a DHL body is one or more digits")
    return int(body) % 7


def mod10_check_digit(body: str) -> int:
    """GS1 mod-10 check digit (weights 3, 1 from the right), used by USPS IMpb and FedEx Ground."""
    if not body or not _DIGITS.fullmatch(body):
        raise ValueError("a mod-10 body is one or more digits")
    return gtin_check_digit(body)


# The functions below compute the expected check character of a number that already fits the
# format's pattern.


def _ups_expected(number: str) -> str:
    return str(ups_check_digit(number[2:17]))


def _s10_expected(number: str) -> str:
    return str(s10_check_digit(number[2:10]))


def _mod10_expected(number: str) -> str:
    return str(mod10_check_digit(number[:-1]))


def _mod10_with_91_expected(number: str) -> str:
    return str(mod10_check_digit("91" + number[:-1]))


def _fedex_ground96_expected(number: str) -> str:
    return str(mod10_check_digit(number[7:21]))


def _fedex_expected(number: str) -> str:
    return str(fedex_check_digit(number[:11]))


def _dhl_expected(number: str) -> str:
    return str(dhl_check_digit(number[:-1]))


@dataclass(frozen=True)
class CheckDigit:
    """A check digit: its scheme's name, how to compute it, and where it stands."""

    scheme: str
    compute: Callable[[str], str]  # the expected check character for a whole number
    index: int = -1  # position of the check character in the number


UPS_MOD10 = CheckDigit("UPS mod 10", _ups_expected)
S10 = CheckDigit("UPU S10", _s10_expected, index=10)
MOD10 = CheckDigit("GS1 mod 10", _mod10_expected)
MOD10_WITH_91 = CheckDigit("GS1 mod 10 over 91 + number", _mod10_with_91_expected)
FEDEX_GROUND96 = CheckDigit("GS1 mod 10 over digits 8-21", _fedex_ground96_expected)
FEDEX_MOD11 = CheckDigit("FedEx mod 11", _fedex_expected)
DHL_MOD7 = CheckDigit("DHL mod 7", _dhl_expected)


# --- formats and carriers -----------------------------------------------------------------------


class _Pattern(Protocol):
    """A compiled pattern: Python's (the registry's own) or RE2's (a custom carrier's)."""

    def fullmatch(self, string: str) -> object | None: ...


def _linear(pattern: str, *, ignore_case: bool) -> _Pattern:
    """*pattern* compiled by RE2 (raises re2.error for a pattern it cannot run)."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False  # the refusal says why; RE2 need not print to stderr
    compiled: _Pattern = re2.compile(pattern, options)
    return compiled


@dataclass(frozen=True)
class TrackingFormat:
    """One shape of tracking number.

    ``lengths`` and ``prefixes`` are checked first (empty means any); ``charset`` is a regex for
    one character, checked on every character after the prefix (None: any character); ``pattern``
    must match the whole normalised number (it is used with ``fullmatch``, so it needs no
    anchors and alternatives cannot match part of a number); ``check`` is the optional check digit.
    ``linear``: the pattern is a person's (a custom carrier's) and is run by RE2 in linear time.
    ``description`` says the rule in words for error messages ("SF followed by 13 digits"), as
    a message (codes in app.messages.shipping).
    """

    description: Message
    pattern: str
    lengths: tuple[int, ...] = ()
    prefixes: tuple[str, ...] = ()
    charset: str | None = "[0-9]"
    check: CheckDigit | None = None
    ignore_case: bool = False
    linear: bool = False
    _regex: _Pattern = field(init=False, repr=False, compare=False)
    _char: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.linear:  # RE2's \d, \w, \s and \b are ASCII, like re.ASCII
            regex = _linear(self.pattern, ignore_case=self.ignore_case)
        else:
            regex = re.compile(self.pattern, re.ASCII | (re.IGNORECASE if self.ignore_case else 0))
        object.__setattr__(self, "_regex", regex)
        char = re.compile(self.charset, re.ASCII) if self.charset is not None else None
        object.__setattr__(self, "_char", char)

    def matches(self, number: str) -> bool:
        """Whether the normalised *number* fits this format, check digit included."""
        return _check_format(self, number) is None


@dataclass(frozen=True)
class Carrier:
    """A carrier and the formats of its tracking numbers."""

    code: str  # "SF", "ZTO", "UPS", … (upper case)
    name_en: str
    name_zh: str
    formats: tuple[TrackingFormat, ...]
    aliases: tuple[str, ...] = ()  # other names carrier() accepts: "J&T", "极兔", …
    #: A custom carrier as stored whose definition is no longer usable (see ``unusable``):
    #: why, and every number is refused with it.
    problem: Message | None = None

    @property
    def lengths(self) -> tuple[int, ...]:
        """All allowed lengths, smallest first (empty: a custom carrier without a length rule)."""
        if any(not fmt.lengths for fmt in self.formats):
            return ()
        return tuple(sorted({n for fmt in self.formats for n in fmt.lengths}))

    @property
    def has_check_digit(self) -> bool:
        return any(fmt.check is not None for fmt in self.formats)

    @property
    def rule(self) -> Message:
        """The formats in words: "SF followed by 12 or 13 digits, or 12 digits (older waybills)"."""
        if self.problem is not None:
            return self.problem
        return _rule(fmt.description for fmt in self.formats)

    @property
    def pattern(self) -> str | None:
        """A custom carrier's pattern as it was given (None for a built-in carrier)."""
        custom = [fmt.pattern for fmt in self.formats if fmt.linear]
        return custom[0] if custom else None

    @property
    def label(self) -> Message | str:
        """The carrier's name in a message: a built-in carrier's in the reader's language, a
        custom carrier's as it was given."""
        entry = sm.CARRIER_NAME.get(self.code)
        if entry is not None and entry.template == self.name_en:
            return entry()
        return self.name_en

    def fits(self, number: str) -> bool:
        """Whether *number* (normalised here) is a valid tracking number of this carrier."""
        normalised = normalize_tracking(number)
        return bool(normalised) and any(fmt.matches(normalised) for fmt in self.formats)


def _rule(descriptions: Iterable[Message]) -> Message:
    """Formats one after another ("…, or …"), each said once."""
    unique = list(dict.fromkeys(descriptions))
    said = unique[-1]
    for description in reversed(unique[:-1]):
        said = sm.RULE_OR(rule=description, other=said)
    return said


def _digits_format(
    description: Message,
    lengths: tuple[int, ...],
    prefixes: tuple[str, ...] = (),
    check: CheckDigit | None = None,
) -> TrackingFormat:
    pattern = rf"[0-9]{{{lengths[0]}}}" if len(lengths) == 1 else r"[0-9]+"
    return TrackingFormat(description, pattern, lengths, prefixes, "[0-9]", check)


def _s10_format(country: str) -> TrackingFormat:
    return TrackingFormat(
        sm.FMT_S10(country=country),
        rf"[A-Z]{{2}}[0-9]{{9}}{country}",
        (13,),
        charset="[0-9A-Z]",
        check=S10,
    )


_STO_PREFIXES = ("77", "88", "66", "55", "268", "368", "468", "568", "668", "768", "868", "968")

_BUILT_IN: tuple[Carrier, ...] = (
    Carrier(
        "SF",
        "SF Express",
        "顺丰速运",
        (
            TrackingFormat(sm.FMT_SF(), r"SF[0-9]{12,13}", (14, 15), ("SF",)),
            _digits_format(sm.FMT_OLDER_12(), (12,)),
        ),
        ("SFEXPRESS", "SHUNFENG", "顺丰", "顺丰速运"),
    ),
    Carrier(
        "ZTO",
        "ZTO Express",
        "中通快递",
        (_digits_format(sm.FMT_ZTO(), (12, 14), tuple("23567")),),
        ("ZHONGTONG", "中通", "中通快递"),
    ),
    Carrier(
        "YTO",
        "YTO Express",
        "圆通速递",
        (
            TrackingFormat(sm.FMT_YTO(), r"YT[0-9]{13}", (15,), ("YT",)),
            TrackingFormat(
                sm.FMT_YTO_OLDER(),
                r"[0-9A-Z]{2}[0-9]{8}",
                (10,),
                charset="[0-9A-Z]",
            ),
        ),
        ("YUANTONG", "圆通", "圆通速递"),
    ),
    Carrier(
        "STO",
        "STO Express",
        "申通快递",
        (_digits_format(sm.FMT_STO(), (12, 13, 14, 15), _STO_PREFIXES),),
        ("SHENTONG", "申通", "申通快递"),
    ),
    Carrier(
        "YUNDA",
        "Yunda Express",
        "韵达快递",
        (_digits_format(sm.FMT_YUNDA(), (13, 15), tuple("1345")),),
        ("YD", "韵达", "韵达快递"),
    ),
    Carrier(
        "JD",
        "JD Logistics",
        "京东物流",
        (
            TrackingFormat(
                sm.FMT_JD(),
                r"JD[0-9A-Z]{2}[0-9]{11}",
                (15,),
                ("JD",),
                charset="[0-9A-Z]",
            ),
        ),
        ("JDL", "JINGDONG", "京东", "京东物流", "京东快递"),
    ),
    Carrier(
        "EMS",
        "China Post EMS",
        "中国邮政 EMS",
        (
            _digits_format(sm.FMT_EMS(), (13,), tuple("1459")),
            _s10_format("CN"),
        ),
        ("CHINAPOST", "CHINA POST", "YZPY", "邮政", "中国邮政", "邮政EMS"),
    ),
    Carrier(
        "JT",
        "J&T Express",
        "极兔速递",
        (TrackingFormat(sm.FMT_JT(), r"JT[0-9]{13}", (15,), ("JT",)),),
        ("J&T", "JTEXPRESS", "J&TEXPRESS", "JITU", "极兔", "极兔速递"),
    ),
    Carrier(
        "UPS",
        "UPS",
        "UPS 联合包裹",
        (
            TrackingFormat(
                sm.FMT_UPS(),
                r"1Z[0-9A-Z]{15}[0-9]",
                (18,),
                ("1Z",),
                charset="[0-9A-Z]",
                check=UPS_MOD10,
            ),
        ),
    ),
    Carrier(
        "USPS",
        "USPS",
        "美国邮政 USPS",
        (
            _digits_format(
                sm.FMT_USPS_IMPB(),
                (22, 26),
                ("91", "92", "93", "94", "95"),
                MOD10,
            ),
            _digits_format(sm.FMT_DIGITS(count=20), (20,), check=MOD10),
            # The same 20 digits, printed without the "91" channel prefix of an IMpb number.
            _digits_format(sm.FMT_DIGITS(count=20), (20,), check=MOD10_WITH_91),
            _s10_format("US"),
        ),
    ),
    Carrier(
        "FEDEX",
        "FedEx",
        "联邦快递 FedEx",
        (
            _digits_format(sm.FMT_FEDEX_EXPRESS(), (12,), check=FEDEX_MOD11),
            _digits_format(sm.FMT_FEDEX_GROUND(), (15,), check=MOD10),
            _digits_format(sm.FMT_FEDEX_GROUND96(), (22,), ("96",), FEDEX_GROUND96),
        ),
        ("FEDEX EXPRESS", "联邦快递"),
    ),
    Carrier(
        "DHL",
        "DHL Express",
        "DHL 国际快递",
        (_digits_format(sm.FMT_DIGITS(count=10), (10,), check=DHL_MOD7),),
        ("DHLEXPRESS", "DHL EXPRESS", "敦豪"),
    ),
)

CARRIERS: dict[str, Carrier] = {c.code: c for c in _BUILT_IN}

_BY_NAME: dict[str, Carrier] = {
    key: c for c in _BUILT_IN for key in (c.code, *(alias.upper() for alias in c.aliases))
}


class UnknownCarrier(NotFound):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(sm.UNKNOWN_CARRIER(code=code, known=", ".join(CARRIERS)))


def carrier(code: str) -> Carrier:
    """The built-in carrier with this code or alias, in any case ("sf", "J&T", "顺丰")."""
    found = _BY_NAME.get(" ".join(code.split()).upper())
    if found is None:
        raise UnknownCarrier(code)
    return found


def custom_carrier(code: str, name: str, regex: str, *, name_zh: str | None = None) -> Carrier:
    """A carrier that is not built in, whose numbers must match *regex* as a whole.

    The regex is matched against the normalised number (no spaces, upper case), ignoring case and
    with ASCII classes (``\\d`` is 0-9); ``^`` and ``$`` are allowed but not needed.  It is
    matched by RE2 (linear time): back-references and look-arounds are refused.  Raise
    InvalidInput when the code, name or regex is not usable (or longer than its column).
    """
    key = " ".join(code.split()).upper()
    if key in _BY_NAME:
        builtin = _BY_NAME[key]
        raise InvalidInput(sm.CODE_TAKEN(code=key, carrier=builtin.label))
    if not _CODE.fullmatch(key):
        raise InvalidInput(sm.CODE_UNUSABLE(code=code, limit=limits.CARRIER_CODE.max_len))
    if not name.strip():
        raise InvalidInput(sm.NAME_MISSING(code=key))
    limits.CARRIER_NAME.check(name.strip())
    if not regex.strip():
        raise InvalidInput(sm.PATTERN_EMPTY(code=key))
    limits.CARRIER_PATTERN.check(regex)
    try:  # Python's parser first: it says where a mistake is (compiling runs nothing)
        re.compile(regex, re.ASCII | re.IGNORECASE)
    except re.error as exc:
        if exc.pos is not None:
            said = sm.PATTERN_INVALID_AT(pattern=regex, code=key, error=exc.msg, position=exc.pos)
        else:
            said = sm.PATTERN_INVALID(pattern=regex, code=key, error=exc.msg)
        raise InvalidInput(said) from exc
    try:
        fmt = TrackingFormat(
            sm.FMT_CUSTOM(pattern=regex), regex, charset=None, ignore_case=True, linear=True
        )
    except re2.error as exc:
        raise InvalidInput(
            sm.PATTERN_NOT_LINEAR(pattern=regex, code=key, error=_re2_error(exc))
        ) from exc
    return Carrier(key, name.strip(), (name_zh or name).strip(), (fmt,))


def _re2_error(exc: Exception) -> str:
    """RE2's own words ("invalid perl operator: (?="), given as bytes."""
    said = exc.args[0] if exc.args else exc
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)


def unusable(code: str, name: str, problem: Message) -> Carrier:
    """A custom carrier as stored whose definition is refused today (a pattern RE2 cannot run,
    a code longer than its column): it is listed, and every number is refused with *problem*
    until the carrier is added again."""
    return Carrier(code, name, name, (), problem=problem)


# --- validation ---------------------------------------------------------------------------------


class TrackingProblem(StrEnum):
    EMPTY = "empty"
    LENGTH = "length"
    PREFIX = "prefix"
    CHARACTERS = "characters"  # a character that is not allowed
    FORMAT = "format"  # allowed characters in the wrong places
    CHECK_DIGIT = "check_digit"


class InvalidTrackingNumber(InvalidInput):
    """A number is not a valid tracking number of a carrier; ``problem`` says why."""

    def __init__(
        self, carrier: Carrier, number: str, problem: TrackingProblem, why: Message | None = None
    ) -> None:
        self.carrier_code = carrier.code
        self.number = number  # normalised
        self.problem = problem
        self.why = why  # the part after the colon (None for an empty scan)
        if number and why is not None:
            shown = number if len(number) <= _SHOWN_MAX else number[: _SHOWN_MAX - 1] + "…"
            message = sm.INVALID_NUMBER(number=shown, carrier=carrier.label, why=why)
        else:
            message = sm.EMPTY_NUMBER(carrier=carrier.label)
        super().__init__(message)


@dataclass(frozen=True)
class _Failure:
    rank: int  # how far the number got: 0 length, 1 prefix / characters / pattern, 2 check digit
    problem: TrackingProblem
    fmt: TrackingFormat
    bad_char: str | None = None
    expected: str | None = None


def _check_format(fmt: TrackingFormat, number: str) -> _Failure | None:
    if fmt.lengths and len(number) not in fmt.lengths:
        return _Failure(0, TrackingProblem.LENGTH, fmt)
    prefix = next((p for p in fmt.prefixes if number.startswith(p)), None)
    if fmt.prefixes and prefix is None:
        return _Failure(1, TrackingProblem.PREFIX, fmt)
    if fmt._char is not None:
        for ch in number[len(prefix or "") :]:
            if not fmt._char.fullmatch(ch):
                return _Failure(1, TrackingProblem.CHARACTERS, fmt, bad_char=ch)
    if not fmt._regex.fullmatch(number):
        return _Failure(1, TrackingProblem.FORMAT, fmt)
    if fmt.check is not None:
        expected = fmt.check.compute(number)
        if number[fmt.check.index] != expected:
            return _Failure(2, TrackingProblem.CHECK_DIGIT, fmt, expected=expected)
    return None


def _or_list(items: Iterable[str]) -> Message | str:
    """ "2, 3, 5, 6 or 7" (the "or" in the reader's language)."""
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return sm.OR(items=", ".join(unique[:-1]), last=unique[-1])


def _explain(c: Carrier, number: str, failures: list[_Failure]) -> InvalidTrackingNumber:
    top = max(f.rank for f in failures)
    best = [f for f in failures if f.rank == top]
    rule = _rule(f.fmt.description for f in best)
    if top == 2:
        expected = _or_list(sorted(f.expected or "" for f in best))
        return InvalidTrackingNumber(
            c, number, TrackingProblem.CHECK_DIGIT, sm.WHY_CHECK_DIGIT(expected=expected)
        )
    if top == 0:
        why = (
            sm.WHY_LENGTH_ONE(rule=c.rule)
            if len(number) == 1
            else sm.WHY_LENGTH(count=len(number), rule=c.rule)
        )
        return InvalidTrackingNumber(c, number, TrackingProblem.LENGTH, why)
    problems = {f.problem for f in best}
    if problems == {TrackingProblem.PREFIX}:
        prefixes = _or_list(p for f in best for p in f.fmt.prefixes)
        return InvalidTrackingNumber(
            c, number, TrackingProblem.PREFIX, sm.WHY_PREFIX(prefixes=prefixes)
        )
    if problems == {TrackingProblem.CHARACTERS}:
        return InvalidTrackingNumber(
            c,
            number,
            TrackingProblem.CHARACTERS,
            sm.WHY_CHARACTER(char=best[0].bad_char or "", rule=rule),
        )
    return InvalidTrackingNumber(c, number, TrackingProblem.FORMAT, sm.WHY_FORMAT(rule=rule))


def normalize_tracking(raw: str) -> str:
    """The number as stored: NFKC (full-width to ASCII), no whitespace, letters upper-cased."""
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def validate_tracking(carrier_or_code: Carrier | str, number: str) -> str:
    """The normalised *number* if it is a valid tracking number of the carrier.

    Raise InvalidTrackingNumber saying what is wrong (length, prefix, characters, check digit),
    or UnknownCarrier for an unknown carrier code.
    """
    c = carrier(carrier_or_code) if isinstance(carrier_or_code, str) else carrier_or_code
    if c.problem is not None:
        raise InvalidInput(c.problem)
    normalised = normalize_tracking(number)
    if not normalised:
        raise InvalidTrackingNumber(c, normalised, TrackingProblem.EMPTY)
    if len(normalised) > limits.TRACKING_NO.max_len:  # checked before any pattern runs
        too_long = sm.WHY_TOO_LONG(count=len(normalised), limit=limits.TRACKING_NO.max_len)
        raise InvalidTrackingNumber(c, normalised, TrackingProblem.LENGTH, too_long)
    failures: list[_Failure] = []
    for fmt in c.formats:
        failure = _check_format(fmt, normalised)
        if failure is None:
            return normalised
        failures.append(failure)
    raise _explain(c, normalised, failures)


def detect_carriers(number: str, carriers: Iterable[Carrier] | None = None) -> list[str]:
    """Codes of the carriers whose rules *number* fits, in registry order (Chinese carriers
    first).  Numbers without a check digit often fit several carriers (12 digits: SF, ZTO, STO,
    maybe FedEx); the caller offers the choice.  Pass *carriers* to include custom ones."""
    normalised = normalize_tracking(number)
    if not normalised or len(normalised) > limits.TRACKING_NO.max_len:
        return []
    pool = CARRIERS.values() if carriers is None else carriers
    return [c.code for c in pool if any(fmt.matches(normalised) for fmt in c.formats)]
