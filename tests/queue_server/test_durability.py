"""kill -9 the server while kiosks issue: every ticket whose 201 reached a kiosk survives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from queue_server import auth
from queue_server.api.thread import free_port
from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from tests.support.servers import DEMO_CONFIG

pytestmark = pytest.mark.slow


def spawn(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dintur.cli",
                "server",
                "--config",
                str(DEMO_CONFIG),
                "--database-url",
                database_url,
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("server did not become ready")


def test_kill_9_loses_no_acknowledged_ticket(database_url: str, tmp_path: Path) -> None:
    db = open_database(database_url)
    upgrade(db.url)
    token = auth.create_token(db, role="kiosk", branch="dokk1")
    db.dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    proc = spawn(database_url, port, log)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def kiosk() -> None:
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=5
        ) as c:
            for _ in range(2000):  # bounded; the kill ends it long before
                if stop.is_set():
                    return
                try:
                    r = c.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"})
                except httpx.TransportError:
                    return
                if r.status_code == 201:
                    with lock:
                        acknowledged.append(r.json()["id"])

    try:
        wait_ready(url, proc, log)
        workers = [threading.Thread(target=kiosk) for _ in range(4)]
        for w in workers:
            w.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        stop.set()
        for w in workers:
            w.join(timeout=10)
        assert len(acknowledged) >= 40, "kiosks got too few tickets before the kill"

        proc = spawn(database_url, port, log)
        wait_ready(url, proc, log)
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=5
        ) as c:
            missing = [
                tid for tid in acknowledged if c.get(f"/api/v1/tickets/{tid}").status_code != 200
            ]
            assert missing == []
            # numbering continues after the restart, with no number given twice
            after = c.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).json()
            snap = c.get("/api/v1/branches/dokk1/queue").json()
        numbers = [t["number"] for t in snap["tickets"]]
        assert len(numbers) == len(set(numbers)) and after["number"] in numbers
    finally:
        stop.set()
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)
