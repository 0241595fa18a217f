"""What this computer offers the device settings screen: serial ports and CUPS queues.

Every function here answers with what it found and never raises: a computer without CUPS,
with the scheduler stopped, or without serial ports simply has nothing to offer ([] / None).
The CUPS functions run ``lpstat`` (``runner`` is ``subprocess.run`` or a fake for tests) with
``env`` added to the environment (e.g. ``{"CUPS_SERVER": ...}`` for a private scheduler) and
``LC_ALL=C``, because lpstat translates the lines that are parsed here.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from devices.transports import subprocess_env

log = logging.getLogger(__name__)

Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]
LPSTAT_TIMEOUT = 5.0


@dataclass(frozen=True, order=True)
class PortInfo:
    """A serial port: ``device`` to open (``/dev/ttyUSB0``, ``COM3``) and a human description."""

    device: str
    description: str = ""


def list_serial_ports() -> list[PortInfo]:
    """The serial ports of this computer, sorted by device name; [] if they cannot be listed."""
    try:
        from serial.tools import list_ports

        found = list_ports.comports()
        ports = {
            PortInfo(
                str(port.device),
                "" if port.description in (None, "n/a") else str(port.description),
            )
            for port in found
            if port.device
        }
    except Exception:  # a broken sysfs entry or driver must not break the settings screen
        log.warning("Could not list the serial ports.", exc_info=True)
        return []
    return sorted(ports)


def _lpstat(args: list[str], runner: Runner, env: Mapping[str, str] | None) -> str | None:
    """lpstat's standard output, or None when it is missing or fails.

    A hanging lpstat raises ``subprocess.TimeoutExpired``: the callers give up at once rather
    than wait again for a scheduler that does not answer.
    """
    try:
        result = runner(
            ["lpstat", *args],
            capture_output=True,
            timeout=LPSTAT_TIMEOUT,
            check=False,
            env=subprocess_env(env, LC_ALL="C", LANG="C"),
        )
    except subprocess.TimeoutExpired:
        log.info("lpstat %s did not answer within %g s.", " ".join(args), LPSTAT_TIMEOUT)
        raise
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("lpstat %s did not run: %s", " ".join(args), exc)
        return None
    if result.returncode != 0:
        log.info(
            "lpstat %s failed: %s",
            " ".join(args),
            (result.stderr or b"").decode("utf-8", "replace").strip(),
        )
        return None
    out = result.stdout or b""
    return out.decode("utf-8", "replace") if isinstance(out, bytes) else str(out)


def _unique(names: list[str]) -> list[str]:
    return sorted(dict.fromkeys(name for name in names if name))


def parse_lpstat_e(text: str) -> list[str]:
    """``lpstat -e``: one destination per line (``office``, ``zebra/4x6`` instances too)."""
    return _unique([line.strip() for line in text.splitlines() if line.strip()])


def parse_lpstat_a(text: str) -> list[str]:
    """``lpstat -a``: ``office accepting requests since ...`` (indented lines are reasons)."""
    names = []
    for line in text.splitlines():
        if line[:1].isspace() or not line.strip():
            continue
        words = line.split()
        if len(words) >= 2 and words[1] in ("accepting", "not"):
            names.append(words[0])
    return _unique(names)


def parse_lpstat_p(text: str) -> list[str]:
    """``lpstat -p``: ``printer office is idle.  enabled since ...`` (or ``disabled``)."""
    names = []
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "printer" and not line[:1].isspace():
            names.append(words[1])
    return _unique(names)


def list_cups_queues(
    runner: Runner = subprocess.run, env: Mapping[str, str] | None = None
) -> list[str]:
    """The CUPS queues this computer can print to, sorted; [] without CUPS or its scheduler.

    Asks ``lpstat -e`` (CUPS 2.2 and later); when that fails or finds nothing, falls back to
    ``lpstat -a`` and then ``lpstat -p`` (older CUPS, other lpstat implementations).
    """
    for args, parse in (
        (["-e"], parse_lpstat_e),
        (["-a"], parse_lpstat_a),
        (["-p"], parse_lpstat_p),
    ):
        try:
            text = _lpstat(args, runner, env)
        except subprocess.TimeoutExpired:
            return []
        if text is None:
            if args == ["-e"]:
                continue
            return []  # -a failed: the scheduler is not running, -p would fail the same way
        queues = parse(text)
        if queues:
            return queues
    return []


def default_cups_queue(
    runner: Runner = subprocess.run, env: Mapping[str, str] | None = None
) -> str | None:
    """The default CUPS queue (``lpstat -d``), or None when there is none or no CUPS."""
    try:
        text = _lpstat(["-d"], runner, env)
    except subprocess.TimeoutExpired:
        return None
    for line in (text or "").splitlines():
        head, sep, name = line.partition(":")
        if sep and head.strip().endswith("default destination") and name.strip():
            return name.strip().split()[0]
    return None
