"""Scales: frame parsers, a stable-weight detector and a serial scale.

Parsers take one frame (bytes, line ending optional) and return a :class:`Reading` or raise
:class:`FrameError` (a ``ValueError`` whose ``message`` says why, as a message code); they never
raise anything else, whatever the bytes.

Formats
-------
``mt-sics``
    Mettler-Toledo MT-SICS answers to ``S`` / ``SI``: ``S S     1.234 kg`` (stable),
    ``S D     1.230 kg`` (dynamic, i.e. unstable). Units g, kg, mg, t, lb, oz are converted to
    grams. ``S +`` (overload) is *not* an error: it gives ``Reading(0.0, stable=False,
    overload=True)`` so the screen can say "take the parcel off"; ``grams`` means nothing then.
    ``S I`` (busy), ``S -`` (underload), ``ES``, ``ET``, ``EL`` raise ``FrameError``.
``continuous``
    Generic continuous output (A&D style, also CAS 18-byte): ``ST,GS,+  1.234kg``;
    ``US`` = unstable, ``OL`` = overload (a Reading with ``overload=True``), ``GS`` gross or
    ``NT`` net; sign and spaces optional, unit g/kg/t/lb/oz (none = kg).
``cas``
    CAS 22-byte frame as documented in CAS indicator manuals (CI-series, NT-200):
    ``ST,GS,`` + device id (1 byte) + lamp status (1 byte, any value) + ``,`` + 8-byte weight
    + one blank + 2-byte unit (``kg``, `` g``, `` t``, ``lb``) + CR LF. The weight field may
    carry a sign and leading blanks/zeros. CR LF may be missing (20 bytes).
"""

from __future__ import annotations

import contextlib
import math
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Literal, Protocol

import serial

from app.messages import Code, Message
from app.messages import devices as dm
from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout

try:  # pyserial lets termios.error (not an OSError) escape when a pty's other side is gone
    import termios

    _PORT_ERRORS: tuple[type[BaseException], ...] = (
        serial.SerialException,
        OSError,
        termios.error,
    )
except ImportError:  # Windows
    _PORT_ERRORS = (serial.SerialException, OSError)

GRAMS_PER_UNIT: dict[str, float] = {
    "mg": 0.001,
    "g": 1.0,
    "kg": 1000.0,
    "t": 1_000_000.0,
    "lb": 453.59237,
    "oz": 28.349523125,
}

MAX_GRAMS = 1e9  # 1,000 t: anything heavier is a garbled frame, not a parcel

ScaleProtocol = Literal["mt-sics", "continuous", "cas"]
PROTOCOLS: tuple[ScaleProtocol, ...] = ("mt-sics", "continuous", "cas")

_NUMBER = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"


