"""Buyers' personal data as someone without the permission sees it."""

from __future__ import annotations

import pytest

from app.domain.privacy import mask_address, mask_name, mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("+8613812345678", "+86138****5678"),
        ("0755-86013388", "0755-****3388"),
        ("010 12345678", "010 ****5678"),
        ("17012345678-1234", "170****5678-1234"),  # a platform's virtual number + extension
        ("12345678", "****5678"),
        ("123456", "****56"),
        ("1234", "****"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三丰", "张**"), ("Li Lei", "L*****"), ("王", "*"), ("  ", ""), ("A" * 40, "A" + "*" * 8)],
)
def test_mask_name_keeps_only_the_first_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_address_hides_the_street_whole() -> None:
    assert mask_address("科技园南路88号3栋1201") == "****"
    assert mask_address("") == ""
