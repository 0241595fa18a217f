"""Byte transports for label printers: TCP 9100, serial, USB device file, CUPS, and a dummy.

A transport knows nothing about ZPL or TSPL; a label printer is ``language + transport``.
``query`` sends a request and waits for the answer: until ``complete(answer)`` is true, or, with
no ``complete``, until the first bytes arrive and the line stays quiet for a moment. No answer
in time raises :class:`devices.errors.DeviceTimeout`; a connection the printer closed raises
:class:`PrinterConnectionLost`. Neither ever reads as "ready".
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

import serial

from app.messages import Message
from app.messages import devices as dm
from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout, SettingError

Complete = Callable[[bytes], bool]
Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]

PRINTER = "label printer"
# Without a completion test, an answer is over once nothing more arrives for this long.
QUIET_GAP = 0.05


class PrinterConnectionLost(DeviceError):
    """The printer closed the connection (mid-job or before answering)."""

    def __init__(self, port: str, detail: str = "") -> None:
        self.port = port
        super().__init__(dm.CONNECTION_LOST(device=dm.device_word(PRINTER), port=port), detail)


class TransportNotSupported(DeviceError):
    """The transport cannot do this (e.g. read a status back through CUPS)."""


class Transport(Protocol):
    def send(self, data: bytes) -> None: ...

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes: ...

    def close(self) -> None: ...


def _done(buf: bytes, complete: Complete | None) -> bool:
    return bool(buf) and (complete is None or complete(buf))


class TcpTransport:
    """Raw TCP (JetDirect, port 9100). Connects lazily and reconnects after an error."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._sock: socket.socket | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def _connect(self) -> socket.socket:
        if self._sock is None:
            try:
                self._sock = socket.create_connection((self.host, self.port), self.timeout)
            except TimeoutError as exc:
                raise DeviceTimeout(PRINTER, self.where, self.timeout) from exc
            except OSError as exc:
                raise DeviceNotFound(PRINTER, self.where, str(exc)) from exc
        return self._sock

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def send(self, data: bytes) -> None:
        sock = self._connect()
        try:
            sock.settimeout(self.timeout)
            sock.sendall(data)
        except TimeoutError as exc:
            self._drop()
            raise DeviceTimeout(PRINTER, self.where, self.timeout) from exc
        except OSError as exc:
            self._drop()
            raise PrinterConnectionLost(self.where, str(exc)) from exc

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        self.send(data)
        sock = self._connect()
        buf = b""
        deadline = time.monotonic() + timeout
        try:
            while not (complete is not None and _done(buf, complete)):
                left = deadline - time.monotonic()
                if buf and complete is None:
                    left = min(left, QUIET_GAP)
                if left <= 0:
                    break
                sock.settimeout(left)
                try:
                    chunk = sock.recv(4096)
                except TimeoutError:
                    break
                if not chunk:
                    self._drop()
                    raise PrinterConnectionLost(self.where, "closed before answering")
                buf += chunk
        except OSError as exc:
            self._drop()
            raise PrinterConnectionLost(self.where, str(exc)) from exc
        if not _done(buf, complete):
            self._drop()  # a late answer must not be read as the answer to the next query
            raise DeviceTimeout(PRINTER, self.where, timeout)
        return buf

    def close(self) -> None:
        self._drop()


