"""TcpTransport against the simulated 9100 printer: jobs, status queries, faults."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from devices.errors import DeviceNotFound, DeviceTimeout
from devices.sim.printer import Fault, SimulatedNetworkPrinter
from devices.transports import Complete, PrinterConnectionLost, TcpTransport
from printing.label import Barcode128, Label, Text
from printing.tspl import TSPL_STATUS_QUERY, encode_tspl, parse_tspl_status, tspl_status_complete
from printing.zpl import ZPL_STATUS_QUERY, encode_zpl, parse_zpl_host_status, zpl_status_complete

LABEL = Label(
    60, 40, items=[Text(2, 2, "ORDER 1001", 4), Text(2, 8, "张三 ^XZ~JR"), Barcode128(2, 16, "SF1")]
)


@pytest.fixture
def printer() -> Iterator[SimulatedNetworkPrinter]:
    sim = SimulatedNetworkPrinter()
    yield sim
    sim.stop()
    assert not any(t.name == "sim-printer" for t in threading.enumerate())


@pytest.fixture
def transport(printer: SimulatedNetworkPrinter) -> Iterator[TcpTransport]:
    tcp = TcpTransport("127.0.0.1", printer.port, timeout=1.0)
    yield tcp
    tcp.close()


def test_zpl_job_stored_byte_exact(
    printer: SimulatedNetworkPrinter, transport: TcpTransport
) -> None:
    job = encode_zpl(LABEL)
    transport.send(job)
    transport.send(job)
    transport.close()
    assert printer.wait_for_jobs(2) == [job, job]


def test_tspl_job_stored_byte_exact(
    printer: SimulatedNetworkPrinter, transport: TcpTransport
) -> None:
    job = encode_tspl(LABEL)
    transport.send(job)
    transport.close()
    assert printer.wait_for_jobs(1) == [job]


@pytest.mark.parametrize(
    ("faults", "reasons"),
    [
        ((), []),
        ((Fault.PAPER_OUT,), ["paper out"]),
        ((Fault.HEAD_OPEN,), ["head open"]),
        ((Fault.PAUSED, Fault.RIBBON_OUT), ["paused", "ribbon out"]),
    ],
)
def test_status_queries(
    printer: SimulatedNetworkPrinter,
    transport: TcpTransport,
    faults: tuple[Fault, ...],
    reasons: list[str],
) -> None:
    printer.set_fault(*faults)
    zpl = parse_zpl_host_status(transport.query(ZPL_STATUS_QUERY, 1.0, zpl_status_complete))
    tspl = parse_tspl_status(transport.query(TSPL_STATUS_QUERY, 1.0, tspl_status_complete))
    assert sorted(zpl.reasons) == sorted(tspl.reasons) == sorted(reasons)
    assert zpl.ready is tspl.ready is (not reasons)


def test_status_query_after_a_job_on_the_same_connection(
    printer: SimulatedNetworkPrinter, transport: TcpTransport
) -> None:
    job = encode_zpl(LABEL)
    transport.send(job)
    status = parse_zpl_host_status(transport.query(ZPL_STATUS_QUERY, 1.0, zpl_status_complete))
    assert status.ready
    assert printer.wait_for_jobs(1) == [job]


@pytest.mark.parametrize(
    ("query", "complete"),
    [(ZPL_STATUS_QUERY, zpl_status_complete), (TSPL_STATUS_QUERY, tspl_status_complete)],
)
def test_no_answer_is_a_timeout_never_ready(
    printer: SimulatedNetworkPrinter, transport: TcpTransport, query: bytes, complete: Complete
) -> None:
    printer.set_fault(Fault.NO_ANSWER)
    with pytest.raises(DeviceTimeout, match="did not answer"):
        transport.query(query, 0.2, complete)
    printer.set_fault()
    assert transport.query(query, 1.0, complete)


def test_dropped_connection_is_reported(
    printer: SimulatedNetworkPrinter, transport: TcpTransport
) -> None:
    printer.set_fault(Fault.DROP_CONNECTION)
    with pytest.raises(PrinterConnectionLost, match="dropped the connection"):
        transport.send(encode_zpl(LABEL))
        transport.query(ZPL_STATUS_QUERY, 1.0, zpl_status_complete)
    assert printer.jobs == []
    assert printer.dropped
    printer.set_fault()
    job = encode_tspl(LABEL)
    transport.send(job)  # reconnects
    transport.close()
    assert printer.wait_for_jobs(1) == [job]


def test_stopped_printer_is_not_found() -> None:
    sim = SimulatedNetworkPrinter()
    port = sim.port
    sim.stop()
    with pytest.raises(DeviceNotFound):
        TcpTransport("127.0.0.1", port, timeout=0.5).send(b"^XA^XZ")
