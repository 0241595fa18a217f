"""The printer's test label ("print test label" in Settings → Devices and `packdesk devices
test-label`): what, where, when, a barcode and the label's edges, so a person sees at once that
the printer, its language, its dots per inch and the label size are set up right."""

from __future__ import annotations

from printing.label import Barcode128, Box, Label, Text


def selftest_label(
    when: str, where: str, language: str, size_mm: tuple[int, int], dpi: int
) -> Label:
    """The test label for a printer at *where* speaking *language*, printed at *when*, laid out
    for *size_mm* (width, height) at *dpi*."""
    width, height = size_mm
    label = Label(width_mm=width, height_mm=height, dpi=dpi)
    code = "TEST-" + "".join(ch for ch in when if ch.isdigit())[:12]
    k = min(width / 100, height / 150, 1.5)  # the layout is drawn for 100 x 150 mm
    label.items += [
        Box(1, 1, width - 2, height - 2, 0.5),
        Text(5, 5 * k, "Packdesk test label", 8 * k),
        Text(5, 16 * k, "测试标签 打印正常", 8 * k),
        Text(5, 30 * k, f"{language.upper()} · {where}", 4.5 * k),
        Text(5, 37 * k, when, 4.5 * k),
        Barcode128(5, 48 * k, code, 25 * k, module_dots=3 if width >= 80 else 2),
        Text(5, 76 * k, code, 4.5 * k),
        # Corner marks: a label that is cut off, or offset on the roll, shows it at once.
        Box(1, height - 11, 10, 10, 1.0),
        Box(width - 11, height - 11, 10, 10, 1.0),
    ]
    return label
