"""Chinese-capable fonts for the PDF renderers.

reportlab embeds (and subsets) TrueType fonts only; CFF-based OpenType (most ``.otf`` files and
the Noto Sans CJK collections shipped by ``fonts-noto-cjk``) cannot be used. So the search below
checks the outline format of each candidate, not only its name.

Order of preference: the configured path, then the ``PACKDESK_CJK_FONT`` environment variable,
then the usual system locations (Debian/Ubuntu ``fonts-wqy-zenhei`` first). When nothing usable
is found we log a warning and fall back to reportlab's built-in CID font ``STSong-Light``, which
is not embedded: the PDF then relies on the viewer/printer having a Chinese font.

The Chinese font has no Hebrew, Arabic or emoji. :func:`find_fallback_fonts` finds the fonts
that draw what it lacks, in the order :mod:`printing.glyphs` tries them: the files named in
``PACKDESK_FALLBACK_FONTS``, then Noto Sans Hebrew, Noto Sans Arabic and Noto Sans (Debian's
``fonts-noto-core``), DejaVu Sans (``fonts-dejavu-core``: arrows, shapes, the □ mark), Noto Sans
Symbols and Symbols 2, and Symbola (``fonts-symbola``: emoji as outlines; colour emoji fonts are
bitmaps reportlab cannot embed). A missing one is skipped: its characters fall to the next.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CJK_FONT_ENV = "PACKDESK_CJK_FONT"
FALLBACK_FONTS_ENV = "PACKDESK_FALLBACK_FONTS"
FALLBACK_CID_FONT = "STSong-Light"
FONT_NAME_PREFIX = "PackdeskCJK"
FALLBACK_NAME_PREFIX = "PackdeskFB"

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
# reportlab font name → its TrueType file (for Pillow, which draws the label bitmaps)
_files: dict[str, Path] = {}
# reportlab font name of a regular face → the name of its bold face
_bold: dict[str, str] = {"Helvetica": "Helvetica-Bold"}


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


def _register_file(name: str, path: Path, what: str) -> bool:
    """Register the TrueType ``path`` with reportlab as ``name`` (once); False when it cannot
    be read (logged)."""
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            sub = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
            pdfmetrics.registerFont(TTFont(name, str(path), **sub))
        except (TTFError, OSError) as exc:
            log.warning("Cannot load the %s font %s (%s).", what, path, exc)
            return False
    _files[name] = path
    return True


def font_file(name: str) -> Path | None:
    """The TrueType file registered as ``name`` (None for reportlab's built-in fonts)."""
    return _files.get(name)


def bold_face(name: str) -> str | None:
    """The registered bold face of the font ``name``; None when it has none (drawn stroked)."""
    return _bold.get(name)


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
        if _register_file(name, path, "CJK"):
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


# ---- fallback fonts: what the Chinese font lacks --------------------------------------------


@dataclass(frozen=True)
class FallbackFont:
    """A font file (the first of ``files`` found) and its bold face, if it has one."""

    key: str
    files: tuple[str, ...]
    bold_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class FontFile:
    """A TrueType file found on this machine, and the file of its bold face."""

    key: str
    path: Path
    bold: Path | None = None


#: Tried in this order for a character the text's own font lacks. File names, best first.
FALLBACK_FONTS: tuple[FallbackFont, ...] = (
    FallbackFont("hebrew", ("NotoSansHebrew-Regular.ttf",), ("NotoSansHebrew-Bold.ttf",)),
    FallbackFont(
        "arabic",
        ("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
        ("NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf"),
    ),
    # Latin, Greek, Cyrillic, Vietnamese
    FallbackFont("sans", ("NotoSans-Regular.ttf",), ("NotoSans-Bold.ttf",)),
    FallbackFont("dejavu", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
    FallbackFont("symbols", ("NotoSansSymbols-Regular.ttf",), ("NotoSansSymbols-Bold.ttf",)),
    FallbackFont("symbols2", ("NotoSansSymbols2-Regular.ttf",)),
    FallbackFont("emoji", ("Symbola_hint.ttf", "Symbola.ttf")),
    # Windows and macOS: Arial has Hebrew and Arabic, Segoe UI Symbol the emoji as outlines.
    FallbackFont("arial", ("arial.ttf", "Arial.ttf"), ("arialbd.ttf", "Arial Bold.ttf")),
    FallbackFont("segoe-symbol", ("seguisym.ttf",)),
    FallbackFont("arial-unicode", ("Arial Unicode.ttf",)),
)

# Where the files usually are (Debian, Fedora, macOS); then a search by name under _SEARCH_DIRS.
_FALLBACK_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/ancient-scripts",
    "/usr/share/fonts/google-noto",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/System/Library/Fonts/Supplemental",
    "/Library/Fonts",
)


@functools.lru_cache(maxsize=1)
def _fonts_by_name() -> dict[str, Path]:
    """Every .ttf/.ttc under the usual font folders, by file name (the first one found)."""
    found: dict[str, Path] = {}
    for folder in _SEARCH_DIRS:
        base = Path(folder).expanduser()
        if base.is_dir():
            for path in sorted(base.rglob("*.tt[fc]")):
                found.setdefault(path.name, path)
    return found


def _font_file(names: tuple[str, ...]) -> Path | None:
    folders = [Path(d) for d in _FALLBACK_DIRS]
    windir = os.environ.get("WINDIR")
    if windir:
        folders.append(Path(windir) / "Fonts")
    for name in names:
        for folder in folders:
            path = folder / name
            if path.is_file() and is_truetype_font(path):
                return path
        path_found = _fonts_by_name().get(name)
        if path_found is not None and is_truetype_font(path_found):
            return path_found
    return None


def find_fallback_fonts() -> tuple[FontFile, ...]:
    """The fallback fonts this machine has, in the order they are tried (see the module)."""
    out: list[FontFile] = []
    for n, extra in enumerate(os.environ.get(FALLBACK_FONTS_ENV, "").split(os.pathsep)):
        path = Path(extra.strip()) if extra.strip() else None
        if path is None:
            continue
        if path.is_file() and is_truetype_font(path):
            out.append(FontFile(f"extra{n}", path))
        else:
            log.warning(
                "The %s font %s is missing or not a TrueType font; it is left out.",
                FALLBACK_FONTS_ENV,
                path,
            )
    for font in FALLBACK_FONTS:
        path = _font_file(font.files)
        if path is not None:
            out.append(FontFile(font.key, path, _font_file(font.bold_files)))
    return tuple(out)


def _fallback_name(path: Path) -> str:
    return f"{FALLBACK_NAME_PREFIX}-{re.sub(r'[^A-Za-z0-9]', '', path.stem) or 'font'}"


@functools.lru_cache(maxsize=1)
def register_fallback_fonts() -> tuple[str, ...]:
    """Register the fallback fonts (and their bold faces) with reportlab, once; their names in
    the order they are tried. Fonts reportlab cannot read are left out (logged)."""
    names: list[str] = []
    with _lock:
        for font in find_fallback_fonts():
            name = _fallback_name(font.path)
            if not _register_file(name, font.path, "fallback"):
                continue
            names.append(name)
            if font.bold is not None:
                bold = _fallback_name(font.bold)
                if _register_file(bold, font.bold, "fallback"):
                    _bold[name] = bold
    if not names:
        log.warning(
            "No fallback fonts: Hebrew, Arabic and emoji print as \u25a1. Install them "
            "(Debian/Ubuntu: apt install fonts-noto-core fonts-dejavu-core fonts-symbola) or "
            "set %s to .ttf files.",
            FALLBACK_FONTS_ENV,
        )
    return tuple(names)
