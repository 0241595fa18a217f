"""A private, real CUPS scheduler for the tests and the demo (POSIX, needs cupsd installed).

``PrivateCups(tmpdir)`` writes its own ``cupsd.conf`` and ``cups-files.conf`` into ``tmpdir``
and runs ``cupsd -f`` on a unix socket there: no network port, no system queues touched, and
spool, cache, state and logs all inside ``tmpdir``. Point CUPS clients at it with
:attr:`PrivateCups.env` (``{"CUPS_SERVER": <socket>}``), e.g. ``CupsTransport(..., env=...)``.

Queues are raw (no PPD: CUPS 2.4 still takes ``lpadmin`` without ``-m``, and ``-m raw`` only
adds a deprecation warning; ``-m everywhere`` needs a real network printer). CUPS writes
nothing to a ``file:`` device of a raw queue (it opens that file only for the last filter, and
a raw queue has none) yet reports the job completed, so each queue prints instead to a small
capture backend in ``tmpdir`` that stores every job byte-exact together with its title and the
options CUPS passed on (``media=...``): see :meth:`PrivateCups.jobs`.

    with PrivateCups(tmp_path) as cups:
        cups.add_queue("waybills")
        CupsTransport("waybills", raw=False, media="Custom.100x150mm", env=cups.env).send(pdf)
        [job] = cups.wait_for_jobs("waybills", 1)
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

# Where distributions install the CUPS helper programs (cupsd's compiled-in ServerBin).
_SERVER_BIN_CANDIDATES = (
    "/usr/lib/cups",
    "/usr/libexec/cups",
    "/usr/local/lib/cups",
    "/usr/local/libexec/cups",
)
_SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
# A unix socket path must fit in sockaddr_un.sun_path (108 bytes on Linux, 104 on BSD).
_MAX_SOCKET_PATH = 100
_QUEUE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}")
BACKEND = "packdesk"

_BACKEND_SCRIPT = """#!/bin/sh
# CUPS backend of a Packdesk PrivateCups: stores each job in {jobs}/QUEUE/.
# argv: job-id user title copies options [file]; no arguments: device discovery.
if [ $# -eq 0 ]; then
  echo 'direct {backend} "Packdesk capture" "Packdesk capture backend"'
  exit 0
fi
dir={jobs}/"$PRINTER"
mkdir -p "$dir" || exit 1
printf '%s' "$3" > "$dir/job-$1.title" || exit 1
printf '%s' "$5" > "$dir/job-$1.options" || exit 1
if [ $# -ge 6 ]; then
  cat -- "$6" > "$dir/job-$1.part" || exit 1
else
  cat > "$dir/job-$1.part" || exit 1
fi
mv -f "$dir/job-$1.part" "$dir/job-$1.prn" || exit 1
exit 0
"""


class PrivateCupsError(RuntimeError):
    """The private scheduler could not be started or set up; the message has its log."""


@dataclass(frozen=True)
class CapturedJob:
    """One job as the queue's device received it."""

    job_id: str
    data: bytes
    title: str
    options: dict[str, str]


def _find_program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in _SBIN:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _find_server_bin() -> Path | None:
    for folder in _SERVER_BIN_CANDIDATES:
        if (Path(folder) / "daemon" / "cups-exec").is_file():
            return Path(folder)
    return None


def _parse_options(text: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for word in text.split():
        name, _, value = word.partition("=")
        options[name] = value
    return options


class PrivateCups:
    """A cupsd of its own in ``tmpdir``; ``start()``/``stop()`` or use it as a context manager."""

    def __init__(self, tmpdir: str | Path, start_timeout: float = 10.0) -> None:
        self.root = Path(tmpdir).resolve()
        self.start_timeout = start_timeout
        self.conf_dir = self.root / "conf"
        self.jobs_dir = self.root / "jobs"
        self.log_dir = self.root / "log"
        self._socket_dir: Path | None = None
        socket_path = self.root / "cups.sock"
        if len(str(socket_path)) > _MAX_SOCKET_PATH:
            self._socket_dir = Path(tempfile.mkdtemp(prefix="pdcups-"))
            socket_path = self._socket_dir / "cups.sock"
        self.socket = socket_path
        self._proc: subprocess.Popen[bytes] | None = None

    # -- availability ------------------------------------------------------------------------

    @staticmethod
    def unavailable_reason() -> str | None:
        """Why a private scheduler cannot run here (None: it can)."""
        if os.name != "posix":
            return "a private CUPS scheduler needs a POSIX system"
        missing = [p for p in ("cupsd", "lp", "lpstat", "lpadmin") if _find_program(p) is None]
        if missing:
            return (
                f"{', '.join(missing)} not installed "
                "(Debian/Ubuntu: apt-get install cups-daemon cups-client)"
            )
        if _find_server_bin() is None:
            return "the CUPS helper programs (daemon/cups-exec) were not found"
        return None

    @property
    def env(self) -> dict[str, str]:
        """Environment additions that point CUPS clients (lp, lpstat) at this scheduler."""
        return {"CUPS_SERVER": str(self.socket)}

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- life cycle --------------------------------------------------------------------------

    def _write_config(self, server_bin: Path) -> None:
        for folder in ("conf", "spool/tmp", "cache", "state", "log", "jobs", "bin/backend"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        bin_dir = self.root / "bin"
        for sub in ("daemon", "filter", "notifier", "monitor", "cgi-bin", "driver"):
            link = bin_dir / sub
            if (server_bin / sub).is_dir() and not link.exists():
                link.symlink_to(server_bin / sub)
        backend = bin_dir / "backend" / BACKEND
        backend.write_text(
            _BACKEND_SCRIPT.format(jobs=shlex.quote(str(self.jobs_dir)), backend=BACKEND)
        )
        # 0700: cupsd runs a backend that others cannot read as its own user (root or not).
        backend.chmod(0o700)
        (self.conf_dir / "cupsd.conf").write_text(
            f"""# Packdesk private scheduler: unix socket only, everything allowed to everyone.
Listen {self.socket}
LogLevel info
MaxLogSize 0
Browsing No
WebInterface No
DefaultAuthType None
DefaultPolicy open
PreserveJobHistory Yes
<Policy open>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
<Location />
  Order allow,deny
  Allow all
</Location>
"""
        )
        (self.conf_dir / "cups-files.conf").write_text(
            f"""ServerRoot {self.conf_dir}
ServerBin {bin_dir}
RequestRoot {self.root / "spool"}
TempDir {self.root / "spool" / "tmp"}
CacheDir {self.root / "cache"}
StateDir {self.root / "state"}
AccessLog {self.log_dir / "access_log"}
ErrorLog {self.log_dir / "error_log"}
PageLog {self.log_dir / "page_log"}
Printcap {self.root / "printcap"}
FileDevice Yes
Sandboxing Relaxed
"""
        )

    def start(self) -> PrivateCups:
        if self.running:
            return self
        reason = self.unavailable_reason()
        if reason is not None:
            raise PrivateCupsError(f"Cannot start a private CUPS scheduler: {reason}.")
        server_bin = _find_server_bin()
        cupsd = _find_program("cupsd")
        assert server_bin is not None and cupsd is not None
        self._write_config(server_bin)
        with (self.log_dir / "cupsd.out").open("wb") as out:
            self._proc = subprocess.Popen(
                [
                    cupsd,
                    "-f",
                    "-c",
                    str(self.conf_dir / "cupsd.conf"),
                    "-s",
                    str(self.conf_dir / "cups-files.conf"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self._proc.poll() is not None:
                log = self.log()
                self._proc = None
                raise PrivateCupsError(f"cupsd exited at start.\n{log}")
            if self.socket.exists() and "scheduler is running" in self._run("lpstat", "-r"):
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise PrivateCupsError(
                    f"cupsd did not start within {self.start_timeout:g} s.\n{self.log()}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)

    def __enter__(self) -> PrivateCups:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- queues and jobs ---------------------------------------------------------------------

    def _run(self, program: str, *args: str, check: bool = False) -> str:
        path = _find_program(program) or program
        result = subprocess.run(
            [path, *args],
            capture_output=True,
            timeout=10,
            check=False,
            env={**os.environ, **self.env, "LC_ALL": "C", "LANG": "C"},
        )
        if check and result.returncode != 0:
            raise PrivateCupsError(
                f"{program} {' '.join(args)} failed: "
                f"{result.stderr.decode('utf-8', 'replace').strip()}\n{self.log()}"
            )
        return result.stdout.decode("utf-8", "replace")

    def add_queue(self, name: str, description: str = "") -> Path:
        """Create an enabled raw queue ``name``; returns the folder its jobs arrive in."""
        if not _QUEUE_NAME.fullmatch(name):
            raise ValueError(f"Not a queue name for a private CUPS: {name!r}")
        args = ["-p", name, "-E", "-v", f"{BACKEND}:/{name}"]
        if description:
            args += ["-D", description]
        self._run("lpadmin", *args, check=True)
        folder = self.jobs_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def set_default(self, name: str) -> None:
        self._run("lpadmin", "-d", name, check=True)

    def jobs(self, queue: str) -> list[CapturedJob]:
        """The jobs the queue's device received so far, oldest first."""
        found = []
        for prn in (self.jobs_dir / queue).glob("job-*.prn"):
            number = prn.stem.removeprefix("job-")
            title = prn.with_suffix(".title")
            options = prn.with_suffix(".options")
            found.append(
                (
                    int(number),
                    CapturedJob(
                        f"{queue}-{number}",
                        prn.read_bytes(),
                        title.read_text("utf-8", "replace") if title.exists() else "",
                        _parse_options(options.read_text("utf-8", "replace"))
                        if options.exists()
                        else {},
                    ),
                )
            )
        return [job for _, job in sorted(found, key=lambda pair: pair[0])]

    def wait_for_jobs(self, queue: str, count: int, timeout: float = 5.0) -> list[CapturedJob]:
        deadline = time.monotonic() + timeout
        while True:
            jobs = self.jobs(queue)
            if len(jobs) >= count or time.monotonic() > deadline:
                return jobs
            time.sleep(0.05)

    def completed_jobs(self, queue: str | None = None) -> list[str]:
        """Ids (``QUEUE-N``) of the jobs CUPS reports as completed."""
        args = ["-W", "completed", "-o"] + ([queue] if queue else [])
        return [line.split()[0] for line in self._run("lpstat", *args).splitlines() if line.strip()]

    def wait_completed(self, job_id: str, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while job_id not in self.completed_jobs():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def log(self) -> str:
        """The scheduler's error log and console output (for failure messages)."""
        parts = []
        for name in ("error_log", "cupsd.out"):
            with contextlib.suppress(OSError):
                parts.append((self.log_dir / name).read_text("utf-8", "replace"))
        return "\n".join(part for part in parts if part)
