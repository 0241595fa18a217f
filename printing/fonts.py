"""Chinese-capable fonts for the PDF renderers.

reportlab embeds (and subsets) TrueType fonts only; CFF-based OpenType (most ``.otf`` files and
the Noto Sans CJK collections shipped by ``fonts-noto-cjk``) cannot be used. So the search below
checks the outline format of each candidate, not only its name.

Order of preference: the configured path, then the ``PACKDESK_CJK_FONT`` environment variable,
then the usual system locations (Debian/Ubuntu ``fonts-wqy-zenhei`` first). When nothing usable
is found we log a warning and fall back to reportlab's built-in CID font ``STSong-Light``, which
is not embedded: the PDF then relies on the viewer/printer having a Chinese font.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CJK_FONT_ENV = "PACKDESK_CJK_FONT"
FALLBACK_CID_FONT = "STSong-Light"
FONT_NAME_PREFIX = "PackdeskCJK"

# Well-known TrueType CJK fonts, best first. Only TrueType-outline files are ever used.
_SYSTEM_CANDIDATES: tuple[str, ...] = (
    # Debian / Ubuntu / Fedora
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallback.ttf",
    # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
# Windows fonts, relative to %WINDIR%\Fonts: Microsoft YaHei, SimHei, SimSun.
_WINDOWS_CANDIDATES: tuple[str, ...] = ("msyh.ttc", "simhei.ttf", "simsun.ttc")
# A last, wider look under the usual font folders, by file name.
_SEARCH_DIRS: tuple[str, ...] = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
)
_SEARCH_PATTERNS: tuple[str, ...] = (
    "wqy-*.ttc",
    "NotoSansSC-*.ttf",
    "NotoSansCJK*.tt[fc]",
    "DroidSansFallback*.ttf",
)

_lock = threading.Lock()
_registered: dict[Path | None, str] = {}


def is_truetype_font(path: Path) -> bool:
    """True when ``path`` is a TrueType-outline font (``glyf`` table) reportlab can embed."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":  # collection: look at the first font in it
                fh.seek(12)
                (offset,) = struct.unpack(">I", fh.read(4))
                fh.seek(offset)
                head = fh.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False  # "OTTO" = CFF outlines, or not a font at all
            (num_tables,) = struct.unpack(">H", head[4:6])
            directory = fh.read(16 * num_tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i : i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags


def _candidates() -> list[Path]:
    found = [Path(p) for p in _SYSTEM_CANDIDATES]
    windir = os.environ.get("WINDIR")
    if windir:
        found += [Path(windir) / "Fonts" / name for name in _WINDOWS_CANDIDATES]
    for folder in _SEARCH_DIRS:
        base = Path(folder).expanduser()
        if base.is_dir():
            for pattern in _SEARCH_PATTERNS:
                found += sorted(base.rglob(pattern))
    return found


def find_cjk_font(configured: Path | None = None) -> Path | None:
    """Path of a usable TrueType CJK font, or None when the machine has none."""
    explicit: list[tuple[str, Path]] = []
    if configured is not None:
        explicit.append(("configured", Path(configured)))
    env = os.environ.get(CJK_FONT_ENV)
    if env:
        explicit.append((CJK_FONT_ENV, Path(env)))
    for source, path in explicit:
        if path.is_file() and is_truetype_font(path):
            return path
        log.warning(
            "The %s CJK font %s is missing or not a TrueType font (reportlab cannot use "
            "CFF-based .otf fonts); looking for a system font instead.",
            source,
            path,
        )
    for path in _candidates():
        if path.is_file() and is_truetype_font(path):
            return path
    return None


def _font_name_for(path: Path) -> str:
    return f"{FONT_NAME_PREFIX}-{re.sub(r'[^A-Za-z0-9]', '', path.stem) or 'font'}"


def register_cjk_font(configured: Path | None = None) -> str:
    """Register a Chinese-capable font with reportlab (once) and return its font name.

    The TrueType font found by :func:`find_cjk_font` is registered under a stable name
    (``PackdeskCJK-<file stem>``) and is embedded as a subset in every PDF that uses it. When no
    TrueType CJK font exists, reportlab's non-embedded CID font ``STSong-Light`` is returned.
    """
    key = Path(configured) if configured is not None else None
    with _lock:
        cached = _registered.get(key)
        if cached is not None:
            return cached
        name = _register_uncached(key)
        _registered[key] = name
        return name


def _register_uncached(configured: Path | None) -> str:
    path = find_cjk_font(configured)
    if path is not None:
        name = _font_name_for(path)
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        try:
            sub = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
            pdfmetrics.registerFont(TTFont(name, str(path), **sub))
        except (TTFError, OSError) as exc:
            log.warning("Cannot load the CJK font %s (%s).", path, exc)
        else:
            return name
    log.warning(
        "No TrueType Chinese font found: PDFs will use the non-embedded %s font and may print "
        "without Chinese characters. Install one (Debian/Ubuntu: apt install fonts-wqy-zenhei) "
        "or set %s to a .ttf/.ttc file.",
        FALLBACK_CID_FONT,
        CJK_FONT_ENV,
    )
    if FALLBACK_CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    return FALLBACK_CID_FONT
