"""Blocking work (HTTP calls, printing) off the GUI thread, answers back on the GUI thread.

The one task runner of the kiosk, the display and the desk. Jobs run in order on the
runner's own threads (one by default, so two clicks never overtake each other), and each
ends in a `Done`: its value, or the error it raised, handed to the callback on the GUI
thread. A failure is never lost and never a traceback on screen: the caller turns
`Done.error` into a plain sentence.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger("dintur.client.tasks")
T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """How a job ended: `value` when it returned, `error` when it raised."""

    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Tasks(QObject):
    """`submit(job, done)`: job() on a worker thread, done(Done) on the GUI thread."""

    busyChanged = Signal(bool)
    _finished = Signal(object, object)

    def __init__(
        self, parent: QObject | None = None, *, workers: int = 1, name: str = "dintur-task"
    ) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False
        #: called on the worker thread before each job (tests line two desks up with it)
        self.gate: Callable[[], None] | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    @property
    def running(self) -> int:
        with self._lock:
            return self._pending

    def submit(self, job: Callable[[], T], done: Callable[[Done[T]], None] | None = None) -> None:
        if self._closed:
            return
        with self._lock:
            self._pending += 1
            first = self._pending == 1
        if first:
            self.busyChanged.emit(True)
        self._pool.submit(self._run, job, done)

    def _run(self, job: Callable[[], Any], done: Callable[[Done[Any]], None] | None) -> None:
        try:
            if self.gate is not None:
                self.gate()
            result: Done[Any] = Done(value=job())
        except Exception as exc:  # every failure reaches the caller as a Done
            log.debug("a task failed", exc_info=exc)
            result = Done(error=exc)
        if not self._closed:
            self._finished.emit(done, result)

    def _deliver(self, done: Callable[[Done[Any]], None] | None, result: Done[Any]) -> None:
        with self._lock:
            self._pending = max(0, self._pending - 1)
            idle = self._pending == 0
        try:
            if done is not None and not self._closed:
                done(result)
        except Exception:
            log.exception("handling a task's result failed")
        finally:
            if idle:
                self.busyChanged.emit(False)

    def run_now(self, job: Callable[[], T], timeout_s: float = 15.0) -> Done[T]:
        """Run on a worker thread and wait for it (at shutdown: release the counter)."""
        if self._closed:
            return Done(error=RuntimeError("the task runner is closed"))
        box: list[Done[T]] = []
        finished = threading.Event()

        def wrapped() -> None:
            try:
                box.append(Done(value=job()))
            except Exception as exc:
                box.append(Done(error=exc))
            finally:
                finished.set()

        self._pool.submit(wrapped)
        finished.wait(timeout_s)
        return box[0] if box else Done(error=TimeoutError("no answer"))

    def close(self) -> None:
        """No new jobs; wait for the running one; later answers are dropped."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
