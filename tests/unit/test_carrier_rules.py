"""Carrier choice rules (选择合适快递): first match wins; a bad row is refused in words."""

from __future__ import annotations

import pytest

from app.domain.carrier_rules import CarrierRule, OrderFacts, choose, read_rule
from app.domain.errors import InvalidInput

RULES = (
    CarrierRule("SF", fragile=True),
    CarrierRule("EMS", province="新疆"),
    CarrierRule("YUNDA", shop="拼多多店", max_g=1000),
    CarrierRule("ZTO", min_g=0, max_g=3000),
    CarrierRule("JD"),
)


@pytest.mark.parametrize(
    ("facts", "carrier", "number"),
    [
        (OrderFacts("拼多多店", "广东省", 500, True), "SF", 1),  # fragile first, whatever else
        (OrderFacts("拼多多店", "新疆维吾尔自治区", 500, False), "EMS", 2),  # 新疆 starts it
        (OrderFacts("拼多多店", "广东省", 1000, False), "YUNDA", 3),  # max_g included
        (OrderFacts("拼多多店", "广东省", 1001, False), "ZTO", 4),
        (OrderFacts("天猫旗舰店", "广东省", 800, False), "ZTO", 4),  # another shop
        (OrderFacts("天猫旗舰店", "广东省", 3001, False), "JD", 5),  # all blank: anything
    ],
)
def test_the_first_rule_that_matches_wins(facts: OrderFacts, carrier: str, number: int) -> None:
    found = choose(RULES, facts)
    assert found is not None and (found[1].carrier, found[0]) == (carrier, number)


def test_no_rule_no_carrier() -> None:
    assert choose(RULES[:1], OrderFacts("x", "广东省", 10, False)) is None


def _known(said: str) -> str:
    if said.upper() not in ("SF", "ZTO"):
        raise AssertionError(said)
    return said.upper()


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ({"min_g": "2000", "max_g": "1000", "carrier": "SF"}, "min_g 2000 is more than max_g 1000"),
        ({"min_g": "1.5kg", "carrier": "SF"}, "min_g must be a whole number of grams"),
        ({"max_g": "-5", "carrier": "SF"}, "max_g must be a whole number of grams"),
        ({"fragile": "maybe", "carrier": "SF"}, "fragile must be yes, no or blank"),
        ({"shop": "拼多多店"}, "the carrier is missing"),
    ],
)
def test_a_bad_row_is_refused_in_words(cells: dict[str, str], words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        read_rule(cells, _known)


def test_a_row_reads_blank_as_any() -> None:
    rule = read_rule({"shop": " ", "fragile": "是", "min_g": "100", "carrier": "sf"}, _known)
    assert rule == CarrierRule("SF", "", "", 100, None, True)
