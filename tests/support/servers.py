"""A real queue server on 127.0.0.1 (uvicorn in a thread) over SQLite or PostgreSQL.

PostgreSQL runs when DINTUR_TEST_POSTGRES_URL names a throwaway cluster (`./run test`
starts one when PostgreSQL is installed); each test gets a database of its own.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from queue_server import auth
from queue_server.api.thread import ServerThread, free_port
from queue_server.server import create_app
from queue_server.settings import REPO_CONFIG, Settings

DEMO_CONFIG = REPO_CONFIG / "demo"
AARHUS_CONFIG = REPO_CONFIG / "aarhus"
PG_ENV = "DINTUR_TEST_POSTGRES_URL"


def _fresh_pg_database(base_url: str) -> tuple[str, str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    return url, name


def _drop_pg_database(base_url: str, name: str) -> None:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test that asks runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dintur.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL: set {PG_ENV} (./run test starts a throwaway cluster)")
    url, name = _fresh_pg_database(base)
    yield url
    _drop_pg_database(base, name)


@dataclass
class LiveServer:
    url: str
    app: object
    settings: Settings
    _running: ServerThread
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.app.state.db  # type: ignore[attr-defined]

    def token(self, role: str, branch: str | None = "dokk1") -> str:
        key = f"{role}@{branch}"
        if key not in self.tokens:
            self.tokens[key] = auth.create_token(self.db, role=role, branch=branch, label="test")
        return self.tokens[key]

    def client(self, role: str = "admin", branch: str | None = "dokk1") -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {self.token(role, branch)}"},
            timeout=10,
        )

    @property
    def ws_url(self) -> str:
        return "ws" + self.url.removeprefix("http")

    def stop(self) -> None:
        self._running.stop()

    def approve_next_device(self) -> threading.Thread:
        """An admin, on a thread, approving the first device that asks to pair (20 s at most)."""

        def approve() -> None:
            with self.client() as admin:
                for _ in range(200):
                    waiting = admin.get("/api/v1/pairing").json()
                    if waiting:
                        admin.post(f"/api/v1/pairing/{waiting[0]['code']}/approve")
                        return
                    time.sleep(0.1)

        approver = threading.Thread(target=approve, name="test-admin-approves")
        approver.start()
        return approver


def start_server(settings: Settings, port: int | None = None) -> LiveServer:
    app = create_app(settings)
    running = ServerThread(app, port or free_port()).start()
    return LiveServer(running.url, app, settings, running)


@pytest.fixture
def server(database_url: str) -> Iterator[LiveServer]:
    """The demo site (open around the clock) on a real server, on each engine."""
    port = free_port()
    live = start_server(
        Settings(
            config_dir=DEMO_CONFIG, database_url=database_url, public_url=f"http://127.0.0.1:{port}"
        ),
        port,
    )
    yield live
    live.stop()


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The demo site on SQLite only: for app (GUI) tests, where the engine is not the point."""
    port = free_port()
    live = start_server(
        Settings(
            config_dir=DEMO_CONFIG,
            database_url=f"sqlite:///{tmp_path / 'app.db'}",
            public_url=f"http://127.0.0.1:{port}",
        ),
        port,
    )
    yield live
    live.stop()
