"""One catalogue of message codes, rendered in English and Chinese for the screens and the CLI.

Services and the domain never hand a sentence to a screen to be parsed: they raise or return a
:class:`Message` — a :class:`Code` from the catalogue and its parameters::

    from app.messages import packing as pm
    raise PackRefused(pm.NOT_WEIGHED(order="TB001", parcel=1, expected=grams(612)))

A code is declared once, in one of the area modules of this package, with its English template
(``{named}`` fields).  The template is marked with ``QT_TRANSLATE_NOOP("Message", …)`` so that
``python -m ui.i18n update`` collects it into the same Qt Linguist file (``.ts``) as every other
string of the app; the Chinese is written there.  A :class:`Message` renders itself with the
translate function it is given: the screens pass Qt's, the CLI the one ``app.bootstrap`` loads
for the user's language, and without one it is English (logs, audit, JSON).

Parameters may be messages themselves (rendered in the same language), lists of messages
(joined with "; "), or plain values (text, numbers).  Words that need translating — an order
status, a role — are passed as messages (:func:`status_word`), never as English words that a
screen would have to recognise.

Every code is rendered in zh_CN by a test (tests/unit/test_messages.py), which fails when one
comes out untranslated or with other placeholders than its English template.
"""

from __future__ import annotations

import importlib
import logging
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

#: The Qt Linguist context of every catalogue template.
CONTEXT = "Message"

#: translate(context, english_template) → the template in the reader's language.
Translate = Callable[[str, str], str]

#: The area modules of the catalogue (imported by :func:`all_codes`).
AREAS = (
    "common",
    "words",
    "scans",
    "orders",
    "users",
    "picking",
    "waves",
    "packing",
    "shipping",
    "imports",
    "documents",
    "labels",
    "devices",
    "stations",
    "dbaccess",
    "limits",
    "database",
    "followup",
    "cancellation",
    "handover",
    "stock",
    "sync",
    "counts",
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks *text* for pyside6-lupdate and returns it unchanged."""
    return text


def english(context: str, text: str) -> str:
    """The identity translation: the catalogue's own English."""
    return text


_FORMATTER = string.Formatter()
_CODES: dict[str, Code] = {}
_TEMPLATES: dict[str, str] = {}


def _fields(template: str) -> frozenset[str]:
    names = set()
    for _literal, name, _spec, _conv in _FORMATTER.parse(template):
        if name is not None:
            if not name or not name.isidentifier():
                raise ValueError(f"template {template!r}: fields must be named, not {name!r}")
            names.add(name)
    return frozenset(names)


def placeholders(template: str) -> frozenset[str]:
    """The ``{named}`` fields of a template (its translation must have the same)."""
    return _fields(template)


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue: a stable name ("pack.not_weighed") and its English template.

    Calling a code with its parameters makes a :class:`Message`; a missing or unknown
    parameter is a programming error and raises TypeError at once.
    """

    name: str
    template: str
    fields: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _fields(self.template))

    def __call__(self, **params: object) -> Message:
        given = frozenset(params)
        if given != self.fields:
            missing = ", ".join(sorted(self.fields - given)) or "none"
            extra = ", ".join(sorted(given - self.fields)) or "none"
            raise TypeError(f"message {self.name}: missing parameters {missing}; unknown {extra}")
        return Message(self, tuple(params.items()))


def code(name: str, template: str) -> Code:
    """Declare a catalogue entry.  Names and English templates are unique (Qt looks a
    translation up by its English source)."""
    if name in _CODES:
        raise ValueError(f"message code {name} is declared twice")
    other = _TEMPLATES.get(template)
    if other is not None:
        raise ValueError(f"message codes {other} and {name} have the same English template")
    entry = Code(name, template)
    _CODES[name] = entry
    _TEMPLATES[template] = name
    return entry


@dataclass(frozen=True)
class Message:
    """A code with its parameters: what happened, in no language yet."""

    code: Code
    items: tuple[tuple[str, object], ...] = ()

    @property
    def name(self) -> str:
        return self.code.name

    @property
    def params(self) -> dict[str, object]:
        return dict(self.items)

    def render(self, translate: Translate | None = None) -> str:
        """The sentence in the language of *translate* (English without one)."""
        tr = translate or english
        values = {key: render_value(value, tr) for key, value in self.items}
        template = self.code.template
        translated = tr(CONTEXT, template) or template
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            log.warning("the translation of %s has other placeholders; English shown", self.name)
            return template.format(**values)

    def english(self) -> str:
        return self.render(english)

    def __str__(self) -> str:
        return self.english()

    def to_json(self) -> dict[str, Any]:
        """{"code", "params", "text"}: what a program reading our JSON or audit can rely on."""
        return {
            "code": self.name,
            "params": {key: _json_value(value) for key, value in self.items},
            "text": self.english(),
        }


def render_value(value: object, translate: Translate) -> str:
    if isinstance(value, Message):
        return value.render(translate)
    if isinstance(value, list | tuple) and all(isinstance(v, Message) for v in value):
        return "; ".join(v.render(translate) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def from_json(data: Mapping[str, Any]) -> Message:
    """The message :meth:`Message.to_json` wrote (an unknown code: KeyError)."""
    entry = lookup(str(data["code"]))
    params = {key: _from_json_value(value) for key, value in dict(data.get("params") or {}).items()}
    return entry(**params)


def _from_json_value(value: object) -> object:
    if isinstance(value, Mapping) and "code" in value:
        return from_json(value)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, Mapping) and "code" in v for v in value)
    ):
        return tuple(from_json(v) for v in value)  # a list of messages (written as a list)
    return value


def lookup(name: str) -> Code:
    """The code called *name* (KeyError when no area declares it)."""
    if name not in _CODES:
        all_codes()
    return _CODES[name]


def all_codes() -> list[Code]:
    """Every code of the catalogue, by name (the area modules are imported first)."""
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}")
    return [_CODES[name] for name in sorted(_CODES)]


def render(message: Message | str, translate: Translate | None = None) -> str:
    """A message (or an already rendered text) in the language of *translate*."""
    if isinstance(message, Message):
        return message.render(translate)
    return message


def join(messages: Iterable[Message], translate: Translate | None = None, sep: str = "; ") -> str:
    return sep.join(m.render(translate) for m in messages)


def iter_messages(value: object) -> Iterator[Message]:
    """The messages inside *value* (a message, or a sequence of them)."""
    if isinstance(value, Message):
        yield value
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            yield from iter_messages(item)


def grams(value: float | int | None) -> str:
    """A weight as the screens and messages write it: "1,234 g" ("—" when unknown)."""
    if value is None:
        return "—"
    number = float(value)
    if number == int(number):
        return f"{int(number):,} g"
    return f"{number:,.1f} g"
