"""Blocking work (HTTP, printing) off the GUI thread; results come back on the GUI thread.

A task that raises delivers the exception as its result, logged, never as a traceback on
screen: the caller turns it into a plain message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger("dintur.kiosk.tasks")


class TaskFailed(Exception):
    """A task raised something unexpected; the original is its __cause__."""


class Tasks(QObject):
    _finished = Signal(object, object)

    def __init__(self, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-task")
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._running = 0
        self._lock = threading.Lock()
        self._closed = False

    @property
    def running(self) -> int:
        with self._lock:
            return self._running

    def run(self, work: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        if self._closed:
            return
        with self._lock:
            self._running += 1

        def job() -> None:
            try:
                result: Any = work()
            except Exception as exc:
                log.exception("a kiosk task failed")
                failed = TaskFailed(str(exc))
                failed.__cause__ = exc
                result = failed
            self._finished.emit(done, result)

        self._pool.submit(job)

    def _deliver(self, done: Callable[[Any], None] | None, result: Any) -> None:
        with self._lock:
            self._running -= 1
        if done is None or self._closed:
            return
        try:
            done(result)
        except Exception:
            log.exception("handling a task's result failed")

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
