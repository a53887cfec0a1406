"""Hardening 3: no token and no citizen's link in any log line, whatever clients send."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from queue_server import auth
from queue_server.api.thread import free_port
from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.guard.redact import redact
from tests.support.servers import DEMO_CONFIG

pytestmark = pytest.mark.slow


def test_redact_cuts_every_kind_of_secret() -> None:
    line = (
        "GET /api/v1/branches/dokk1/events?since=4&token=dt_abcdefghijklmnopqrstu HTTP/1.1 "
        "/t/Zx9_-abcdefgh /api/v1/status/Zx9_-abcdefgh/cancel Authorization: Bearer dt_x"
        " /api/v1/pairing?x=1&secret=s3cr3tvalue"
    )
    out = redact(line)
    for secret in ("dt_abcdefghijklmnopqrstu", "Zx9_-abcdefgh", "dt_x", "s3cr3tvalue"):
        assert secret not in out
    assert "since=4" in out and "/api/v1/branches/dokk1/events" in out


def test_a_whole_run_leaves_no_token_in_the_server_log(tmp_path: Path) -> None:
    url_db = f"sqlite:///{tmp_path / 'logs.db'}"
    upgrade(url_db)
    db = open_database(url_db)
    auth.add_staff(db, username="mette", password="a long password", role="admin", branch="dokk1")
    kiosk = auth.create_token(db, role="kiosk", branch="dokk1")
    display = auth.create_token(db, role="display", branch="dokk1")
    db.dispose()
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dintur.cli",
                "server",
                "--config",
                str(DEMO_CONFIG),
                "--database-url",
                url_db,
                "--port",
                str(port),
                "--log-level",
                "info",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    secrets: list[str] = [kiosk, display]
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=10) as c:
            staff = c.post(
                "/api/v1/auth/login", json={"username": "mette", "password": "a long password"}
            ).json()["token"]
            secrets.append(staff)
            t = c.post(
                "/api/v1/tickets",
                json={"branch": "dokk1", "service": "pas"},
                headers={"Authorization": f"Bearer {kiosk}"},
            ).json()
            link = t["status_url"].rsplit("/", 1)[1]
            secrets.append(link)
            c.get(f"/t/{link}")
            c.get(f"/api/v1/status/{link}")
            c.get(f"/display/dokk1?token={display}")
            c.get("/api/v1/branches", headers={"Authorization": f"Bearer {staff}"})
            c.get("/api/v1/branches?token=" + staff)
            started = c.post(
                "/api/v1/pairing", json={"role": "display", "branch": "dokk1", "name": "S"}
            ).json()
            secrets.append(started["secret"])
            c.post("/api/v1/pairing/collect", json={"secret": started["secret"]})
        ws = f"ws://127.0.0.1:{port}/api/v1/branches/dokk1/events?token={display}"
        with connect(ws, open_timeout=5) as legacy:
            assert json.loads(legacy.recv(timeout=5))["type"] == "snapshot"
        ws = f"ws://127.0.0.1:{port}/api/v1/branches/dokk1/events"
        with connect(ws, open_timeout=5, subprotocols=["dintur.v1", f"bearer.{display}"]) as b:  # type: ignore[list-item]
            assert b.subprotocol == "dintur.v1"
            assert json.loads(b.recv(timeout=5))["type"] == "snapshot"
        with connect(ws, open_timeout=5, additional_headers={"Authorization": f"Bearer {staff}"}):
            pass
        time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(15)
    text = log.read_text()
    assert "GET /api/v1/branches" in text, "the access log was on"
    leaked = [s for s in secrets if s in text]
    assert not leaked, f"{len(leaked)} secrets in the log:\n{text[-2000:]}"
