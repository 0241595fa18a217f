"""The one place that wires settings, database, devices and printers together."""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from app.config import DeviceSettings, busy_timeout_s, paths
from app.context import AppContext, SyncAccess
from app.db import faults
from app.db import migrate as migrations
from app.db.engine import is_sqlite, sqlite_url_for
from app.db.uow import UnitOfWork, station_of
from app.devices import DeviceSlot, ScannerPort, StationDevices
from app.domain.users import Actor
from app.messages import Message, Translate
from app.services.count_documents import CountSheet, VarianceReport
from app.services.documents import PartyData, SlipData, StockLabelData, WaybillData
from app.services.handover import Manifest
from app.services.rendering import Picture
from app.services.waves import PickList

if TYPE_CHECKING:
    from printing.label import Label

log = logging.getLogger("packdesk")


def resolve_db_url(cli_value: str | None = None) -> str:
    """--db, else $PACKDESK_DB, else the station's SQLite file in the user data directory."""
    if cli_value:
        return cli_value
    env = os.environ.get("PACKDESK_DB")
    if env:
        return env
    return sqlite_url_for(_in_data_dir(paths().station_db))


def demo_db_url(cli_value: str | None = None) -> str:
    """The demo gets its own file so that it never overwrites a station's real database."""
    if cli_value:
        return cli_value
    return os.environ.get("PACKDESK_DB") or sqlite_url_for(_in_data_dir(paths().demo_db))


def db_url_source(cli_value: str | None = None) -> Message | str:
    """Where :func:`resolve_db_url` took the address from, as a refusal names it."""
    if cli_value:
        return "--db"
    if os.environ.get("PACKDESK_DB"):
        return "PACKDESK_DB"
    from app.messages.database import SOURCE_DEFAULT

    return SOURCE_DEFAULT()


def _in_data_dir(path: Path) -> Path:
    """A database of the user data directory, which is made on first use (a folder named in
    --db or PACKDESK_DB is never made: a typo there is refused, not a new empty warehouse)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def open_database(url: str, *, migrate: bool = True, source: Message | str | None = None) -> Engine:
    """An engine on *url*, migrated (app.db.migrate.open_database) with the busy timeout of
    $PACKDESK_BUSY_TIMEOUT; a database that cannot be used is a ``DatabaseFault``."""
    return migrations.open_database(
        url, migrate=migrate, busy_timeout_s=busy_timeout_s(), source=source
    )


def database_faults(url: Callable[[], str]) -> AbstractContextManager[None]:
    """Inside the block, a database fault (locked, full disk, …) becomes a ``DatabaseFault``."""
    return faults.translated(url, busy_timeout_s=busy_timeout_s())


def unit_of_work(engine: Engine) -> UnitOfWork:
    return UnitOfWork(engine)


# --- the language of messages outside the screens (the command line) ----------------------------

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def cli_language(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """The command line's language: the settings' "en" / "zh_CN", else the system's (LC_ALL,
    LC_MESSAGES, LANG: Chinese for any zh_* locale, else English)."""
    if setting in ("en", "zh_CN"):
        return setting
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def message_translator(language: str) -> Translate | None:
    """The catalogue's translate function for *language* (None: English).  It reads the same
    compiled Qt translation (.qm) as the screens, with QtCore only (no screen needed); where Qt
    cannot load, messages stay English and the log says why."""
    if language == "en":
        return None
    try:
        from PySide6.QtCore import QTranslator
    except ImportError as exc:  # Qt's system libraries missing on a bare server
        log.warning("messages stay in English: Qt cannot load (%s)", exc)
        return None
    translator = QTranslator()
    if not translator.load(f"packdesk_{language}", str(TRANSLATIONS_DIR)):
        log.warning("messages stay in English: no packdesk_%s.qm in %s", language, TRANSLATIONS_DIR)
        return None

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return translate


_file_handler: logging.handlers.RotatingFileHandler | None = None
_console_handler: logging.Handler | None = None


def setup_logging(*, verbose: bool = False) -> Path:
    """A rotating log file in the user data directory (and warnings on stderr)."""
    global _file_handler, _console_handler
    log_file = paths().log_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if _file_handler is not None and Path(_file_handler.baseFilename) == log_file.absolute():
        return log_file
    log_file.parent.mkdir(parents=True, exist_ok=True)
    if _file_handler is not None:  # the data directory moved (PACKDESK_HOME changed)
        root.removeHandler(_file_handler)
        _file_handler.close()
    _file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    _file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(_file_handler)
    if _console_handler is None:
        _console_handler = logging.StreamHandler(sys.stderr)
        _console_handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(_console_handler)
    _console_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    # Alembic logs every migration step at INFO: keep it out of the way.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file


class PrintingRenderer:
    """The document renderer the app uses (``app.services.rendering.DocumentRenderer``): the
    services' data mapped onto the pure renderers of ``printing/``."""

    def render_pick_list(self, data: PickList) -> bytes:
        return render_pick_list(data)

    def render_waybill(
        self, data: WaybillData, fmt: str = "pdf", size: str = "100x150", dpi: int = 203
    ) -> bytes:
        return render_waybill(data, fmt, size, dpi)

    def render_handover_manifest(self, data: Manifest) -> bytes:
        return render_handover_manifest(data)

    def render_packing_slip(self, data: SlipData, size: str = "a4") -> bytes:
        return render_packing_slip(data, size)

    def render_count_sheet(self, data: CountSheet) -> bytes:
        return render_count_sheet(data)

    def render_variance_report(self, data: VarianceReport) -> bytes:
        return render_variance_report(data)

    def render_stock_labels(
        self,
        items: Sequence[StockLabelData],
        copies: int = 1,
        fmt: str = "pdf",
        size: str = "60x40",
        dpi: int = 203,
    ) -> bytes:
        return render_stock_labels(items, copies, fmt, size, dpi)

    def test_label(
        self, when: str, where: str, language: str, size_mm: tuple[int, int], dpi: int
    ) -> Label:
        return test_label(when, where, language, size_mm, dpi)

    def preview(self, payload: bytes, fmt: str, dpi: int = 203) -> Picture:
        from printing.pages import first_page

        image = first_page(payload, fmt, dpi).convert("RGB")
        return Picture(image.width, image.height, image.tobytes())

    def join(self, payloads: Sequence[bytes], fmt: str) -> bytes:
        from printing.pages import join

        return join(payloads, fmt)

    def unprintable(self, text: str) -> str:
        from printing.glyphs import unprintable

        return unprintable(text)


