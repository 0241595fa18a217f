"""The desktop app that cannot use its database says why in a message box, in the sentence the
command line prints, instead of crashing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import launch_gui
from app.cli import main
from app.config import Settings
from app.db.engine import sqlite_url_for


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "{file} is not a database file, so Packdesk changed nothing in it"),
        ("zh_CN", "{file} 不是数据库文件，Packdesk 未对其做任何更改"),
    ],
)
def test_the_app_shows_why_its_database_cannot_be_used(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    language: str,
    sentence: str,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its own
    Settings(language=language).save()
    notes = tmp_path / "station.sqlite"
    notes.write_text("not a database", encoding="utf-8")
    url = sqlite_url_for(notes)

    assert launch_gui(url) == 1
    assert shown == [sentence.format(file=notes)]
    assert notes.read_text(encoding="utf-8") == "not a database"
    assert capsys.readouterr().err == ""  # a message box, nothing on the terminal

    assert main(["--db", url, "gui"]) == 1  # the command line opens it first: the same words
    assert capsys.readouterr().err.strip() == f"packdesk: {shown[0]}"
