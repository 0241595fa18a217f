"""Looks: large type readable from an arm's length, high contrast, a visible focus frame.

Colours are never the only signal: every message also carries words (and a symbol).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel

BASE_POINT_SIZE = 14
HEADING_POINT_SIZE = 22

INK = "#111111"
PAPER = "#ffffff"
PANEL = "#eef1f5"
ACCENT = "#0b4f9c"  # dark blue: white text on it passes WCAG AAA
ERROR = "#b00020"
ERROR_BG = "#fde7ea"
OK = "#0a6b2d"
OK_BG = "#e3f4e8"
INFO_BG = "#e8eef8"

# Preferred families first; Qt falls back per glyph, so Chinese renders with the CJK font.
FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "WenQuanYi Zen Hei", "Noto Sans CJK SC"]

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {PAPER}; }}
QLabel#heading {{ font-size: {HEADING_POINT_SIZE}pt; font-weight: bold; padding: 4px 0; }}
QLabel#subheading {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: bold; }}
QLabel#hint {{ color: #333333; }}
QLineEdit#badge {{ font-size: {BASE_POINT_SIZE + 4}pt; padding: 8px 10px; }}
QLabel#reasons {{ font-size: {BASE_POINT_SIZE + 2}pt; padding: 4px 0; }}
QListWidget#nav {{
    background: {PANEL}; border: none; border-right: 2px solid #c5ccd6;
    font-size: {BASE_POINT_SIZE + 2}pt; outline: none;
}}
/* 7 px: the fifteen screens of a station fit a 768-pixel-high screen unscrolled */
QListWidget#nav::item {{ padding: 7px 14px; border-left: 6px solid transparent; }}
QListWidget#nav::item:selected {{
    background: {ACCENT}; color: white; border-left: 6px solid #ffb000;
}}
QPushButton {{
    background: {PANEL}; border: 2px solid #5b6573; border-radius: 6px;
    padding: 8px 16px; min-height: 28px;
}}
QPushButton:default {{ border-color: {ACCENT}; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QTableView:focus, QListWidget:focus,
QCheckBox:focus, QTableWidget:focus {{
    border: 3px solid #ffb000;
}}
QPushButton:disabled {{ color: #6b6b6b; border-color: #a0a7b0; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primary:focus {{ border: 3px solid #ffb000; }}
QLineEdit, QComboBox {{
    border: 2px solid #5b6573; border-radius: 4px; padding: 6px 8px; background: {PAPER};
}}
QTableView {{
    gridline-color: #c5ccd6; selection-background-color: {ACCENT};
    selection-color: white; alternate-background-color: #f4f6f9; border: 1px solid #c5ccd6;
}}
QHeaderView::section {{
    background: #dde3ea; padding: 6px; border: none; border-right: 1px solid #c5ccd6;
    font-weight: bold;
}}
QProgressBar {{
    border: 2px solid #5b6573; border-radius: 4px; text-align: center; min-height: 26px;
}}
QProgressBar::chunk {{ background: {ACCENT}; }}
QLabel#message[kind="error"] {{
    color: {ERROR}; background: {ERROR_BG}; border: 2px solid {ERROR}; padding: 8px;
    font-weight: bold;
}}
QLabel#message[kind="ok"] {{
    color: {OK}; background: {OK_BG}; border: 2px solid {OK}; padding: 8px;
}}
QLabel#message[kind="info"] {{
    color: {INK}; background: {INFO_BG}; border: 2px solid {ACCENT}; padding: 8px;
}}
QStatusBar {{ background: {PANEL}; border-top: 2px solid #c5ccd6; }}
QStatusBar QLabel {{ padding: 2px 8px; }}
"""


def base_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    return font


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setFont(base_font())
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Base, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f4f6f9"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe0"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


class MessageLabel(QLabel):
    """An inline message (never a pop-up): words plus a symbol, coloured by kind."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("kind", "info")
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str) -> None:
        """kind: 'error', 'ok' or 'info'."""
        symbol = {"error": "✖ ", "ok": "✔ ", "info": "ℹ "}.get(kind, "")
        self.kind = kind
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(symbol + text[:1].upper() + text[1:])
        self.show()

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()

    def message(self) -> str:
        """The text without the symbol (tests and logs)."""
        text = self.text()
        return text[2:] if self.kind else text
