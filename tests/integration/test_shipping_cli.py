"""`packdesk bind / carriers / tracking / print`: exit codes and words as the contract says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import open_database
from app.db.uow import UnitOfWork
from tests.factories import add_order, add_sku
from tests.integration.test_cli import run

SF = "SF1234567890123"


@pytest.fixture
def shop_db(db_url: str) -> str:
    engine = open_database(db_url)

    def factory() -> UnitOfWork:
        return UnitOfWork(engine)

    add_sku(
        factory, "CUP", name="保温杯 500ml", weight_g=350, fragile=True, barcodes=["6901234567892"]
    )
    add_order(factory, "TB001", [("CUP", 2)], status="reviewed", carrier="SF", note="请轻放")
    add_order(factory, "TB002", [("CUP", 1)], status="reviewed", carrier="SF")
    add_order(factory, "TB003", [("CUP", 1)], status="reviewed", carrier=None)
    engine.dispose()
    return db_url


def test_bind_refuses_with_the_reason_and_exit_1(
    capsys: pytest.CaptureFixture[str], shop_db: str
) -> None:
    code, out, _ = run(capsys, "--db", shop_db, "bind", "TB001", SF, "--json")
    assert code == 0
    assert json.loads(out) == {
        "order_no": "TB001",
        "parcel_no": 1,
        "carrier": "SF",
        "tracking_no": SF,
        "changed": True,
        "previous": None,
    }
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB002", SF)
    assert code == 1 and "already bound to order TB001, parcel 1" in err
    code, _, err = run(
        capsys, "--db", shop_db, "bind", "TB002", "1Z999AA10123456785", "--carrier", "UPS"
    )
    assert code == 1 and "not a valid UPS tracking number: wrong check digit" in err
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB001", "SF1234567890124", "--rebind")
    assert code == 1 and "--reason" in err
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB003", "SF1234567890127")
    assert code == 1 and "order TB003 has no carrier; say which one (e.g. --carrier SF)" in err
    code, out, _ = run(
        capsys,
        "--db",
        shop_db,
        "bind",
        "TB001",
        "SF1234567890124",
        "--rebind",
        "--reason",
        "label damaged",
    )
    assert code == 0 and "(was SF1234567890123)" in out


def test_pool_import_then_waybills_take_numbers(
    capsys: pytest.CaptureFixture[str], shop_db: str, tmp_path: Path
) -> None:
    pool = tmp_path / "sf.txt"
    pool.write_text("SF1234567890125\nSF1234567890126\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", shop_db, "carriers", "pool", "import", "SF", str(pool))
    assert code == 0
    assert json.loads(out)["imported"] == 2 and "only 2 free numbers" in err
    code, out, _ = run(capsys, "--db", shop_db, "carriers", "list", "--json")
    sf = next(c for c in json.loads(out) if c["code"] == "SF")
    assert (sf["pool_free"], sf["pool_low"]) == (2, True)
    bad = tmp_path / "bad.txt"
    bad.write_text("SF12\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", shop_db, "carriers", "pool", "import", "SF", str(bad))
    assert code == 1 and json.loads(out)["errors"][0]["row"] == 1


def test_tracking_import_and_follow_up(
    capsys: pytest.CaptureFixture[str], shop_db: str, tmp_path: Path
) -> None:
    run(capsys, "--db", shop_db, "bind", "TB001", SF)
    status = tmp_path / "status.csv"
    status.write_text(f"tracking_no,status,time\n{SF},运输中,2026-11-22 09:00\n", "utf-8")
    code, out, _ = run(capsys, "--db", shop_db, "tracking", "import", str(status))
    assert code == 0 and json.loads(out)["imported"] == 1
    code, out, _ = run(capsys, "--db", shop_db, "tracking", "stale", "--json")
    assert code == 0 and json.loads(out) == []  # TB001 has not shipped
    status.write_text("tracking_no,status,time\nSF1,nope,now\n", "utf-8")
    code, out, _ = run(capsys, "--db", shop_db, "tracking", "import", str(status))
    assert code == 1 and "unknown tracking status" in json.loads(out)["errors"][0]["message"]


def decode_pdf(path: Path) -> list[str]:
    import pypdfium2
    import zxingcpp

    texts: list[str] = []
    pdf = pypdfium2.PdfDocument(str(path))
    for page in pdf:
        image = page.render(scale=300 / 72).to_pil()
        texts += [r.text for r in zxingcpp.read_barcodes(image)]
    return texts


def pdf_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    return "".join(page.get_textpage().get_text_range() for page in pdf)


def test_print_waybill_slip_and_labels_to_files(
    capsys: pytest.CaptureFixture[str], shop_db: str, tmp_path: Path
) -> None:
    run(capsys, "--db", shop_db, "bind", "TB001", SF)
    waybill = tmp_path / "wb.pdf"
    code, out, _ = run(capsys, "--db", shop_db, "print", "waybill", "TB001", "--out", str(waybill))
    assert code == 0 and f"waybill {SF}" in out
    assert SF in decode_pdf(waybill)
    text = pdf_text(waybill)
    assert "138****5678" in text and "13812345678" not in text  # the phone is masked
    assert "易碎" in text  # the cup is fragile
    zpl = tmp_path / "wb.zpl"
    code, _, _ = run(
        capsys, "--db", shop_db, "print", "waybill", "TB001", "--format", "zpl", "--out", str(zpl)
    )
    import zxingcpp

    from printing.raster import rasterize

    assert code == 0 and SF in [r.text for r in zxingcpp.read_barcodes(rasterize(zpl.read_bytes()))]
    slip = tmp_path / "slip.pdf"
    code, _, _ = run(
        capsys, "--db", shop_db, "print", "slip", "TB001", "--size", "a5", "--out", str(slip)
    )
    assert code == 0 and "TB001" in decode_pdf(slip) and "保温杯" in pdf_text(slip)
    labels = tmp_path / "labels.pdf"
    code, out, _ = run(
        capsys,
        "--db",
        shop_db,
        "print",
        "labels",
        "sku",
        "CUP",
        "--copies",
        "2",
        "--out",
        str(labels),
    )
    assert code == 0 and "2 sku label(s)" in out
    assert decode_pdf(labels) == ["6901234567892", "6901234567892"]  # EAN-13, two copies


def test_a_waybill_without_a_number_and_an_empty_pool_is_refused(
    capsys: pytest.CaptureFixture[str], shop_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "wb.pdf"
    code, _, err = run(capsys, "--db", shop_db, "print", "waybill", "TB002", "--out", str(out))
    assert code == 1 and "SF number pool is empty" in err
    assert "packdesk carriers pool import SF FILE" in err  # the command line's own way out
    assert not out.exists()  # nothing half-written
    code, _, err = run(capsys, "--db", shop_db, "print", "labels", "sku", "NOPE", "--out", str(out))
    assert code == 1 and "no such SKU: NOPE" in err


def test_shipping_refusals_are_said_in_the_users_language(
    capsys: pytest.CaptureFixture[str],
    shop_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, _ = run(capsys, "--db", shop_db, "bind", "TB001", SF)
    assert code == 0
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB002", SF)
    assert code == 1 and f"运单号 {SF} 已绑定到订单 TB001 的包裹 1" in err
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB002", "SF123")
    assert code == 1 and "SF123 不是有效的 顺丰速运 运单号：有 5 个字符" in err
    out = tmp_path / "wb.pdf"
    code, _, err = run(capsys, "--db", shop_db, "print", "waybill", "TB002", "--out", str(out))
    assert code == 1 and "SF 单号池已用完" in err and "packdesk carriers pool import SF" in err
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB001", SF + "9", "--rebind")
    assert code == 1 and "--rebind 需要同时给出 --reason" in err


def test_handling_marks_come_from_the_skus(
    capsys: pytest.CaptureFixture[str], shop_db: str, tmp_path: Path
) -> None:
    skus = tmp_path / "skus.csv"
    skus.write_text(
        "sku,name,weight_g,fragile,do_not_bend,this_way_up\nCUP,保温杯 500ml,350,no,是,yes\n",
        encoding="utf-8",
    )
    code, _, _ = run(capsys, "--db", shop_db, "import", "skus", str(skus))
    assert code == 0
    run(capsys, "--db", shop_db, "bind", "TB002", SF)
    waybill = tmp_path / "wb.pdf"
    code, _, _ = run(capsys, "--db", shop_db, "print", "waybill", "TB002", "--out", str(waybill))
    text = pdf_text(waybill)
    assert code == 0 and "勿折" in text and "向上" in text and "易碎" not in text


def test_carriers_add_refuses_what_cannot_be_stored_or_run_in_linear_time(
    capsys: pytest.CaptureFixture[str], shop_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "--db", shop_db, "carriers", "add", "C" * 17, "Own", r"C\d+")
    assert code == 1
    assert f"The carrier code '{'C' * 17}' is not usable: use 1 to 16 letters" in err
    code, _, err = run(capsys, "--db", shop_db, "carriers", "add", "BACK", "Back", r"(\d)\1{11}")
    assert code == 1
    assert "'(\\d)\\1{11}' for carrier BACK cannot be used (invalid escape sequence: \\1)" in err
    # The pattern is accepted: RE2 answers a bind with it at once.
    code, _, _ = run(capsys, "--db", shop_db, "carriers", "add", "REDOS", "ReDoS", "(a+)+$")
    assert code == 0
    refused = "a" * 28 + "!"
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB003", refused, "--carrier", "REDOS")
    assert code == 1 and "is not a valid ReDoS tracking number" in err
    code, _, err = run(capsys, "--db", shop_db, "bind", "TB003", "a" * 80, "--carrier", "REDOS")
    assert code == 1
    assert "it has 80 characters, and a tracking number has at most 64." in err
    code, out, _ = run(capsys, "--db", shop_db, "bind", "TB003", "a" * 29, "--carrier", "REDOS")
    assert code == 0 and f"bound {'A' * 29} (REDOS)" in out
    code, _, err = run(
        capsys, "--db", shop_db, "shop", "print", "天猫旗舰店", "--sender-name", "寄" * 200
    )
    assert code == 1
    assert "The sender name is too long: at most 128 characters, this one has 200." in err
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(capsys, "--db", shop_db, "carriers", "add", "C" * 17, "Own", r"C\d+")
    assert code == 1 and "不可用：请用 1 到 16 个字母、数字" in err
    code, _, err = run(
        capsys, "--db", shop_db, "shop", "print", "天猫旗舰店", "--sender-phone", "0" * 50
    )
    assert code == 1 and "寄件人电话太长：最多 32 个字符，这里有 50 个。" in err