def safe_url(url: str) -> str:
    """The database's address without its password."""
    return faults.shown_address(url)


def sync_access(engine: Engine) -> SyncAccess | None:
    """The station's sync on *engine*; None when the database is not a station's."""
    name = station_of(engine)
    if name is None:
        return None
    from app.sync import station

    return SyncAccess(
        station=name,
        run_once=lambda: station.sync_once(engine),
        status=lambda: station.status(engine),
        rejections=lambda: station.rejections(engine),
        resolve=lambda actor, ids: station.resolve(engine, actor, ids),
        stations=lambda: station.central_stations(engine),
        listen=lambda on_change: _listen(engine, on_change),
    )


def _listen(engine: Engine, on_change: Callable[[], None]) -> Callable[[], None]:
    """A listener on the station's central database that wakes its sync (app.sync.listen)."""
    from app.sync import station
    from app.sync.listen import ChangeListener

    listener = ChangeListener(station.status(engine).central, on_change).start()
    return listener.close


def app_context(engine: Engine, *, demo: bool = False) -> AppContext:
    """What the screens get: units of work on *engine*, the renderer, the device builder, and
    on a station's database its sync."""

    def build_devices(settings: DeviceSettings) -> StationDevices:
        return build_station_devices(settings, demo=demo)

    return AppContext(
        uow=lambda: UnitOfWork(engine),
        renderer=PrintingRenderer(),
        build_devices=build_devices,
        database=engine.url.render_as_string(hide_password=True),
        log_file=paths().log_file,
        demo=demo,
        sync=sync_access(engine),
        init_station=_init_station(engine),
    )


def _init_station(
    engine: Engine,
) -> Callable[[str, str, Actor, Callable[[int, int], None]], int] | None:
    """``station init`` for the Settings screen: on a SQLite database that is no station's."""
    if not is_sqlite(engine) or station_of(engine) is not None:
        return None

    def init(name: str, url: str, actor: Actor, progress: Callable[[int, int], None]) -> int:
        from app.sync import station

        result = station.init(
            engine, name, url, actor, lambda _table, done, total: progress(done, total)
        )
        return result.pulled

    return init


def launch_gui(db_url: str, *, demo: bool = False) -> int:
    """Start the desktop app.  The only place under app/ that reaches into ui/ (lazily, so that
    the command line works without a screen or Qt's system libraries): the app gets its
    context from here and never imports this module."""
    from ui.app import run_gui

    setup_logging()

    def open_app() -> tuple[AppContext, Callable[[], None]]:
        engine = open_database(db_url)
        return app_context(engine, demo=demo), engine.dispose

    return int(run_gui(open_app, safe_url(db_url), demo=demo))


