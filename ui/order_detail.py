"""One order in full: address, phone, note, lines.  Esc or Enter closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.orders import OrderDetail
from ui.i18n import messages_text, status_text
from ui.theme import heading


class OrderDetailDialog(QDialog):
    def __init__(self, detail: OrderDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setModal(True)
        self._title = heading()
        self._form = QFormLayout()
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._labels: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for key in (
            "shop",
            "status",
            "ordered",
            "paid",
            "buyer",
            "phone",
            "address",
            "carrier",
            "note",
            "reasons",
        ):
            label = QLabel()
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._labels[key] = label
            self._values[key] = value
            self._form.addRow(label, value)
        self._lines_title = QLabel()
        self._lines_title.setObjectName("subheading")
        self.lines_table = QTableWidget(len(detail.lines), 4)
        self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_table.verticalHeader().hide()
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(self._form)
        layout.addWidget(self._lines_title)
        layout.addWidget(self.lines_table, 1)
        layout.addWidget(self._buttons)
        self._retranslate()
        self.resize(820, 680)
        self._buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        d = self.detail
        self.setWindowTitle(self.tr("Order {order_no}").format(order_no=d.order_no))
        self._title.setText(self.tr("Order {order_no}").format(order_no=d.order_no))
        names = {
            "shop": self.tr("Shop"),
            "status": self.tr("Status"),
            "ordered": self.tr("Ordered"),
            "paid": self.tr("Paid"),
            "buyer": self.tr("Buyer"),
            "phone": self.tr("Phone"),
            "address": self.tr("Address"),
            "carrier": self.tr("Carrier"),
            "note": self.tr("Note"),
            "reasons": self.tr("Exception reasons"),
        }
        address = " ".join(p for p in (d.province, d.city, d.district, d.address) if p)
        values = {
            "shop": d.shop,
            "status": status_text(d.status),
            "ordered": d.ordered_at.strftime("%Y-%m-%d %H:%M"),
            "paid": self.tr("Yes") if d.paid else self.tr("No — not paid"),
            "buyer": d.buyer_name,
            "phone": d.phone,
            "address": address,
            "carrier": d.carrier or self.tr("not chosen yet"),
            "note": d.note or "—",
            "reasons": messages_text(d.exception_reasons, "\n") or "—",
        }
        for key, label in self._labels.items():
            label.setText(names[key] + ":")
            self._values[key].setText(values[key])
        self._lines_title.setText(self.tr("Lines"))
        self.lines_table.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Name"), self.tr("Qty"), self.tr("Gift")]
        )
        for row, line in enumerate(d.lines):
            cells = [line.sku, line.name, str(line.qty), self.tr("Gift") if line.gift else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines_table.setItem(row, column, item)
