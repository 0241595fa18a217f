"""The binding screen driven as label staff would: scan the order, scan the waybill, read the
verdict; refusals in words, rebinding only for supervisors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.bootstrap import app_context
from app.db.models import Order, Parcel
from app.db.uow import UnitOfWork
from app.services.review import review_new_orders
from app.services.users import UserInfo
from ui.bind_screen import BindScreen, BindStep

SF = "SF1234567890123"


@pytest.fixture
def sf_orders(demo_engine: Engine, supervisor_user: UserInfo) -> list[str]:
    review_new_orders(UnitOfWork(demo_engine), supervisor_user.actor)
    with UnitOfWork(demo_engine) as u:
        numbers = list(
            u.session.scalars(
                select(Order.order_no).where(Order.status == "reviewed").order_by(Order.id).limit(2)
            )
        )
        u.session.execute(update(Order).where(Order.order_no.in_(numbers)).values(carrier="SF"))
        u.commit()
    return numbers


def screen_for(qtbot: QtBot, engine: Engine, user: UserInfo) -> BindScreen:
    screen = BindScreen(app_context(engine), user)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def scan(qtbot: QtBot, screen: BindScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def tracking_of(engine: Engine, order_no: str) -> list[str | None]:
    with UnitOfWork(engine).reading() as s:
        return list(
            s.scalars(
                select(Parcel.tracking_no)
                .join(Order, Order.id == Parcel.order_id)
                .where(Order.order_no == order_no)
                .order_by(Parcel.parcel_no)
            )
        )


def test_scan_order_then_waybill_binds_with_a_green_verdict(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, sf_orders: list[str]
) -> None:
    screen = screen_for(qtbot, demo_engine, packer_user)
    order = sf_orders[0]
    scan(qtbot, screen, order)
    assert screen.step is BindStep.TRACKING
    assert screen.order_label.text() == order
    assert "Parcel 1: new" in screen.parcels_label.text()
    scan(qtbot, screen, SF)
    assert screen.verdict.property("kind") == "ok"
    assert f"Bound {SF} to order {order}, parcel 1" in screen.verdict.text()
    assert tracking_of(demo_engine, order) == [SF]
    assert screen.step is BindStep.ORDER  # ready for the next parcel


def test_refusals_are_red_and_in_words_and_bind_nothing(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, sf_orders: list[str]
) -> None:
    screen = screen_for(qtbot, demo_engine, packer_user)
    first, second = sf_orders
    scan(qtbot, screen, "NOPE-123")
    assert screen.verdict.property("kind") == "error"
    assert "neither an order number nor a bound tracking number" in screen.verdict.text()
    scan(qtbot, screen, first)
    scan(qtbot, screen, "SF12")  # a torn label read half
    assert "not a valid SF Express tracking number" in screen.verdict.text()
    scan(qtbot, screen, SF)
    scan(qtbot, screen, second)
    scan(qtbot, screen, SF)  # the same waybill stuck on another box
    assert screen.verdict.property("kind") == "error"
    assert f"already bound to order {first}, parcel 1" in screen.verdict.text()
    assert tracking_of(demo_engine, second) == []
    # Scanning the bound waybill shows whose it is.
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Escape)
    scan(qtbot, screen, SF)
    assert screen.order_label.text() == first
    assert f"{SF} is order {first}, parcel 1" in screen.message.message()


def test_rebind_needs_a_supervisor_and_a_reason(
    qtbot: QtBot,
    demo_engine: Engine,
    packer_user: UserInfo,
    supervisor_user: UserInfo,
    sf_orders: list[str],
) -> None:
    order = sf_orders[0]
    packer = screen_for(qtbot, demo_engine, packer_user)
    scan(qtbot, packer, order)
    scan(qtbot, packer, SF)
    scan(qtbot, packer, order)
    qtbot.keyClick(packer, Qt.Key.Key_F9)
    assert "for a supervisor" in packer.verdict.text()
    scan(qtbot, packer, "SF1234567890124")  # without F9: a parcel that has a number is refused
    assert "already has tracking number" in packer.verdict.text()
    boss = screen_for(qtbot, demo_engine, supervisor_user)
    scan(qtbot, boss, order)
    qtbot.keyClick(boss, Qt.Key.Key_F9)
    assert boss.step is BindStep.REASON
    qtbot.keyClicks(boss.scan_edit, "label damaged", delay=1)
    qtbot.keyClick(boss.scan_edit, Qt.Key.Key_Return)
    scan(qtbot, boss, "SF1234567890124")
    assert "(was SF1234567890123)" in boss.verdict.text()
    assert tracking_of(demo_engine, order) == ["SF1234567890124"]


def test_f6_starts_a_second_parcel(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, sf_orders: list[str]
) -> None:
    screen = screen_for(qtbot, demo_engine, packer_user)
    order = sf_orders[0]
    scan(qtbot, screen, order)
    scan(qtbot, screen, SF)
    scan(qtbot, screen, order)
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    assert "Parcel 2: new" in screen.parcels_label.text()
    scan(qtbot, screen, "SF1234567890124")
    assert tracking_of(demo_engine, order) == [SF, "SF1234567890124"]
