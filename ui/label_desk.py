"""The label desk (打单台): waybills, packing slips and SKU / location / lot labels in batches,
previewed as they will print, printed, saved as a file, or printed again from the history.

Keyboard and scanner only: a scan (or a typed order number / wave code + Enter) adds orders; for
stock labels a code prefix + Enter searches and Space / Enter checks a row. The use case is
``app.services.labels`` (rendering, the preview, the document printer, the file), run in a worker
thread; label printer jobs are stored first and sent by the device hub. Every refusal is said
inline, in words.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.scans import Scan
from app.messages import Message
from app.services import documents, labels
from app.services.labels import (
    KINDS,
    LOCATION,
    LOT,
    ORDER_KINDS,
    SKU,
    SLIP,
    WAYBILL,
    LabelBatch,
    LabelRequest,
)
from app.services.rendering import Picture
from app.services.users import UserInfo
from ui.devices import DeviceHub
from ui.i18n import QT_TRANSLATE_NOOP, failure_text, message_text, translate
from ui.label_desk_model import ChosenOrdersModel, LabelItemsModel
from ui.orders_screen import shortcut
from ui.print_jobs_widget import PrintJobsWidget
from ui.theme import MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

SIZES: dict[str, tuple[str, ...]] = {
    WAYBILL: ("100x150", "76x130", "100x100"),
    SLIP: ("a4", "a5"),
    SKU: ("60x40", "50x30", "100x50", "100x150"),
    LOCATION: ("60x40", "50x30", "100x50", "100x150"),
    LOT: ("60x40", "50x30", "100x50", "100x150"),
}
LABEL_LANGUAGES = ("zpl", "tspl")
PREVIEW_WIDTH = 320
# How many refused documents the message names (the rest are counted).
SHOWN_REFUSED = 3
JOB_ROWS = 8

_KIND_WORDS = {
    WAYBILL: QT_TRANSLATE_NOOP("LabelDesk", "Waybills"),
    SLIP: QT_TRANSLATE_NOOP("LabelDesk", "Packing slips"),
    SKU: QT_TRANSLATE_NOOP("LabelDesk", "SKU labels"),
    LOCATION: QT_TRANSLATE_NOOP("LabelDesk", "Location labels"),
    LOT: QT_TRANSLATE_NOOP("LabelDesk", "Lot labels"),
}
_THING_WORDS = {
    SKU: QT_TRANSLATE_NOOP("LabelDesk", "SKU"),
    LOCATION: QT_TRANSLATE_NOOP("LabelDesk", "location"),
    LOT: QT_TRANSLATE_NOOP("LabelDesk", "lot"),
}


def picture_image(picture: Picture) -> QImage:
    """The renderer's picture of a page as a QImage that owns its pixels."""
    image = QImage(
        picture.rgb,
        picture.width,
        picture.height,
        picture.width * 3,
        QImage.Format.Format_RGB888,
    )
    return image.copy()  # the bytes object is not kept alive by the QImage


# --- widgets -----------------------------------------------------------------------------------


class ChoiceView(QTableView):
    """The chosen orders or the found labels: Space / Enter toggles a label's check, Delete
    removes an order (or unchecks a label)."""

    toggle_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentIndex().row()
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.toggle_requested.emit(row)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and row >= 0:
            self.remove_requested.emit(row)
            return
        super().keyPressEvent(event)


