"""The print queue against the simulated 9100 printer, and LabelPrinter on a DummyTransport."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import AuditEvent, PrintJob
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound
from app.domain.users import Actor
from app.services.printing_jobs import list_jobs, queue_job, reprint, send_pending, stored_error
from devices.errors import PrinterNotReady
from devices.printer import LabelPrinter
from devices.sim.printer import Fault, SimulatedNetworkPrinter
from devices.transports import (
    DeviceFileTransport,
    DummyTransport,
    PrinterConnectionLost,
    TcpTransport,
)
from printing.label import Barcode128, Label, Text
from printing.tspl import TSPL_STATUS_QUERY, encode_tspl
from printing.zpl import ZPL_STATUS_QUERY, encode_zpl

UowFactory = Callable[[], UnitOfWork]
NAME = "waybill printer"
LABEL = Label(60, 40, items=[Text(2, 2, "ORDER 1001", 4), Barcode128(2, 16, "SF1234")])


def zpl(n: int) -> bytes:
    return encode_zpl(Label(60, 40, items=[Text(2, 2, f"ORDER {n}", 4), Barcode128(2, 16, "SF1")]))


def zpl_status(paper: int = 0, pause: int = 0, head: int = 0, ribbon: int = 0) -> bytes:
    one = f"030,{paper},{pause},1245,000,0,0,0,000,0,0,0"
    two = f"001,0,{head},{ribbon},0,2,6,0,00000000,1,000"
    return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (one, two, "1234,0"))


@pytest.fixture
def sim() -> Iterator[SimulatedNetworkPrinter]:
    printer = SimulatedNetworkPrinter()
    yield printer
    printer.stop()
    assert not any(t.name == "sim-printer" for t in threading.enumerate())


@pytest.fixture
def tcp(sim: SimulatedNetworkPrinter) -> Iterator[TcpTransport]:
    transport = TcpTransport("127.0.0.1", sim.port, timeout=1.0)
    yield transport
    transport.close()


@pytest.fixture
def printer(tcp: TcpTransport) -> LabelPrinter:
    return LabelPrinter("zpl", tcp, name=NAME)


def job(uow: UowFactory, job_id: int) -> PrintJob:
    with uow().reading() as s:
        found = s.get(PrintJob, job_id)
        assert found is not None
        return found


# -- the queue against the simulator ---------------------------------------------------------


def test_job_is_stored_before_anything_is_sent(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter
) -> None:
    job_id = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    stored = job(uow, job_id)
    assert (stored.status, stored.attempts, stored.payload) == ("queued", 0, zpl(1))
    assert (stored.actor, stored.description, stored.sent_at) == ("Admin", "waybill SF1", None)
    assert sim.jobs == []


def test_send_pending_delivers_byte_exact_and_marks_sent(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter, printer: LabelPrinter
) -> None:
    first = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    second = queue_job(uow(), admin, NAME, "zpl", zpl(2), "waybill SF2")
    other = queue_job(uow(), admin, "other printer", "zpl", zpl(3), "not this printer")
    report = send_pending(uow, printer)
    assert (report.sent, report.failed, report.errors) == ([first, second], [], [])
    assert sim.wait_for_jobs(2) == [zpl(1), zpl(2)]  # the order is kept
    for job_id in (first, second):
        sent = job(uow, job_id)
        assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None)
        assert sent.sent_at is not None
    assert job(uow, other).status == "queued"
    assert send_pending(uow, printer).sent == []  # nothing is sent twice


def test_paper_out_fails_the_job_keeps_it_and_stops(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter, printer: LabelPrinter
) -> None:
    first = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    second = queue_job(uow(), admin, NAME, "zpl", zpl(2), "waybill SF2")
    sim.set_fault(Fault.PAPER_OUT)
    report = send_pending(uow, printer)
    sentence = (
        f"The {NAME} on 127.0.0.1:{sim.port} cannot print: paper out. "
        "Load a new roll of labels, then print again."
    )
    assert (report.sent, report.failed) == ([], [first])
    assert [e.name for e in report.errors] == ["device.printer_not_ready"]
    assert [str(e) for e in report.errors] == [sentence]
    failed = job(uow, first)
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert stored_error(failed.last_error) == report.errors[0]  # the code, kept with the job
    assert list_jobs(uow(), NAME)[-1].last_error == report.errors[0]
    assert job(uow, second).status == "queued"  # not tried: the order is kept
    assert sim.jobs == []

    sim.set_fault()
    report = send_pending(uow, printer)
    assert report.sent == [first, second]
    assert sim.wait_for_jobs(2) == [zpl(1), zpl(2)]
    resent = job(uow, first)
    assert (resent.status, resent.attempts, resent.last_error) == ("sent", 2, None)


def test_no_answer_is_never_ready(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter, printer: LabelPrinter
) -> None:
    job_id = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    sim.set_fault(Fault.NO_ANSWER)
    with pytest.raises(PrinterNotReady, match="does not answer") as caught:
        printer.status(timeout=0.2)
    assert caught.value.reason == "no answer"
    report = send_pending(uow, printer)
    assert report.failed == [job_id]
    failed = job(uow, job_id)
    assert failed.status == "failed"
    assert "does not answer" in str(stored_error(failed.last_error))
    assert sim.jobs == [] and sim.dropped == []


class DropDuringJob(TcpTransport):
    """A TCP transport whose printer resets the connection when the next job starts arriving."""

    def __init__(self, sim: SimulatedNetworkPrinter) -> None:
        super().__init__("127.0.0.1", sim.port, timeout=1.0)
        self.sim = sim
        self.armed = True

    def send(self, data: bytes) -> None:
        if self.armed and data not in (ZPL_STATUS_QUERY, TSPL_STATUS_QUERY):
            self.armed = False
            self.sim.set_fault(Fault.DROP_CONNECTION)
        super().send(data)


def test_connection_dropped_mid_job_fails_and_is_retried(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter
) -> None:
    transport = DropDuringJob(sim)
    printer = LabelPrinter("zpl", transport, name=NAME)
    try:
        first = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
        second = queue_job(uow(), admin, NAME, "zpl", zpl(2), "waybill SF2")
        report = send_pending(uow, printer)
        assert report.sent == [] and report.failed == [first]
        failed = job(uow, first)
        assert failed.status == "failed"
        assert "dropped the connection" in str(stored_error(failed.last_error))
        assert sim.jobs == [] and zpl(1) in sim.dropped
        assert job(uow, second).status == "queued"

        sim.set_fault()
        report = send_pending(uow, printer)
        assert report.sent == [first, second]
        assert sim.wait_for_jobs(2) == [zpl(1), zpl(2)]
        assert job(uow, first).attempts == 2
    finally:
        transport.close()


def test_max_attempts_leaves_the_job_failed_and_goes_on(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter, printer: LabelPrinter
) -> None:
    first = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    second = queue_job(uow(), admin, NAME, "zpl", zpl(2), "waybill SF2")
    sim.set_fault(Fault.HEAD_OPEN)
    assert send_pending(uow, printer, max_attempts=1).failed == [first]
    sim.set_fault()
    report = send_pending(uow, printer, max_attempts=1)
    assert report.sent == [second]
    assert [e.name for e in report.errors] == ["print.gave_up"]
    assert "Close the print head" in str(report.errors[0])
    assert job(uow, first).status == "failed"
    assert sim.wait_for_jobs(1) == [zpl(2)]


def test_wrong_language_fails_without_sending(
    uow: UowFactory, admin: Actor, sim: SimulatedNetworkPrinter, printer: LabelPrinter
) -> None:
    job_id = queue_job(uow(), admin, NAME, "tspl", encode_tspl(LABEL), "test label")
    report = send_pending(uow, printer)
    assert report.failed == [job_id] and report.errors[0].name == "device.wrong_language"
    assert report.errors[0].params["language"] == "TSPL"
    assert sim.jobs == []


def test_reprint_copies_the_bytes_and_audits_the_reason(
    uow: UowFactory,
    admin: Actor,
    supervisor: Actor,
    sim: SimulatedNetworkPrinter,
    printer: LabelPrinter,
) -> None:
    original = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    send_pending(uow, printer)
    copy = reprint(uow(), supervisor, original, "label torn")
    again = job(uow, copy)
    assert (again.status, again.reprint_of, again.actor) == ("queued", original, "Wang Fang")
    assert (again.payload, again.description) == (zpl(1), "waybill SF1")
    assert send_pending(uow, printer).sent == [copy]
    assert sim.wait_for_jobs(2) == [zpl(1), zpl(1)]
    with uow().reading() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "reprint label")).one()
    assert (event.actor, event.entity, event.entity_id) == ("Wang Fang", "print_job", str(copy))
    assert event.after is not None and event.after["reason"] == "label torn"
    assert event.after["reprint_of"] == original

    with pytest.raises(InvalidInput):
        reprint(uow(), supervisor, original, "  ")
    with pytest.raises(NotFound):
        reprint(uow(), supervisor, 999, "lost")


def test_a_packer_cannot_reprint_a_label(uow: UowFactory, admin: Actor, packer: Actor) -> None:
    from app.domain.errors import PermissionDenied

    original = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    with pytest.raises(PermissionDenied, match="not allowed to reprint labels"):
        reprint(uow(), packer, original, "label torn")
    assert [j.id for j in list_jobs(uow())] == [original]


def test_list_jobs_newest_first_and_per_printer(uow: UowFactory, admin: Actor) -> None:
    a = queue_job(uow(), admin, NAME, "zpl", zpl(1), "one")
    b = queue_job(uow(), admin, "other", "tspl", b"PRINT 1,1\r\n", "two")
    c = queue_job(uow(), admin, NAME, "zpl", zpl(3), "three")
    assert [j.id for j in list_jobs(uow())] == [c, b, a]
    mine = list_jobs(uow(), printer=NAME, limit=1)
    assert [(j.id, j.description, j.size) for j in mine] == [(c, "three", len(zpl(3)))]
    with pytest.raises(InvalidInput):
        queue_job(uow(), admin, NAME, "pdf", b"x", "bad")
    with pytest.raises(InvalidInput):
        queue_job(uow(), admin, NAME, "zpl", b"", "empty")


# -- LabelPrinter on a DummyTransport --------------------------------------------------------


def test_print_label_encodes_and_sends() -> None:
    transport = DummyTransport()
    assert LabelPrinter("zpl", transport).print_label(LABEL) == encode_zpl(LABEL)
    assert LabelPrinter("tspl", transport).print_label(LABEL) == encode_tspl(LABEL)
    assert transport.sent == [encode_zpl(LABEL), encode_tspl(LABEL)]
    LabelPrinter("zpl", transport).send_raw(b"^XA^XZ")
    assert transport.sent[-1] == b"^XA^XZ"


def test_zpl_status_parsing() -> None:
    transport = DummyTransport([zpl_status(), zpl_status(paper=1, head=1)])
    printer = LabelPrinter("zpl", transport, name="zebra")
    assert printer.ensure_ready().ready
    assert transport.sent == [ZPL_STATUS_QUERY]
    with pytest.raises(PrinterNotReady) as caught:
        printer.ensure_ready()
    assert caught.value.reason == "paper out, head open"
    assert str(caught.value).startswith("The zebra cannot print: paper out; head open.")
    assert [m.name for m in caught.value.reasons] == [
        "device.reason.paper_out",
        "device.reason.head_open",
    ]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [(b"\x04", "paper out"), (b"\x10", "paused"), (b"\x01", "head open")],
)
def test_tspl_status_parsing(answer: bytes, reason: str) -> None:
    transport = DummyTransport([b"\x00", b"\x20", answer])
    printer = LabelPrinter("tspl", transport)
    assert printer.status().ready
    busy = printer.ensure_ready()
    assert busy.ready and busy.busy  # printing is not a fault
    with pytest.raises(PrinterNotReady) as caught:
        printer.ensure_ready()
    assert caught.value.reason == reason
    assert transport.sent == [TSPL_STATUS_QUERY] * 3


def test_no_or_garbled_answer_is_never_ready() -> None:
    printer = LabelPrinter("zpl", DummyTransport())
    with pytest.raises(PrinterNotReady) as caught:
        printer.status(timeout=0.1)
    assert caught.value.reason == "no answer"
    assert "does not answer" in str(caught.value)
    garbled = LabelPrinter("zpl", DummyTransport([b"\x02030,0\x03"]))
    with pytest.raises(PrinterNotReady, match="unreadable status"):
        garbled.ensure_ready()
    with pytest.raises(PrinterNotReady):
        LabelPrinter("tspl", DummyTransport([b""])).status()


def test_connection_lost_is_not_swallowed(sim: SimulatedNetworkPrinter, tcp: TcpTransport) -> None:
    sim.set_fault(Fault.DROP_CONNECTION)
    with pytest.raises(PrinterConnectionLost):
        LabelPrinter("zpl", tcp).status(timeout=0.5)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="zpl or tspl"):
        LabelPrinter("pdf", DummyTransport())  # type: ignore[arg-type]


def test_a_printer_that_cannot_report_status_still_prints(
    uow: UowFactory, admin: Actor, tmp_path: Path
) -> None:
    """A USB printer device file has no status channel: jobs go out, are marked sent."""
    device = tmp_path / "lp0"
    device.touch()
    usb = LabelPrinter("zpl", DeviceFileTransport(device), name=NAME)
    first = queue_job(uow(), admin, NAME, "zpl", zpl(1), "waybill SF1")
    second = queue_job(uow(), admin, NAME, "zpl", zpl(2), "waybill SF2")
    report = send_pending(uow, usb)
    usb.close()
    assert (report.sent, report.failed) == ([first, second], [])
    assert device.read_bytes() == zpl(1) + zpl(2)
    device.unlink()
    gone = LabelPrinter("zpl", DeviceFileTransport(tmp_path / "missing" / "lp0"), name=NAME)
    third = queue_job(uow(), admin, NAME, "zpl", zpl(3), "waybill SF3")
    report = send_pending(uow, gone)
    assert report.failed == [third]
    assert report.errors[0].name == "device.not_found"
    assert "could not be opened" in str(report.errors[0])
    assert job(uow, third).status == "failed"


def test_a_stored_problem_reads_back_as_its_message_or_as_it_was_written() -> None:
    from app.messages import devices as dm

    said = dm.NOT_READY(
        device=dm.device_word("label printer"),
        port="10.0.0.7:9100",
        reason=dm.printer_reasons("paper out, head open"),
        advice=dm.printer_advice("paper out, head open"),
    )
    assert stored_error(json.dumps(said.to_json())) == said
    assert stored_error("The printer caught fire.") == "The printer caught fire."  # before codes
    gone = {"code": "device.no_longer_a_code", "params": {}, "text": "It was said once."}
    assert stored_error(json.dumps(gone)) == "It was said once."
    assert stored_error(None) is None and stored_error("") is None
