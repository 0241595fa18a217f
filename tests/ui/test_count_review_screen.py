"""The count review screen (盘点审核) driven with the keyboard alone, as a supervisor would: make
a count in the inline panel, submit it — the planted difference goes to a recount by someone
else —, see count and recount side by side, approve with a reason: the ledger has the move and
balances.  Refusals in words (red), in Chinese too; packers do not see the screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.bootstrap import app_context
from app.db.models import StockMove
from app.db.uow import UnitOfWork
from app.domain.users import Role
from app.services import counts
from app.services.stock import verify_ledger
from app.services.users import UserInfo
from tests.integration.test_counts import COUNTER, MUG, SECOND, SUP, scan, warehouse
from tests.ui.test_shell import open_main
from ui import i18n
from ui.count_review_model import COL_EXPECTED, COL_FIRST_ROUND, COL_LOCATION, COL_SKU
from ui.count_review_screen import CountReviewScreen
from ui.main_window import SCREENS, MainWindow

SUPERVISOR = UserInfo(1, SUP.name, Role.SUPERVISOR, "U-SUP01")
PACKER = UserInfo(2, "Li Lei", Role.PACKER, "U-PACK01")
TIMEOUT = 10_000


def screen_for(qtbot: QtBot, engine: Engine) -> CountReviewScreen:
    screen = CountReviewScreen(app_context(engine), SUPERVISOR)
    qtbot.addWidget(screen)
    screen.resize(1116, 700)  # a 1366 × 768 screen less the navigation
    screen.show()
    qtbot.waitExposed(screen)
    settle(qtbot, screen)
    return screen


def settle(qtbot: QtBot, screen: CountReviewScreen) -> None:
    qtbot.waitUntil(lambda: not screen.is_busy(), timeout=TIMEOUT)


def key(qtbot: QtBot, screen: CountReviewScreen, k: Qt.Key, mod: object = None) -> None:
    """A key pressed where the focus is (as a person would), then the work it started done."""
    target = screen.focusWidget() or screen
    if mod is None:
        qtbot.keyClick(target, k)
    else:
        qtbot.keyClick(target, k, mod)  # type: ignore[arg-type]
    settle(qtbot, screen)


def lines(screen: CountReviewScreen) -> list[list[str]]:
    m = screen.lines_model
    return [
        [str(m.data(m.index(r, c))) for c in range(m.columnCount())] for r in range(m.rowCount())
    ]


def count_location(uow: Callable[[], UnitOfWork], who: object, code: str, loc: str, n: int) -> None:
    counts.start_location(uow(), who, code, loc)  # type: ignore[arg-type]
    scan(uow, who, code, loc, MUG, n)  # type: ignore[arg-type]
    counts.finish_location(uow(), who, code, loc)  # type: ignore[arg-type]


def test_a_count_made_submitted_recounted_and_approved_from_the_keyboard(
    qtbot: QtBot, engine: Engine
) -> None:
    uow = warehouse(engine)
    screen = screen_for(qtbot, engine)
    assert screen.counts_model.rowCount() == 0
    assert "Select a count" in screen.summary.text()

    # Ctrl+N: the inline panel; a location range, typed; Enter makes the count.
    key(qtbot, screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    panel = screen.create_panel
    assert panel.isVisible() and panel.kind_combo.hasFocus()
    qtbot.keyClick(panel.kind_combo, Qt.Key.Key_Down)
    assert panel.kind() == "range"
    qtbot.keyClick(panel.kind_combo, Qt.Key.Key_Tab)
    assert panel.value_edit.hasFocus()
    qtbot.keyClicks(panel.value_edit, "A-01-02-01..A-01-03-01")
    key(qtbot, screen, Qt.Key.Key_Return)
    assert not panel.isVisible()
    assert screen.message.kind == "ok"
    code = screen.opened()
    assert code is not None
    assert screen.message.message() == (
        f"Count {code} made: 2 location(s) of A-01-02-01..A-01-03-01."
    )
    assert "0 of 2 location(s) counted" in screen.summary.text()

    # A counter counts three mugs short; submitting before the empty location is refused.
    count_location(uow, COUNTER, code, "A-01-02-01", 7)
    key(qtbot, screen, Qt.Key.Key_F9)
    assert screen.message.kind == "error"
    assert "1 location(s) of" in screen.message.message()
    assert "not counted yet: A-01-03-01" in screen.message.message()
    counts.start_location(uow(), COUNTER, code, "A-01-03-01")  # empty: a count of zero

    key(qtbot, screen, Qt.Key.Key_F9)
    assert screen.message.kind == "ok", screen.message.message()
    assert "Recount ordered for A-01-02-01" in screen.message.message()
    assert lines(screen)[0][:8] == ["A-01-02-01", "MUG", "马克杯", "M1", "10", "7", "", "−3 short"]

    # Someone else recounts: eight.  F5 reads it; count and recount side by side.
    count_location(uow, SECOND, code, "A-01-02-01", 8)
    key(qtbot, screen, Qt.Key.Key_F5)
    [mug] = lines(screen)
    assert mug == ["A-01-02-01", "MUG", "马克杯", "M1", "10", "7", "8", "−2 short", "−40.00", ""]
    headers = screen.lines_model
    assert [
        headers.headerData(c, Qt.Orientation.Horizontal)
        for c in (COL_EXPECTED, COL_FIRST_ROUND, COL_FIRST_ROUND + 1)
    ] == ["Expected", "Count", "Recount"]
    # The chart says it without the table: zone A, two short, none over.
    short, over = screen.chart.series()
    assert screen.chart.categories() == ("Zone A",)
    assert (short.values, over.values) == ((-2.0,), (0.0,))
    bar = screen.chart.bar_rect(0, 0).center()
    assert screen.chart.tooltip_at(bar) == "Zone A · Short: −2 unit(s) (¥−40.00)"

    # Approving before the recount is submitted is refused in words; then F9, F10.
    key(qtbot, screen, Qt.Key.Key_F10)
    assert screen.message.kind == "error"
    assert "it is approved once counted and submitted" in screen.message.message()
    key(qtbot, screen, Qt.Key.Key_F9)
    assert "It waits for approval (F10)." in screen.message.message()
    key(qtbot, screen, Qt.Key.Key_F10)
    approve = screen.approve_panel
    assert approve.isVisible() and approve.reason_combo.hasFocus()
    assert "1 line(s) with a variance, −2 unit(s) net (¥−40.00), become" in approve.title.text()
    qtbot.keyClick(approve.reason_combo, Qt.Key.Key_Down)  # miscount → damaged
    key(qtbot, screen, Qt.Key.Key_Return)
    assert screen.message.message() == (
        f"{code} approved (Damaged): 1 adjustment move(s), −2 unit(s) net."
    )
    assert not approve.isVisible()
    assert "approved by Wang Fang (Damaged)" in screen.summary.text()

    with engine.connect() as conn:
        moves = conn.execute(
            select(StockMove.qty, StockMove.reason, StockMove.ref).where(StockMove.kind == "count")
        ).all()
    assert moves == [(-2, "damaged", f"{code}/A-01-02-01")]
    assert verify_ledger(uow()) == []

    # Esc goes back to the counts; the count is approved there.
    key(qtbot, screen, Qt.Key.Key_Escape)
    assert screen.counts_view.hasFocus()
    assert screen.counts_model.rows[0].status == "approved"


def test_another_recount_call_off_and_refusals_in_chinese(qtbot: QtBot, engine: Engine) -> None:
    uow = warehouse(engine)
    made = counts.create_count(uow(), SUP, location_range="A-01-02-01..A-01-02-01")
    count_location(uow, COUNTER, made.code, "A-01-02-01", 7)
    counts.submit(uow(), SUP, made.code)
    count_location(uow, SECOND, made.code, "A-01-02-01", 7)
    counts.submit(uow(), SUP, made.code)
    screen = screen_for(qtbot, engine)
    i18n.install_translator("zh_CN")
    qtbot.waitUntil(lambda: screen._title.text() == "盘点审核")

    # Enter opens the selected count; count and recount agree on seven.
    assert screen.counts_view.hasFocus()
    key(qtbot, screen, Qt.Key.Key_Return)
    assert screen.opened() == made.code and screen.lines_view.hasFocus()
    m = screen.lines_model
    assert m.headerData(COL_FIRST_ROUND, Qt.Orientation.Horizontal) == "初盘"
    assert m.headerData(COL_FIRST_ROUND + 1, Qt.Orientation.Horizontal) == "复盘"
    assert lines(screen)[0][COL_FIRST_ROUND : m.col_variance + 1] == ["7", "7", "−3 盘亏"]

    # F7: another recount of the selected line's location.
    assert m.data(m.index(0, COL_LOCATION)) == "A-01-02-01"
    key(qtbot, screen, Qt.Key.Key_F7)
    assert screen.message.kind == "ok"
    assert "A-01-02-01" in screen.message.message()
    assert m.rounds == 3 and screen.counts_model.rows[0].progress.round == 3  # type: ignore[union-attr]
    # Approving while it is being recounted: refused, in Chinese, in red.
    key(qtbot, screen, Qt.Key.Key_F10)
    assert screen.message.kind == "error"
    assert not screen.approve_panel.isVisible()
    assert made.code in screen.message.message() and "复盘" in screen.message.message()

    # Ctrl+Del asks inline; Esc keeps the count; Ctrl+Del, Enter calls it off.
    key(qtbot, screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert screen.cancel_panel.isVisible()
    key(qtbot, screen, Qt.Key.Key_Escape)
    assert not screen.cancel_panel.isVisible()
    key(qtbot, screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, screen, Qt.Key.Key_Return)
    assert screen.counts_model.rows[0].status == "cancelled"
    assert screen.message.kind == "ok" and made.code in screen.message.message()
    # F9 on a called-off count: the service refuses, said in Chinese.
    key(qtbot, screen, Qt.Key.Key_F9)
    assert screen.message.kind == "error"
    assert "已取消" in screen.message.message()
    assert m.data(m.index(0, COL_SKU)) == "MUG"


def shortcut_key(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+C where the focus is, the window in front."""
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(
        window.focusWidget() or window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_packers_do_not_see_the_count_review(qtbot: QtBot, engine: Engine) -> None:
    warehouse(engine)
    window = open_main(qtbot, engine, PACKER)
    row = SCREENS.index("count_review")
    assert window.nav.item(row).isHidden()
    assert not window.screen_actions[row].isEnabled()
    before = window.current_screen()
    shortcut_key(qtbot, window)
    assert window.current_screen() == before
    window.close()

    leads = open_main(qtbot, engine, SUPERVISOR)
    assert not leads.nav.item(row).isHidden()
    assert leads.nav_labels()[row] == "Count review"
    shortcut_key(qtbot, leads)
    assert leads.current_screen() == "count_review"
    assert leads.count_review_screen.focus_target().hasFocus()
