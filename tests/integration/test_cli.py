"""The `packdesk` command line: JSON shapes, exit codes, where the database is."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.db.engine import sqlite_url_for

SKUS = "sku,name,barcodes,weight_g,fragile,low_stock_threshold,expiry_tracked\n" + (
    "CUP-500,保温杯 500ml,6901234567892,350,no,10,no\nLAMP-01,台灯,,900,yes,,no\n"
)
STOCK = "sku,lot,received_at,location,qty,expiry\nCUP-500,L1,2026-09-01,A-01-02-03,5,\n"
ORDERS_HEADER = (
    "order_no,shop,ordered_at,paid,buyer_name,phone,province,city,district,address,sku,qty\n"
)
ZHANG = "TB001,天猫旗舰店,2026-11-20 10:00,yes,张伟,13812345678,广东省,深圳市,南山区,深南大道1号"
ORDERS = ORDERS_HEADER + (
    f"{ZHANG},CUP-500,2\n"
    f"{ZHANG},LAMP-01,1\n"
    "TB002,天猫旗舰店,2026-11-20 11:00,no,Emily Carter,+852 9123 4567,Hong Kong,Hong Kong,"
    "Central,1 Queen's Road,CUP-500,1\n"
)


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, body in (("skus", SKUS), ("stock", STOCK), ("orders", ORDERS)):
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(body, encoding="utf-8")
    return paths


def test_whole_flow_json_shapes(
    capsys: pytest.CaptureFixture[str], db_url: str, files: dict[str, Path]
) -> None:
    for kind in ("skus", "stock", "orders"):
        code, out, _ = run(capsys, "--db", db_url, "import", kind, str(files[kind]), "--json")
        assert code == 0
        result = json.loads(out)
        assert result["errors"] == []
        assert result["imported"] == {"skus": 2, "stock": 1, "orders": 2}[kind]

    code, out, _ = run(capsys, "--db", db_url, "review", "--json")
    assert code == 0
    summary = json.loads(out)
    assert (summary["checked"], summary["reviewed"], summary["exceptions"]) == (2, 0, 2)
    assert sorted(summary["top_reasons"], key=lambda r: r["code"]) == [
        {"reason": "not enough stock", "code": "order.reason.no_stock", "orders": 1},
        {"reason": "not paid", "code": "order.reason.not_paid", "orders": 1},
    ]

    code, out, _ = run(capsys, "--db", db_url, "orders", "list", "--status", "exception", "--json")
    listed = json.loads(out)
    assert [o["order_no"] for o in listed] == ["TB001", "TB002"]
    # The shape scripts rely on: the reasons as English sentences (and, new, their codes).
    assert set(listed[0]) == {
        "order_no",
        "shop",
        "status",
        "lines",
        "exception_reasons",
        "exception_codes",
    }
    assert listed[0]["lines"] == [{"sku": "CUP-500", "qty": 2}, {"sku": "LAMP-01", "qty": 1}]
    assert listed[0]["exception_reasons"] == ["not enough stock: SKU LAMP-01 needs 1, 0 free"]
    assert listed[0]["exception_codes"] == ["order.reason.no_stock"]
    assert listed[1]["exception_reasons"] == ["not paid"]
    assert listed[1]["exception_codes"] == ["order.reason.not_paid"]

    code, out, _ = run(capsys, "--db", db_url, "orders", "list", "--status", "reviewed", "--json")
    assert (code, json.loads(out)) == (0, [])

    code, out, _ = run(capsys, "--db", db_url, "stock", "list", "--sku", "CUP-500", "--json")
    assert json.loads(out) == [
        {
            "sku": "CUP-500",
            "lot": "L1",
            "location": "A-01-02-03",
            "received_at": "2026-09-01 00:00:00",
            "on_hand": 5,
            "allocated": 0,
        }
    ]


def test_refused_import_exits_1_and_says_where(
    capsys: pytest.CaptureFixture[str], db_url: str, files: dict[str, Path], tmp_path: Path
) -> None:
    run(capsys, "--db", db_url, "import", "skus", str(files["skus"]))
    bad = tmp_path / "bad.csv"
    bad.write_text(ORDERS.replace(",LAMP-01,1", ",LAMP-01,0"), encoding="utf-8")
    code, out, err = run(capsys, "--db", db_url, "import", "orders", str(bad), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["imported"] == 0
    assert {"row": 3, "column": "qty"}.items() <= result["errors"][0].items()
    assert result["errors"][0]["message"] == "must be a whole number greater than 0, not '0'"
    assert result["errors"][0]["code"] == "import.not_positive"
    assert "bad.csv: nothing imported, 1 problem(s):" in err
    assert "row 3, column qty: must be a whole number greater than 0, not '0'" in err
    code, out, _ = run(capsys, "--db", db_url, "orders", "list", "--json")
    assert json.loads(out) == []  # nothing half-written


def test_user_add_reads_the_pin_from_stdin(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, out, _ = run(
        capsys, "--db", db_url, "user", "add", "王芳", "--role", "supervisor", stdin="2468\n"
    )
    assert code == 0 and "王芳 (supervisor)" in out
    code, out, _ = run(capsys, "--db", db_url, "user", "list", "--json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("王芳", "supervisor")]
    code, _, err = run(capsys, "--db", db_url, "user", "add", "x", "--role", "packer", stdin="12\n")
    assert code == 1 and "4 to 12 digits" in err


def test_roles_apply_on_the_command_line_too(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "--db", db_url, "user", "add", "lilei", "--role", "packer", stdin="1111\n")
    monkeypatch.setenv("PACKDESK_PIN", "1111")
    code, _, err = run(
        capsys, "--db", db_url, "--as", "lilei", "import", "skus", str(files["skus"])
    )
    assert code == 1 and "lilei (packer) is not allowed to import SKUs" in err
    monkeypatch.setenv("PACKDESK_PIN", "9999")
    code, _, err = run(capsys, "--db", db_url, "--as", "lilei", "review")
    assert code == 1 and "wrong name or PIN" in err
    # A read command checks the PIN too: --as is a log-in, whatever the command.
    code, out, err = run(capsys, "--db", db_url, "--as", "lilei", "orders", "list", "--json")
    assert (code, out) == (1, "") and "wrong name or PIN" in err
    code, _, err = run(capsys, "--db", db_url, "--as", "nobody", "stock", "list")
    assert code == 1 and "wrong name or PIN" in err
    monkeypatch.setenv("PACKDESK_PIN", "1111")
    code, out, _ = run(capsys, "--db", db_url, "--as", "lilei", "orders", "list", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_a_refusal_is_said_in_the_users_language(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "--db", db_url, "user", "add", "lilei", "--role", "packer", stdin="1111\n")
    monkeypatch.setenv("PACKDESK_PIN", "1111")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(
        capsys, "--db", db_url, "--as", "lilei", "import", "skus", str(files["skus"])
    )
    assert code == 1 and "lilei（打包员）无权导入 SKU" in err
    from app.config import Settings

    Settings(language="en").save()
    code, _, err = run(
        capsys, "--db", db_url, "--as", "lilei", "import", "skus", str(files["skus"])
    )
    assert code == 1 and "lilei (packer) is not allowed to import SKUs" in err


def test_import_problems_and_reasons_are_said_in_the_users_language(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    run(capsys, "--db", db_url, "import", "skus", str(files["skus"]))
    bad = tmp_path / "bad.csv"
    bad.write_text(ORDERS.replace(",LAMP-01,1", ",LAMP-01,0"), encoding="utf-8")
    code, out, err = run(capsys, "--db", db_url, "import", "orders", str(bad), "--json")
    assert code == 1
    # --json keeps the English (a program reads it); the person reads Chinese.
    assert json.loads(out)["errors"][0]["message"].startswith("must be a whole number")
    assert "bad.csv：未导入任何数据，共 1 个问题：" in err
    assert "第 3 行，qty 列：必须是大于 0 的整数，不能是 '0'" in err

    run(capsys, "--db", db_url, "import", "orders", str(files["orders"]))
    code, out, _ = run(capsys, "--db", db_url, "review")
    assert code == 0 and "未付款" in out and "库存不足" in out
    code, out, _ = run(capsys, "--db", db_url, "orders", "list", "--status", "exception")
    assert "[库存不足：SKU CUP-500 需要 2，可用 0; 库存不足：SKU LAMP-01 需要 1，可用 0]" in out
    code, out, _ = run(capsys, "--db", db_url, "orders", "list", "--json")
    assert json.loads(out)[1]["exception_reasons"] == [
        "not paid",
        "not enough stock: SKU CUP-500 needs 1, 0 free",
    ]
    code, _, err = run(capsys, "--db", db_url, "orders", "hold", "NOPE")
    assert code == 1 and "找不到订单：NOPE" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", db_url, "import", "socks", "x.csv"])
    assert exc.value.code == 2
    code, _, err = run(capsys, "--db", db_url, "orders", "list", "--status", "lost")
    assert code == 1 and "unknown status 'lost'" in err


def test_database_from_env_when_no_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("PACKDESK_DB", sqlite_url_for(env_db))
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "from-env.sqlite" in out and env_db.exists()


def test_default_database_lives_in_the_user_data_directory(
    capsys: pytest.CaptureFixture[str], packdesk_home: Path
) -> None:
    code, _, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert (packdesk_home / "data" / "packdesk.sqlite").exists()
    assert (packdesk_home / "data" / "logs" / "packdesk.log").exists()


def test_python_dash_m_app_and_console_script(tmp_path: Path, packdesk_home: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("packdesk ")
    script = Path(sys.executable).with_name("packdesk")
    assert script.exists(), "console script 'packdesk' not installed"
    done = subprocess.run(
        [str(script), "--db", sqlite_url_for(tmp_path / "x.sqlite"), "orders", "list", "--json"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "[]")
