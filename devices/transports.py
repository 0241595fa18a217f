"""Byte transports for label printers: TCP 9100, serial, USB device file, CUPS, and a dummy.

A transport knows nothing about ZPL or TSPL; a label printer is ``language + transport``.
``query`` sends a request and waits for the answer: until ``complete(answer)`` is true, or, with
no ``complete``, until the first bytes arrive and the line stays quiet for a moment. No answer
in time raises :class:`devices.errors.DeviceTimeout`; a connection the printer closed raises
:class:`PrinterConnectionLost`. Neither ever reads as "ready".
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

import serial

from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout

Complete = Callable[[bytes], bool]
Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]

PRINTER = "label printer"
# Without a completion test, an answer is over once nothing more arrives for this long.
QUIET_GAP = 0.05


class PrinterConnectionLost(DeviceError):
    """The printer closed the connection (mid-job or before answering)."""

    def __init__(self, port: str, detail: str = "") -> None:
        self.port = port
        message = (
            f"The {PRINTER} on {port} dropped the connection; the label may not have printed. "
            "Check the printer and print again."
        )
        if detail:
            message += f" ({detail})"
        super().__init__(message)


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
            f"The {PRINTER} on {self.path} is write-only: its status cannot be read back."
        )

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class CupsTransport:
    """A CUPS queue, job sent with ``lp -d QUEUE [-o raw]`` on standard input."""

    def __init__(
        self, queue: str, raw: bool = True, runner: Runner | None = None, timeout: float = 30.0
    ) -> None:
        if not queue or queue.startswith("-") or any(ch.isspace() for ch in queue):
            raise ValueError(f"Not a CUPS queue name: {queue!r}")
        self.queue = queue
        self.raw = raw
        self.timeout = timeout
        self._run: Runner = runner if runner is not None else subprocess.run

    def command(self) -> list[str]:
        argv = ["lp", "-d", self.queue]
        if self.raw:
            argv += ["-o", "raw"]
        return argv

    def send(self, data: bytes) -> None:
        where = f"CUPS queue {self.queue}"
        try:
            result = self._run(
                self.command(), input=data, capture_output=True, timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise DeviceTimeout(PRINTER, where, self.timeout) from exc
        except OSError as exc:
            raise DeviceNotFound(PRINTER, where, str(exc)) from exc
        if result.returncode != 0:
            detail = (result.stderr or b"").decode("utf-8", "replace").strip()
            raise DeviceNotFound(PRINTER, where, detail or f"lp exited with {result.returncode}")

    def query(self, data: bytes, timeout: float, complete: Complete | None = None) -> bytes:
        raise TransportNotSupported(
            f"The {PRINTER} on CUPS queue {self.queue} cannot report its status through CUPS."
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
