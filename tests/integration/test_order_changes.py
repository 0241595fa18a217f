"""The platform sends an order again, different (修改地址 / 换货 / 取消): the import sees it and
the warehouse does what the order's stage calls for."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import AuditEvent, Order
from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import orders, packing
from app.services.imports import ImportKind, import_file
from app.services.picking import confirm_wave
from app.services.waves import create_wave
from tests.factories import CN_ADDRESS, add_sku, receive
from tests.integration.test_cli import run

UowFactory = object
HEADER = [
    "order_no",
    "shop",
    "ordered_at",
    "paid",
    "buyer_name",
    "phone",
    "province",
    "city",
    "district",
    "address",
    "sku",
    "qty",
    "carrier",
    "status",
]
STATION = "PACK-CHG"


def row(order_no: str, sku: str = "CUP", qty: int = 1, **changes: object) -> list[object]:
    values: dict[str, object] = {
        "order_no": order_no,
        "shop": "天猫旗舰店",
        "ordered_at": "2026-11-20 10:00:00",
        "paid": "yes",
        **CN_ADDRESS,
        "sku": sku,
        "qty": qty,
        "carrier": "SF",
        "status": "",
    }
    values.update(changes)
    return [values[column] for column in HEADER]


def write(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def catalogue(uow, supervisor: Actor, tmp_path: Path):  # type: ignore[no-untyped-def]
    add_sku(uow, "CUP", name="保温杯", barcodes=["6901234567892"], weight_g=300)
    add_sku(uow, "LAMP", name="台灯", weight_g=800)
    receive(uow, "CUP", 20, lot="C1")
    receive(uow, "LAMP", 5, lot="L1", location="B-01-01-01")
    first = write(tmp_path / "first.csv", [row("TB1"), row("TB2", "LAMP"), row("TB3")])
    assert import_file(uow(), supervisor, ImportKind.ORDERS, first).imported == 3


def order(uow, order_no: str) -> Order:  # type: ignore[no-untyped-def]
    with uow().reading() as s:
        found = s.scalar(select(Order).where(Order.order_no == order_no))
        assert found is not None
        s.expunge(found)
        return found


def changes_audited(uow, order_no: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    with uow().reading() as s:
        return [
            dict(e.after or {})
            for e in s.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "order.changed_by_platform",
                    AuditEvent.entity_id == order_no,
                )
            )
        ]


@pytest.mark.usefixtures("catalogue")
def test_the_same_file_again_changes_nothing(uow, supervisor: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    again = write(tmp_path / "again.csv", [row("TB1"), row("TB2", "LAMP"), row("TB3")])
    result = import_file(uow(), supervisor, ImportKind.ORDERS, again)
    assert (result.imported, result.skipped, result.changed) == (0, 3, 0)
    assert result.to_json()["changed"] == 0


@pytest.mark.usefixtures("catalogue")
def test_before_allocation_the_order_is_updated_and_reviewed_again(
    uow,
    supervisor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    with uow() as u:
        reviewed = u.session.scalar(select(Order).where(Order.order_no == "TB1"))
        assert reviewed is not None
        reviewed.status = "reviewed"
        u.commit()
    changed = write(
        tmp_path / "changed.csv",
        [row("TB1", address="科技园北区1号"), row("TB2", "LAMP", qty=2), row("TB3")],
    )
    result = import_file(uow(), supervisor, ImportKind.ORDERS, changed)
    assert (result.imported, result.skipped, result.changed) == (0, 1, 2)
    tb1 = order(uow, "TB1")
    assert tb1.address == "科技园北区1号" and tb1.status == "new"  # reviewed again
    assert tb1.changed_at is None  # nothing picked: nothing to block
    with uow().reading() as s:
        tb2 = s.scalar(select(Order).where(Order.order_no == "TB2"))
        assert tb2 is not None
        assert [(line.sku_code, line.qty) for line in tb2.lines] == [("LAMP", 2)]
    (audited,) = changes_audited(uow, "TB1")
    assert audited["step"] == "update_and_review"
    assert audited["changes"] == [
        {"field": "address", "old": CN_ADDRESS["address"], "new": "科技园北区1号"}
    ]


@pytest.mark.usefixtures("catalogue")
def test_the_platform_cancels_an_order_and_a_cancelled_new_one_is_not_imported(
    uow,
    supervisor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    file = write(
        tmp_path / "cancel.csv",
        [
            row("TB1", status="已取消"),
            row("TB2", "LAMP", status="refunded"),
            row("TB9", status="已退款"),
        ],
    )
    result = import_file(uow(), supervisor, ImportKind.ORDERS, file)
    assert (result.imported, result.changed) == (0, 2)
    assert order(uow, "TB1").status == "cancelled" and order(uow, "TB2").status == "cancelled"
    with uow().reading() as s:
        assert s.scalar(select(Order).where(Order.order_no == "TB9")) is None


@pytest.mark.usefixtures("catalogue")
def test_an_unknown_status_word_is_refused_naming_the_row(
    uow,
    supervisor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    file = write(tmp_path / "bad.csv", [row("TB1"), row("TB7", status="lost in space")])
    result = import_file(uow(), supervisor, ImportKind.ORDERS, file)
    assert not result.ok and result.errors[0].row == 3 and result.errors[0].column == "status"
    assert "lost in space" in result.errors[0].message.english()


@pytest.mark.usefixtures("catalogue")
def test_an_address_changed_after_picking_blocks_the_pack_station_with_old_and_new(
    uow,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    db_url: str,  # type: ignore[no-untyped-def]
) -> None:
    with uow() as u:
        for o in u.session.scalars(select(Order)):
            o.status = "reviewed"
        u.commit()
    wave = create_wave(uow(), supervisor)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)
    assert order(uow, "TB1").status == "picked"
    moved = write(
        tmp_path / "moved.csv",
        [row("TB1", city="广州市", address="天河路1号", phone="13900001111"), row("TB3")],
    )
    code, out, _ = run(capsys, "--db", db_url, "import", "orders", str(moved), "--json")
    assert code == 0 and json.loads(out)["changed"] == 1
    tb1 = order(uow, "TB1")
    assert tb1.status == "picked" and tb1.changed_at is not None  # keeps its stock
    assert tb1.city == "广州市"  # it ships to the new address
    with pytest.raises(DomainError) as blocked:
        packing.open_order(uow(), packer, "TB1", STATION)
    said = blocked.value.message.english()
    assert "changed after picking" in said
    assert "city 深圳市 → 广州市" in said and f"phone {CN_ADDRESS['phone']} → 13900001111" in said
    # Nothing else in the file changed: TB3 is packed as usual.
    assert packing.open_order(uow(), packer, "TB3", STATION).order_no == "TB3"

    # The supervisor confirms the change; the station packs the order again.
    code, out, _ = run(capsys, "--db", db_url, "orders", "accept-change", "TB1")
    assert code == 0 and "1 order(s) changed" in out
    assert packing.open_order(uow(), packer, "TB1", "PACK-CHG2").order_no == "TB1"


@pytest.mark.usefixtures("catalogue")
def test_a_change_to_a_shipped_order_is_recorded_and_changes_nothing(
    uow,
    supervisor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    with uow() as u:
        shipped = u.session.scalar(select(Order).where(Order.order_no == "TB1"))
        assert shipped is not None
        shipped.status = "shipped"
        u.commit()
    file = write(tmp_path / "late.csv", [row("TB1", address="太晚了路9号")])
    assert import_file(uow(), supervisor, ImportKind.ORDERS, file).changed == 1
    tb1 = order(uow, "TB1")
    assert tb1.status == "shipped" and tb1.address == CN_ADDRESS["address"]
    (audited,) = changes_audited(uow, "TB1")
    assert audited["step"] == "record"


def test_orders_actions_refuse_accept_change_to_a_packer(uow, packer: Actor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="not allowed to resolve order exceptions"):
        orders.apply_action(uow(), packer, [1], "accept_change")


def _picked(uow, supervisor: Actor) -> None:  # type: ignore[no-untyped-def]
    with uow() as u:
        for o in u.session.scalars(select(Order)):
            o.status = "reviewed"
        u.commit()
    wave = create_wave(uow(), supervisor)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)


@pytest.mark.usefixtures("catalogue")
def test_the_platform_cancels_a_picked_order_and_its_units_go_back_to_a_shelf(
    uow,
    supervisor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from app.db.models import Lot, PutawayTask

    _picked(uow, supervisor)
    file = write(tmp_path / "cancel.csv", [row("TB1", status="已取消")])
    assert import_file(uow(), supervisor, ImportKind.ORDERS, file).changed == 1
    assert order(uow, "TB1").status == "cancelled"
    with uow().reading() as s:
        tasks = s.scalars(select(PutawayTask).join(Order).where(Order.order_no == "TB1")).all()
        assert [(t.qty, t.status) for t in tasks] == [(1, "open")]  # the cup picked for it
        assert sum(s.scalars(select(Lot.allocated))) == 0  # nothing held for a cancelled order


def _bound_then_moved(uow, supervisor: Actor, packer: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """TB1 picked with waybill SF1234567890123 bound, then re-imported to a new address."""
    from app.services import shipping

    _picked(uow, supervisor)
    shipping.bind(uow(), packer, "TB1", "SF1234567890123", carrier="SF")
    file = write(tmp_path / "moved.csv", [row("TB1", address="天河路1号")])
    assert import_file(uow(), supervisor, ImportKind.ORDERS, file).changed == 1


@pytest.mark.usefixtures("catalogue")
def test_an_address_change_voids_the_waybill_printed_with_the_old_address(
    uow,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from app.db.models import Parcel, VoidedTrackingNumber
    from app.services import shipping
    from app.services.shipping import InvalidTrackingNumber

    _bound_then_moved(uow, supervisor, packer, tmp_path)
    with uow().reading() as s:
        parcel = s.scalar(select(Parcel).join(Order).where(Order.order_no == "TB1"))
        assert parcel is not None and parcel.tracking_no is None
        assert s.get(VoidedTrackingNumber, "SF1234567890123") is not None
    with pytest.raises((InvalidTrackingNumber, DomainError)):  # never bound again
        shipping.bind(uow(), packer, "TB3", "SF1234567890123", carrier="SF")


@pytest.mark.usefixtures("catalogue")
def test_the_old_waybill_of_an_address_changed_order_cannot_be_handed_over(
    uow,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from app.services import handover

    _bound_then_moved(uow, supervisor, packer, tmp_path)
    batch = handover.start(uow(), packer, "SF")
    with pytest.raises(handover.HandoverRefused) as refused:
        handover.scan(uow(), packer, batch.code, "SF1234567890123")
    said = refused.value.message.english()
    assert refused.value.intercept and "was voided" in said and "TB1" in said
