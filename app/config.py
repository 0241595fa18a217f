"""Where things live and the station's settings.

Paths come from platformdirs (e.g. ~/.local/share/packdesk on Linux); `PACKDESK_HOME` puts
everything under one folder instead (tests and portable installs use it).
"""

from __future__ import annotations

import json
import logging
import os
import re
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


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass
class Settings:
    """Per-station settings, saved as JSON next to the user's other config."""

    language: str = "system"  # "system", "en" or "zh_CN"
    review_times: list[str] = field(default_factory=lambda: ["09:00", "14:00", "18:00"])
    auto_review: bool = True

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
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        settings.review_times = [t for t in settings.review_times if _TIME.match(str(t))]
        if settings.language not in ("system", "en", "zh_CN"):
            settings.language = "system"
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or paths().settings_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


def valid_review_time(text: str) -> bool:
    return bool(_TIME.match(text))
