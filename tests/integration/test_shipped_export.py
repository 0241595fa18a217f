"""Tracking numbers back to the shops (发货回传): `orders export-shipped` and a shop's columns."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.bootstrap import open_database
from app.db.models import AuditEvent, Order, Parcel, utcnow
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.orders import OrderStatus
from app.domain.shipped import parse_columns
from app.domain.users import Actor
from app.services import lifecycle
from app.services.catalog import set_export_columns
from app.services.shipped import export_shipped
from app.services.shipping import bind
from tests.factories import UowFactory, add_order, add_sku
from tests.integration.test_cli import run

SF = "SF1234567890123"
ZTO = "73100012345678"
YUNDA = "4625987794705"
JT = "JT0006968326954"
EMS = "1240921381750"


def ship(
    uow: UowFactory,
    actor: Actor,
    order_no: str,
    *numbers: tuple[str, str],
    shop: str = "天猫旗舰店",
) -> None:
    """An order packed with a parcel per (carrier, number), then handed over (shipped)."""
    add_order(uow, order_no, [("CUP", 1)], status="packed", shop=shop, carrier=numbers[0][0])
    for i, (carrier, number) in enumerate(numbers, start=1):
        bind(uow(), actor, order_no, number, carrier=carrier, parcel_no=i)
    with uow() as u:
        order = u.session.scalars(select(Order).where(Order.order_no == order_no)).one()
        lifecycle.move(u.session, actor, order, OrderStatus.SHIPPED, station="test")
        u.commit()


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its byte-order mark
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


@pytest.fixture
def cups(uow: UowFactory) -> None:
    add_sku(uow, "CUP", weight_g=350)


def test_one_row_per_parcel_with_the_carriers_chinese_names_and_only_new_ones_again(
    uow: UowFactory, cups: None, supervisor: Actor, tmp_path: Path
) -> None:
    ship(uow, supervisor, "TB001", ("SF", SF), ("SF", "SF1234567890124"))
    ship(uow, supervisor, "TB002", ("ZTO", ZTO), shop="拼多多店")
    ship(uow, supervisor, "TB003", ("YUNDA", YUNDA))
    add_order(uow, "TB004", [("CUP", 1)], status="packed", carrier="JT")  # not handed over
    bind(uow(), supervisor, "TB004", JT, carrier="JT")

    first = export_shipped(uow(), supervisor, tmp_path / "shipped.csv")
    rows = read_csv(tmp_path / "shipped.csv")
    assert first.rows == 4
    assert rows[0] == [
        "order_no",
        "shop",
        "carrier_code",
        "carrier_name",
        "tracking_no",
        "parcel",
        "shipped_at",
    ]
    by_number = {row[4]: row for row in rows[1:]}
    assert set(by_number) == {SF, "SF1234567890124", ZTO, YUNDA}
    assert by_number[SF][:6] == ["TB001", "天猫旗舰店", "SF", "顺丰速运", SF, "1"]
    assert by_number["SF1234567890124"][5] == "2"
    assert by_number[ZTO][:4] == ["TB002", "拼多多店", "ZTO", "中通快递"]
    assert by_number[YUNDA][3] == "韵达快递"
    shipped_at = dt.datetime.strptime(by_number[SF][6], "%Y-%m-%d %H:%M:%S")
    assert abs(shipped_at - utcnow()) < dt.timedelta(minutes=5)

    # Exported once: the next export without --since has only what shipped since.
    again = export_shipped(uow(), supervisor, tmp_path / "again.csv")
    assert again.rows == 0 and read_csv(tmp_path / "again.csv") == [rows[0]]
    ship(uow, supervisor, "TB005", ("JT", "JT3002232682242"), ("EMS", EMS))
    later = export_shipped(uow(), supervisor, tmp_path / "later.csv")
    assert [(r[0], r[3]) for r in read_csv(tmp_path / "later.csv")[1:]] == [
        ("TB005", "极兔速递"),
        ("TB005", "中国邮政 EMS"),
    ]
    assert later.rows == 2
    # --since: every parcel shipped since then, exported before or not.
    hour_ago = utcnow() - dt.timedelta(hours=1)
    everything = export_shipped(uow(), supervisor, tmp_path / "all.csv", since=hour_ago)
    assert everything.rows == 6
    tomorrow = utcnow() + dt.timedelta(days=1)
    assert export_shipped(uow(), supervisor, tmp_path / "none.csv", since=tomorrow).rows == 0
    with uow().reading() as s:
        assert s.scalar(select(Parcel.exported_at).where(Parcel.tracking_no == JT)) is None
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "orders.export_shipped")
        ).first()
        assert event is not None and event.after == {"parcels": 4, "shop": None, "since": None}


def test_a_shop_maps_the_columns_to_its_platforms_template_in_xlsx(
    uow: UowFactory, cups: None, supervisor: Actor, tmp_path: Path
) -> None:
    ship(uow, supervisor, "PDD-1", ("ZTO", ZTO), shop="拼多多店")
    ship(uow, supervisor, "TM-1", ("SF", SF), shop="天猫旗舰店")
    mapping = parse_columns("订单号=order_no，物流公司=carrier_name,运单号=tracking_no")
    set_export_columns(uow(), supervisor, "拼多多店", mapping)

    result = export_shipped(uow(), supervisor, tmp_path / "pdd.xlsx", shop="拼多多店")
    sheet = openpyxl.load_workbook(tmp_path / "pdd.xlsx").active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [["订单号", "物流公司", "运单号"], ["PDD-1", "中通快递", ZTO]]
    assert sheet.cell(2, 3).data_type == "s"  # the number as text, never 7.31E+13
    assert result.rows == 1
    # The other shop's parcel is still new to the export.
    rest = export_shipped(uow(), supervisor, tmp_path / "rest.csv")
    assert [r[0] for r in read_csv(tmp_path / "rest.csv")[1:]] == ["TM-1"]
    assert rest.rows == 1


def test_a_packer_may_not_export_and_nothing_is_marked(
    uow: UowFactory, cups: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    ship(uow, supervisor, "TB001", ("SF", SF))
    with pytest.raises(PermissionDenied):
        export_shipped(uow(), packer, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    assert export_shipped(uow(), supervisor, tmp_path / "y.csv").rows == 1


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("订单号=order_number", "'order_number' is not a column of the shipped export"),
        ("订单号=order_no,订单号=tracking_no", "The header '订单号' is given twice"),
        ("=order_no", "'=order_no' is not a column mapping"),
        (" , ", "The column mapping names no column"),
    ],
)
def test_a_column_mapping_is_refused_in_words(spec: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        parse_columns(spec)


@pytest.fixture
def shipped_db(db_url: str, supervisor: Actor) -> str:
    engine = open_database(db_url)

    def factory() -> UnitOfWork:
        return UnitOfWork(engine)

    add_sku(factory, "CUP", weight_g=350)
    ship(factory, supervisor, "TB001", ("SF", SF))
    ship(factory, supervisor, "PDD-1", ("JT", JT), shop="拼多多店")
    engine.dispose()
    return db_url


def test_cli_export_shipped_and_shop_columns(
    capsys: pytest.CaptureFixture[str], shipped_db: str, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "--db", shipped_db, "shop", "export-columns", "拼多多店", "运单号=tracking_number"
    )
    assert code == 1 and "'tracking_number' is not a column of the shipped export" in err
    code, out, _ = run(
        capsys,
        "--db",
        shipped_db,
        "shop",
        "export-columns",
        "拼多多店",
        "订单编号=order_no,快递公司=carrier_name,快递单号=tracking_no",
    )
    assert code == 0 and "订单编号=order_no,快递公司=carrier_name,快递单号=tracking_no" in out
    out_file = tmp_path / "pdd.csv"
    code, out, _ = run(
        capsys,
        "--db",
        shipped_db,
        "orders",
        "export-shipped",
        "--shop",
        "拼多多店",
        "--out",
        str(out_file),
        "--json",
    )
    assert code == 0
    assert json.loads(out)["rows"] == 1
    assert read_csv(out_file) == [["订单编号", "快递公司", "快递单号"], ["PDD-1", "极兔速递", JT]]
    code, out, _ = run(
        capsys, "--db", shipped_db, "orders", "export-shipped", "--out", str(tmp_path / "a.csv")
    )
    assert code == 0 and "1 parcels exported to" in out
    code, out, _ = run(
        capsys, "--db", shipped_db, "orders", "export-shipped", "--out", str(tmp_path / "b.csv")
    )
    assert code == 0 and "No parcel shipped since the last export" in out
    code, _, err = run(
        capsys,
        "--db",
        shipped_db,
        "orders",
        "export-shipped",
        "--since",
        "yesterday",
        "--out",
        str(tmp_path / "c.csv"),
    )
    assert code == 1 and "--since: 'yesterday' is not a time" in err
    assert not (tmp_path / "c.csv").exists()
    code, out, _ = run(
        capsys,
        "--db",
        shipped_db,
        "orders",
        "export-shipped",
        "--since",
        "2026-01-01",
        "--out",
        str(tmp_path / "d.xlsx"),
        "--json",
    )
    assert code == 0 and json.loads(out)["rows"] == 2


@pytest.mark.pg
def test_the_shipped_export_on_postgresql(
    pg_engine: object, supervisor: Actor, tmp_path: Path
) -> None:
    """The audit's JSON (when the order shipped) and the marks read the same on PostgreSQL."""
    from sqlalchemy import Engine

    assert isinstance(pg_engine, Engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(pg_engine)

    add_sku(uow, "CUP", weight_g=350)
    ship(uow, supervisor, "PG-1", ("SF", SF), ("ZTO", ZTO))
    first = export_shipped(uow(), supervisor, tmp_path / "pg.csv")
    rows = read_csv(tmp_path / "pg.csv")
    assert first.rows == 2 and [r[3] for r in rows[1:]] == ["顺丰速运", "中通快递"]
    shipped_at = dt.datetime.strptime(rows[1][6], "%Y-%m-%d %H:%M:%S")
    assert abs(shipped_at - utcnow()) < dt.timedelta(minutes=5)
    assert export_shipped(uow(), supervisor, tmp_path / "again.csv").rows == 0
    since = utcnow() - dt.timedelta(hours=1)
    assert export_shipped(uow(), supervisor, tmp_path / "all.xlsx", since=since).rows == 2
