"""The CUPS path of the device layer: lp jobs (labels raw, PDFs with a media size), queue
discovery, and, when cupsd is installed, the same jobs through a private, real scheduler."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.discovery import (
    PortInfo,
    default_cups_queue,
    list_cups_queues,
    list_serial_ports,
    parse_lpstat_a,
    parse_lpstat_p,
)
from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout
from devices.printer import DocumentPrinter, LabelPrinter, NotAPdf, cups_media
from devices.sim.cups import PrivateCups
from devices.transports import CupsJobRefused, CupsNotInstalled, CupsTransport
from printing.label import Label, Text
from printing.zpl import encode_zpl

ZPL = encode_zpl(Label(60, 40, items=[Text(2, 2, "ORDER 1001", 4)]))
PDF = b"%PDF-1.4\n%fake but with the right header\n%%EOF\n"


class Runner:
    """Records every call; answers with a CompletedProcess or raises ``raises``."""

    def __init__(
        self,
        returncode: int = 0,
        stdout: bytes = b"",
        stderr: bytes = b"",
        raises: BaseException | None = None,
        answers: dict[str, bytes | BaseException | int] | None = None,
    ) -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.raises = raises
        self.answers = answers  # by the argv's last item: stdout, an exception or a returncode

    @property
    def argvs(self) -> list[list[str]]:
        return [argv for argv, _ in self.calls]

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((list(argv), kwargs))
        if self.answers is not None:
            answer = self.answers.get(argv[-1], 1)
            if isinstance(answer, BaseException):
                raise answer
            if isinstance(answer, int):
                return subprocess.CompletedProcess(argv, answer, b"", b"lpstat: failed")
            return subprocess.CompletedProcess(argv, 0, answer, b"")
        if self.raises is not None:
            raise self.raises
        return subprocess.CompletedProcess(argv, self.returncode, self.stdout, self.stderr)


# -- lp jobs with a recording runner ---------------------------------------------------------


def test_raw_label_job_argv_is_unchanged() -> None:
    runner = Runner(stdout=b"request id is Zebra_GK420d-7 (0 file(s))\n")
    transport = CupsTransport("Zebra_GK420d", runner=runner)
    printer = LabelPrinter("zpl", transport)
    printer.send_raw(ZPL)
    ((argv, kwargs),) = runner.calls
    assert argv == ["lp", "-d", "Zebra_GK420d", "-o", "raw"]
    assert kwargs["input"] == ZPL
    assert kwargs["timeout"] == 30.0
    assert transport.last_job_id == "Zebra_GK420d-7"


def test_pdf_job_argv_with_media_fit_and_title() -> None:
    runner = Runner(stdout=b"request id is office-42 (1 file(s))\n")
    slips = DocumentPrinter(CupsTransport("office", runner=runner), cups_media(100, 150))
    assert slips.print_pdf(PDF, title="Waybill SF1234") == "office-42"
    ((argv, kwargs),) = runner.calls
    # Never raw, even on a transport made with the default raw=True.
    assert argv == [
        "lp",
        "-d",
        "office",
        "-o",
        "media=Custom.100x150mm",
        "-o",
        "fit-to-page",
        "-t",
        "Waybill SF1234",
    ]
    assert kwargs["input"] == PDF
    assert slips.transport.last_job_id == "office-42"


def test_transport_media_options_and_env() -> None:
    runner = Runner(stdout=b"request id is A4_Laser-3 (0 file(s))")
    transport = CupsTransport(
        "A4_Laser",
        raw=False,
        media="A4",
        options={"sides": "one-sided"},
        env={"CUPS_SERVER": "/tmp/private/cups.sock"},
        runner=runner,
    )
    assert transport.submit(PDF) == "A4_Laser-3"
    ((argv, kwargs),) = runner.calls
    assert argv == ["lp", "-d", "A4_Laser", "-o", "media=A4", "-o", "sides=one-sided"]
    assert kwargs["env"]["CUPS_SERVER"] == "/tmp/private/cups.sock"
    assert "PATH" in kwargs["env"]  # added to the environment, not replacing it


@pytest.mark.parametrize(
    ("stdout", "job_id"),
    [
        (b"request id is office-42 (1 file(s))\n", "office-42"),
        (b"request id is office-7 (0 file(s))\n", "office-7"),
        (b"Anfrage-ID ist office-9 (0 Datei(en))\n", "office-9"),  # a translated lp
        (b"request id is office-copy-5 (1 file(s))\n", None),  # another queue's job
        (b"", None),
    ],
)
def test_job_id_parsing(stdout: bytes, job_id: str | None) -> None:
    transport = CupsTransport("office", runner=Runner(stdout=stdout))
    assert transport.submit(b"x") == job_id
    assert transport.last_job_id == job_id


def test_user_text_cannot_become_options() -> None:
    runner = Runner()
    transport = CupsTransport("office", raw=False, runner=runner)
    transport.submit(PDF, title="-o raw\n-d other\x1b[2J")
    ((argv, _),) = runner.calls
    assert argv == ["lp", "-d", "office", "-t", "-o raw -d other [2J"]
    for name, value in [("media", "A4 -o raw"), ("media", 'A4"'), ("bad name", "x"), ("-o", "x")]:
        with pytest.raises(ValueError):
            CupsTransport("office", options={name: value})
    with pytest.raises(ValueError):
        CupsTransport("office", media="A4\nraw")
    for queue in ["", "-o evil", "two words", "tab\tq", "nl\n"]:
        with pytest.raises(ValueError):
            CupsTransport(queue)


def test_lp_failure_names_the_queue() -> None:
    runner = Runner(returncode=1, stderr=b"lp: The printer or class does not exist.\n")
    with pytest.raises(CupsJobRefused) as caught:
        CupsTransport("Zebra_Back", runner=runner).send(ZPL)
    error = caught.value
    assert isinstance(error, DeviceNotFound)
    assert error.queue == "Zebra_Back"
    assert "queue Zebra_Back" in str(error)
    assert "The printer or class does not exist" in str(error)
    assert "Check that Settings names the right queue" in str(error)
    with pytest.raises(CupsJobRefused, match="lp exited with status 3"):
        CupsTransport("q", runner=Runner(returncode=3)).send(b"x")


def test_lp_missing_says_to_install_cups_client() -> None:
    runner = Runner(raises=FileNotFoundError(2, "No such file or directory", "lp"))
    with pytest.raises(CupsNotInstalled) as caught:
        CupsTransport("office", runner=runner).send(b"x")
    assert isinstance(caught.value, DeviceNotFound)
    assert "install the cups-client package" in str(caught.value)
    assert "CUPS queue office" in str(caught.value)


def test_lp_timeout_is_a_device_timeout() -> None:
    runner = Runner(raises=subprocess.TimeoutExpired(["lp"], 2.0))
    slips = DocumentPrinter(CupsTransport("office", runner=runner, timeout=2.0), "A4")
    with pytest.raises(DeviceTimeout, match=r"document printer on CUPS queue office .* 2 s"):
        slips.print_pdf(PDF)


@pytest.mark.parametrize("data", [b"", ZPL, b" %PDF-1.4", b"\x89PNG\r\n", b"%!PS-Adobe-3.0"])
def test_non_pdf_is_refused_and_nothing_sent(data: bytes) -> None:
    runner = Runner()
    slips = DocumentPrinter(CupsTransport("office", runner=runner), "A5", name="slip printer")
    with pytest.raises(NotAPdf) as caught:
        slips.print_pdf(data)
    assert isinstance(caught.value, DeviceError)
    assert str(caught.value).startswith("Nothing was sent to the slip printer on CUPS queue")
    assert runner.calls == []


@pytest.mark.parametrize(
    ("size", "media"),
    [
        ((210, 297), "A4"),
        ((297, 210), "A4"),
        ((148, 210), "A5"),
        ((210.2, 296.8), "A4"),
        ((100, 150), "Custom.100x150mm"),
        ((76, 130), "Custom.76x130mm"),
        ((100, 100), "Custom.100x100mm"),
        ((101.6, 152.4), "Custom.102x152mm"),
        ((148, 105), "Custom.148x105mm"),
    ],
)
def test_cups_media(size: tuple[float, float], media: str) -> None:
    assert cups_media(*size) == media


def test_cups_media_rejects_nonsense() -> None:
    for size in [(0, 150), (100, -1)]:
        with pytest.raises(ValueError):
            cups_media(*size)


# -- discovery with a recording runner --------------------------------------------------------

LPSTAT_E = b"Brother_HL_L2350DW\nZebra_GK420d\nZebra_GK420d/4x6\noffice\n"
LPSTAT_A = b"""Brother_HL_L2350DW accepting requests since Mon 01 Jul 2024 09:12:03 CEST
Zebra_GK420d not accepting requests since Tue 02 Jul 2024 10:00:00 CEST -
\tRejecting Jobs
office accepting requests since Wed 03 Jul 2024 08:00:00 CEST
"""
LPSTAT_P = b"""printer Brother_HL_L2350DW is idle.  enabled since Mon 01 Jul 2024 09:12:03 CEST
printer Zebra_GK420d disabled since Tue 02 Jul 2024 10:00:00 CEST -
\tPaused
printer office now printing office-42.  enabled since Wed 03 Jul 2024 08:00:00 CEST
"""


def test_list_cups_queues_from_lpstat_e() -> None:
    runner = Runner(answers={"-e": LPSTAT_E})
    assert list_cups_queues(runner) == [
        "Brother_HL_L2350DW",
        "Zebra_GK420d",
        "Zebra_GK420d/4x6",
        "office",
    ]
    ((argv, kwargs),) = runner.calls
    assert argv == ["lpstat", "-e"]
    assert kwargs["timeout"] == 5.0
    assert kwargs["env"]["LC_ALL"] == "C"


def test_list_cups_queues_falls_back_to_a_then_p() -> None:
    runner = Runner(answers={"-a": LPSTAT_A})
    assert list_cups_queues(runner) == ["Brother_HL_L2350DW", "Zebra_GK420d", "office"]
    assert runner.argvs == [["lpstat", "-e"], ["lpstat", "-a"]]
    runner = Runner(answers={"-e": b"", "-a": b"", "-p": LPSTAT_P})
    assert list_cups_queues(runner, env={"CUPS_SERVER": "/s"}) == [
        "Brother_HL_L2350DW",
        "Zebra_GK420d",
        "office",
    ]
    assert runner.argvs == [["lpstat", "-e"], ["lpstat", "-a"], ["lpstat", "-p"]]
    assert runner.calls[-1][1]["env"]["CUPS_SERVER"] == "/s"
    assert parse_lpstat_a(LPSTAT_A.decode()) == parse_lpstat_p(LPSTAT_P.decode())


def test_no_cups_means_no_queues_and_no_exception() -> None:
    missing = FileNotFoundError(2, "No such file or directory", "lpstat")
    runner = Runner(raises=missing)
    assert list_cups_queues(runner) == []
    assert default_cups_queue(runner) is None
    # Scheduler not running: lpstat -e prints nothing (status 0), -a fails.
    runner = Runner(answers={"-e": b"", "-a": 1})
    assert list_cups_queues(runner) == []
    assert runner.argvs == [["lpstat", "-e"], ["lpstat", "-a"]]
    # A hanging scheduler is asked once, not three times.
    runner = Runner(raises=subprocess.TimeoutExpired(["lpstat"], 5.0))
    assert list_cups_queues(runner) == []
    assert len(runner.calls) == 1
    assert default_cups_queue(runner) is None
    assert list_cups_queues(Runner(raises=PermissionError(13, "Permission denied"))) == []


def test_default_cups_queue() -> None:
    runner = Runner(answers={"-d": b"system default destination: office\n"})
    assert default_cups_queue(runner) == "office"
    assert runner.argvs == [["lpstat", "-d"]]
    assert default_cups_queue(Runner(answers={"-d": b"no system default destination\n"})) is None


def test_list_serial_ports_sorted_and_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from serial.tools import list_ports

    class Port:
        def __init__(self, device: str, description: str) -> None:
            self.device = device
            self.description = description

    monkeypatch.setattr(
        list_ports,
        "comports",
        lambda: [
            Port("/dev/ttyUSB1", "USB Serial"),
            Port("/dev/ttyS0", "n/a"),
            Port("/dev/ttyACM0", "Datalogic Scanner"),
        ],
    )
    assert list_serial_ports() == [
        PortInfo("/dev/ttyACM0", "Datalogic Scanner"),
        PortInfo("/dev/ttyS0", ""),
        PortInfo("/dev/ttyUSB1", "USB Serial"),
    ]

    def broken() -> list[Port]:
        raise OSError("sysfs went away")

    monkeypatch.setattr(list_ports, "comports", broken)
    assert list_serial_ports() == []


# -- a private, real CUPS scheduler -----------------------------------------------------------

_NO_CUPS = PrivateCups.unavailable_reason()
needs_cupsd = pytest.mark.skipif(
    _NO_CUPS is not None, reason=f"no private CUPS scheduler: {_NO_CUPS}"
)


def _waybill_pdf() -> bytes:
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(100 * mm, 150 * mm))
    page.setFont("Helvetica", 14)
    page.drawString(10 * mm, 130 * mm, "Waybill SF1234567890")
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.fixture
def cups(tmp_path: Path) -> Iterator[PrivateCups]:
    server = PrivateCups(tmp_path / "cups")
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert not server.running


@needs_cupsd
@pytest.mark.timeout(30)
def test_real_cups_queues_pdf_and_raw_jobs(cups: PrivateCups) -> None:
    cups.add_queue("waybills")
    cups.add_queue("Zebra_GK420d")
    cups.set_default("waybills")
    assert list_cups_queues(env=cups.env) == ["Zebra_GK420d", "waybills"]
    assert default_cups_queue(env=cups.env) == "waybills"

    pdf = _waybill_pdf()
    waybills = DocumentPrinter(
        CupsTransport("waybills", raw=False, env=cups.env, timeout=10), cups_media(100, 150)
    )
    pdf_job = waybills.print_pdf(pdf, title="Waybill SF1234567890")
    labels = CupsTransport("Zebra_GK420d", env=cups.env, timeout=10)
    LabelPrinter("zpl", labels).send_raw(ZPL)
    raw_job = labels.last_job_id
    assert pdf_job is not None and pdf_job.startswith("waybills-")
    assert raw_job is not None and raw_job.startswith("Zebra_GK420d-")

    [pdf_out] = cups.wait_for_jobs("waybills", 1)
    assert pdf_out.job_id == pdf_job
    assert pdf_out.data == pdf  # a raw (PPD-less) queue passes the PDF through unchanged
    assert pdf_out.options["media"] == "Custom.100x150mm"
    assert "fit-to-page" in pdf_out.options
    assert pdf_out.title == "Waybill SF1234567890"
    [raw_out] = cups.wait_for_jobs("Zebra_GK420d", 1)
    assert (raw_out.job_id, raw_out.data) == (raw_job, ZPL)  # byte-exact
    assert cups.wait_completed(pdf_job), cups.log()
    assert cups.wait_completed(raw_job), cups.log()


@needs_cupsd
@pytest.mark.timeout(30)
def test_real_cups_unknown_queue_is_refused(cups: PrivateCups) -> None:
    with pytest.raises(CupsJobRefused, match="queue nowhere"):
        CupsTransport("nowhere", env=cups.env, timeout=10).send(ZPL)
    assert list_cups_queues(env=cups.env) == []


def test_stopped_scheduler_lists_nothing(tmp_path: Path) -> None:
    env = {"CUPS_SERVER": str(tmp_path / "no-such.sock")}
    assert list_cups_queues(env=env) == []
    assert default_cups_queue(env=env) is None