class SerialTransport:
    """A serial port or any pyserial URL (``/dev/ttyUSB0``, ``COM3``, ``socket://``, ``loop://``)."""

    def __init__(self, url: str, baudrate: int = 9600, timeout: float = 5.0) -> None:
        self.url = url
        self.baudrate = baudrate
        self.timeout = timeout
        self._port: Any = None

    def _open(self) -> Any:
        if self._port is None:
            try:
                self._port = serial.serial_for_url(
                    self.url,
                    baudrate=self.baudrate,
                    timeout=self.timeout,
                    write_timeout=self.timeout,
                )
            except (serial.SerialException, ValueError) as exc:
                raise DeviceNotFound(PRINTER, self.url, str(exc)) from exc
        return self._port

    def send(self, data: bytes) -> None:
        port = self._open()
        try:
            port.write(data)
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(PRINTER, self.url, self.timeout) from exc
        except serial.SerialException as exc:
            self.close()
            raise PrinterConnectionLost(self.url, str(exc)) from exc

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        port = self._open()
        port.reset_input_buffer()
        self.send(data)
        buf = b""
        deadline = time.monotonic() + timeout
        while not (complete is not None and _done(buf, complete)):
            left = deadline - time.monotonic()
            if buf and complete is None:
                left = min(left, QUIET_GAP)
            if left <= 0:
                break
            port.timeout = left
            chunk = port.read(max(port.in_waiting, 1))
            if not chunk:
                break
            buf += chunk
        if not _done(buf, complete):
            raise DeviceTimeout(PRINTER, self.url, timeout)
        return bytes(buf)

    def close(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None


class DeviceFileTransport:
    """A printer device file such as ``/dev/usb/lp0`` (write only: no status read back)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fh: IO[bytes] | None = None

    def send(self, data: bytes) -> None:
        try:
            if self._fh is None:
                self._fh = self.path.open("wb", buffering=0)
            self._fh.write(data)
            self._fh.flush()
        except OSError as exc:
            self.close()
            raise DeviceNotFound(PRINTER, str(self.path), str(exc)) from exc

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        raise TransportNotSupported(
            dm.WRITE_ONLY(device=dm.device_word(PRINTER), port=str(self.path))
        )

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class CupsNotInstalled(DeviceNotFound):
    """The CUPS client programs (``lp``) are not installed on this computer."""

    def __init__(self, device: str, queue: str, program: str = "lp") -> None:
        super().__init__(device, dm.CUPS_QUEUE(queue=queue), f"{program} is not installed")
        DeviceError.__init__(
            self,
            dm.CUPS_NOT_INSTALLED(
                device=dm.device_word(device), port=dm.CUPS_QUEUE(queue=queue), program=program
            ),
        )


class CupsJobRefused(DeviceNotFound):
    """``lp`` failed: CUPS did not take the job (unknown queue, queue disabled, no scheduler)."""

    def __init__(self, device: str, queue: str, detail: str | Message) -> None:
        super().__init__(device, dm.CUPS_QUEUE(queue=queue))
        self.queue = queue
        said = detail.rstrip(".") if isinstance(detail, str) else detail
        DeviceError.__init__(
            self,
            dm.CUPS_REFUSED(
                device=dm.device_word(device), port=dm.CUPS_QUEUE(queue=queue), detail=said
            ),
        )


_OPTION_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
# lp splits an -o argument at blanks and reads quotes and backslashes: a value must have none.
_OPTION_VALUE = re.compile(r"[^\s\"'\\=\x00-\x1f\x7f]*")
_JOB_TITLE_MAX = 200


def check_cups_option(name: str, value: str) -> None:
    """Raise ``SettingError`` (a ValueError) unless ``name=value`` reaches lp as exactly one
    option."""
    if not _OPTION_NAME.fullmatch(name) or not _OPTION_VALUE.fullmatch(value):
        raise SettingError(dm.NOT_AN_OPTION(option=f"{name}={value}"))


def _job_title(title: str) -> str:
    """One printable line: control characters (newlines, escapes) become spaces."""
    clean = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in title)
    return " ".join(clean.split())[:_JOB_TITLE_MAX]


def subprocess_env(env: Mapping[str, str] | None, **extra: str) -> dict[str, str] | None:
    """The environment for a CUPS client program: ours plus ``env`` (None: inherit as is)."""
    if env is None and not extra:
        return None
    return {**os.environ, **(env or {}), **extra}


class CupsTransport:
    """A CUPS queue, job sent with ``lp -d QUEUE [-o raw] [-o media=...] [-t TITLE]`` on stdin.

    ``raw=True`` (labels: ZPL, TSPL) passes the bytes to the printer untouched; ``raw=False``
    (PDFs) lets CUPS convert them for the printer, with ``media`` (e.g. ``"A4"``,
    ``"Custom.100x150mm"``) and further ``options`` (``{"fit-to-page": ""}`` gives a bare
    ``-o fit-to-page``). Everything reaches ``lp`` as separate argv items, never through a
    shell. ``env`` is added to the environment of ``lp`` (e.g. ``CUPS_SERVER``). After a job,
    :attr:`last_job_id` is the CUPS request id (``"QUEUE-42"``) or None when lp did not say.
    """

    def __init__(
        self,
        queue: str,
        raw: bool = True,
        runner: Runner | None = None,
        timeout: float = 30.0,
        media: str | None = None,
        options: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        device: str = PRINTER,
    ) -> None:
        if (
            not queue
            or queue.startswith("-")
            or any(ch.isspace() or not ch.isprintable() for ch in queue)
        ):
            raise SettingError(dm.NOT_A_QUEUE(queue=queue))
        if media is not None:
            check_cups_option("media", media)
        for name, value in (options or {}).items():
            check_cups_option(name, value)
        self.queue = queue
        self.raw = raw
        self.timeout = timeout
        self.media = media
        self.options: dict[str, str] = dict(options or {})
        self.env: dict[str, str] | None = dict(env) if env is not None else None
        self.device = device
        self.last_job_id: str | None = None
        self._run: Runner = runner if runner is not None else subprocess.run

    @property
    def where(self) -> str:
        return f"CUPS queue {self.queue}"

    @property
    def place(self) -> Message:
        """Where the printer is, in words for a message ("CUPS queue office")."""
        return dm.CUPS_QUEUE(queue=self.queue)

    def command(
        self,
        title: str = "",
        *,
        raw: bool | None = None,
        media: str | None = None,
        options: Mapping[str, str] | None = None,
    ) -> list[str]:
        """The lp argv for one job; ``raw``/``media``/``options`` override the transport's."""
        raw = self.raw if raw is None else raw
        media = self.media if media is None else media
        merged = {**self.options, **(options or {})}
        if media is not None:
            merged = {"media": media, **{k: v for k, v in merged.items() if k != "media"}}
        argv = ["lp", "-d", self.queue]
        if raw:
            argv += ["-o", "raw"]
        for name, value in merged.items():
            check_cups_option(name, value)
            argv += ["-o", f"{name}={value}" if value else name]
        title = _job_title(title)
        if title:
            argv += ["-t", title]
        return argv

    def parse_job_id(self, stdout: bytes | str | None) -> str | None:
        """``"request id is QUEUE-42 (1 file(s))"`` -> ``"QUEUE-42"`` (any language)."""
        text = stdout.decode("utf-8", "replace") if isinstance(stdout, bytes) else stdout or ""
        match = re.search(rf"(?<!\S){re.escape(self.queue)}-(\d+)\b", text)
        return f"{self.queue}-{match.group(1)}" if match else None

    def submit(
        self,
        data: bytes,
        title: str = "",
        *,
        raw: bool | None = None,
        media: str | None = None,
        options: Mapping[str, str] | None = None,
        device: str | None = None,
    ) -> str | None:
        """Queue one job; returns the CUPS job id (also in :attr:`last_job_id`)."""
        device = device or self.device
        argv = self.command(title, raw=raw, media=media, options=options)
        self.last_job_id = None
        try:
            result = self._run(
                argv,
                input=bytes(data),
                capture_output=True,
                timeout=self.timeout,
                check=False,
                env=subprocess_env(self.env),
            )
        except subprocess.TimeoutExpired as exc:
            raise DeviceTimeout(device, self.place, self.timeout) from exc
        except FileNotFoundError as exc:
            raise CupsNotInstalled(device, self.queue) from exc
        except OSError as exc:
            raise DeviceNotFound(device, self.place, str(exc)) from exc
        if result.returncode != 0:
            said = (result.stderr or b"").decode("utf-8", "replace").strip()
            detail: str | Message = said or dm.LP_EXIT_STATUS(status=result.returncode)
            raise CupsJobRefused(device, self.queue, detail)
        self.last_job_id = self.parse_job_id(result.stdout)
        return self.last_job_id

    def send(self, data: bytes) -> None:
        self.submit(data)

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        raise TransportNotSupported(
            dm.CUPS_NO_STATUS(device=dm.device_word(self.device), port=self.place)
        )

    def close(self) -> None:
        return None


class DummyTransport:
    """Records what is sent; ``answers`` are returned by ``query`` in order (none: timeout)."""

    def __init__(self, answers: list[bytes] | None = None) -> None:
        self.sent: list[bytes] = []
        self.answers: deque[bytes] = deque(answers or [])
        self.closed = False

    @property
    def data(self) -> bytes:
        return b"".join(self.sent)

    def send(self, data: bytes) -> None:
        self.sent.append(bytes(data))

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        self.send(data)
        if not self.answers:
            raise DeviceTimeout(PRINTER, "dummy", timeout)
        return self.answers.popleft()

    def close(self) -> None:
        self.closed = True
