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
    assert reasons[0] == REASON_UNPAID
    assert [r.english() for r in reasons] == [
        "not paid",
        "address incomplete: district missing",
        "phone number looks wrong: '12345'",
        "unknown SKU OLD-1",
        "not enough stock: SKU CUP needs 2, 1 free",
    ]
    assert [r.name for r in reasons] == [
        "order.reason.not_paid",
        "order.reason.address_missing",
        "order.reason.bad_phone",
        "order.reason.unknown_sku",
        "order.reason.no_stock",
    ]
    assert reasons[4].params == {"sku": "CUP", "needed": 2, "free": 1}
    assert free == {"CUP": 1}  # a failing order claims nothing


def test_second_order_sees_what_the_first_took() -> None:
    free = {"CUP": 3}
    assert review_order(order(), free) == []
    assert [r.english() for r in review_order(order(), free)] == [
        "not enough stock: SKU CUP needs 2, 1 free"
    ]


@pytest.mark.parametrize(
    "phone",
    ["13812345678", "+86 138-1234-5678", "0755-86013388", "+852 9123 4567", "(010) 6552 9988"],
)
def test_plausible_phones(phone: str) -> None:
    assert plausible_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "1381234567", "abc", "11111111111", "+0 123"])
def test_implausible_phones(phone: str) -> None:
    assert not plausible_phone(phone)


def test_every_missing_address_part_is_named_and_reads_in_chinese() -> None:
    from app import bootstrap

    zh = bootstrap.message_translator("zh_CN")
    assert zh is not None
    reasons = review_order(
        order(buyer_name="", phone=" ", province="", city="", district="", address=""),
        {"CUP": 2},
    )
    assert [r.english() for r in reasons] == [
        f"address incomplete: {part} missing"
        for part in ("buyer name", "phone", "province", "city", "district", "street address")
    ]
    parts = ("买家姓名", "电话", "省份", "城市", "区县", "详细地址")
    assert [r.render(zh) for r in reasons] == [f"地址不完整：缺少{part}" for part in parts]


def test_a_reason_reads_in_chinese_and_round_trips_through_the_stored_json() -> None:
    from app import bootstrap
    from app.messages.orders import reasons_from_json, reasons_to_json

    zh = bootstrap.message_translator("zh_CN")
    assert zh is not None
    reasons = review_order(order(paid=False, lines=[ReviewLine("CUP", True, 3)]), {"CUP": 1})
    assert [r.render(zh) for r in reasons] == ["未付款", "库存不足：SKU CUP 需要 3，可用 1"]
    stored = reasons_to_json(reasons)
    assert stored[1] == {
        "code": "order.reason.no_stock",
        "params": {"sku": "CUP", "needed": 3, "free": 1},
        "text": "not enough stock: SKU CUP needs 3, 1 free",
    }
    assert reasons_from_json(stored) == reasons


def test_a_stored_reason_this_version_cannot_read_is_shown_as_recorded() -> None:
    from app import bootstrap
    from app.messages.orders import reasons_from_json

    zh = bootstrap.message_translator("zh_CN")
    read = reasons_from_json(
        ["checked by hand", {"code": "order.reason.from_the_future", "params": {}, "text": "x y"}]
    )
    assert [r.name for r in read] == ["order.reason.as_recorded"] * 2
    assert [r.english() for r in read] == ["checked by hand (as recorded)", "x y (as recorded)"]
    assert read[0].render(zh) == "checked by hand（原始记录）"