def render_pick_list(data: PickList) -> bytes:
    """The A4 pick list PDF for a wave (printing/ is a pure renderer: data → bytes)."""
    from printing.picklist import PickListDocument, PickListLine, render_pick_list_pdf

    document = PickListDocument(
        wave_code=data.wave_code,
        title="Pick list 拣货单",
        created_at=data.created_at,
        created_by=data.created_by,
        kind=data.kind,
        orders=data.orders,
        units=data.units,
        zone=data.zone,
        carrier=data.carrier,
        lines=tuple(
            PickListLine(
                seq=e.seq,
                location=e.location,
                sku=e.sku,
                name=e.name,
                lot=e.lot,
                qty=e.qty,
                slots=e.slots,
                task_code=e.task_code,
            )
            for e in data.entries
        ),
    )
    return render_pick_list_pdf(document)


def render_handover_manifest(data: Manifest) -> bytes:
    """The A4 handover manifest (交接单) of a courier's pickup, with every tracking number's
    barcode and the signature lines."""
    from printing.handover_manifest import (
        ManifestDocument,
        ManifestParcel,
        render_handover_manifest_pdf,
    )

    document = ManifestDocument(
        batch=data.batch,
        carrier=data.carrier,
        carrier_name=f"{data.carrier_name_zh} {data.carrier_name}".strip(),
        started_at=data.started_at,
        started_by=data.started_by,
        closed_at=data.closed_at,
        closed_by=data.closed_by,
        parcels=tuple(
            ManifestParcel(tracking_no=p.tracking_no, order_no=p.order_no, parcel_no=p.parcel_no)
            for p in data.parcels
        ),
    )
    return render_handover_manifest_pdf(document)


def render_count_sheet(data: CountSheet) -> bytes:
    """The A4 count sheet (盘点单) of a count's round: every location with its barcode and boxes
    to write in, no expected quantity."""
    from printing.count_sheet import CountSheetDocument, CountSheetLine, render_count_sheet_pdf

    document = CountSheetDocument(
        code=data.code,
        scope=data.scope,
        round=data.round,
        printed_at=data.printed_at,
        created_by=data.created_by,
        lines=tuple(
            CountSheetLine(
                location=loc.location, zone=loc.zone, done=loc.done, counted_by=loc.counted_by
            )
            for loc in data.locations
        ),
    )
    return render_count_sheet_pdf(document)


def render_variance_report(data: VarianceReport) -> bytes:
    """The A4 variance report (盘点差异报告) of a count: summary, charts by zone and by sign,
    the lines."""
    from printing.variance_report import (
        VarianceLine,
        VarianceReportDocument,
        ZoneTotal,
        render_variance_report_pdf,
    )

    document = VarianceReportDocument(
        code=data.code,
        scope=data.scope,
        status=data.status,
        created_by=data.created_by,
        created_at=data.created_at,
        submitted_at=data.submitted_at,
        approved_by=data.approved_by,
        approved_at=data.approved_at,
        reason=data.reason,
        locations=data.locations,
        counted_locations=data.counted_locations,
        short_units=data.short_units,
        over_units=data.over_units,
        short_fen=data.short_fen,
        over_fen=data.over_fen,
        zones=tuple(ZoneTotal(z.zone, z.short, z.over) for z in data.zones()),
        lines=tuple(
            VarianceLine(
                location=line.location,
                sku=line.sku,
                name=line.name,
                lot=line.lot,
                expected=line.expected,
                counted=line.counted,
                earlier=line.earlier,
                variance=line.variance,
                value_fen=line.value_fen,
                moved=line.moved_while_counting,
            )
            for line in data.lines
        ),
        printed_at=data.printed_at,
    )
    return render_variance_report_pdf(document)


# --- devices ------------------------------------------------------------------------------------


def _effective(kind: str, demo: bool) -> str:
    """ "auto": the simulator in the demo, nothing on a real station until one is chosen."""
    if kind == "auto":
        return "simulated" if demo else "none"
    return kind


def _tcp_address(address: str) -> tuple[str, int]:
    from app.messages import devices as dm
    from devices.errors import SettingError

    host, sep, port = address.strip().rpartition(":")
    if not sep:
        return address.strip(), 9100
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingError(dm.NOT_HOST_PORT(address=address))
    return host.strip("[]"), int(port)


def _why(exc: Exception) -> Message | str:
    """What a refused device setting or a simulator that cannot start says."""
    message = getattr(exc, "message", None)
    return message if isinstance(message, Message) else (str(exc) or type(exc).__name__)


