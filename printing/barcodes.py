"""Code 128 symbols drawn as vector bars on a reportlab canvas.

python-barcode computes the symbol (start code, code sets, check character, stop code); we draw
each bar as one filled rectangle. The module (narrowest bar) is snapped to a whole number of
printer dots so that every bar prints with the same width, and the quiet zones (10 modules at
least) are part of the width we report, so callers never put anything inside them.

Units: the canvas works in points (1/72 inch); the ``*_mm`` arguments are millimetres.
"""

from __future__ import annotations

from typing import Any

import barcode
from reportlab.lib.units import mm

QUIET_ZONE_MODULES = 10
MIN_MODULE_MM = 0.25
MIN_BAR_HEIGHT_MM = 8.0
# 203 dpi is the common thermal label printer; 300 dpi divides office lasers (300/600/1200).
THERMAL_DPI = 203
LASER_DPI = 300
HUMAN_READABLE_FONT = "Helvetica"


def validate_payload(payload: str) -> None:
    """Raise ValueError unless ``payload`` is non-empty printable ASCII (space to ``~``)."""
    if not payload:
        raise ValueError("A barcode needs a payload; got an empty string.")
    bad = sorted({ch for ch in payload if not " " <= ch <= "~"})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        raise ValueError(
            f"Barcode payload {payload!r} contains characters a Code 128 barcode cannot carry "
            f"({shown}); use printable ASCII only (letters, digits, punctuation, space)."
        )


def code128_modules(payload: str) -> str:
    """The module pattern of the Code 128 symbol, '1' = bar, '0' = space, no quiet zones."""
    validate_payload(payload)
    symbol = barcode.get_barcode_class("code128")(payload, writer=None)
    pattern: str = "".join(symbol.build())
    return pattern


def snap_module_mm(module_mm: float, dpi: int = THERMAL_DPI) -> float:
    """``module_mm`` rounded to a whole number of dots at ``dpi`` (never below 0.25 mm)."""
    dot_mm = 25.4 / dpi
    dots = max(round(max(module_mm, MIN_MODULE_MM) / dot_mm), 1)
    while dots * dot_mm < MIN_MODULE_MM - 1e-9:
        dots += 1
    return dots * dot_mm


def human_readable_size(height_mm: float) -> float:
    """Font size (points) of the text under a bar of ``height_mm``."""
    return min(max(height_mm * 0.8, 7.5), 10.0)


def code128_width(payload: str, module_mm: float = 0.25, dpi: int = THERMAL_DPI) -> float:
    """Width in points of the symbol including both quiet zones."""
    modules = len(code128_modules(payload)) + 2 * QUIET_ZONE_MODULES
    return float(modules * snap_module_mm(module_mm, dpi) * mm)


def code128_height(height_mm: float = 10, human_readable: bool = True) -> float:
    """Height in points of the bars plus the human-readable line, if any."""
    height = max(height_mm, MIN_BAR_HEIGHT_MM) * mm
    if human_readable:
        height += human_readable_size(height_mm) * 1.25
    return float(height)


def draw_code128(
    canvas: Any,
    x: float,
    y: float,
    payload: str,
    module_mm: float = 0.25,
    height_mm: float = 10,
    human_readable: bool = True,
    *,
    dpi: int = THERMAL_DPI,
) -> float:
    """Draw a Code 128 symbol with its bottom-left corner (left quiet zone included) at (x, y).

    The human-readable payload, if asked for, sits under the bars, and the bars above it.
    Returns the width used in points, quiet zones included (see :func:`code128_width`).
    Raises ValueError for a payload that is not printable ASCII.
    """
    pattern = code128_modules(payload)
    module = snap_module_mm(module_mm, dpi) * mm
    bar_height = max(height_mm, MIN_BAR_HEIGHT_MM) * mm
    width = (len(pattern) + 2 * QUIET_ZONE_MODULES) * module
    font_size = human_readable_size(height_mm)
    bars_y = y + (font_size * 1.25 if human_readable else 0.0)

    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, bars_y, width, bar_height, stroke=0, fill=1)  # quiet zones stay white
    canvas.setFillColorRGB(0, 0, 0)
    start = x + QUIET_ZONE_MODULES * module
    i = 0
    while i < len(pattern):
        if pattern[i] == "1":
            j = i
            while j < len(pattern) and pattern[j] == "1":
                j += 1
            canvas.rect(start + i * module, bars_y, (j - i) * module, bar_height, stroke=0, fill=1)
            i = j
        else:
            i += 1
    if human_readable:
        canvas.setFont(HUMAN_READABLE_FONT, font_size)
        canvas.drawCentredString(x + width / 2, y + font_size * 0.3, payload)
    canvas.restoreState()
    return float(width)
