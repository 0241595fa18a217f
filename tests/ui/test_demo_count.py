"""The demo scenario of a stock count (issue 14's "done when"), driven as the floor would: a
supervisor makes a cycle count of zone E; a counter counts it by scanning on the count screen
while a picker picks a wave from the same zone — picks land before, during and after each
location's count; a planted difference (three units gone from one lot) comes back as the only
variance and is recounted by someone else on the same screen; the supervisor approves; the
ledger balances, no picked unit shows as a variance, and the variance report PDF shows the
planted difference."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app import bootstrap
from app.bootstrap import app_context
from app.db.models import Barcode, Location, Lot, PickTask, Wave
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services import count_documents, counts, picking
from app.services.review import review_new_orders
from app.services.stock import verify_ledger
from app.services.users import UserInfo
from app.services.waves import create_wave
from ui.count_screen import CountScreen, CountStep

SUP = Actor("wangfang", Role.SUPERVISOR)
PICKER = Actor("lilei", Role.PACKER)


def screen_for(qtbot: QtBot, engine: Engine, user: UserInfo) -> CountScreen:
    screen = CountScreen(app_context(engine), user)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def scan(qtbot: QtBot, screen: CountScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan_edit, code)
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_Return)


def shelf(engine: Engine, location: str) -> list[tuple[int, str, str, int]]:
    """What is physically on the shelf now: each lot's (id, GTIN, lot, on-hand) — the records
    are right here except for the planted lot."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Lot.id, Barcode.lookup, Lot.lot_code, Lot.on_hand)
            .join(Location, Location.id == Lot.location_id)
            .join(Barcode, Barcode.sku_id == Lot.sku_id)
            .where(Location.code == location, Lot.on_hand > 0)
            .order_by(Lot.id, Barcode.id)
        ).all()
    seen: dict[int, tuple[int, str, str, int]] = {}
    for lot_id, gtin, lot, on_hand in rows:
        seen.setdefault(lot_id, (lot_id, gtin, lot, on_hand))  # one barcode per lot
    return list(seen.values())


def count_location(
    qtbot: QtBot, screen: CountScreen, engine: Engine, location: str, missing: dict[int, int]
) -> None:
    for _lot_id, gtin, lot, on_hand in shelf(engine, location):
        there = on_hand - missing.get(_lot_id, 0)
        if there <= 0:
            continue
        if there > 1:
            scan(qtbot, screen, str(there))  # typed: the quantity of the next scan
        scan(qtbot, screen, f"01{gtin}10{lot}")  # a GS1 code carries the lot
        assert screen.banner.property("kind") == "ok", screen.banner_text()
    qtbot.keyClick(screen.scan_edit, Qt.Key.Key_F10)
    assert screen.step is CountStep.LOCATION, screen.banner_text()


def test_a_cycle_count_of_a_zone_while_a_wave_is_picked_from_it(
    qtbot: QtBot, demo_engine: Engine, packer_user: UserInfo, supervisor_user: UserInfo
) -> None:
    engine = demo_engine
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    review_new_orders(uow(), SUP)
    wave = create_wave(uow(), SUP, zone="E")
    assert wave.code is not None
    picking.start_picking(uow(), PICKER, wave.code)
    with engine.connect() as conn:
        open_tasks = list(
            conn.execute(
                select(PickTask.id, Location.code, PickTask.qty)
                .join(Wave, Wave.id == PickTask.wave_id)
                .join(Lot, Lot.id == PickTask.lot_id)
                .join(Location, Location.id == Lot.location_id)
                .where(Wave.code == wave.code, PickTask.status == "open")
                .order_by(PickTask.id)
            )
        )
    assert len(open_tasks) >= 2
    picked_at: list[str] = []

    def pick_one(task: int, where: str) -> None:
        picking.confirm_pick(uow(), PICKER, task, 1)
        picked_at.append(where)

    made = counts.create_count(uow(), SUP, zone="E")
    assert len(made.locations) == 80
    (during_task, during_at, _), (other_task, other_at, other_qty) = open_tasks[:2]
    # The planted difference: three units of a lot gone (broken, thrown away, not booked).
    planted_at = next(
        loc
        for loc in made.locations
        if loc not in (during_at, other_at) and any(q >= 5 for *_, q in shelf(engine, loc))
    )
    planted_lot = next(lot_id for lot_id, *_, q in shelf(engine, planted_at) if q >= 5)
    missing = {planted_lot: 3}

    counter = screen_for(qtbot, engine, packer_user)
    assert counter.step is CountStep.LOCATION  # the only open count, chosen by itself
    pick_one(other_task, other_at)  # before its location is counted
    for location in made.locations:
        scan(qtbot, counter, location)
        assert counter.step is CountStep.ITEM, counter.banner_text()
        if location == during_at:  # a unit picked from this very location while it is counted
            pick_one(during_task, during_at)
        count_location(qtbot, counter, engine, location, missing)
    if other_qty > 1:
        pick_one(other_task, other_at)  # and after it was counted
    assert during_at in picked_at and other_at in picked_at

    first = counts.submit(uow(), SUP, made.code)
    assert [(v.location, v.line.variance) for v in first.variances] == [(planted_at, -3)]
    assert first.recount == [planted_at]  # no picked unit is a variance

    recounter = screen_for(qtbot, engine, supervisor_user)
    scan(qtbot, recounter, planted_at)
    assert "recount" in recounter.step_label.text()
    count_location(qtbot, recounter, engine, planted_at, missing)
    second = counts.submit(uow(), SUP, made.code)
    [v] = second.variances
    assert (v.location, v.round, v.earlier, v.line.variance) == (planted_at, 2, (v.counted,), -3)

    with engine.connect() as conn:
        on_hand_before = conn.scalar(select(Lot.on_hand).where(Lot.id == planted_lot))
    approved = counts.approve(uow(), SUP, made.code, "damaged")
    assert [m.qty for m in approved.moves] == [-3]
    with engine.connect() as conn:
        assert conn.scalar(select(Lot.on_hand).where(Lot.id == planted_lot)) == on_hand_before - 3
    assert verify_ledger(uow()) == []

    pdf = bootstrap.render_variance_report(count_documents.variance_report(uow(), made.code))
    text = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
    assert planted_at in text and "-3" in text.replace("−", "-")
