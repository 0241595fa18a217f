"""Buyers' personal data (names, phones, addresses) as shown to someone who may not read it.

Reading buyers' personal data is a permission (Action.VIEW_BUYERS); a packer sees the order
being packed on the station and its documents, and masked lists everywhere else.  The same phone
mask prints on a privacy waybill (隐私面单).
"""

from __future__ import annotations

import unicodedata

#: What stands in for hidden characters.
HIDDEN = "*"


def _digit_groups(phone: str) -> list[list[int]]:
    """Indices of the ASCII digits of ``phone``, grouped by the separators between them."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, ch in enumerate(phone):
        if "0" <= ch <= "9":
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _country_code_length(phone: str, digits: str, groups: list[list[int]]) -> int:
    head = phone.lstrip()
    if digits.startswith("0086") and len(digits) >= 13:
        return 4
    if not head.startswith("+"):
        return 0
    if len(groups) > 1 and len(groups[0]) <= 3:
        return len(groups[0])
    if digits.startswith("86"):
        return 2
    return 1 if digits.startswith("1") else 0


def _mask_national(digits: str, first_group: int) -> set[int]:
    """Positions (in ``digits``) to keep visible for a national number."""
    n = len(digits)
    if n == 11 and digits.startswith("1"):  # mainland mobile: 138****5678
        return {0, 1, 2, 7, 8, 9, 10}
    if digits.startswith("0") and 10 <= n <= 12:  # landline with area code: 0755-****3388
        area = first_group if 3 <= first_group <= 4 and first_group < n else 0
        if not area:
            area = 3 if digits[1:2] in ("1", "2") else 4
        return set(range(area)) | set(range(n - 4, n))
    keep = min(4, max(n - 4, 0))  # at least four digits stay hidden
    return set(range(n - keep, n))


def mask_phone(phone: str) -> str:
    """``phone`` with its middle digits as ``*`` for a privacy waybill (隐私面单).

    Mainland mobiles keep the first three and last four digits ("138****5678"), landlines the
    area code and the last four ("0755-****3388"), and a country code ("+86 138 **** 5678")
    stays. A mobile followed by a short extension (a platform's virtual number, "-1234") keeps
    the extension. Any other number shows its last four digits at most, and always hides at
    least four. Separators and other characters are kept as they are.
    """
    phone = unicodedata.normalize("NFKC", phone)
    groups = _digit_groups(phone)
    positions = [i for group in groups for i in group]
    if not positions:
        return phone
    digits = "".join(phone[i] for i in positions)
    cc = _country_code_length(phone, digits, groups)
    national = digits[cc:]
    keep = set(range(cc))
    ext = 0
    if len(groups) > 1 and len(groups[-1]) <= 5:
        main = national[: len(national) - len(groups[-1])]
        if len(main) == 11 and main.startswith("1"):
            ext = len(groups[-1])
    main = national[: len(national) - ext]
    group_offsets = [len(g) for g in groups]
    first_national_group = 0
    if cc == 0:
        first_national_group = group_offsets[0]
    elif len(groups) > 1 and group_offsets[0] == cc:
        first_national_group = group_offsets[1]
    keep |= {cc + i for i in _mask_national(main, first_national_group)}
    keep |= set(range(cc + len(main), len(digits)))
    out = list(phone)
    for k, i in enumerate(positions):
        if k not in keep:
            out[i] = "*"
    return "".join(out)


def mask_name(name: str) -> str:
    """The first character of a name, the rest hidden: "张三丰" → "张**", "Li Lei" → "L*****".

    A name of one character stays one hidden character; no more than 8 marks are shown."""
    name = name.strip()
    if not name:
        return ""
    if len(name) == 1:
        return HIDDEN
    return name[0] + HIDDEN * min(len(name) - 1, 8)


def mask_address(address: str) -> str:
    """A street address hidden whole (the province, city and district stay where they are)."""
    return HIDDEN * 4 if address.strip() else ""
