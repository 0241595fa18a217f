"""The handover screen driven as the person at the dock would, keyboard and scanner only:
scan the carrier, three parcels (one intercepted: red until acknowledged), F10 closes the batch,
and the manifest is written with every parcel's barcode readable."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.bootstrap import app_context
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services.users import UserInfo
from tests.handover_dock import build_dock, sf
from tests.ui.conftest import RecordingPlayer
from ui import i18n
from ui.handover_screen import HandoverScreen, HandoverStep
from ui.sounds import ACCEPT, DONE, REFUSE, Sounds

WAIT = 20_000


@pytest.fixture
def dock_engine(engine: Engine) -> Engine:
    build_dock(
        lambda: UnitOfWork(engine),
        Actor("Wang Fang", Role.SUPERVISOR),
        Actor("Li Lei", Role.PACKER),
    )
    return engine


def screen_for(
    qtbot: QtBot, engine: Engine, player: RecordingPlayer, folder: Path
) -> HandoverScreen:
    user = UserInfo(1, "Li Lei", Role.PACKER, "U-PACK01")
    screen = HandoverScreen(app_context(engine), user, sounds=Sounds(player), manifests=folder)
    qtbot.addWidget(screen)
    screen.resize(1116, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.focus_target().setFocus()
    return screen


def scan(qtbot: QtBot, screen: HandoverScreen, code: str) -> None:
    """A scanner in keyboard mode: the code's keys, then Enter, into the focused field."""
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def key(qtbot: QtBot, screen: HandoverScreen, which: Qt.Key) -> None:
    qtbot.keyClick(screen.scan_edit, which)


def status(engine: Engine, order_no: str) -> str:
    with UnitOfWork(engine).reading() as s:
        return str(s.scalar(select(Order.status).where(Order.order_no == order_no)))


def set_cancelled(engine: Engine, order_no: str) -> None:
    with UnitOfWork(engine) as u:
        order = u.session.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        order.status = "cancelled"
        u.commit()


def test_a_pickup_of_three_parcels_one_intercepted_closed_with_its_manifest(
    qtbot: QtBot, dock_engine: Engine, player: RecordingPlayer, tmp_path: Path
) -> None:
    screen = screen_for(qtbot, dock_engine, player, tmp_path / "manifests")
    assert screen.step is HandoverStep.CARRIER
    assert screen.step_label.text() == "Scan the carrier to start a batch"
    # what waits at the dock, packed weeks ago in this test's warehouse: all overdue
    assert screen.pending_label.text().startswith(
        "Waiting for a courier: 6 parcel(s), 6 overdue · the oldest: SF "
    )
    scan(qtbot, screen, "SF")
    assert screen.step is HandoverStep.PARCELS
    assert "Handover batch HO000001 for SF started" in screen.banner_text()
    assert screen.batch_label.text() == "Batch HO000001 · SF"

    scan(qtbot, screen, sf(1))
    assert screen.banner.property("kind") == "ok"
    assert f"✔ {sf(1)} (order TB001) — 1 in batch HO000001" in screen.banner_text()
    assert screen.count_label.text() == "1" and player.played[-1] == ACCEPT

    set_cancelled(dock_engine, "TB002")  # cancelled while its parcel waited at the dock
    scan(qtbot, screen, sf(2))
    assert screen.banner_kind == "blocked" and player.played[-1] == REFUSE
    assert "Intercept: cancelled — take the parcel out" in screen.banner_text()
    assert "Esc or scan CLEAR to go on" in screen.banner_text()
    assert screen.count_label.text() == "1"
    scan(qtbot, screen, sf(41))  # not taken before the intercept is acknowledged
    assert screen.banner_kind == "blocked" and screen.count == 1
    key(qtbot, screen, Qt.Key.Key_Escape)
    assert screen.banner_kind is None

    scan(qtbot, screen, sf(41))
    scan(qtbot, screen, sf(42))
    assert screen.count_label.text() == "3"
    assert screen.recent_label.text().splitlines()[0] == f"{sf(42)} · order TB004, parcel 2"

    with qtbot.waitSignal(screen.closed, timeout=WAIT) as closed:
        key(qtbot, screen, Qt.Key.Key_F10)
    assert closed.args == ["HO000001"]
    assert player.played[-1] == DONE and screen.step is HandoverStep.CARRIER
    pdf = tmp_path / "manifests" / "HO000001.pdf"
    assert "Batch HO000001 closed: 3 parcel(s) handed over to SF, 2 order(s) shipped." in (
        screen.banner_text()
    )
    assert f"Manifest saved: {pdf}" in screen.banner_text()
    # TB001 and TB004 left with the courier, TB002 is cancelled: TB003 (ZTO) and TB005 wait
    assert screen.pending_label.text().startswith("Waiting for a courier: 2 parcel(s)")
    assert [status(dock_engine, o) for o in ("TB001", "TB002", "TB004")] == [
        "shipped",
        "cancelled",
        "shipped",
    ]
    [page] = pypdfium2.PdfDocument(str(pdf))
    found = {b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())}
    assert found == {"HO000001", sf(1), sf(41), sf(42)}
    assert screen.focus_target().hasFocus()


def test_the_screen_speaks_chinese(
    qtbot: QtBot, dock_engine: Engine, player: RecordingPlayer, tmp_path: Path
) -> None:
    i18n.install_translator("zh_CN")
    screen = screen_for(qtbot, dock_engine, player, tmp_path)
    assert screen.step_label.text() != "Scan the carrier to start a batch"
    screen.submit_scan("顺丰")  # typed with a Chinese input method: the carrier's name
    assert screen.batch_label.text() == "批次 HO000001 · SF"
    scan(qtbot, screen, "SF9999999999999")
    assert "运单号 SF9999999999999 不属于任何包裹" in screen.banner_text()
