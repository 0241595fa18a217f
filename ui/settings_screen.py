"""Station settings: language (switches live), review times, and where things are."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings, paths, valid_review_time
from app.context import AppContext
from app.domain.scans import Scan
from app.services.users import UserInfo
from ui import i18n
from ui.device_settings import DeviceSettingsPanel
from ui.devices import DeviceHub
from ui.theme import MessageLabel, heading
from ui.workers import ServiceWorker, start_worker

log = logging.getLogger(__name__)

LANGUAGE_CHOICES = ("system", "en", "zh_CN")


def parse_review_times(text: str) -> tuple[list[str], list[str]]:
    """'9:00, 14:00 18:00' → (['09:00', '14:00', '18:00'], []); bad entries in the second list."""
    good: list[str] = []
    bad: list[str] = []
    for part in text.replace(",", " ").replace("，", " ").split():
        candidate = part if len(part) == 5 else part.zfill(5)
        if valid_review_time(candidate):
            if candidate not in good:
                good.append(candidate)
        else:
            bad.append(part)
    return sorted(good), bad


class SettingsScreen(QWidget):
    settings_changed = Signal(object)  # Settings
    language_changed = Signal(str)  # the language now shown: "en" or "zh_CN"
    devices_applied = Signal(object)  # Settings: device settings saved, reconnect the devices

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings,
        user: UserInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.settings = settings
        self.devices_panel = DeviceSettingsPanel(ctx, settings, user)
        self.devices_panel.applied.connect(self._on_devices_applied)
        self.devices_panel.install_keys(self)

        self._title = heading()
        self._language_label = QLabel()
        self.language_combo = QComboBox()
        for code in LANGUAGE_CHOICES:
            self.language_combo.addItem(i18n.LANGUAGES.get(code, ""), code)
        self.language_combo.setCurrentIndex(LANGUAGE_CHOICES.index(settings.language))
        self._language_label.setBuddy(self.language_combo)
        #: a warehouse without a handover step: the pack station's waybill scan ships
        self.ship_at_pack_check = QCheckBox()
        self.ship_at_pack_check.setChecked(settings.ship_at_pack)

        self._times_label = QLabel()
        self.times_edit = QLineEdit(", ".join(settings.review_times))
        self.times_edit.setMinimumWidth(320)
        self._times_label.setBuddy(self.times_edit)
        self.auto_review_check = QCheckBox()
        self.auto_review_check.setChecked(settings.auto_review)
        self.damage_check = QCheckBox()
        self.damage_check.setChecked(settings.always_check_damage)
        self.save_button = QPushButton()
        times_row = QHBoxLayout()
        times_row.addWidget(self.times_edit, 1)
        times_row.addWidget(self.save_button)

        self._db_label = QLabel()
        self.db_value = QLabel(ctx.database)
        self._log_label = QLabel()
        self.log_value = QLabel(str(paths().log_file))
        self._settings_label = QLabel()
        self.settings_value = QLabel(str(paths().settings_file))
        for value in (self.db_value, self.log_value, self.settings_value):
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = MessageLabel()

        # Make this station's database a synced station's (``station init``): administrators,
        # on a SQLite database that is no station's yet.
        self._user = user
        self._central_title = QLabel()
        self._central_title.setObjectName("subheading")
        self._central_intro = QLabel()
        self._central_intro.setWordWrap(True)
        self._station_name_label = QLabel()
        self.station_name_edit = QLineEdit()
        self._station_name_label.setBuddy(self.station_name_edit)
        self._central_url_label = QLabel()
        self.central_url_edit = QLineEdit()
        self.central_url_edit.setMinimumWidth(420)
        self._central_url_label.setBuddy(self.central_url_edit)
        self.make_station_button = QPushButton()
        self.init_progress = QProgressBar()
        self.init_progress.setVisible(False)
        self.init_worker: ServiceWorker | None = None
        central_form = QFormLayout()
        central_form.addRow(self._station_name_label, self.station_name_edit)
        central_form.addRow(self._central_url_label, self.central_url_edit)
        central_form.addRow("", self.make_station_button)
        central_form.addRow("", self.init_progress)
        self._central_box = QWidget()
        central_layout = QVBoxLayout(self._central_box)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self._central_title)
        central_layout.addWidget(self._central_intro)
        central_layout.addLayout(central_form)
        self._central_box.setVisible(ctx.init_station is not None)

        self._station_title = QLabel()
        self._station_title.setObjectName("subheading")
        self._review_title = QLabel()
        self._review_title.setObjectName("subheading")
        self._where_title = QLabel()
        self._where_title.setObjectName("subheading")

        station = QFormLayout()
        station.addRow(self._language_label, self.language_combo)
        station.addRow("", self.damage_check)
        station.addRow("", self.ship_at_pack_check)
        review = QFormLayout()
        review.addRow(self._times_label, times_row)
        review.addRow("", self.auto_review_check)
        where = QFormLayout()
        where.addRow(self._db_label, self.db_value)
        where.addRow(self._log_label, self.log_value)
        where.addRow(self._settings_label, self.settings_value)

        self._devices_title = QLabel()
        self._devices_title.setObjectName("heading")

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self.message)
        layout.addWidget(self._station_title)
        layout.addLayout(station)
        layout.addSpacing(12)
        layout.addWidget(self._review_title)
        layout.addLayout(review)
        layout.addSpacing(12)
        layout.addWidget(self._where_title)
        layout.addLayout(where)
        layout.addSpacing(12)
        layout.addWidget(self._central_box)
        layout.addSpacing(16)
        layout.addWidget(self._devices_title)
        layout.addWidget(self.devices_panel)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        QWidget.setTabOrder(self.language_combo, self.damage_check)
        QWidget.setTabOrder(self.damage_check, self.ship_at_pack_check)
        QWidget.setTabOrder(self.ship_at_pack_check, self.times_edit)
        QWidget.setTabOrder(self.times_edit, self.save_button)
        QWidget.setTabOrder(self.save_button, self.auto_review_check)

        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.times_edit.returnPressed.connect(self._on_save_times)
        self.save_button.clicked.connect(self._on_save_times)
        self.auto_review_check.toggled.connect(self._on_auto_review_toggled)
        self.damage_check.toggled.connect(self._on_damage_check_toggled)
        self.ship_at_pack_check.toggled.connect(self._on_ship_at_pack_toggled)
        self.make_station_button.clicked.connect(self._on_make_station)
        self.central_url_edit.returnPressed.connect(self._on_make_station)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Settings"))
        self._station_title.setText(self.tr("This station"))
        self._language_label.setText(self.tr("Language"))
        self.language_combo.setItemText(0, self.tr("System language"))
        self.damage_check.setText(
            self.tr("Pack station: check every order for damage, not only fragile ones")
        )
        self.ship_at_pack_check.setText(
            self.tr(
                "Ship at the pack station: no handover here (else an order ships when the "
                "courier's handover batch is closed)"
            )
        )
        self._review_title.setText(self.tr("Order review"))
        self._times_label.setText(self.tr("Review times"))
        self.times_edit.setPlaceholderText(self.tr("HH:MM, separated by commas"))
        self.save_button.setText(self.tr("Save times"))
        self.auto_review_check.setText(
            self.tr("Review new orders automatically at these times while Packdesk is open")
        )
        self._where_title.setText(self.tr("Where things are"))
        self._db_label.setText(self.tr("Database"))
        self._log_label.setText(self.tr("Log file"))
        self._settings_label.setText(self.tr("Settings file"))
        self._devices_title.setText(self.tr("Devices"))
        self._central_title.setText(self.tr("Central database"))
        self._central_intro.setText(
            self.tr(
                "This database works alone. To pack on it as a station of the warehouse's "
                "central PostgreSQL database (synced, and packing on through network outages), "
                "give the station a name and the central database's address; what the station "
                "needs is copied here. Administrators only; the database must hold no orders."
            )
        )
        self._station_name_label.setText(self.tr("Station name"))
        self.station_name_edit.setPlaceholderText(self.tr("e.g. PACK-01 (unique)"))
        self._central_url_label.setText(self.tr("Central database"))
        self.central_url_edit.setPlaceholderText("postgresql+psycopg://user@server:5432/warehouse")
        self.make_station_button.setText(self.tr("Make this a station"))

    # --- making this database a station -------------------------------------------------------

    def _on_make_station(self) -> None:
        init = self._ctx.init_station
        if init is None or self.init_worker is not None:
            return
        name = self.station_name_edit.text().strip()
        url = self.central_url_edit.text().strip()
        if not name or not url:
            self.message.show_message(
                "error", self.tr("Give the station a name and the central database's address.")
            )
            (self.station_name_edit if not name else self.central_url_edit).setFocus()
            return
        if self._user is None:
            return
        actor = self._user.actor
        self.make_station_button.setEnabled(False)
        self.init_progress.setRange(0, 0)
        self.init_progress.setVisible(True)
        self.message.show_message("info", self.tr("Copying what the station needs…"))
        self.init_worker = start_worker(
            self,
            lambda progress: init(name, url, actor, progress),
            "station init",
            on_progress=self._on_init_progress,
            on_done=self._on_init_done,
        )

    def _on_init_progress(self, done: int, total: int) -> None:
        self.init_progress.setRange(0, max(total, 1))
        self.init_progress.setValue(done)

    def _on_init_done(self) -> None:
        worker, self.init_worker = self.init_worker, None
        self.init_progress.setVisible(False)
        self.make_station_button.setEnabled(True)
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", i18n.failure_text(worker.error))
            return
        self.make_station_button.setEnabled(False)
        self.message.show_message(
            "ok",
            self.tr(
                "This database is station {name} now: {rows} rows copied. Restart Packdesk to "
                "start syncing."
            ).format(name=self.station_name_edit.text().strip(), rows=f"{worker.result:,}"),
        )

    # --- language ----------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        self.language_combo.setCurrentIndex(LANGUAGE_CHOICES.index(code))

    def _on_language_chosen(self, index: int) -> None:
        code = LANGUAGE_CHOICES[index]
        self.settings.language = code
        self.settings.save()
        language = i18n.install_translator(code)
        log.info("language set to %s (%s)", code, language)
        self.message.show_message("ok", self.tr("Language saved."))
        self.settings_changed.emit(self.settings)
        self.language_changed.emit(language)

    # --- review times ------------------------------------------------------------------------

    def _on_save_times(self) -> None:
        good, bad = parse_review_times(self.times_edit.text())
        if bad:
            self.message.show_message(
                "error",
                self.tr(
                    "Not a time: {bad}. Write times as HH:MM between 00:00 and 23:59, "
                    "e.g. 09:00, 14:00."
                ).format(bad=", ".join(bad)),
            )
            self.times_edit.setFocus()
            return
        self.settings.review_times = good
        self.settings.save()
        self.times_edit.setText(", ".join(good))
        log.info("review times set to %s", good)
        if good:
            text = self.tr("Review times saved: {times}.").format(times=", ".join(good))
        else:
            text = self.tr("Review times saved: none, so review only runs when asked.")
        self.message.show_message("ok", text)
        self.settings_changed.emit(self.settings)

    def _on_auto_review_toggled(self, checked: bool) -> None:
        self.settings.auto_review = checked
        self.settings.save()
        log.info("automatic review %s", "on" if checked else "off")
        if checked:
            text = self.tr("Automatic review is on.")
        else:
            text = self.tr("Automatic review is off.")
        self.message.show_message("ok", text)
        self.settings_changed.emit(self.settings)

    def _on_damage_check_toggled(self, checked: bool) -> None:
        self.settings.always_check_damage = checked
        self.settings.save()
        log.info("damage check on every order %s", "on" if checked else "off")
        if checked:
            text = self.tr("The pack station asks for the damage check on every order.")
        else:
            text = self.tr("The pack station asks for the damage check on fragile orders only.")
        self.message.show_message("ok", text)
        self.settings_changed.emit(self.settings)

    def _on_ship_at_pack_toggled(self, checked: bool) -> None:
        self.settings.ship_at_pack = checked
        self.settings.save()
        log.info("ship at the pack station %s", "on" if checked else "off")
        if checked:
            text = self.tr("Orders now ship when the packer scans the waybill.")
        else:
            text = self.tr("Orders now wait, packed, for the courier's handover.")
        self.message.show_message("ok", text)
        self.settings_changed.emit(self.settings)

    # --- devices -----------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        self.devices_panel.set_hub(hub)

    def show_scan(self, event: object) -> None:
        if self.isVisible():
            self.devices_panel.show_scan(event)

    def accept_scan(self, event: Scan) -> bool:
        return self.devices_panel.accept_scan(event)

    def _on_devices_applied(self, settings: object) -> None:
        self.settings_changed.emit(self.settings)
        self.devices_applied.emit(self.settings)

    def focus_target(self) -> QWidget:
        return self.language_combo
