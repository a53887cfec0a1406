"""PostgreSQL LISTEN/NOTIFY: several server instances share one database and its events.

Writers `pg_notify` the branch inside their transaction (delivered at commit); every
instance listens and wakes its own pump, which reads the events table as usual.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy.engine import make_url

CHANNEL = "dintur_events"
log = logging.getLogger("dintur.pg_listen")


class PgListener:
    def __init__(self, sqlalchemy_url: str, on_branch: Callable[[str], None]) -> None:
        url = make_url(sqlalchemy_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._on_branch = on_branch
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dintur-pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._on_branch(note.payload)
            except psycopg.Error as exc:
                log.warning("listening for other instances' events failed (%s); retrying", exc)
                self._stop.wait(1.0)
