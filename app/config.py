"""Where things live and the station's settings.

Paths come from platformdirs (e.g. ~/.local/share/packdesk on Linux); `PACKDESK_HOME` puts
everything under one folder instead (tests and portable installs use it).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "packdesk"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def station_db(self) -> Path:
        return self.data_dir / "packdesk.sqlite"

    @property
    def demo_db(self) -> Path:
        return self.data_dir / "demo.sqlite"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "packdesk.log"


def paths() -> Paths:
    home = os.environ.get("PACKDESK_HOME")
    if home:
        root = Path(home)
        return Paths(root / "data", root / "config", root / "data" / "logs")
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(
        data_dir=data,
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=data / "logs",
    )


#: How long a SQLite writer waits for another one before giving up (seconds).
BUSY_TIMEOUT_S = 30.0
BUSY_TIMEOUT_ENV = "PACKDESK_BUSY_TIMEOUT"


def busy_timeout_s(environ: Mapping[str, str] | None = None) -> float:
    """How long to wait for a SQLite database another program has locked: $PACKDESK_BUSY_TIMEOUT
    (seconds, e.g. 0.5), else 30 s."""
    raw = (os.environ if environ is None else environ).get(BUSY_TIMEOUT_ENV, "").strip()
    if not raw:
        return BUSY_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        log.warning(
            "%s=%r is not a number of seconds (0-3600); waiting %g s",
            BUSY_TIMEOUT_ENV,
            raw,
            BUSY_TIMEOUT_S,
        )
        return BUSY_TIMEOUT_S
    return value


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# --- devices ----------------------------------------------------------------------------------

#: "auto" = the simulator in the demo, no device on a real station until one is chosen.
PRINTER_KINDS = ("auto", "none", "simulated", "tcp", "serial", "usb", "cups")
SCALE_KINDS = ("auto", "none", "simulated", "serial")
SERIAL_SCANNER_KINDS = ("auto", "none", "simulated", "serial")
DOCUMENT_PRINTER_KINDS = ("none", "cups")
PRINTER_LANGUAGES = ("zpl", "tspl")
SCALE_PROTOCOLS = ("mt-sics", "continuous", "cas")
WHEN_NO_SCALE = ("block", "warn")


@dataclass
class LabelPrinterSettings:
    """The station's label printer: command language + transport.

    ``address``: ``host`` or ``host:port`` (tcp, default port 9100), a serial port or pyserial
    URL (serial), a device file such as ``/dev/usb/lp0`` (usb), a CUPS queue name (cups).
    """

    kind: str = "auto"
    language: str = "zpl"
    address: str = ""
    baudrate: int = 9600
    dpi: int = 203
    label_width_mm: int = 100
    label_height_mm: int = 150


@dataclass
class DocumentPrinterSettings:
    """Where PDFs (A4/A5 packing slips, 100x150 mm waybills) go: a CUPS queue."""

    kind: str = "none"
    queue: str = ""


@dataclass
class ScaleSettings:
    kind: str = "auto"
    protocol: str = "mt-sics"
    address: str = ""  # serial port, e.g. /dev/ttyUSB0 or COM3
    baudrate: int = 9600
    when_missing: str = "block"  # the pack station without a scale: block, or warn and record


@dataclass
class ScannerSettings:
    """Keyboard-wedge timing (every station) and an optional serial (USB-CDC) scanner."""

    max_gap_ms: int = 30
    min_length: int = 4
    prefix: str = ""
    suffix: str = ""
    dedupe_ms: int = 300
    serial_kind: str = "auto"
    serial_address: str = ""  # e.g. /dev/ttyACM0
    serial_baudrate: int = 9600
    #: What a scanned code is, by regex, replacing the built-in pattern of that kind (wave,
    #: pick_task, location, badge, tote, order, tracking), e.g. {"order": "^\\d{10,20}$"}.
    patterns: dict[str, str] = field(default_factory=dict)


@dataclass
class DeviceSettings:
    label_printer: LabelPrinterSettings = field(default_factory=LabelPrinterSettings)
    document_printer: DocumentPrinterSettings = field(default_factory=DocumentPrinterSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)

    @classmethod
    def from_json(cls, raw: object) -> DeviceSettings:
        """Settings from a saved dict; unknown keys, wrong types and unknown choices fall back to
        the defaults (a hand-edited file never stops the station from starting)."""
        data = raw if isinstance(raw, dict) else {}
        parts: dict[str, tuple[type, dict[str, tuple[str, ...]]]] = {
            "label_printer": (
                LabelPrinterSettings,
                {"kind": PRINTER_KINDS, "language": PRINTER_LANGUAGES},
            ),
            "document_printer": (DocumentPrinterSettings, {"kind": DOCUMENT_PRINTER_KINDS}),
            "scale": (
                ScaleSettings,
                {"kind": SCALE_KINDS, "protocol": SCALE_PROTOCOLS, "when_missing": WHEN_NO_SCALE},
            ),
            "scanner": (ScannerSettings, {"serial_kind": SERIAL_SCANNER_KINDS}),
        }
        built: dict[str, object] = {}
        for name, (kind, choices) in parts.items():
            built[name] = _dataclass_from(kind, data.get(name), choices)
        return cls(**built)  # type: ignore[arg-type]


def _dataclass_from(cls: type, raw: object, choices: dict[str, tuple[str, ...]]) -> object:
    default = cls()
    if not isinstance(raw, dict):
        return default
    values: dict[str, object] = {}
    for f in fields(cls):
        if f.name not in raw:
            continue
        value, fallback = raw[f.name], getattr(default, f.name)
        if isinstance(fallback, int) and not isinstance(fallback, bool):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, type(fallback))
        if ok and f.name in choices:
            ok = value in choices[f.name]
        if ok:
            values[f.name] = value
        else:
            log.warning(
                "setting %s.%s = %r is not valid; using %r", cls.__name__, f.name, value, fallback
            )
    return cls(**values)


# --- packaging --------------------------------------------------------------------------------

#: The station's boxes and bags: scanning a code (printed on the shelf or the box) at the pack
#: station chooses it for the open parcel; its tare counts in the expected weight.
DEFAULT_PACKAGING: tuple[dict[str, object], ...] = (
    {"code": "BOX-S", "name": "小号纸箱", "tare_g": 60, "size": "20×15×10 cm"},
    {"code": "BOX-M", "name": "中号纸箱", "tare_g": 120, "size": "30×20×15 cm"},
    {"code": "BAG-1", "name": "快递袋", "tare_g": 15, "size": "25×35 cm"},
)


def default_packaging() -> list[dict[str, object]]:
    return [dict(p) for p in DEFAULT_PACKAGING]


def packaging_from(raw: object) -> list[dict[str, object]]:
    """Packaging types from a saved list: an entry needs a code, a name and a whole, non-negative
    tare_g (size is optional text); a bad entry or a repeated code is left out with a warning.
    Not a list: the defaults."""
    if not isinstance(raw, list):
        if raw is not None:
            log.warning("setting packaging = %r is not a list; using the defaults", raw)
        return default_packaging()
    kept: list[dict[str, object]] = []
    seen: set[str] = set()
    for entry in raw:
        item = entry if isinstance(entry, dict) else {}
        code, name = item.get("code"), item.get("name")
        tare, size = item.get("tare_g", 0), item.get("size", "")
        ok = (
            isinstance(code, str)
            and bool(code.strip())
            and isinstance(name, str)
            and bool(name.strip())
            and isinstance(tare, int)
            and not isinstance(tare, bool)
            and tare >= 0
            and isinstance(size, str)
        )
        if not ok or str(code).strip().upper() in seen:
            log.warning("packaging entry %r is not valid or repeats a code; left out", entry)
            continue
        assert isinstance(code, str) and isinstance(name, str)
        seen.add(code.strip().upper())
        kept.append({"code": code.strip(), "name": name.strip(), "tare_g": tare, "size": size})
    return kept


@dataclass
class Settings:
    """Per-station settings, saved as JSON next to the user's other config."""

    language: str = "system"  # "system", "en" or "zh_CN"
    review_times: list[str] = field(default_factory=lambda: ["09:00", "14:00", "18:00"])
    auto_review: bool = True
    devices: DeviceSettings = field(default_factory=DeviceSettings)
    #: box and bag types: [{"code", "name", "tare_g", "size"}] (see DEFAULT_PACKAGING)
    packaging: list[dict[str, object]] = field(default_factory=default_packaging)
    #: the code of the box or bag a parcel goes into when none is scanned before weighing
    #: ("" = the packer scans one: weighing asks for it)
    default_packaging: str = ""
    #: delivered orders nobody confirmed are completed this many days after delivery (the
    #: follow-up screen on refresh; `packdesk orders complete` without --delivered-before)
    complete_after_days: int = 7
    #: the pack station asks for the damage check (检查外观无破损污渍) on every order, not
    #: only on orders with a fragile item
    always_check_damage: bool = False
    #: True at a warehouse without a handover step: the order ships when the packer scans its
    #: waybill.  False (the default): it is packed then, and ships when the courier's batch
    #: is closed (the handover screen, `packdesk handover`).
    ship_at_pack: bool = False
    #: packed parcels not handed over after this many hours are overdue (`handover pending`)
    handover_overdue_hours: float = 24.0
    #: on a station (app.sync): seconds between two sync rounds while the app runs
    sync_interval_s: int = 5

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or paths().settings_file
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        if not isinstance(raw, dict):
            log.warning("settings file %s is not a JSON object; using defaults", path)
            return cls()
        own = {k: v for k, v in raw.items() if k in known and k not in ("devices", "packaging")}
        settings = cls(**own)
        settings.devices = DeviceSettings.from_json(raw.get("devices"))
        settings.packaging = packaging_from(raw.get("packaging"))
        settings.review_times = [t for t in settings.review_times if _TIME.match(str(t))]
        if not isinstance(settings.always_check_damage, bool):
            log.warning(
                "always_check_damage %r is not true/false; false is used",
                settings.always_check_damage,
            )
            settings.always_check_damage = False
        days = settings.complete_after_days
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365:
            log.warning("complete_after_days %r is not 0-365 days; 7 is used", days)
            settings.complete_after_days = 7
        if not isinstance(settings.ship_at_pack, bool):
            log.warning("ship_at_pack %r is not true or false; handover on", settings.ship_at_pack)
            settings.ship_at_pack = False
        hours = settings.handover_overdue_hours
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 720:
            log.warning("handover_overdue_hours %r is not 0-720 hours; using 24", hours)
            settings.handover_overdue_hours = 24.0
        interval = settings.sync_interval_s
        if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 3600:
            log.warning("sync_interval_s %r is not 1-3600 seconds; using 5", interval)
            settings.sync_interval_s = 5
        if settings.language not in ("system", "en", "zh_CN"):
            settings.language = "system"
        codes = {str(p.get("code", "")).upper() for p in settings.packaging}
        if not isinstance(settings.default_packaging, str) or (
            settings.default_packaging and settings.default_packaging.upper() not in codes
        ):
            log.warning(
                "default_packaging %r is not one of the packaging codes; none is used",
                settings.default_packaging,
            )
            settings.default_packaging = ""
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or paths().settings_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


def valid_review_time(text: str) -> bool:
    return bool(_TIME.match(text))
