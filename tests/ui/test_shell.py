"""The desktop shell driven as a person would: keyboard and scanner only."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.bootstrap import app_context
from app.config import Settings, paths
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.services.users import UserInfo
from ui import i18n
from ui.app import AppController, LoginWindow, build_main_window, make_excepthook
from ui.main_window import MainWindow

SCAN_TIMEOUT = 10_000


def statuses(engine: Engine) -> dict[str, int]:
    with UnitOfWork(engine).reading() as s:
        return dict(s.execute(select(Order.status, func.count()).group_by(Order.status)).all())


def open_main(qtbot: QtBot, engine: Engine, user: UserInfo) -> MainWindow:
    window = build_main_window(app_context(engine), user, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_badge_scan_logs_in(qtbot: QtBot, demo_engine: Engine) -> None:
    login = LoginWindow(app_context(demo_engine), True)
    qtbot.addWidget(login)
    login.show()
    with qtbot.waitSignal(login.logged_in, timeout=SCAN_TIMEOUT) as signal:
        qtbot.keyClicks(login.badge_edit, "U-SUP01")
        qtbot.keyClick(login.badge_edit, Qt.Key.Key_Return)
    user = signal.args[0]
    assert (user.name, user.role.value) == ("wangfang", "supervisor")


def test_wrong_pin_is_refused_in_words(qtbot: QtBot, demo_engine: Engine) -> None:
    login = LoginWindow(app_context(demo_engine), False)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.name_edit, "lilei")
    qtbot.keyClick(login.name_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(login.pin_edit, "0000")
    qtbot.keyClick(login.pin_edit, Qt.Key.Key_Return)
    assert login.user is None
    assert login.message.kind == "error"
    assert login.message.message() == "Wrong name or PIN"
    assert login.pin_edit.text() == ""
    assert login.demo_table is None  # credentials are shown in demo mode only
    qtbot.keyClicks(login.pin_edit, "1111")
    with qtbot.waitSignal(login.logged_in, timeout=SCAN_TIMEOUT):
        qtbot.keyClick(login.pin_edit, Qt.Key.Key_Return)


def test_demo_mode_lists_the_demo_users(qtbot: QtBot, demo_engine: Engine) -> None:
    login = LoginWindow(app_context(demo_engine), True)
    qtbot.addWidget(login)
    assert login.demo_table is not None and login.demo_table.rowCount() == 4


def test_packer_cannot_review_even_by_calling_it(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo
) -> None:
    window = open_main(qtbot, demo_engine, packer_user)
    before = statuses(demo_engine)
    screen = window.orders_screen
    with qtbot.waitSignal(screen.review_failed, timeout=SCAN_TIMEOUT) as signal:
        assert screen.start_review()
    assert "not allowed to review orders" in signal.args[0]
    assert screen.message.kind == "error"
    assert statuses(demo_engine) == before


def test_review_runs_in_a_worker_and_refreshes_the_counts(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    window = open_main(qtbot, demo_engine, supervisor_user)
    screen = window.orders_screen
    assert statuses(demo_engine)["new"] == 120
    with qtbot.waitSignal(screen.review_finished, timeout=30_000) as signal:
        screen.start_review()
        assert screen.is_reviewing()  # the GUI thread is free while it runs
    summary = signal.args[0]
    assert summary.checked == 120 and summary.reviewed + summary.exceptions == 120
    assert "new" not in statuses(demo_engine)
    qtbot.waitUntil(lambda: "new" not in screen.counts())
    assert "Review finished" in screen.message.message()


def test_review_summary_names_the_commonest_reasons_in_words(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    from app.messages import orders as om
    from app.services.review import ReasonCount, ReviewSummary

    window = open_main(qtbot, demo_engine, supervisor_user)
    summary = ReviewSummary(checked=10, reviewed=7, exceptions=3)
    summary.top_reasons = [
        ReasonCount(
            "order.reason.no_stock", om.reason_kind(om.NO_STOCK(sku="A", needed=2, free=0)), 2
        ),
        ReasonCount("order.reason.not_paid", om.NOT_PAID(), 1),
    ]
    text = window.orders_screen.summary_text(summary)
    assert "Most common reasons: not enough stock (2), not paid (1)." in text
    i18n.install_translator("zh_CN")
    text = window.orders_screen.summary_text(summary)
    assert "库存不足 (2), 未付款 (1)" in text and "not paid" not in text


def test_import_dialog_refuses_a_bad_file_whole(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, tmp_path: Path
) -> None:
    window = open_main(qtbot, demo_engine, supervisor_user)
    dialog = window.orders_screen.open_import_dialog()
    bad = tmp_path / "orders.csv"
    bad.write_text(
        "order_no,shop,ordered_at,paid,buyer_name,phone,province,city,district,address,sku,qty\n"
        "N1,天猫旗舰店,2026-11-21 10:00,yes,张三,13800000000,广东省,深圳市,南山区,一路1号,"
        "NOPE-1,1\n",
        encoding="utf-8",
    )
    before = statuses(demo_engine)
    dialog.set_kind("orders")
    dialog.set_file(bad)
    with qtbot.waitSignal(dialog.import_finished, timeout=SCAN_TIMEOUT):
        assert dialog.start_import()
    assert dialog.errors_table.rowCount() == 1
    assert dialog.errors_table.item(0, 0).text() == "2"
    assert dialog.errors_table.item(0, 1).text() == "sku"
    assert dialog.errors_table.item(0, 2).text() == "unknown SKU 'NOPE-1'"
    assert "Nothing was imported" in dialog.message.message()
    assert statuses(demo_engine) == before
    i18n.install_translator("zh_CN")  # the problems follow the language, like the headers
    qtbot.waitUntil(lambda: dialog.errors_table.item(0, 2).text() == "未知 SKU“NOPE-1”")
    assert dialog.errors_table.rowCount() == 1
    dialog.close()


def test_import_dialog_imports_a_good_file_in_a_worker(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo, tmp_path: Path
) -> None:
    from app.db.models import Sku

    with UnitOfWork(demo_engine).reading() as s:
        sku = s.scalars(select(Sku.code).order_by(Sku.id).limit(1)).one()
    window = open_main(qtbot, demo_engine, supervisor_user)
    screen = window.orders_screen
    new_before = screen.counts().get("new", 0)
    dialog = screen.open_import_dialog()
    good = tmp_path / "orders.csv"
    good.write_text(
        "order_no,shop,ordered_at,paid,buyer_name,phone,province,city,district,address,sku,qty\n"
        f"UI-IMPORT-1,天猫旗舰店,2026-11-21 10:00,yes,张三,13800000000,广东省,深圳市,南山区,"
        f"科技园一路1号,{sku},2\n",
        encoding="utf-8",
    )
    dialog.set_kind("orders")
    dialog.set_file(good)
    with qtbot.waitSignal(dialog.import_finished, timeout=SCAN_TIMEOUT) as signal:
        assert dialog.start_import()
        assert dialog.is_busy()
    result = signal.args[0]
    assert (result.imported, result.errors) == (1, [])
    assert dialog.message.kind == "ok" and "1 imported" in dialog.message.message()
    assert dialog.errors_table.isHidden()
    dialog.close()  # the screen refreshes: the new order is listed and counted
    qtbot.waitUntil(lambda: screen.counts().get("new", 0) == new_before + 1)
    screen.set_search("UI-IMPORT-1")
    assert screen.model.rowCount() == 1 and screen.model.order_at(0).units == 2


def test_orders_screen_shows_reasons_only_where_they_matter(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    from ui.orders_model import COL_CITY, COL_REASONS

    window = open_main(qtbot, demo_engine, supervisor_user)
    screen = window.orders_screen
    assert screen.view.isColumnHidden(COL_REASONS) and not screen.view.isColumnHidden(COL_CITY)
    screen.set_status_filter("exception")
    assert not screen.view.isColumnHidden(COL_REASONS)
    assert screen.model.rowCount() == screen.counts()["exception"]
    screen.set_status_filter(None)
    assert screen.view.isColumnHidden(COL_REASONS)


def test_exceptions_show_reasons_in_chinese_and_back_to_review_moves_the_order(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    i18n.install_translator("zh_CN")
    window = open_main(qtbot, demo_engine, supervisor_user)
    window.show_screen("exceptions")
    screen = window.exceptions_screen
    screen.refresh()
    model = screen.model
    reasons = {
        reason for r in range(model.rowCount()) for reason in model.order_at(r).exception_reasons
    }
    shown = {screen.model.index(r, 9).data() for r in range(model.rowCount())}
    if any(r.name == "order.reason.not_paid" for r in reasons):
        assert any("未付款" in text for text in shown)
    assert not any("not paid" in text for text in shown)
    first = model.order_at(0)
    screen.view.setCurrentIndex(model.index(0, 0))
    said = screen.reasons_label.text()
    assert said.startswith(f"订单 {first.order_no}") or first.order_no in said
    assert all(f"• {i18n.message_text(r)}" in said for r in first.exception_reasons)
    assert not any(r.english() in said for r in first.exception_reasons)
    detail = screen.view.open_detail(0)
    assert detail is not None
    assert detail._values["reasons"].text() == i18n.messages_text(first.exception_reasons, "\n")
    detail.close()
    assert screen.apply_action("back_to_review", [first.id]) == 1
    with UnitOfWork(demo_engine).reading() as s:
        assert s.get(Order, first.id).status == "new"  # type: ignore[union-attr]


def test_the_ship_at_pack_setting_reaches_the_pack_station(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    window = open_main(qtbot, demo_engine, supervisor_user)
    assert window.pack_screen.pack.ship_at_pack is False  # the default: handover on
    window.settings_screen.ship_at_pack_check.setChecked(True)
    assert Settings.load().ship_at_pack is True
    assert window.pack_screen.pack.ship_at_pack is True
    assert "ship when the packer scans the waybill" in window.settings_screen.message.message()
    window.settings_screen.ship_at_pack_check.setChecked(False)
    assert Settings.load().ship_at_pack is False and window.pack_screen.pack.ship_at_pack is False


def test_language_switch_retranslates_live(
    qtbot: QtBot, demo_engine: Engine, supervisor_user: UserInfo
) -> None:
    window = open_main(qtbot, demo_engine, supervisor_user)
    combo = window.settings_screen.language_combo
    combo.setCurrentIndex(combo.findData("zh_CN"))
    qtbot.waitUntil(lambda: any("异常订单" in label for label in window.nav_labels()))
    assert Settings.load().language == "zh_CN"
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: any(label.startswith("Exceptions") for label in window.nav_labels()))


def test_keyboard_only_from_badge_to_exceptions(qtbot: QtBot, demo_engine: Engine) -> None:
    controller = AppController(app_context(demo_engine, demo=True), Settings(), demo=True)
    controller.start()
    login = controller.login_window
    assert login is not None
    qtbot.addWidget(login)
    qtbot.keyClicks(login.badge_edit, "U-SUP01")
    qtbot.keyClick(login.badge_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "exceptions"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "bind"
    assert window.bind_screen.scan_edit.hasFocus()  # ready for the first scan
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "putaway"
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "handover"
    assert window.handover_screen.scan_edit.hasFocus()  # ready for the carrier's scan


def test_unexpected_errors_are_logged_and_shown_in_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    hook = make_excepthook(paths().log_file)
    try:
        raise RuntimeError("printer queue vanished")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL):
            hook(RuntimeError, exc, exc.__traceback__)
    assert shown and "Something went wrong: printer queue vanished" in shown[0]
    assert str(paths().log_file) in shown[0]
    assert "printer queue vanished" in caplog.text and "Traceback" in caplog.text


def test_scheduled_review_runs_as_the_logged_in_user_if_allowed(
    qtbot: QtBot,
    demo_engine: Engine,
    supervisor_user: UserInfo,
    packer_user: UserInfo,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import datetime as dt

    from ui.schedule import ReviewScheduler

    now = [dt.datetime(2026, 11, 21, 8, 59)]

    def scheduler_for(window: MainWindow) -> ReviewScheduler:
        scheduler = ReviewScheduler(lambda: window.settings, clock=lambda: now[0])
        scheduler.due.connect(window._on_review_due)
        return scheduler

    packer_window = open_main(qtbot, demo_engine, packer_user)
    packer_scheduler = scheduler_for(packer_window)
    now[0] = dt.datetime(2026, 11, 21, 9, 0)
    with caplog.at_level(logging.INFO):
        assert packer_scheduler.check() == [now[0]]
    assert "skipped" in caplog.text and not packer_window.orders_screen.is_reviewing()
    assert statuses(demo_engine)["new"] == 120

    window = open_main(qtbot, demo_engine, supervisor_user)
    scheduler = scheduler_for(window)
    now[0] = dt.datetime(2026, 11, 21, 14, 0)
    with qtbot.waitSignal(window.orders_screen.review_finished, timeout=30_000):
        assert scheduler.check() == [now[0]]
    assert "new" not in statuses(demo_engine)
    assert scheduler.check() == []  # each time once
