"""Screens that later releases fill: each says what will be there and when."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.theme import heading

# Screen key → release that brings it (keep in step with the project's plan).
RELEASES = {"pick": "0.2", "waves": "0.2", "counts": "0.5"}


class PlaceholderScreen(QWidget):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if key not in RELEASES:
            raise ValueError(f"no placeholder for {key!r}")
        self.key = key
        self._title = heading()
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self.text_label)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        titles = {
            "pick": self.tr("Pick"),
            "waves": self.tr("Waves"),
            "counts": self.tr("Stock counts"),
        }
        texts = {
            "pick": self.tr(
                "Pick lists on screen: FIFO pick tasks by location, confirmed by scanning. "
                "Comes in release {release}."
            ),
            "waves": self.tr(
                "Pick waves: batch reviewed orders, allocate their stock (FIFO) and print the "
                "pick lists. Comes in release {release}."
            ),
            "counts": self.tr(
                "Stock counts and cycle counts, blind counts and recounts, variances and "
                "adjustments. Comes in release {release}."
            ),
        }
        self._title.setText(titles[self.key])
        self.text_label.setText(texts[self.key].format(release=RELEASES[self.key]))

    def focus_target(self) -> QWidget:
        return self
