"""Hardening 4, 5, 12, 13, 16: limits on headers, slow clients and connections; input the
columns cannot hold is refused; error codes as documented; the OpenAPI tells the truth."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from queue_server.api.thread import free_port
from queue_server.settings import Limits, Settings
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server


def test_a_huge_header_gets_431_and_a_big_body_still_413(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as c:
        r = c.get("/healthz", headers={"X-Padding": "a" * 64 * 1024})
        assert r.status_code == 431 and r.json()["code"] == "headers_too_large"
        assert c.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"branch": "\xff\xfe", "service": "pas"}', 400, "malformed_json"),
        (b"[" * 20000 + b"]" * 20000, 400, "malformed_json"),
        (b'{"branch": "dokk1", "service": "pas", "paperless": "yes"}', 422, "invalid_request"),
        (b'{"branch": "dokk1", "service": "pas", "paperless": 1}', 422, "invalid_request"),
    ],
)
def test_bad_bodies_get_their_documented_code(
    server: LiveServer, body: bytes, status: int, code: str
) -> None:
    h = {"Authorization": f"Bearer {server.token('kiosk')}", "content-type": "application/json"}
    with httpx.Client(base_url=server.url) as c:
        r = c.post("/api/v1/tickets", content=body, headers=h)
    assert (r.status_code, r.json()["code"]) == (status, code)


def test_a_chunked_body_past_the_limit_is_413(server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"branch": "'
        for _ in range(40):
            yield b"a" * 4096
        yield b'"}'

    h = {"Authorization": f"Bearer {server.token('kiosk')}", "content-type": "application/json"}
    with httpx.Client(base_url=server.url) as c:
        r = c.post("/api/v1/tickets", content=chunks(), headers=h)
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"


def test_text_the_database_cannot_hold_is_refused_on_both_engines(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as c:
        nul = c.post("/api/v1/auth/login", json={"username": "a\x00b", "password": "x" * 9})
        assert nul.status_code == 422
        name = c.post(
            "/api/v1/pairing", json={"role": "display", "branch": "dokk1", "name": "A\x00"}
        )
        assert name.status_code == 422
    with server.client("kiosk") as kiosk:
        detail = kiosk.put("/api/v1/devices/k1/health", json={"status": "ok", "detail": "x\x00"})
        assert detail.status_code == 422
        long_id = kiosk.put(f"/api/v1/devices/{'k' * 50}/health", json={"status": "ok"})
        assert long_id.status_code == 422
        fits = kiosk.put(f"/api/v1/devices/{'k' * 40}/health", json={"status": "ok"})
        assert fits.status_code == 200


def test_a_garbage_since_closes_with_a_documented_code(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/branches/dokk1/events?since=yesterday"
    headers = {"Authorization": f"Bearer {server.token('display')}"}
    with (
        connect(url, additional_headers=headers, open_timeout=5) as ws,
        pytest.raises(ConnectionClosed) as closed,
    ):
        ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400


def test_openapi_declares_bearer_tokens_and_problem_answers(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as c:
        doc = c.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    issue = doc["paths"]["/api/v1/tickets"]["post"]
    assert issue["security"] == [{"bearer": []}]
    for status in ("401", "403", "404", "409", "422", "429"):
        assert "application/problem+json" in issue["responses"][status]["content"], status
    login = doc["paths"]["/api/v1/auth/login"]["post"]
    assert (
        "security" not in login and "429" in login["responses"] and "401" not in login["responses"]
    )


@pytest.fixture
def tight(tmp_path: Path) -> Iterator[LiveServer]:
    """A server with small limits, so a bounded slow-client run can exceed them."""
    port = free_port()
    live = start_server(
        Settings(
            config_dir=DEMO_CONFIG,
            database_url=f"sqlite:///{tmp_path / 'tight.db'}",
            public_url=f"http://127.0.0.1:{port}",
            limits=Limits(read_timeout_s=1.0, keep_alive_s=1, max_connections=60),
        ),
        port,
    )
    yield live
    live.stop()


def test_slow_and_idle_clients_cannot_starve_the_health_probe(tight: LiveServer) -> None:
    port = int(tight.url.rsplit(":", 1)[1])
    stop = threading.Event()
    sockets: list[socket.socket] = []
    cut_off = [0]

    def slowloris() -> None:  # 120 sockets, a byte every 0.3 s, for at most 4 s
        for _ in range(120):
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            sockets.append(s)
        deadline = time.monotonic() + 4
        while not stop.is_set() and time.monotonic() < deadline:
            for s in list(sockets):
                try:
                    s.sendall(b"X")
                except OSError:
                    sockets.remove(s)
                    s.close()
                    cut_off[0] += 1
            time.sleep(0.3)

    flood = threading.Thread(target=slowloris, name="test-slowloris")
    flood.start()
    answered = []
    try:
        with httpx.Client(base_url=tight.url, timeout=2) as probe:
            for _ in range(10):
                time.sleep(0.3)
                answered.append(probe.get("/healthz").status_code)
    finally:
        stop.set()
        flood.join()
        for s in sockets:
            s.close()
    assert answered.count(200) >= 8, answered
    assert cut_off[0] >= 60, "slow clients are cut off (read timeout, connection cap)"