class FrameError(ValueError):
    """A frame that is not a weight; ``message`` says why (a code of app.messages.devices)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.english())


@dataclass(frozen=True)
class Reading:
    """One weight from a scale; ``grams`` is meaningless when ``overload`` is set."""

    grams: float
    stable: bool
    overload: bool = False
    raw: bytes = b""


class Scale(Protocol):
    """What the app needs from a scale."""

    def read_weight(self) -> Reading: ...

    def close(self) -> None: ...


def _text(frame: bytes) -> str:
    if not isinstance(frame, bytes | bytearray):
        raise ValueError("A scale frame must be bytes.")
    if len(frame) > 200:
        raise FrameError(dm.SCALE_TOO_LONG())
    try:
        return bytes(frame).decode("ascii")
    except UnicodeDecodeError:
        raise FrameError(dm.SCALE_NOT_TEXT()) from None


def _grams(number: str, unit: str, sign: str = "") -> float:
    factor = GRAMS_PER_UNIT.get(unit.lower())
    if factor is None:
        raise FrameError(dm.SCALE_UNIT(unit=unit))
    try:
        value = float(number)
    except ValueError:
        raise FrameError(dm.SCALE_NOT_NUMBER(text=number)) from None
    grams = value * factor
    if not math.isfinite(grams) or abs(grams) > MAX_GRAMS:
        raise FrameError(dm.SCALE_TOO_HEAVY())
    return -grams if sign == "-" else grams


_MT_WEIGHT = re.compile(
    rf"S\s+([SD])\s+([+-]?)\s*({_NUMBER})\s*([A-Za-z]+)",
)
# "S +" (overload) is not here: it is a Reading.
_MT_ERRORS: dict[str, Code] = {
    "S I": dm.SCALE_BUSY,
    "S -": dm.SCALE_UNDERLOAD,
    "ES": dm.SCALE_ES,
    "ET": dm.SCALE_ET,
    "EL": dm.SCALE_EL,
}


def parse_mt_sics(frame: bytes) -> Reading:
    """Parse a Mettler-Toledo MT-SICS answer to ``S`` or ``SI``."""
    line = " ".join(_text(frame).split())
    if not line:
        raise FrameError(dm.SCALE_EMPTY())
    if line == "S +":
        return Reading(0.0, stable=False, overload=True, raw=bytes(frame))
    if line in _MT_ERRORS:
        raise FrameError(_MT_ERRORS[line]())
    match = _MT_WEIGHT.fullmatch(line)
    if match is None:
        raise FrameError(dm.SCALE_NOT_MT_SICS(text=line[:40]))
    flag, sign, number, unit = match.groups()
    return Reading(_grams(number, unit, sign), stable=flag == "S", raw=bytes(frame))


_CONTINUOUS = re.compile(
    rf"(ST|US|OL),(GS|NT),\s*([+-]?)\s*({_NUMBER})\s*([A-Za-z]*)",
)


def parse_continuous(frame: bytes) -> Reading:
    """Parse a generic continuous-output line such as ``ST,GS,+  1.234kg``."""
    line = _text(frame).strip()
    match = _CONTINUOUS.fullmatch(line)
    if match is None:
        raise FrameError(dm.SCALE_NOT_CONTINUOUS(text=line[:40]))
    state, _kind, sign, number, unit = match.groups()
    grams = _grams(number, unit or "kg", sign)
    if state == "OL":
        return Reading(grams, stable=False, overload=True, raw=bytes(frame))
    return Reading(grams, stable=state == "ST", raw=bytes(frame))


_CAS_WEIGHT = re.compile(rf"\s*([+-]?)\s*({_NUMBER})\s*")


def parse_cas(frame: bytes) -> Reading:
    """Parse a CAS 22-byte frame (see the module docstring for the layout)."""
    if not isinstance(frame, bytes | bytearray):
        raise ValueError("A scale frame must be bytes.")
    data = bytes(frame)
    if data.endswith(b"\r\n"):
        data = data[:-2]
    if len(data) != 20:
        raise FrameError(dm.SCALE_CAS_LENGTH(count=len(frame)))
    if data[2:3] != b"," or data[5:6] != b"," or data[8:9] != b",":
        raise FrameError(dm.SCALE_CAS_COMMAS())
    # Bytes 6 (device id) and 7 (lamp status) may be anything; only the text fields are decoded.
    state = _text(data[0:2])
    kind = _text(data[3:5])
    weight = _text(data[9:17])
    unit = _text(data[18:20]).strip()
    if state not in ("ST", "US", "OL"):
        raise FrameError(dm.SCALE_CAS_STATE(state=state))
    if kind not in ("GS", "NT"):
        raise FrameError(dm.SCALE_CAS_KIND(kind=kind))
    if data[17:18] != b" ":
        raise FrameError(dm.SCALE_CAS_BLANK())
    match = _CAS_WEIGHT.fullmatch(weight)
    if match is None:
        raise FrameError(dm.SCALE_NOT_WEIGHT(text=weight.strip()))
    sign, number = match.groups()
    grams = _grams(number, unit, sign)
    if state == "OL":
        return Reading(grams, stable=False, overload=True, raw=bytes(frame))
    return Reading(grams, stable=state == "ST", raw=bytes(frame))


PARSERS = {"mt-sics": parse_mt_sics, "continuous": parse_continuous, "cas": parse_cas}


class StableWeightDetector:
    """Gives a weight once ``n`` consecutive stable readings agree within ``tolerance_g``.

    ``feed()`` returns the mean of those readings, or ``None`` while not settled. An unstable or
    overloaded reading starts over; a stable reading that disagrees keeps only the latest ones
    that agree with it.
    """

    def __init__(self, n: int = 3, tolerance_g: float = 2.0) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        if tolerance_g < 0:
            raise ValueError("tolerance_g must not be negative")
        self.n = n
        self.tolerance_g = tolerance_g
        self._window: deque[float] = deque(maxlen=n)

    def reset(self) -> None:
        self._window.clear()

    def feed(self, reading: Reading) -> float | None:
        if not reading.stable or reading.overload:
            self._window.clear()
            return None
        self._window.append(reading.grams)
        while max(self._window) - min(self._window) > self.tolerance_g:
            self._window.popleft()
        if len(self._window) < self.n:
            return None
        return sum(self._window) / len(self._window)


class SerialScale:
    """A scale on a serial port (or any pyserial URL), opened on first use.

    ``read_weight()`` raises :class:`DeviceNotFound` when the port cannot be opened,
    :class:`DeviceTimeout` when no usable answer arrives within ``timeout`` seconds and
    :class:`DeviceError` when the scale answers with an error or with lines it cannot read.
    After a port failure the port is closed, so the next call opens it again (scale re-plugged).
    """

    DEVICE = "scale"

    def __init__(self, url: str, protocol: ScaleProtocol = "mt-sics", timeout: float = 2.0) -> None:
        if protocol not in PROTOCOLS:
            raise ValueError(f"Unknown scale protocol {protocol!r}; use one of {PROTOCOLS}.")
        self.url = url
        self.protocol: ScaleProtocol = protocol
        self.timeout = timeout
        self._port: serial.SerialBase | None = None
        self._parse = PARSERS[protocol]

    def open(self) -> None:
        if self._port is not None:
            return
        try:
            self._port = serial.serial_for_url(self.url, baudrate=9600, timeout=self.timeout)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceNotFound(self.DEVICE, self.url, str(exc)) from exc

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(*_PORT_ERRORS):
                port.close()

    def __enter__(self) -> SerialScale:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def read_weight(self) -> Reading:
        self.open()
        port = self._port
        assert port is not None
        deadline = time.monotonic() + self.timeout
        try:
            port.reset_input_buffer()
            if self.protocol == "mt-sics":
                port.write(b"SI\r\n")
                port.flush()
                line = self._read_line(port, deadline)
                try:
                    return parse_mt_sics(line)
                except FrameError as exc:
                    raise DeviceError(exc.message) from exc
            last_error: FrameError | None = None
            while True:
                try:
                    line = self._read_line(port, deadline)
                except DeviceTimeout:
                    if last_error is not None:
                        raise DeviceError(
                            dm.SCALE_UNREADABLE(port=self.url, why=last_error.message)
                        ) from last_error
                    raise
                try:
                    return self._parse(line)
                except FrameError as exc:  # first line is often cut; keep reading
                    last_error = exc
        except _PORT_ERRORS as exc:  # the port went away (unplugged, simulator stopped)
            self.close()
            raise DeviceTimeout(self.DEVICE, self.url, self.timeout) from exc

    def _read_line(self, port: serial.SerialBase, deadline: float) -> bytes:
        """One line ending in LF (CR LF kept), or DeviceTimeout at the deadline."""
        buffer = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeout(self.DEVICE, self.url, self.timeout)
            port.timeout = remaining
            chunk = port.read_until(b"\n")
            buffer += chunk
            if buffer.endswith(b"\n"):
                return bytes(buffer)
