"""Blocking client calls off the GUI thread, one at a time, answers back on the GUI thread.

A desk's calls run in order on one thread of their own, so a slow or dead server never
freezes the window and two clicks can never overtake each other. Each job ends in a
`Done`: its value or the error it raised, handed to the callback on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from .qtfix import emit

log = logging.getLogger("dintur.desk")
T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Worker(QObject):
    """`submit(job, done)`: job() on the worker thread, done(Done) on the GUI thread."""

    busyChanged = Signal(bool)
    _finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, name: str = "dintur-desk") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._closed = False
        #: called on the worker thread before each job (tests line two desks up with it)
        self.gate: Callable[[], None] | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def submit(self, job: Callable[[], T], done: Callable[[Done[T]], None]) -> None:
        if self._closed:
            return
        self._pending += 1
        if self._pending == 1:
            emit(self.busyChanged, True)
        self._pool.submit(self._run, job, done)

    def _run(self, job: Callable[[], Any], done: Callable[[Done[Any]], None]) -> None:
        try:
            if self.gate is not None:
                self.gate()
            result: Done[Any] = Done(value=job())
        except Exception as exc:  # every failure reaches the screen as a sentence
            result = Done(error=exc)
        if not self._closed:
            emit(self._finished, done, result)

    def _deliver(self, done: Callable[[Done[Any]], None], result: Done[Any]) -> None:
        self._pending = max(0, self._pending - 1)
        try:
            done(result)
        finally:
            if self._pending == 0:
                emit(self.busyChanged, False)

    def run_now(self, job: Callable[[], T]) -> Done[T]:
        """Run on the worker thread and wait (for shutdown: release the counter)."""
        if self._closed:
            return Done(error=RuntimeError("worker closed"))
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
        finished.wait(15)
        return box[0] if box else Done(error=TimeoutError("no answer"))

    def close(self) -> None:
        """No new jobs; wait for the running one; later answers are dropped."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
