from __future__ import annotations

import pytest

from app.domain.review import (
    REASON_UNPAID,
    ReviewInput,
    ReviewLine,
    plausible_phone,
    review_order,
)


def order(**kw: object) -> ReviewInput:
    base: dict[str, object] = {
        "paid": True,
        "buyer_name": "王芳",
        "phone": "138 1234 5678",
        "province": "浙江省",
        "city": "杭州市",
        "district": "西湖区",
        "address": "文三路 90 号",
        "lines": [ReviewLine("CUP", True, 2)],
    }
    base.update(kw)
    return ReviewInput(**base)  # type: ignore[arg-type]


def test_good_order_passes_and_claims_its_stock() -> None:
    free = {"CUP": 5}
    assert review_order(order(), free) == []
    assert free == {"CUP": 3}


def test_every_reason_is_listed() -> None:
    free = {"CUP": 1}
    reasons = review_order(
        order(
            paid=False,
            district="",
            phone="12345",
            lines=[ReviewLine("CUP", True, 2), ReviewLine("OLD-1", False, 1)],
        ),
        free,
    )
    assert reasons == [
        REASON_UNPAID,
        "address incomplete: district missing",
        "phone number looks wrong: '12345'",
        "unknown SKU OLD-1",
        "not enough stock: SKU CUP needs 2, 1 free",
    ]
    assert free == {"CUP": 1}  # a failing order claims nothing


def test_second_order_sees_what_the_first_took() -> None:
    free = {"CUP": 3}
    assert review_order(order(), free) == []
    assert review_order(order(), free) == ["not enough stock: SKU CUP needs 2, 1 free"]


@pytest.mark.parametrize(
    "phone",
    ["13812345678", "+86 138-1234-5678", "0755-86013388", "+852 9123 4567", "(010) 6552 9988"],
)
def test_plausible_phones(phone: str) -> None:
    assert plausible_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "1381234567", "abc", "11111111111", "+0 123"])
def test_implausible_phones(phone: str) -> None:
    assert not plausible_phone(phone)
