"""Who holds a SQLite file's lock: the processes the kernel lists in /proc/locks (Linux).

SQLite locks with POSIX advisory locks: a writer in WAL mode holds a write lock on a byte of
the ``-shm`` file, in rollback-journal mode on bytes of the database file itself.  Elsewhere
(no /proc/locks) nobody is named and the sentence says "another program".
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    pid: int
    program: str  # the program's name, e.g. "python3"
    packdesk: bool  # the process is a Packdesk (the app or its command line)


@dataclass(frozen=True)
class _Lock:
    pid: int
    write: bool
    device: tuple[int, int]
    inode: int


def lock_holder(database: Path, proc: Path = Path("/proc")) -> Holder | None:
    """The other process that holds a lock on *database* (a writer first), or None when the
    system does not say."""
    try:
        text = (proc / "locks").read_text(encoding="ascii", errors="replace")
    except OSError:  # not Linux
        return None
    files = _file_ids([database, database.with_name(database.name + "-shm")])
    mine = os.getpid()
    locks = [lock for lock in parse_locks(text) if lock.pid != mine]
    on_file = [lock for lock in locks if (lock.device, lock.inode) in files]
    on_file.sort(key=lambda lock: not lock.write)
    for lock in on_file:
        holder = describe(lock.pid, proc)
        if holder is not None:
            return holder
    return None


def _file_ids(paths: list[Path]) -> set[tuple[tuple[int, int], int]]:
    ids = set()
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        ids.add(((os.major(st.st_dev), os.minor(st.st_dev)), st.st_ino))
    return ids


def parse_locks(text: str) -> list[_Lock]:
    """The granted POSIX locks of /proc/locks (waiters, "->" lines, are left out)."""
    locks = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 8 or parts[1] != "POSIX":
            continue
        try:
            pid = int(parts[4])
            major, minor, inode = parts[5].split(":")
            device = (int(major, 16), int(minor, 16))
            locks.append(_Lock(pid, parts[3] == "WRITE", device, int(inode)))
        except ValueError:
            continue
    return locks


def describe(pid: int, proc: Path = Path("/proc")) -> Holder | None:
    """The process *pid* by its command line (None when it is gone)."""
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None
    argv = [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    if not argv:
        return None
    return Holder(pid, Path(argv[0]).name, is_packdesk(argv))


def is_packdesk(argv: list[str]) -> bool:
    """``packdesk …``, ``python …/packdesk …`` or ``python -m app …``."""
    if any(Path(arg).name == "packdesk" for arg in argv[:2]):
        return True
    return any(a == "-m" and b == "app" for a, b in itertools.pairwise(argv))