class PreviewLabel(QLabel):
    """Shows one image scaled to fit, kept sharp on resizing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWordWrap(True)
        self._image: QImage | None = None
        self._placeholder = ""

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._show()

    def image(self) -> QImage | None:
        return self._image

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def _show(self) -> None:
        if self._image is None:
            self.setText(self._placeholder)
            return
        pixmap = QPixmap.fromImage(self._image)
        self.setPixmap(
            pixmap.scaled(
                max(self.width() - 8, 1),
                max(self.height() - 8, 1),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class LabelDeskScreen(QWidget):
    work_done = Signal(str)  # "preview", "print" or "save", once its outcome is shown

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self.hub: DeviceHub | None = None
        self._worker: ServiceWorker | None = None
        self._purpose = ""
        self._save_path: Path | None = None
        self._chosen_fmt: str | None = None  # the format the person chose last
        self._caption: tuple[Message, str, str] | None = None  # what the preview shows
        self.last_batch: LabelBatch | None = None

        self.orders_model = ChosenOrdersModel(self)
        self.items_model = LabelItemsModel(self)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)

        self._kind_label = QLabel()
        self.kind_combo = QComboBox()
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._format_label = QLabel()
        self.format_combo = QComboBox()
        self.format_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._size_label = QLabel()
        self.size_combo = QComboBox()
        self.size_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._copies_label = QLabel()
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, 999)
        self.copies_spin.setValue(1)
        for label, buddy in (
            (self._kind_label, self.kind_combo),
            (self._format_label, self.format_combo),
            (self._size_label, self.size_combo),
            (self._copies_label, self.copies_spin),
        ):
            label.setBuddy(buddy)
        for kind in KINDS:
            self.kind_combo.addItem(kind, kind)
        self.printers_label = QLabel()
        self.printers_label.setObjectName("hint")

        self.message = MessageLabel()
        self.pool_message = MessageLabel()
        self.progress = QProgressBar()
        self.progress.hide()

        self.input_edit = QLineEdit()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.clear_button = QPushButton()
        self.check_all_button = QPushButton()
        self.check_none_button = QPushButton()
        self.view = ChoiceView()
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.count_label.setWordWrap(True)
        self.count_label.setMinimumWidth(120)

        self._preview_title = QLabel()
        self._preview_title.setObjectName("subheading")
        self.preview_label = PreviewLabel()
        self.preview_caption = QLabel()
        self.preview_caption.setObjectName("hint")
        self.preview_caption.setWordWrap(True)
        self.preview_button = QPushButton()
        self.print_button = QPushButton()
        self.print_button.setObjectName("primary")
        self.save_button = QPushButton()
        for button in (
            self.add_button,
            self.remove_button,
            self.clear_button,
            self.check_all_button,
            self.check_none_button,
            self.preview_button,
            self.print_button,
            self.save_button,
        ):
            button.setAutoDefault(False)

        self._history_title = QLabel()
        self._history_title.setObjectName("subheading")
        self.jobs_widget = PrintJobsWidget(ctx, user, rows=JOB_ROWS, with_title=False)
        self.jobs_widget.table.setMinimumHeight(100)
        self.jobs_widget.table.setMaximumHeight(140)

        # --- layout ---
        options = QHBoxLayout()
        for label, field_widget in (
            (self._kind_label, self.kind_combo),
            (self._format_label, self.format_combo),
            (self._size_label, self.size_combo),
            (self._copies_label, self.copies_spin),
        ):
            options.addWidget(label)
            options.addWidget(field_widget)
            options.addSpacing(8)
        options.addStretch(1)

        input_row = QHBoxLayout()
        input_row.addWidget(self.input_edit, 1)
        input_row.addWidget(self.add_button)
        input_row.addWidget(self.remove_button)
        input_row.addWidget(self.check_all_button)
        input_row.addWidget(self.check_none_button)
        input_row.addWidget(self.clear_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        left = QVBoxLayout()
        left.addLayout(input_row)
        left.addWidget(self.view, 1)
        left.addLayout(actions)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self._preview_title)
        right.addWidget(self.preview_label, 1)
        right.addWidget(self.preview_caption)
        right_panel = QWidget()
        right_panel.setLayout(right)
        right_panel.setFixedWidth(PREVIEW_WIDTH)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addSpacing(8)
        body.addWidget(right_panel)

        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addStretch(1)
        top.addWidget(self.printers_label, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 8, 20, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._hint)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(self.pool_message)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)
        layout.addWidget(self._history_title)
        layout.addWidget(self.jobs_widget)

        order = [
            self.kind_combo,
            self.format_combo,
            self.size_combo,
            self.copies_spin,
            self.input_edit,
            self.add_button,
            self.remove_button,
            self.check_all_button,
            self.check_none_button,
            self.clear_button,
            self.view,
            self.preview_button,
            self.print_button,
            self.save_button,
            self.jobs_widget.table,
            self.jobs_widget.send_button,
            self.jobs_widget.reprint_reason,
            self.jobs_widget.reprint_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        # --- connections ---
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.size_combo.currentIndexChanged.connect(self._on_size_changed)
        self.copies_spin.valueChanged.connect(self._update_count)
        self.input_edit.returnPressed.connect(self._on_input_entered)
        self.add_button.clicked.connect(self._on_input_entered)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.check_all_button.clicked.connect(self._on_check_all)
        self.check_none_button.clicked.connect(self._on_check_none)
        self.view.toggle_requested.connect(self._on_toggle_row)
        self.view.remove_requested.connect(self._on_remove_row)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.jobs_widget.message.connect(self._on_jobs_message)
        for model in (self.orders_model, self.items_model):
            model.rowsInserted.connect(self._update_count)
            model.rowsRemoved.connect(self._update_count)
            model.modelReset.connect(self._update_count)
            model.dataChanged.connect(self._update_count)
        for i, kind in enumerate(KINDS, start=1):
            shortcut(f"Alt+{i}", self, lambda k=kind: self.set_kind(k))
        shortcut("Ctrl+F", self, self._on_find_shortcut)
        shortcut("F6", self, self._on_preview_clicked)
        shortcut("Ctrl+P", self, self._on_print_clicked)
        shortcut("Ctrl+S", self, self._on_save_clicked)
        shortcut("F5", self, self.jobs_widget.refresh_jobs)
        shortcut("Ctrl+H", self, self._on_history_shortcut)

        self._retranslate()
        self._on_kind_changed()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.orders_model.retranslate()
            self.items_model.retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Labels"))
        self._hint.setText(
            self.tr(
                "Scan, or type and press Enter · Space: check a label · Del: remove · Alt+1…5: "
                "kind · F6: preview · Ctrl+P: print · Ctrl+S: save as file · Ctrl+H: history · "
                "F5: refresh it"
            )
        )
        self._kind_label.setText(self.tr("Print"))
        self._format_label.setText(self.tr("Format"))
        self._size_label.setText(self.tr("Size"))
        self._copies_label.setText(self.tr("Copies"))
        for i in range(self.kind_combo.count()):
            kind = str(self.kind_combo.itemData(i))
            self.kind_combo.setItemText(i, f"{i + 1} · {translate('LabelDesk', _KIND_WORDS[kind])}")
        self.remove_button.setText(self.tr("Remove"))
        self.clear_button.setText(self.tr("Clear"))
        self.check_all_button.setText(self.tr("Check all"))
        self.check_none_button.setText(self.tr("Check none"))
        self._preview_title.setText(self.tr("Preview"))
        self.preview_button.setText(self.tr("Preview (F6)"))
        self.print_button.setText(self.tr("Print (Ctrl+P)"))
        self.save_button.setText(self.tr("Save as file…"))
        self._history_title.setText(self.tr("Print history (Ctrl+H)"))
        self._fill_formats()
        self._retranslate_kind()
        self._update_printers()
        self._update_count()
        self.preview_label.set_placeholder(
            self.tr("Press F6 to see the first document as it prints.")
        )
        self._show_caption()

    def _retranslate_kind(self) -> None:
        kind = self.kind()
        if kind in ORDER_KINDS:
            self.input_edit.setPlaceholderText(self.tr("Scan or type an order no. or a wave code"))
            self.add_button.setText(self.tr("Add"))
        else:
            self.input_edit.setPlaceholderText(
                self.tr("Type the start of a code (empty: all) and press Enter, or scan")
            )
            self.add_button.setText(self.tr("Search"))

    # --- choosing ----------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> bool:
        index = self.format_combo.findData(fmt)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)
        return index >= 0

    def doc_size(self) -> str:
        return str(self.size_combo.currentData())

    def set_doc_size(self, size: str) -> bool:
        index = self.size_combo.findData(size)
        if index >= 0:
            self.size_combo.setCurrentIndex(index)
        return index >= 0

    def _label_printer_language(self) -> str | None:
        printer = self.hub.devices.label_printer if self.hub is not None else None
        return printer.language if printer is not None else None

    def _fill_formats(self) -> None:
        """PDF for the document printer; the label printer's language (both when none)."""
        kind = self.kind()
        current = self._chosen_fmt
        language = self._label_printer_language()
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        self.format_combo.addItem(self.tr("PDF · document printer"), "pdf")
        if kind != SLIP:
            if language is not None:
                self.format_combo.addItem(
                    self.tr("{language} · label printer").format(language=language.upper()),
                    language,
                )
            else:
                for other in LABEL_LANGUAGES:
                    self.format_combo.addItem(
                        self.tr("{language} · file only (no label printer)").format(
                            language=other.upper()
                        ),
                        other,
                    )
        index = self.format_combo.findData(current) if current else -1
        if index < 0:  # on the label printer when there is one, unless PDF was chosen
            index = self.format_combo.findData(language) if language is not None else 0
        self.format_combo.setCurrentIndex(max(index, 0))
        self.format_combo.blockSignals(False)
        sizes = SIZES[kind]
        chosen = self.size_combo.currentData()
        self.size_combo.blockSignals(True)
        self.size_combo.clear()
        for size in sizes:
            self.size_combo.addItem(self.doc_size_text(size), size)
        self.size_combo.setCurrentIndex(max(self.size_combo.findData(chosen), 0))
        self.size_combo.blockSignals(False)

    @staticmethod
    def doc_size_text(size: str) -> str:
        return size.upper() if size.startswith("a") else f"{size} mm"

    def _on_kind_changed(self, _index: int = 0) -> None:
        kind = self.kind()
        orders = kind in ORDER_KINDS
        model = self.orders_model if orders else self.items_model
        if self.view.model() is not model:
            self.view.setModel(model)
        if not orders and self.items_model.rowCount() and self._items_kind() != kind:
            self.items_model.clear()
        self.copies_spin.setEnabled(not orders)
        self.remove_button.setVisible(orders)
        self.check_all_button.setVisible(not orders)
        self.check_none_button.setVisible(not orders)
        self._fill_formats()
        self._retranslate_kind()
        self._clear_preview()
        self._update_count()
        if not orders and self.items_model.rowCount() == 0:
            self.search("")

    def _items_kind(self) -> str | None:
        return self.items_model.item_at(0).kind if self.items_model.rowCount() else None

    def _on_format_changed(self, _index: int = 0) -> None:
        self._chosen_fmt = self.fmt()
        self._clear_preview()

    def _on_size_changed(self, _index: int = 0) -> None:
        self._clear_preview()

    def _on_find_shortcut(self) -> None:
        self.input_edit.setFocus()
        self.input_edit.selectAll()

    def _on_history_shortcut(self) -> None:
        self.jobs_widget.refresh_jobs()
        self.jobs_widget.table.setFocus()
        if self.jobs_widget.table.currentRow() < 0 and self.jobs_widget.table.rowCount():
            self.jobs_widget.table.selectRow(0)

    def _on_input_entered(self) -> None:
        text = self.input_edit.text().strip()
        if self.kind() in ORDER_KINDS:
            if self.add_ref(text):
                self.input_edit.clear()
        else:
            self.search(text)
        self.input_edit.setFocus()

    def add_ref(self, text: str) -> bool:
        """An order number, or a wave code (all its orders), added to the chosen orders."""
        try:
            found = documents.orders_to_print(self._ctx.uow(), text)
        except DomainError as exc:
            log.info("label desk: %r refused: %s", text, exc)
            self.message.show_message("error", failure_text(exc))
            return False
        added = self.orders_model.add(found.orders, found.wave)
        total = self.orders_model.rowCount()
        if found.wave is not None:
            words = self.tr("Wave {wave}: {n} of its {m} orders added; {total} chosen.").format(
                wave=found.wave, n=added, m=len(found.orders), total=total
            )
        elif added:
            words = self.tr("Order {order} added; {total} chosen.").format(
                order=found.orders[0], total=total
            )
        else:
            words = self.tr("Order {order} is already chosen.").format(order=found.orders[0])
        self.message.show_message("ok" if added else "info", words)
        row = self.orders_model.row_of(found.orders[-1]) if found.orders else -1
        if row >= 0:
            self.view.selectRow(row)
        return True

    def search(self, prefix: str) -> None:
        kind = self.kind()
        try:
            found = documents.find_for_labels(self._ctx.uow(), kind, prefix)
        except Exception as exc:
            log.info("label desk: search %r failed: %s", prefix, exc)
            self.message.show_message("error", failure_text(exc))
            return
        self.items_model.show_found(found)
        if prefix and not found:
            self.message.show_message(
                "info",
                self.tr("No {what} starts with {prefix}.").format(
                    what=translate("LabelDesk", _THING_WORDS[kind]), prefix=prefix
                ),
            )
        elif prefix:
            self.message.clear_message()
        if self.items_model.rowCount():
            self.view.selectRow(0)

    def accept_scan(self, event: Scan) -> bool:
        """A scanned order no. / wave code, or a SKU barcode / location / lot code, is added to
        what is chosen for the current kind, wherever the focus is."""
        kind = self.kind()
        if kind in ORDER_KINDS:
            self.add_ref(event.value)
            return True
        code = (event.lot if kind == LOT else event.gtin if kind == SKU else None) or event.value
        try:
            found = documents.find_for_labels(self._ctx.uow(), kind, code, exact=True)
        except Exception as exc:
            self.message.show_message("error", failure_text(exc))
            return True
        if not found:
            self.message.show_message(
                "error",
                self.tr("{code} is not a known {what}; nothing added.").format(
                    code=event.value, what=translate("LabelDesk", _THING_WORDS[kind])
                ),
            )
            return True
        row = -1
        for item in found:
            row = self.items_model.check(item)
        self.view.selectRow(row)
        self.message.show_message(
            "ok",
            self.tr("{code} checked; {n} label(s) chosen.").format(
                code=", ".join(dict.fromkeys(i.code for i in found)),
                n=len(self.items_model.checked_items()),
            ),
        )
        return True

    def _on_toggle_row(self, row: int) -> None:
        if self.view.model() is self.items_model:
            self.items_model.toggle(row)

    def _on_remove_row(self, row: int) -> None:
        if self.view.model() is self.items_model:
            self.items_model.set_checked(row, False)
        else:
            self.orders_model.remove_row(row)
            self.view.selectRow(min(row, self.orders_model.rowCount() - 1))

    def _on_remove_clicked(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self._on_remove_row(row)
        self.view.setFocus()

    def _on_clear_clicked(self) -> None:
        if self.kind() in ORDER_KINDS:
            self.orders_model.clear()
        else:
            self.items_model.clear()
        self._clear_preview()
        self.message.clear_message()
        self.pool_message.clear_message()
        self.input_edit.setFocus()

    def _on_check_all(self) -> None:
        self.items_model.set_all(True)

    def _on_check_none(self) -> None:
        self.items_model.set_all(False)

    def _update_count(self, *_args: object) -> None:
        if self.kind() in ORDER_KINDS:
            self.count_label.setText(
                self.tr("{n} order(s) chosen").format(n=self.orders_model.rowCount())
            )
        else:
            checked = len(self.items_model.checked_items())
            self.count_label.setText(
                self.tr("{checked} of {n} checked: {labels} label(s)").format(
                    checked=checked,
                    n=self.items_model.rowCount(),
                    labels=checked * self.copies_spin.value(),
                )
            )

    def request(self) -> LabelRequest | None:
        """What is chosen now; None (said inline) when nothing is."""
        kind = self.kind()
        dpi = self.hub.devices.label_dpi if self.hub is not None else 203
        if kind in ORDER_KINDS:
            orders = tuple(self.orders_model.order_numbers())
            if not orders:
                self.message.show_message(
                    "error", self.tr("Scan or type an order no. or a wave code first.")
                )
                self.input_edit.setFocus()
                return None
            return LabelRequest(kind, self.fmt(), self.doc_size(), 1, orders=orders, dpi=dpi)
        items = tuple(self.items_model.checked_items())
        if not items:
            self.message.show_message(
                "error", self.tr("Check the labels to print first (Space checks a row).")
            )
            self.view.setFocus()
            return None
        copies = self.copies_spin.value()
        return LabelRequest(kind, self.fmt(), self.doc_size(), copies, items=items, dpi=dpi)

    # --- printers ----------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        if self.hub is not None:
            for signal, slot in self._hub_connections(self.hub):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.hub = hub
        if hub is not None:
            for signal, slot in self._hub_connections(hub):
                signal.connect(slot)
        self.jobs_widget.set_hub(hub)
        self._fill_formats()
        self._update_printers()

    def _hub_connections(self, hub: DeviceHub) -> list[tuple[Any, Any]]:
        return [
            (hub.jobs_changed, self.jobs_widget.refresh_jobs),
            (hub.print_message, self._on_print_message),
        ]

    def _update_printers(self) -> None:
        devices = self.hub.devices if self.hub is not None else None
        none = self.tr("none")
        label = none
        document = none
        if devices is not None and devices.label_printer is not None:
            label = f"{devices.label_printer.language.upper()} · {devices.label_printer_slot.where}"
        if devices is not None and devices.document_printer is not None:
            document = str(getattr(devices.document_printer, "port", "") or "CUPS")
        self.printers_label.setText(
            self.tr("Label printer: {label} · Document printer: {document}").format(
                label=label, document=document
            )
        )

    def _on_print_message(self, kind: str, text: str) -> None:
        if self.isVisible():
            self.message.show_message(kind, text)

    def _on_jobs_message(self, kind: str, text: str) -> None:
        self.message.show_message(kind, text)

    def _no_printer_text(self, fmt: str) -> str | None:
        """Why the chosen format cannot be printed here (then Save as file is the way)."""
        devices = self.hub.devices if self.hub is not None else None
        if fmt == "pdf":
            if devices is None or devices.document_printer is None:
                return self.tr(
                    "No document printer is set up: save the PDF as a file (Ctrl+S), or choose "
                    "a CUPS queue in Settings."
                )
            return None
        printer = devices.label_printer if devices is not None else None
        if printer is None or printer.language != fmt:
            return self.tr(
                "No {language} label printer is set up: save the labels as a file (Ctrl+S), "
                "or choose a label printer in Settings."
            ).format(language=fmt.upper())
        return None

    # --- preview, print, save ----------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._worker is not None

    def _start(self, purpose: str, request: LabelRequest) -> bool:
        if self._worker is not None:
            self.message.show_message(
                "info", self.tr("Wait until the documents being rendered are done.")
            )
            return False
        ctx, actor = self._ctx, self._user.actor
        printer = None
        if purpose == "print" and request.fmt == "pdf" and self.hub is not None:
            printer = self.hub.devices.document_printer
        save_path = self._save_path if purpose == "save" else None

        def job(progress: Progress) -> object:
            renderer = ctx.renderer
            if purpose == "preview":
                return labels.preview(ctx.uow, actor, request, renderer, progress)
            if save_path is not None:
                return labels.save(ctx.uow, actor, request, renderer, save_path, progress)
            if printer is not None:
                return labels.print_on_paper(ctx.uow, actor, request, renderer, printer, progress)
            # label printer jobs: stored and sent by the device hub once rendered
            return labels.render_batch(ctx.uow, actor, request, renderer, progress)

        self._purpose = purpose
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.pool_message.clear_message()
        words = {
            "preview": self.tr("Rendering the preview…"),
            "print": self.tr("Rendering {n} document(s) for printing…"),
            "save": self.tr("Rendering {n} document(s) for the file…"),
        }[purpose]
        self.message.show_message("info", words.format(n=request.count))
        self._worker = start_worker(
            self, job, f"label desk {purpose}", on_progress=self._on_progress, on_done=self._on_done
        )
        return True

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def preview(self) -> bool:
        request = self.request()
        return request is not None and self._start("preview", request)

    def print_documents(self) -> bool:
        request = self.request()
        if request is None:
            return False
        missing = self._no_printer_text(request.fmt)
        if missing is not None:
            self.message.show_message("error", missing)
            self.save_button.setFocus()
            return False
        return self._start("print", request)

    def save_to(self, path: Path) -> bool:
        request = self.request()
        if request is None:
            return False
        self._save_path = path
        return self._start("save", request)

    def _on_preview_clicked(self) -> None:
        self.preview()

    def _on_print_clicked(self) -> None:
        self.print_documents()

    def _on_save_clicked(self) -> None:
        request = self.request()
        if request is None:
            return
        suffix = {"pdf": "pdf", "zpl": "zpl", "tspl": "prn"}[request.fmt]
        first = request.orders[0] if request.orders else request.items[0].code
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as file"),
            f"{request.kind}-{first}.{suffix}",
            self.tr("{format} files (*.{suffix})").format(
                format=request.fmt.upper(), suffix=suffix
            ),
        )
        if path:
            self.save_to(Path(path))

    def _on_done(self) -> None:
        worker, self._worker = self._worker, None
        purpose = self._purpose
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(True)
        self.progress.hide()
        if worker is None:
            return
        try:
            if worker.error is not None:
                log.info("label desk %s failed: %s", purpose, worker.error)
                self.message.show_message("error", failure_text(worker.error))
                return
            batch = worker.result
            if not isinstance(batch, LabelBatch):
                return
            self.last_batch = batch
            self._show_outcome(purpose, batch)
        finally:
            self.work_done.emit(purpose)

    def _show_outcome(self, purpose: str, batch: LabelBatch) -> None:
        request = batch.request
        for doc in batch.documents:
            if request.kind in ORDER_KINDS:
                self.orders_model.set_result(doc.ref, "", tracking_no=doc.tracking_no)
        self._warn(batch)
        if batch.refused:
            for refusal in batch.refused:
                if request.kind in ORDER_KINDS:
                    self.orders_model.set_result(
                        refusal.ref, message_text(refusal.message), refused=True
                    )
            self.message.show_message("error", self.refused_text(purpose, batch))
            return
        if purpose == "preview":
            first = batch.documents[0]
            self.preview_label.set_image(
                picture_image(batch.picture) if batch.picture is not None else None
            )
            self._caption = (first.what, request.fmt, request.size)
            self._show_caption()
            self.message.clear_message()
            return
        if purpose == "save":
            self.message.show_message(
                "ok",
                self.tr("{n} document(s) saved as {path}.").format(
                    n=len(batch.documents), path=batch.saved_to
                ),
            )
            self._mark(batch, self.tr("saved"))
            return
        if request.fmt == "pdf":
            if not batch.printed:  # the document printer went away while rendering
                self.message.show_message("error", self._no_printer_text("pdf") or "")
                return
            self.message.show_message(
                "ok",
                self.tr("{n} document(s) sent to the document printer.").format(
                    n=len(batch.printed)
                ),
            )
            self._mark(batch, self.tr("sent to the document printer"))
            return
        self._queue_labels(batch)

    def _queue_labels(self, batch: LabelBatch) -> None:
        hub = self.hub
        if hub is None:  # the devices went away while rendering
            self.message.show_message("error", self._no_printer_text(batch.request.fmt) or "")
            return
        jobs: list[int] = []
        for doc in batch.documents:
            try:
                job_id = hub.queue_label(self._user.actor, doc.payload, doc.description)
            except DomainError as exc:
                self.message.show_message("error", failure_text(exc))
                return
            if job_id is None:
                return  # the hub said why (no label printer)
            jobs.append(job_id)
            if batch.request.kind in ORDER_KINDS:
                self.orders_model.set_result(
                    doc.ref, self.tr("queued as job #{job}").format(job=job_id)
                )
        log.info("%s queued label jobs %s", self._user.name, jobs)
        self.message.show_message(
            "ok",
            self.tr("{n} label job(s) queued for the label printer (#{first}–#{last}).").format(
                n=len(jobs), first=jobs[0], last=jobs[-1]
            ),
        )
        self.jobs_widget.refresh_jobs()

    def _mark(self, batch: LabelBatch, words: str) -> None:
        if batch.request.kind in ORDER_KINDS:
            for doc in batch.documents:
                self.orders_model.set_result(doc.ref, words)

    def _warn(self, batch: LabelBatch) -> None:
        warnings = batch.warnings()
        if warnings:
            self.pool_message.show_message("info", "; ".join(message_text(w) for w in warnings))

    def refused_text(self, purpose: str, batch: LabelBatch) -> str:
        refused = batch.refused
        shown = "; ".join(f"{r.ref}: {message_text(r.message)}" for r in refused[:SHOWN_REFUSED])
        if len(refused) > SHOWN_REFUSED:
            shown += " …"
        total = len(refused) + len(batch.documents)
        if purpose == "preview":
            return self.tr("No preview: {shown}").format(shown=shown)
        return self.tr(
            "Nothing printed or saved: {n} of {total} document(s) refused. {shown}. Remove them "
            "(Del) or fix them, then try again."
        ).format(n=len(refused), total=total, shown=shown)

    def _clear_preview(self) -> None:
        self.preview_label.set_image(None)
        self._caption = None
        self._show_caption()

    def _show_caption(self) -> None:
        if self._caption is None:
            self.preview_caption.setText("")
            return
        what, fmt, size = self._caption
        self.preview_caption.setText(
            self.tr("Page 1 of {what} as it prints · {format} {size}").format(
                what=message_text(what), format=fmt.upper(), size=self.doc_size_text(size)
            )
        )

    # --- focus -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.input_edit
