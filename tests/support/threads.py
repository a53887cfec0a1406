"""Tests that start threads (printers, event streams, workers) must leave none behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: threads that belong to a server a whole module shares, or to its worker pools
LONG_LIVED = ("dintur-server", "asyncio", "AnyIO worker thread")


@contextmanager
def no_new_threads(grace_s: float, ignore: tuple[str, ...] = ()) -> Iterator[None]:
    """Fail if a thread started inside the block is still alive `grace_s` after it;
    threads whose names start with one of `ignore` are not counted."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + grace_s
    while True:
        extra = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not (ignore and t.name.startswith(ignore))
        ]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"
