"""Scans: what a code is, and garbage refused at the edge."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, code

TOO_LONG = code(
    "scan.too_long",
    QT_TRANSLATE_NOOP(
        "Message",
        "Scan refused: {length} characters is far too long to be a barcode (at most {max}) — "
        "a stuck key or a scanner set up wrongly?",
    ),
)
CONTROL_CHARACTER = code(
    "scan.control_character",
    QT_TRANSLATE_NOOP(
        "Message",
        "Scan refused: control character {char} in the code, which no barcode holds — check "
        "the scanner's keyboard language and suffix settings",
    ),
)
EMPTY = code("scan.empty", QT_TRANSLATE_NOOP("Message", "Scan refused: the code was empty"))
PATTERN_UNKNOWN_KIND = code(
    "scan.pattern_unknown_kind",
    QT_TRANSLATE_NOOP("Message", "scan pattern for '{kind}' ignored: the kinds are {kinds}"),
)
PATTERN_NOT_REGEX = code(
    "scan.pattern_not_regex",
    QT_TRANSLATE_NOOP(
        "Message", "scan pattern for '{kind}' ignored: {pattern} is not a regex ({error})"
    ),
)
