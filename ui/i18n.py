"""Languages: loading the translator, and words for values the domain stores in English.

The domain stores statuses, roles and exception reasons as stable English text; the screens show
them through the tables below.  Regenerate the translation files after changing user-visible text:

    python -m ui.i18n update     # pyside6-lupdate ui/*.py → .ts, then pyside6-lrelease → .qm
    python -m ui.i18n check      # fails when a message has no translation
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

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


# --- statuses and roles ------------------------------------------------------------------------

_STATUS_WORDS: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("Status", "New"),
    "reviewed": QT_TRANSLATE_NOOP("Status", "Reviewed"),
    "exception": QT_TRANSLATE_NOOP("Status", "Exception"),
    "allocated": QT_TRANSLATE_NOOP("Status", "Allocated"),
    "picking": QT_TRANSLATE_NOOP("Status", "Picking"),
    "picked": QT_TRANSLATE_NOOP("Status", "Picked"),
    "packing": QT_TRANSLATE_NOOP("Status", "Packing"),
    "packed": QT_TRANSLATE_NOOP("Status", "Packed"),
    "shipped": QT_TRANSLATE_NOOP("Status", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Status", "Delivered"),
    "completed": QT_TRANSLATE_NOOP("Status", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Status", "Cancelled"),
    "on_hold": QT_TRANSLATE_NOOP("Status", "On hold"),
}


def status_text(status: str) -> str:
    word = _STATUS_WORDS.get(status)
    return translate("Status", word) if word else status


_ROLE_WORDS: dict[str, str] = {
    "packer": QT_TRANSLATE_NOOP("Role", "Packer"),
    "supervisor": QT_TRANSLATE_NOOP("Role", "Supervisor"),
    "labels": QT_TRANSLATE_NOOP("Role", "Label staff"),
    "admin": QT_TRANSLATE_NOOP("Role", "Administrator"),
}


def role_text(role: str) -> str:
    word = _ROLE_WORDS.get(str(role))
    return translate("Role", word) if word else str(role)


_ACTION_WORDS: dict[str, str] = {
    "import SKUs": QT_TRANSLATE_NOOP("Permission", "import SKUs"),
    "receive stock": QT_TRANSLATE_NOOP("Permission", "receive stock"),
    "import orders": QT_TRANSLATE_NOOP("Permission", "import orders"),
    "review orders": QT_TRANSLATE_NOOP("Permission", "review orders"),
    "resolve order exceptions": QT_TRANSLATE_NOOP("Permission", "resolve order exceptions"),
    "hold or cancel orders": QT_TRANSLATE_NOOP("Permission", "hold or cancel orders"),
    "approve stock adjustments": QT_TRANSLATE_NOOP("Permission", "approve stock adjustments"),
    "manage users": QT_TRANSLATE_NOOP("Permission", "manage users"),
    "view orders": QT_TRANSLATE_NOOP("Permission", "view orders"),
    "build the demo warehouse": QT_TRANSLATE_NOOP("Permission", "build the demo warehouse"),
    "create pick waves": QT_TRANSLATE_NOOP("Permission", "create pick waves"),
    "confirm a pick list as picked": QT_TRANSLATE_NOOP(
        "Permission", "confirm a pick list as picked"
    ),
    "pick": QT_TRANSLATE_NOOP("Permission", "pick"),
    "reprint labels": QT_TRANSLATE_NOOP("Permission", "reprint labels"),
    "print waybills, packing slips and labels": QT_TRANSLATE_NOOP(
        "Permission", "print waybills, packing slips and labels"
    ),
    "bind tracking numbers": QT_TRANSLATE_NOOP("Permission", "bind tracking numbers"),
    "change a bound tracking number": QT_TRANSLATE_NOOP(
        "Permission", "change a bound tracking number"
    ),
    "manage carriers and waybill number pools": QT_TRANSLATE_NOOP(
        "Permission", "manage carriers and waybill number pools"
    ),
    "import tracking updates": QT_TRANSLATE_NOOP("Permission", "import tracking updates"),
}

# --- exception reasons -------------------------------------------------------------------------

_ADDRESS_PARTS: dict[str, str] = {
    "buyer name": QT_TRANSLATE_NOOP("Reason", "buyer name"),
    "phone": QT_TRANSLATE_NOOP("Reason", "phone"),
    "province": QT_TRANSLATE_NOOP("Reason", "province"),
    "city": QT_TRANSLATE_NOOP("Reason", "city"),
    "district": QT_TRANSLATE_NOOP("Reason", "district"),
    "street address": QT_TRANSLATE_NOOP("Reason", "street address"),
}

# regex over the stored English reason → translatable template with {named} fields.
# The templates are the English sentences themselves, so the English UI shows them unchanged.
REASON_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^not paid$"), QT_TRANSLATE_NOOP("Reason", "not paid")),
    (re.compile(r"^order has no lines$"), QT_TRANSLATE_NOOP("Reason", "order has no lines")),
    (
        re.compile(r"^address incomplete: (?P<part>.+) missing$"),
        QT_TRANSLATE_NOOP("Reason", "address incomplete: {part} missing"),
    ),
    (
        re.compile(r"^phone number looks wrong: (?P<phone>.*)$"),
        QT_TRANSLATE_NOOP("Reason", "phone number looks wrong: {phone}"),
    ),
    (
        re.compile(
            r"^not enough stock: SKU (?P<sku>.+) needs (?P<needed>-?\d+), (?P<free>-?\d+) free$"
        ),
        QT_TRANSLATE_NOOP("Reason", "not enough stock: SKU {sku} needs {needed}, {free} free"),
    ),
    (re.compile(r"^unknown SKU (?P<sku>.+)$"), QT_TRANSLATE_NOOP("Reason", "unknown SKU {sku}")),
    (
        re.compile(
            r"^short pick: SKU (?P<sku>.+) short by (?P<n>\d+), no stock left; "
            r"(?P<picked>\d+) picked unit\(s\) on the cart go back to stock$"
        ),
        QT_TRANSLATE_NOOP(
            "Reason",
            "short pick: SKU {sku} short by {n}, no stock left; "
            "{picked} picked unit(s) on the cart go back to stock",
        ),
    ),
    (
        re.compile(r"^short pick: SKU (?P<sku>.+) short by (?P<n>\d+), no stock left$"),
        QT_TRANSLATE_NOOP("Reason", "short pick: SKU {sku} short by {n}, no stock left"),
    ),
    # The review summary counts reasons by kind (the part before the colon).
    (re.compile(r"^not enough stock$"), QT_TRANSLATE_NOOP("Reason", "not enough stock")),
    (re.compile(r"^address incomplete$"), QT_TRANSLATE_NOOP("Reason", "address incomplete")),
    (
        re.compile(r"^phone number looks wrong$"),
        QT_TRANSLATE_NOOP("Reason", "phone number looks wrong"),
    ),
]


def reason_text(reason: str) -> str:
    """One stored exception reason in the UI's language (the English text when unknown)."""
    return pattern_text("Reason", reason, REASON_PATTERNS) or reason


