"""Engines for SQLite (the embedded default) and PostgreSQL (the scale-out).

SQLite runs in WAL mode with durable commits (synchronous=FULL: a ticket whose 201 left
the server survives a power cut). Writes take the lock at BEGIN (`BEGIN IMMEDIATE`) so
two writers never both read and then collide at commit; reads use a second engine with a
plain BEGIN, so screens reading never wait for kiosks writing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from .group_commit import GroupCommit
from .server_lock import ServerLock

T = TypeVar("T")
_NO_LOCK = ServerLock(None)


def default_sqlite_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("dintur"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'dintur.db'}"


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    url: str
    writer: Engine
    reader: Engine
    _lock: ServerLock = field(default=_NO_LOCK, init=False, repr=False)

    @property
    def dialect(self) -> str:
        return self.writer.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One atomic write: durable when the block ends; undone entirely on any error."""
        if self._group is not None:
            with self._group.write() as session:
                yield session
            return
        with self._writer_sessions() as session, session.begin():
            yield session

    def run(self, work: Callable[[Session], T]) -> T:
        """`work(session)` as one atomic write, from any thread."""
        with self.write() as session:
            return work(session)

    async def run_async(self, work: Callable[[Session], T]) -> T:
        """`work(session)` as one atomic write, awaited from the event loop without
        holding a worker thread: on SQLite the committer runs it in the next batch."""
        if self._group is not None:
            return await asyncio.wrap_future(self._group.submit(work))
        return await run_in_threadpool(self.run, work)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader_sessions() as session, session.begin():
            yield session

    def claim_for_server(self) -> None:
        """Refuse (ValueError) if another server process uses this SQLite file."""
        if self.writer.dialect.name != "sqlite" or self._lock is not _NO_LOCK:
            return
        database = make_url(self.url).database
        assert database is not None
        lock = ServerLock(Path(database))
        lock.acquire()
        self._lock = lock

    def dispose(self) -> None:
        self._lock.release()
        self._lock = _NO_LOCK
        if self._group is not None:
            self._group.close()
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

    def __post_init__(self) -> None:
        self._writer_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._reader_sessions = sessionmaker(self.reader, expire_on_commit=False)
        # Writes queue in this process and share commits: SQLite has one writer anyway
        # (its busy handler sleeps up to 100 ms a retry), and on PostgreSQL a branch's
        # writes serialise on its row lock; one durable commit (one fsync) for a batch
        # of writes is what lets either engine take hundreds of tickets a second.
        self._group = GroupCommit(self._writer_sessions)


def open_database(url: str | None = None) -> Database:
    url = url or default_sqlite_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValueError("use a file for SQLite: an in-memory database is lost on restart")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return Database(
            url, _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False)
        )
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        engine = create_engine(url, pool_size=20, max_overflow=10, pool_pre_ping=True)
        return Database(url, engine, engine)
    raise ValueError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )
