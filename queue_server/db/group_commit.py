"""Group commit for SQLite: many writes, one fsync, each caller answered only when durable.

SQLite has one writer, and a durable commit costs an fsync during which the next write
must wait. Here writes run one after another in a shared transaction, each in its own
SAVEPOINT (so a write that fails undoes only itself), and a committer thread commits
whatever has run since the last commit. A caller is answered only after the commit that
holds its write: nothing is acknowledged before it is on disk.

Two ways in: `write()`, a `with` block run in the caller's thread (admin commands, the
less busy routes), and `submit(work)`, which the committer thread runs itself just
before it commits. The busy routes submit from the event loop: no worker thread waits on
a lock for them, and the loop keeps serving requests while a batch is on its way to disk.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
MAX_DELAY_S = 0.005


class CommitFailed(Exception):
    """The shared commit failed: this write (and the others with it) did not happen."""


def _lost(failure: BaseException) -> CommitFailed:
    lost = CommitFailed(f"the write was not saved: {failure}")
    lost.__cause__ = failure
    return lost


class GroupCommit:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._lock = threading.Lock()  # held while one write runs, or while committing
        self._session: Session | None = None
        self._batch = 0  # the batch now being filled
        self._done = -1  # the last batch whose commit has finished
        self._failed: dict[int, BaseException] = {}
        self._finished = threading.Condition()
        self._dirty = threading.Event()
        self._closed = False
        self._queued = 0  # writers waiting for the lock: they join the coming commit
        self._queue_lock = threading.Lock()
        self._jobs: deque[tuple[Callable[[Session], Any], Future[Any]]] = deque()
        self._thread = threading.Thread(target=self._commit_loop, name="dintur-commit", daemon=True)
        self._thread.start()

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._queue_lock:
            self._queued += 1
        self._lock.acquire()
        with self._queue_lock:
            self._queued -= 1
        try:
            if self._closed:
                raise CommitFailed("the database is closed")
            session = self._open()
            with session.begin_nested():  # RELEASE on success, ROLLBACK TO on an error
                yield session
            batch = self._batch
            self._dirty.set()
        finally:
            self._lock.release()
        with self._finished:
            while self._done < batch:
                self._finished.wait()
            failure = self._failed.get(batch)
        if failure is not None:
            raise _lost(failure)

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        """Run `work(session)` in the committer thread, in its own SAVEPOINT; the future
        has its result once committed, or its exception (nothing of it is kept)."""
        future: Future[T] = Future()
        with self._queue_lock:  # with close(): a job is either queued in time or refused
            if self._closed:
                future.set_exception(CommitFailed("the database is closed"))
                return future
            self._jobs.append((work, future))
        self._dirty.set()
        return future

    def close(self) -> None:
        with self._queue_lock:
            self._closed = True
        self._dirty.set()
        self._thread.join(timeout=10)
        while self._jobs:  # submitted after the last batch: refused, never half-done
            _, future = self._jobs.popleft()
            future.set_exception(CommitFailed("the database is closed"))

    def _open(self) -> Session:
        if self._session is None:
            self._session = self._sessions()
            self._session.begin()
        return self._session

    def _run_jobs(self) -> list[tuple[Future[Any], Any, BaseException | None]]:
        ran: list[tuple[Future[Any], Any, BaseException | None]] = []
        while self._jobs:
            work, future = self._jobs.popleft()
            session = self._open()
            try:
                with session.begin_nested():
                    result = work(session)
            except Exception as exc:  # the job's own refusal: its savepoint is undone
                ran.append((future, None, exc))
            else:
                ran.append((future, result, None))
        return ran

    def _commit_loop(self) -> None:
        while True:
            self._dirty.wait()
            self._dirty.clear()
            # let writers already queued run first, so one fsync covers them all; bounded,
            # so a steady stream of writers cannot postpone a commit for long
            deadline = time.monotonic() + MAX_DELAY_S
            while self._queued > 0 and time.monotonic() < deadline:
                time.sleep(0.0002)
            with self._lock:
                ran = self._run_jobs()
                batch, session = self._batch, self._session
                self._batch += 1
                self._session = None
                failure: BaseException | None = None
                if session is not None:
                    try:
                        session.commit()
                    except Exception as exc:  # disk full, I/O error: the batch is lost, loudly
                        failure = exc
                        session.rollback()
                    finally:
                        session.close()
                closed = self._closed
            with self._finished:
                if failure is not None:
                    self._failed[batch] = failure
                    for old in [b for b in self._failed if b < batch - 1000]:
                        del self._failed[old]
                self._done = batch
                self._finished.notify_all()
            for future, result, error in ran:
                if failure is not None:
                    future.set_exception(_lost(failure))
                elif error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)
            if closed:
                return
