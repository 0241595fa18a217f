"""The label print queue: every label is stored as a job before a byte goes to a printer.

    job_id = queue_job(uow, actor, "waybill printer", "zpl", payload, "waybill SF1234")
    report = send_pending(uow_factory, label_printer)   # later, from a worker thread

``send_pending`` sends a printer's queued and failed jobs in id order. Before each job it asks
the printer for its status; after sending it asks again, because raw TCP (port 9100) accepts
bytes into the socket buffer even when the printer then drops the connection. A job that cannot
be sent is marked "failed" with the reason (a message code, stored as JSON in ``last_error``;
:func:`stored_error` reads it back) and sending STOPS there, so labels
never come out of order and nothing is dropped: the job is retried on the next call, once the
printer is fixed. Device I/O happens outside any database transaction; each job's result is
written in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.db.models import PrintJob, utcnow
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound
from app.domain.users import Action, Actor
from app.messages import Message, from_json
from app.messages import devices as devm
from app.messages import documents as dm
from app.services import audit
from devices.errors import DeviceError
from devices.transports import TransportNotSupported

if TYPE_CHECKING:
    from devices.printer import LabelPrinter

log = logging.getLogger(__name__)


class JobStatus:
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


LANGUAGES = ("zpl", "tspl")
_PENDING = (JobStatus.QUEUED, JobStatus.FAILED)


@dataclass(frozen=True)
class JobInfo:
    id: int
    created_at: dt.datetime
    printer: str
    language: str
    description: str
    status: str
    attempts: int
    last_error: Message | str | None  # why the last try failed (str: stored before codes)
    sent_at: dt.datetime | None
    reprint_of: int | None
    actor: str
    size: int  # payload bytes


@dataclass
class SendReport:
    """Job ids sent and failed by one ``send_pending`` call, and why (messages)."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)
    #: The device errors behind ``failed`` (their ``detail``: what the system said).
    causes: list[DeviceError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors


def queue_job(
    uow: UnitOfWork,
    actor: Actor,
    printer: str,
    language: str,
    payload: bytes,
    description: str,
    *,
    reprint_of: int | None = None,
) -> int:
    """Store a job as "queued" (committed) and return its id. Nothing is sent here."""
    if not printer.strip():
        raise InvalidInput(dm.JOB_NEEDS_PRINTER())
    if language not in LANGUAGES:
        raise InvalidInput(dm.JOB_UNKNOWN_LANGUAGE(language=language))
    if not payload:
        raise InvalidInput(dm.JOB_EMPTY())
    with uow:
        job = PrintJob(
            created_at=utcnow(),
            printer=printer,
            language=language,
            payload=bytes(payload),
            description=description,
            status=JobStatus.QUEUED,
            attempts=0,
            reprint_of=reprint_of,
            actor=actor.name,
        )
        uow.session.add(job)
        uow.session.flush()
        job_id = job.id
        uow.commit()
    return job_id


def _pending(uow: UnitOfWork, printer: str, after: int) -> PrintJob | None:
    with uow.reading() as session:
        return session.scalars(
            select(PrintJob)
            .where(PrintJob.printer == printer, PrintJob.status.in_(_PENDING), PrintJob.id > after)
            .order_by(PrintJob.id)
            .limit(1)
        ).first()


def stored_error(text: str | None) -> Message | str | None:
    """A job's ``last_error`` as stored: a message (JSON), or a sentence stored before codes."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict) or "code" not in data:
        return text
    try:
        return from_json(data)
    except (KeyError, TypeError):  # a code that is gone: its English as stored
        return str(data.get("text") or text)


def _mark(uow: UnitOfWork, job_id: int, error: Message | None) -> None:
    with uow:
        job = uow.session.get(PrintJob, job_id)
        if job is None:  # pragma: no cover - jobs are never deleted
            return
        job.attempts += 1
        if error is None:
            job.status = JobStatus.SENT
            job.sent_at = utcnow()
            job.last_error = None
        else:
            job.status = JobStatus.FAILED
            job.last_error = json.dumps(error.to_json(), ensure_ascii=False)
        uow.commit()


def _send_one(printer: LabelPrinter, job: PrintJob) -> None:
    """Ready check, send, then a status query to prove the connection survived the job."""
    if job.language != printer.language:
        raise DeviceError(
            devm.WRONG_LANGUAGE(
                job=job.id,
                language=job.language.upper(),
                device=devm.device_word(printer.name),
                printer_language=printer.language.upper(),
            )
        )
    try:
        printer.ensure_ready()
    except TransportNotSupported:
        # A USB device file or a CUPS queue cannot report status: the transport's own error
        # (device gone, lp refused) is all there is to know.
        printer.send_raw(job.payload)
        return
    printer.send_raw(job.payload)
    printer.status()  # PrinterConnectionLost / "no answer" if the job was cut off


def send_pending(
    uow_factory: Callable[[], UnitOfWork],
    printer_obj: LabelPrinter,
    max_attempts: int | None = None,
) -> SendReport:
    """Send ``printer_obj``'s queued and failed jobs in id order; stop at the first failure.

    With ``max_attempts``, a job that has already been tried that many times is not tried
    again automatically: it stays "failed" (listed in ``errors``) for a person to reprint, and
    the jobs after it go ahead.
    """
    report = SendReport()
    after = 0
    while (job := _pending(uow_factory(), printer_obj.name, after)) is not None:
        after = job.id
        if max_attempts is not None and job.attempts >= max_attempts:
            report.errors.append(
                devm.JOB_GAVE_UP(
                    job=job.id,
                    what=job.description,
                    attempts=job.attempts,
                    reason=stored_error(job.last_error) or devm.UNKNOWN_ERROR(),
                )
            )
            continue
        try:
            _send_one(printer_obj, job)
        except DeviceError as exc:
            log.warning("print job #%d not sent: %s", job.id, exc)
            _mark(uow_factory(), job.id, exc.message)
            report.failed.append(job.id)
            report.errors.append(exc.message)
            report.causes.append(exc)
            break
        _mark(uow_factory(), job.id, None)
        report.sent.append(job.id)
    return report


def reprint(uow: UnitOfWork, actor: Actor, job_id: int, reason: str) -> int:
    """Queue a copy of job ``job_id`` (same bytes, ``reprint_of`` set), audited with ``reason``."""
    actor.require(Action.REPRINT_LABEL)  # a second waybill is a second parcel label: not packers
    reason = reason.strip()
    if not reason:
        raise InvalidInput(dm.REPRINT_REASON_MISSING())
    with uow:
        original = uow.session.get(PrintJob, job_id)
        if original is None:
            raise NotFound(dm.JOB_NOT_FOUND(job=job_id))
        copy = PrintJob(
            created_at=utcnow(),
            printer=original.printer,
            language=original.language,
            payload=original.payload,
            description=original.description,
            status=JobStatus.QUEUED,
            attempts=0,
            reprint_of=original.id,
            actor=actor.name,
        )
        uow.session.add(copy)
        uow.session.flush()
        audit.record(
            uow.session,
            actor,
            "reprint label",
            "print_job",
            copy.id,
            before={"job": original.id, "status": original.status},
            after={"job": copy.id, "reprint_of": original.id, "reason": reason},
        )
        new_id = copy.id
        uow.commit()
    return new_id


def list_jobs(uow: UnitOfWork, printer: str | None = None, limit: int = 100) -> list[JobInfo]:
    """The newest ``limit`` jobs (of one printer, or all), newest first."""
    query = select(
        PrintJob.id,
        PrintJob.created_at,
        PrintJob.printer,
        PrintJob.language,
        PrintJob.description,
        PrintJob.status,
        PrintJob.attempts,
        PrintJob.last_error,
        PrintJob.sent_at,
        PrintJob.reprint_of,
        PrintJob.actor,
        func.length(PrintJob.payload),
    )
    if printer is not None:
        query = query.where(PrintJob.printer == printer)
    query = query.order_by(PrintJob.id.desc()).limit(limit)
    with uow.reading() as session:
        rows = session.execute(query).all()
    return [
        JobInfo(
            id=r[0],
            created_at=r[1],
            printer=r[2],
            language=r[3],
            description=r[4],
            status=r[5],
            attempts=r[6],
            last_error=stored_error(r[7]),
            sent_at=r[8],
            reprint_of=r[9],
            actor=r[10],
            size=int(r[11] or 0),
        )
        for r in rows
    ]
