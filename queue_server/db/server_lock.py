"""One server per SQLite file: a second one would keep its own event hub and its screens
would miss the first one's events. The lock is an advisory `flock` on a file beside the
database, held for the server's life and dropped by the OS if the process dies, so a
kill -9 never leaves a stale lock. (PostgreSQL is where several servers share one
database; they hear each other through LISTEN/NOTIFY.)"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class ServerLock:
    """`acquire()` the lock beside `database`; `ServerLock(None)` holds nothing."""

    def __init__(self, database: Path | None) -> None:
        self.path = database.with_name(database.name + ".server-lock") if database else Path()
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise ValueError(
                f"another DinTur server (pid {holder}) is already using "
                f"{self.path.with_suffix('')}; stop it first (several servers can share a "
                "PostgreSQL database, not an SQLite file)"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
