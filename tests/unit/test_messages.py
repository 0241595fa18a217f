"""The message catalogue: every code reads in Chinese, with the same placeholders as English."""

from __future__ import annotations

import re

import pytest

from app import bootstrap, messages
from app.domain.errors import IllegalTransition, PermissionDenied
from app.messages import Code, Message, placeholders

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def zh() -> messages.Translate:
    translate = bootstrap.message_translator("zh_CN")
    assert translate is not None, "the zh_CN translation did not load"
    return translate


def _sample(entry: Code) -> Message:
    return entry(**{name: f"<{name}>" for name in entry.fields})


def _codes() -> list[Code]:
    return messages.all_codes()


def test_the_catalogue_has_codes_from_every_area() -> None:
    areas = {c.name.split(".")[0] for c in _codes()}
    assert {"status", "role", "action", "order", "user"} <= areas


def _has_words(template: str) -> bool:
    """Whether a template has words to translate besides its placeholders and codes such as
    "SKU" ("{first} {second}" and "SKU {sku}" have none: they read the same in Chinese)."""
    return bool(re.search(r"[a-z]{2,}", re.sub(r"\{\w+\}", "", template)))


def test_every_code_reads_in_chinese(zh: messages.Translate) -> None:
    untranslated = []
    for entry in _codes():
        text = zh(messages.CONTEXT, entry.template)
        if _has_words(entry.template) and (text == entry.template or not CJK.search(text)):
            untranslated.append(f"{entry.name}: {entry.template}")
    assert untranslated == [], "run python -m ui.i18n update and translate:\n" + "\n".join(
        untranslated
    )


def test_every_translation_keeps_the_placeholders(zh: messages.Translate) -> None:
    wrong = []
    for entry in _codes():
        text = zh(messages.CONTEXT, entry.template)
        if placeholders(text) != entry.fields:
            wrong.append(f"{entry.name}: {sorted(placeholders(text))} ≠ {sorted(entry.fields)}")
        rendered = _sample(entry).render(zh)
        for name in entry.fields:
            assert f"<{name}>" in rendered, f"{entry.name} drops {{{name}}} in Chinese"
    assert wrong == []


def test_a_code_refuses_missing_or_unknown_parameters() -> None:
    from app.messages.common import ILLEGAL_TRANSITION

    with pytest.raises(TypeError, match="missing parameters target"):
        ILLEGAL_TRANSITION(order="T1", current="new")
    with pytest.raises(TypeError, match="unknown colour"):
        ILLEGAL_TRANSITION(order="T1", current="new", target="x", colour="red")


def test_words_inside_a_message_are_translated_with_it(zh: messages.Translate) -> None:
    denied = PermissionDenied("zhangwei", "labels", "create pick waves")
    assert str(denied) == (
        "zhangwei (label staff) is not allowed to create pick waves; ask a supervisor or an admin"
    )
    chinese = denied.message.render(zh)
    assert "打单员" in chinese and "创建拣货波次" in chinese
    moved = IllegalTransition("TB1", "on_hold", "packing")
    assert moved.message.render(zh) == "订单 TB1：不能从“已挂起”变为“打包中”"


def test_a_message_round_trips_through_json() -> None:
    denied = PermissionDenied("lilei", "packer", "pick").message
    again = messages.from_json(denied.to_json())
    assert again == denied
    assert denied.to_json()["code"] == "user.permission_denied"


def test_the_command_line_speaks_the_systems_language() -> None:
    assert bootstrap.cli_language("system", {"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert bootstrap.cli_language("system", {"LANG": "de_DE.UTF-8"}) == "en"
    assert bootstrap.cli_language("system", {"LC_ALL": "zh_TW", "LANG": "en_US"}) == "zh_CN"
    assert bootstrap.cli_language("en", {"LANG": "zh_CN.UTF-8"}) == "en"


def test_a_refusal_is_never_a_bare_sentence() -> None:
    from app.domain.errors import DomainError

    with pytest.raises(TypeError, match="needs a Message"):
        DomainError("something went wrong")  # type: ignore[arg-type]
