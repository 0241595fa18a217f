"""zh_CN ships complete and compiled from the .ts that is in the repository."""

from __future__ import annotations

from pathlib import Path

from ui import i18n


def test_every_message_is_translated() -> None:
    assert i18n.unfinished(i18n.TS_FILE) == []


def test_the_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "check.qm"
    i18n.run_lrelease(i18n.TS_FILE, fresh)
    assert fresh.read_bytes() == i18n.QM_FILE.read_bytes(), "run: python -m ui.i18n update"


def test_reasons_and_statuses_read_in_chinese() -> None:
    i18n.install_translator("zh_CN")
    try:
        assert i18n.status_text("exception") == "异常"
        assert i18n.reason_text("not enough stock: SKU CUP needs 3, 1 free") == (
            "库存不足：SKU CUP 需要 3，可用 1"
        )
        assert i18n.reason_text("address incomplete: district missing") == "地址不完整：缺少区县"
    finally:
        i18n.install_translator("en")
    assert i18n.reason_text("not paid") == "not paid"


def test_system_language_picks_chinese_for_any_chinese_locale() -> None:
    assert i18n.resolve_language("system", "zh_TW") == "zh_CN"
    assert i18n.resolve_language("system", "de_DE") == "en"
    assert i18n.resolve_language("en", "zh_CN") == "en"