def build_station_devices(settings: DeviceSettings, *, demo: bool = False) -> StationDevices:
    """The station's devices as ``settings`` say; simulators are started for "simulated" ones.

    Nothing is opened here (ports and connections open on first use), so a missing device never
    stops the app from starting: its slot says what is wrong and the status bar shows it.
    """
    from app.messages import devices as dm
    from devices.errors import SettingError
    from devices.printer import LabelPrinter
    from devices.scales import SerialScale
    from devices.transports import (
        CupsTransport,
        DeviceFileTransport,
        SerialTransport,
        TcpTransport,
        Transport,
    )

    station = StationDevices()
    p = settings.label_printer
    station.label_size_mm = (p.label_width_mm or 100, p.label_height_mm or 150)
    station.label_dpi = p.dpi or 203
    kind = _effective(p.kind, demo)
    slot = DeviceSlot(kind)
    transport: Transport | None = None
    try:
        if kind == "simulated":
            from devices.sim.printer import SimulatedNetworkPrinter

            sim = SimulatedNetworkPrinter()
            station.simulators["printer"] = sim
            station.on_close(sim.stop)
            transport = TcpTransport(sim.host, sim.port, timeout=3.0)
            slot.where = f"{sim.host}:{sim.port}"
        elif kind != "none" and not p.address.strip():
            raise SettingError(dm.NO_ADDRESS())
        elif kind == "tcp":
            host, port = _tcp_address(p.address)
            transport = TcpTransport(host, port)
            slot.where = f"{host}:{port}"
        elif kind == "serial":
            transport = SerialTransport(p.address.strip(), baudrate=p.baudrate or 9600)
            slot.where = p.address.strip()
        elif kind == "usb":
            transport = DeviceFileTransport(p.address.strip())
            slot.where = p.address.strip()
        elif kind == "cups":
            transport = CupsTransport(p.address.strip(), raw=True)
            slot.where = f"CUPS {p.address.strip()}"
    except ValueError as exc:
        slot.problem = dm.PRINTER_SETTING_UNUSABLE(why=_why(exc))
        transport = None
    if transport is not None:
        language = p.language if p.language in ("zpl", "tspl") else "zpl"
        printer = LabelPrinter(language, transport, name="label printer")  # type: ignore[arg-type]
        station.label_printer = printer
        station.on_close(printer.close)
    station.label_printer_slot = slot

    d = settings.document_printer
    doc_slot = DeviceSlot(d.kind if d.kind == "cups" else "none")
    if doc_slot.kind == "cups":
        if not d.queue.strip():
            doc_slot.problem = dm.NO_DOCUMENT_QUEUE()
        else:
            try:
                from devices.printer import DocumentPrinter

                station.document_printer = DocumentPrinter(
                    CupsTransport(d.queue.strip(), raw=False), media="A4", name="document printer"
                )
                doc_slot.where = f"CUPS {d.queue.strip()}"
            except (ImportError, ValueError) as exc:
                doc_slot.problem = dm.DOCUMENT_SETTING_UNUSABLE(why=_why(exc))
    station.document_printer_slot = doc_slot

    sc = settings.scale
    station.scale_required = sc.when_missing != "warn"
    kind = _effective(sc.kind, demo)
    scale_slot = DeviceSlot(kind)
    if kind == "simulated":
        try:
            from devices.sim.scale import SimulatedScale

            sim_scale = SimulatedScale(sc.protocol if sc.protocol != "auto" else "mt-sics")  # type: ignore[arg-type]
        except (OSError, ImportError, ValueError) as exc:  # no pty (Windows)
            scale_slot.problem = dm.SIMULATOR_FAILED(device=dm.device_word("scale"), why=_why(exc))
        else:
            station.simulators["scale"] = sim_scale
            station.on_close(sim_scale.stop)
            station.scale = SerialScale(sim_scale.port, sim_scale.protocol, timeout=1.0)
            scale_slot.where = sim_scale.port
    elif kind == "serial":
        if not sc.address.strip():
            scale_slot.problem = dm.NO_SCALE_PORT()
        else:
            station.scale = SerialScale(sc.address.strip(), sc.protocol)  # type: ignore[arg-type]
            scale_slot.where = sc.address.strip()
    if station.scale is not None:
        station.on_close(station.scale.close)
    station.scale_slot = scale_slot

    sn = settings.scanner
    kind = _effective(sn.serial_kind, demo)
    scanner_slot = DeviceSlot(kind)
    url = ""
    if kind == "simulated":
        try:
            from devices.sim.scanner import SimulatedSerialScanner

            sim_scanner = SimulatedSerialScanner()
        except (OSError, ImportError) as exc:
            scanner_slot.problem = dm.SIMULATOR_FAILED(
                device=dm.device_word("scanner"), why=_why(exc)
            )
        else:
            station.simulators["scanner"] = sim_scanner
            station.on_close(sim_scanner.stop)
            url = sim_scanner.port
    elif kind == "serial":
        url = sn.serial_address.strip()
        if not url:
            scanner_slot.problem = dm.NO_SCANNER_PORT()
    if url:
        from devices.scanners import SerialScanner

        scanner_slot.where = url
        baud, dedupe = sn.serial_baudrate or 9600, float(sn.dedupe_ms)

        def make_scanner(
            on_scan: Callable[[str], None],
            on_state: Callable[[Any, Message | None], None],
            on_refused: Callable[[Message], None],
        ) -> ScannerPort:
            return SerialScanner(
                url,
                on_scan=on_scan,
                on_state=on_state,
                on_refused=on_refused,
                baudrate=baud,
                dedupe_window_ms=dedupe,
            )

        station.serial_scanner = make_scanner
    station.serial_scanner_slot = scanner_slot
    return station


