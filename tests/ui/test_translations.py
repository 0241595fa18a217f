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
    from app.domain.review import REASON_UNPAID, reason_missing, reason_stock

    reasons = [reason_stock("CUP", 3, 1), reason_missing("district")]
    i18n.install_translator("zh_CN")
    try:
        assert i18n.status_text("exception") == "异常"
        assert i18n.message_text(reasons[0]) == "库存不足：SKU CUP 需要 3，可用 1"
        assert i18n.message_text(reasons[1]) == "地址不完整：缺少区县"
        assert i18n.messages_text(reasons, " | ") == (
            "库存不足：SKU CUP 需要 3，可用 1 | 地址不完整：缺少区县"
        )
    finally:
        i18n.install_translator("en")
    assert i18n.message_text(REASON_UNPAID) == "not paid"


def test_system_language_picks_chinese_for_any_chinese_locale() -> None:
    assert i18n.resolve_language("system", "zh_TW") == "zh_CN"
    assert i18n.resolve_language("system", "de_DE") == "en"
    assert i18n.resolve_language("en", "zh_CN") == "en"


def test_scan_refusals_read_in_chinese() -> None:
    from app.domain.errors import PermissionDenied
    from app.messages import picking as pick_msg
    from app.messages.orders import SHORT_PICK
    from app.services.picking import ScanRefused

    i18n.install_translator("zh_CN")
    try:
        wrong = ScanRefused(pick_msg.WRONG_LOCATION(scanned="B-01-01-01", location="A-01-02-03"))
        assert i18n.error_text(wrong) == "库位错误：扫描的是 B-01-01-01；请到 A-01-02-03"
        over = ScanRefused(pick_msg.OVER_QUANTITY(remaining=2, qty=5))
        assert i18n.error_text(over) == "数量超出：本任务还需 2 件，不是 5 件"
        denied = PermissionDenied("zhangwei", "labels", "create pick waves")
        assert "创建拣货波次" in i18n.error_text(denied)
        assert i18n.message_text(SHORT_PICK(sku="CUP", short=1)) == (
            "拣货缺货：SKU CUP 缺 1 件，已无库存"
        )
    finally:
        i18n.install_translator("en")


def test_every_message_in_the_sources_is_in_the_ts(tmp_path: Path) -> None:
    """A string added to ui/*.py without `python -m ui.i18n update` shows here."""
    copy = tmp_path / "packdesk_zh_CN.ts"
    copy.write_bytes(i18n.TS_FILE.read_bytes())
    i18n.run_lupdate(copy)
    assert i18n.unfinished(copy) == [], "run: python -m ui.i18n update, then translate"
