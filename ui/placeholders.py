"""A screen not built yet: it says what will be there, and that it is not there today."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.theme import heading

#: Screens shown in the navigation before they are built.
PLANNED = ("counts",)


class PlaceholderScreen(QWidget):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if key not in PLANNED:
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
        self._title.setText(self.tr("Stock counts"))
        self.text_label.setText(
            self.tr(
                "Stock counts are not built yet: cycle counts, blind counts and recounts, "
                "variances and their approval will be here. Until then, stock is received by "
                "import and stock per lot is read with packdesk stock list."
            )
        )

    def focus_target(self) -> QWidget:
        return self