def reasons_text(reasons: Sequence[str], sep: str = "; ") -> str:
    return sep.join(reason_text(r) for r in reasons)


# --- errors from the services ------------------------------------------------------------------

_MESSAGES: dict[str, str] = {
    "wrong name or PIN": QT_TRANSLATE_NOOP("Error", "wrong name or PIN"),
    "badge not recognised; scan again or log in with name and PIN": QT_TRANSLATE_NOOP(
        "Error", "badge not recognised; scan again or log in with name and PIN"
    ),
    "some of the selected orders no longer exist; refresh the list": QT_TRANSLATE_NOOP(
        "Error", "some of the selected orders no longer exist; refresh the list"
    ),
    "orders changed while they were being reviewed; run review again": QT_TRANSLATE_NOOP(
        "Error", "orders changed while they were being reviewed; run review again"
    ),
}


# Refusals with values in them (the picking service's scan checks): regex → template.
MESSAGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^wrong location: you scanned (?P<scanned>.*); go to (?P<location>.+)$"),
        QT_TRANSLATE_NOOP("Error", "wrong location: you scanned {scanned}; go to {location}"),
    ),
    (
        re.compile(
            r"^wrong item: you scanned (?P<sku>.+) \((?P<name>.*)\); this task is (?P<want>.+)$"
        ),
        QT_TRANSLATE_NOOP("Error", "wrong item: you scanned {sku} ({name}); this task is {want}"),
    ),
    (
        re.compile(r"^unknown barcode (?P<code>.*): not on any SKU$"),
        QT_TRANSLATE_NOOP("Error", "unknown barcode {code}: not on any SKU"),
    ),
    (
        re.compile(r"^wrong lot: you scanned lot (?P<lot>.+); this task is lot (?P<want>.+)$"),
        QT_TRANSLATE_NOOP("Error", "wrong lot: you scanned lot {lot}; this task is lot {want}"),
    ),
    (
        re.compile(r"^over quantity: this task needs (?P<remaining>\d+) more, not (?P<qty>\d+)$"),
        QT_TRANSLATE_NOOP("Error", "over quantity: this task needs {remaining} more, not {qty}"),
    ),
    (
        re.compile(r"^wave (?P<code>\S+) is already picked$"),
        QT_TRANSLATE_NOOP("Error", "wave {code} is already picked"),
    ),
    (
        re.compile(r"^wave (?P<code>\S+) is already done$"),
        QT_TRANSLATE_NOOP("Error", "wave {code} is already done"),
    ),
    (
        re.compile(r"^no wave (?P<ref>.+); see `packdesk wave list`$"),
        QT_TRANSLATE_NOOP("Error", "no wave {ref}; see `packdesk wave list`"),
    ),
    (
        re.compile(r"^this task is already (?P<status>\w+); go to the next one$"),
        QT_TRANSLATE_NOOP("Error", "this task is already {status}; go to the next one"),
    ),
    (
        re.compile(r"^the quantity must be at least 1$"),
        QT_TRANSLATE_NOOP("Error", "the quantity must be at least 1"),
    ),
    (
        re.compile(
            r"^tracking number (?P<number>\S+) is already bound to order (?P<order>\S+), "
            r"parcel (?P<n>\d+)$"
        ),
        QT_TRANSLATE_NOOP(
            "Error", "tracking number {number} is already bound to order {order}, parcel {n}"
        ),
    ),
    (
        re.compile(
            r"^parcel (?P<n>\d+) of order (?P<order>\S+) already has tracking number "
            r"(?P<number>\S+); changing it is a supervisor's rebind, with a reason$"
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "parcel {n} of order {order} already has tracking number {number}; changing it is "
            "a supervisor's rebind, with a reason",
        ),
    ),
    (
        re.compile(
            r"^order (?P<order>\S+) is (?P<status>\w+): a tracking number is bound from review "
            r"until the order ships$"
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "order {order} is {status}: a tracking number is bound from review until the order "
            "ships",
        ),
    ),
    (
        re.compile(r"^order (?P<order>\S+) has no carrier; say which one \(e\.g\. --carrier SF\)$"),
        QT_TRANSLATE_NOOP("Error", "order {order} has no carrier; choose the carrier first"),
    ),
    (
        re.compile(r"^the (?P<code>\S+) number pool is empty: .*$"),
        QT_TRANSLATE_NOOP(
            "Error",
            "the {code} number pool is empty: import the carrier's file of waybill numbers or "
            "bind a pre-printed label",
        ),
    ),
    (
        re.compile(
            r"^(?P<number>\S+) is not a valid (?P<carrier>.+?) tracking number: (?P<why>.+)$"
        ),
        QT_TRANSLATE_NOOP("Error", "{number} is not a valid {carrier} tracking number: {why}"),
    ),
    (
        re.compile(r"^say why the units are missing \(e\.g\. empty location, damaged\)$"),
        QT_TRANSLATE_NOOP("Error", "say why the units are missing (e.g. empty location, damaged)"),
    ),
]