def test_label(when: str, where: str, language: str, size_mm: tuple[int, int], dpi: int) -> Label:
    """The label "print test label" sends (its layout: ``printing.selftest``)."""
    from printing.selftest import selftest_label

    return selftest_label(when, where, language, size_mm, dpi)


# --- documents: service data → the pure renderers ----------------------------------------------

DOCUMENT_FORMATS = ("pdf", "zpl", "tspl")


def _check_format(fmt: str) -> None:
    if fmt not in DOCUMENT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use pdf, zpl or tspl")


def render_waybill(
    data: WaybillData, fmt: str = "pdf", size: str = "100x150", dpi: int = 203
) -> bytes:
    """The waybill as a PDF page of its size, or as ZPL / TSPL for a label printer."""
    from printing.waybill import Party, WaybillDocument, render_waybill_pdf, waybill_label

    _check_format(fmt)

    def party(p: PartyData) -> Party:
        return Party(p.name, p.phone, p.province, p.city, p.district, p.address)

    doc = WaybillDocument(
        carrier_code=data.carrier_code,
        carrier_name=data.carrier_name,
        service=data.service,
        tracking_no=data.tracking_no,
        sender=party(data.sender),
        receiver=party(data.receiver),
        order_no=data.order_no,
        parcel_no=data.parcel_no,
        parcel_count=data.parcel_count,
        weight_g=data.weight_g,
        item_count=data.item_count,
        fragile=data.fragile,
        do_not_bend=data.do_not_bend,
        this_way_up=data.this_way_up,
        printed_at=dt.datetime.now(),
        mask_phone=data.mask_phone,
        remark=data.remark,
    )
    if fmt == "pdf":
        return render_waybill_pdf(doc, size)
    return _encode_label(waybill_label(doc, size, dpi), fmt)


def _encode_label(label: Label, fmt: str) -> bytes:
    from printing.tspl import encode_tspl
    from printing.zpl import encode_zpl

    return encode_zpl(label) if fmt == "zpl" else encode_tspl(label)


def render_packing_slip(data: SlipData, size: str = "a4") -> bytes:
    from printing.packing_slip import PackingSlipDocument, SlipLine, render_packing_slip_pdf

    doc = PackingSlipDocument(
        order_no=data.order_no,
        shop=data.shop,
        buyer_name=data.buyer_name,
        ordered_at=data.ordered_at,
        lines=tuple(SlipLine(x.sku, x.name, x.qty) for x in data.lines),
        gifts=tuple(SlipLine(x.sku, x.name, x.qty) for x in data.gifts),
        note=data.note,
        return_policy=data.return_policy,
        tracking_no=data.tracking_no,
        carrier_name=data.carrier_name,
        printed_at=dt.datetime.now(),
    )
    return render_packing_slip_pdf(doc, size)


def render_stock_labels(
    items: Sequence[StockLabelData],
    copies: int = 1,
    fmt: str = "pdf",
    size: str = "60x40",
    dpi: int = 203,
) -> bytes:
    from printing.stock_labels import StockLabel, encode_stock_labels, render_stock_labels_pdf

    _check_format(fmt)
    labels = [
        StockLabel(
            kind=i.kind,  # type: ignore[arg-type]
            code=i.code,
            title=i.title,
            gtin=i.gtin,
            lot=i.lot,
            expiry=i.expiry,
            received_at=i.received_at,
            sku=i.sku,
        )
        for i in items
    ]
    if fmt == "pdf":
        return render_stock_labels_pdf(labels, copies, size)
    return encode_stock_labels(labels, copies, size, fmt, dpi)  # type: ignore[arg-type]
