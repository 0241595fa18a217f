"""Languages: loading the translator, and saying the catalogue's messages in the UI's language.

The domain stores statuses and roles as stable English values and exception reasons as message
codes; the screens show them through the functions below.  Regenerate the translation files after
changing user-visible text:

    python -m ui.i18n update     # pyside6-lupdate ui/*.py → .ts, then pyside6-lrelease → .qm
    python -m ui.i18n check      # fails when a message has no translation
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from app.messages import Message, join, render
from app.messages.words import role_word, status_word

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS_DIR / "packdesk_zh_CN.ts"
QM_FILE = TRANSLATIONS_DIR / "packdesk_zh_CN.qm"

# Languages the UI ships in (code → name shown in that language, never translated).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks *text* for pyside6-lupdate (by this name) and returns it untranslated (typed)."""
    return text


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def resolve_language(setting: str, system_locale: str | None = None) -> str:
    """'system' → zh_CN when the system locale is Chinese, else en; 'en'/'zh_CN' as they are."""
    if setting in LANGUAGES:
        return setting
    name = system_locale if system_locale is not None else QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


_installed: list[QTranslator] = []


def install_translator(setting: str) -> str:
    """Install the translators for *setting* ("system", "en" or "zh_CN"); returns the language.

    Installing sends QEvent.LanguageChange to every widget, which re-translates itself.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing a translator")
    language = resolve_language(setting)
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_base = QTranslator(app)
        if qt_base.load(f"qtbase_{language}", qt_dir):
            QCoreApplication.installTranslator(qt_base)
            _installed.append(qt_base)
        ours = QTranslator(app)
        if ours.load(f"packdesk_{language}", str(TRANSLATIONS_DIR)):
            QCoreApplication.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning(
                "translation packdesk_%s.qm not found in %s; showing English",
                language,
                TRANSLATIONS_DIR,
            )
    # English is the source language: no translator (removing one re-translates the widgets).
    return language


def check_cjk_font() -> bool:
    """Warn in the log when no font can show Chinese (the screens would show boxes)."""
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if families:
        return True
    log.warning(
        "No Chinese font found: Chinese text will show as boxes. "
        "Install one, e.g. `sudo apt-get install fonts-wqy-zenhei`."
    )
    return False


# --- statuses, roles and catalogue messages ---------------------------------------------------


def message_text(message: Message | str) -> str:
    """A catalogue message (app.messages) in the UI's language."""
    return render(message, translate)


def messages_text(messages: Iterable[Message], sep: str = "; ") -> str:
    """Several messages (an order's exception reasons) in the UI's language."""
    return join(messages, translate, sep)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def status_text(status: str) -> str:
    """An order status as a table cell shows it ("On hold", "暂停")."""
    return _capitalised(message_text(status_word(status)))


def role_text(role: str) -> str:
    return _capitalised(message_text(role_word(role)))


# --- errors from the services ------------------------------------------------------------------


def error_text(exc: BaseException) -> str:
    """A service error as a sentence in the UI's language."""
    from app.domain.errors import DomainError

    if isinstance(exc, DomainError):
        return message_text(exc.message)
    message = getattr(exc, "message", None)
    if isinstance(message, Message):  # a device error (devices.errors) says it with a code
        return message_text(message)
    return str(exc)


def failure_text(exc: BaseException) -> str:
    """Any failure in words: a refused action as its sentence, anything else with the log."""
    from app.config import paths
    from app.domain.errors import DomainError

    if isinstance(exc, DomainError) or isinstance(getattr(exc, "message", None), Message):
        return error_text(exc)
    return QCoreApplication.translate(
        "Error", "Something went wrong: {message}. The details are in the log file {path}."
    ).format(message=str(exc) or type(exc).__name__, path=paths().log_file)


# --- maintaining the translation files ----------------------------------------------------------


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def sources() -> list[str]:
    """The files whose strings are translated: the screens, and the message catalogue."""
    files = [*(ROOT / "ui").glob("*.py"), *(ROOT / "app" / "messages").glob("*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in files)


def run_lupdate(ts_file: Path) -> None:
    options = ["-no-obsolete", "-locations", "none", "-ts", str(ts_file)]
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources(), *options],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def unfinished(ts_file: Path) -> list[str]:
    """Source texts in *ts_file* that have no finished translation."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or "").strip()
        ):
            missing.append(source)
    return missing


def translations(ts_file: Path) -> dict[tuple[str, str], str]:
    """{(context, source): translation} of every finished message in *ts_file*."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            if translation is None or translation.get("type") or not text.strip():
                continue
            found[(name, message.findtext("source") or "")] = text
    return found


def apply_translations(ts_file: Path, wanted: dict[tuple[str, str], str]) -> int:
    """Write *wanted* translations into *ts_file* where its message is still unfinished;
    returns how many were written (run ``update`` afterwards to compile)."""
    tree = ET.parse(ts_file)
    written = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            translation = message.find("translation")
            if key not in wanted or translation is None:
                continue
            if translation.get("type") not in ("unfinished", None) or (
                translation.get("type") is None and (translation.text or "").strip()
            ):
                continue
            translation.text = wanted[key]
            translation.attrib.pop("type", None)
            written += 1
    text = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n")
    return written


def _load_wanted(path: Path) -> dict[tuple[str, str], str]:
    if path.suffix == ".ts":
        return translations(path)
    import json

    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(r.get("context", "Message"), r["source"]): r["translation"] for r in rows}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "update"
    if command == "update":
        run_lupdate(TS_FILE)
        run_lrelease(TS_FILE, QM_FILE)
        missing = unfinished(TS_FILE)
        print(f"{TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)} updated")
        if missing:
            print(f"{len(missing)} message(s) still need a translation:")
            for text in missing:
                print(f"  {text}")
            return 1
        return 0
    if command in ("merge", "apply") and len(args) == 2:
        # merge OTHER.ts: take its finished translations; apply FILE.json: a list of
        # {"context" (default "Message"), "source", "translation"}.
        written = apply_translations(TS_FILE, _load_wanted(Path(args[1])))
        print(f"{written} translation(s) written into {TS_FILE.relative_to(ROOT)}")
        return main(["update"])
    if command == "check":
        missing = unfinished(TS_FILE)
        for text in missing:
            print(f"untranslated: {text}")
        return 1 if missing else 0
    print(
        "usage: python -m ui.i18n [update | check | merge OTHER.ts | apply FILE.json]",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