def pattern_text(
    context: str, text: str, patterns: list[tuple[re.Pattern[str], str]]
) -> str | None:
    """*text* matched against (regex, English template) pairs and said in the UI's language;
    None when no pattern knows it."""
    for pattern, template in patterns:
        match = pattern.match(text)
        if match is None:
            continue
        fields = match.groupdict()
        if fields.get("part") in _ADDRESS_PARTS:  # "address incomplete: {part} missing"
            fields["part"] = translate("Reason", _ADDRESS_PARTS[fields["part"]])
        try:
            return translate(context, template).format(**fields)
        except (KeyError, IndexError, ValueError):
            log.warning("translation of %r has wrong placeholders", template)
            return text
    return None


def error_text(exc: BaseException) -> str:
    """A service error as a sentence in the UI's language (its own message when not known)."""
    from app.domain.errors import IllegalTransition, PermissionDenied

    if isinstance(exc, PermissionDenied):
        action = _ACTION_WORDS.get(exc.action)
        return QCoreApplication.translate(
            "Error", "{user} ({role}) is not allowed to {action}; ask a supervisor or an admin"
        ).format(
            user=exc.user,
            role=role_text(exc.role),
            action=translate("Permission", action) if action else exc.action,
        )
    if isinstance(exc, IllegalTransition):
        return QCoreApplication.translate(
            "Error", "order {order}: cannot go from '{current}' to '{target}'"
        ).format(
            order=exc.order_no,
            current=status_text(exc.current),
            target=status_text(exc.target),
        )
    message = str(exc)
    known = _MESSAGES.get(message)
    if known:
        return translate("Error", known)
    return pattern_text("Error", message, MESSAGE_PATTERNS) or message


def failure_text(exc: BaseException) -> str:
    """Any failure in words: a refused action as its sentence, anything else with the log."""
    from app.config import paths
    from app.domain.errors import DomainError

    if isinstance(exc, DomainError):
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
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))


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
    if command == "check":
        missing = unfinished(TS_FILE)
        for text in missing:
            print(f"untranslated: {text}")
        return 1 if missing else 0
    print("usage: python -m ui.i18n [update|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
