"""Hardening 6, 7, 9, 15: pairing cannot be locked out by a neighbour and keeps no token;
the day ends by the call policy; old events go; one server per SQLite file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import inspect
from websockets.sync.client import connect

from queue_server import pairing
from queue_server.api.thread import free_port
from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.guard.throttle import RateLimited
from queue_server.server import create_app
from queue_server.settings import Settings
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server


def test_one_noisy_address_cannot_lock_a_real_display_out(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'pair.db'}"
    upgrade(url)
    db = open_database(url)
    try:
        refused = 0
        for i in range(60):
            try:
                pairing.request(
                    db, role="display", branch="dokk1", name=f"x{i}", address="10.0.0.66"
                )
            except RateLimited:
                refused += 1
        assert refused == 60 - pairing.MAX_PER_ADDRESS
        code, secret, _ = pairing.request(
            db, role="display", branch="dokk1", name="Skærm 1", address="10.0.0.7"
        )
        pairing.decide(db, code, approve=True)
        state, token = pairing.collect(db, secret)
        assert state == "approved" and token is not None and token.startswith("dt_")
        assert pairing.collect(db, secret) == ("collected", None)  # once
        columns = {c["name"] for c in inspect(db.writer).get_columns("pairings")}
        assert "token" not in columns  # no usable token ever waits in the table
    finally:
        db.dispose()


def test_an_approval_not_collected_in_time_lapses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'lapse.db'}"
    upgrade(url)
    db = open_database(url)
    try:
        code, secret, _ = pairing.request(db, role="kiosk", branch="dokk1", name="K", address="a")
        pairing.decide(db, code, approve=True)
        later = dt.datetime.now(dt.UTC) + pairing.LIFETIME + dt.timedelta(seconds=1)
        monkeypatch.setattr(pairing, "_now", lambda: later)
        assert pairing.collect(db, secret) == ("expired", None)
    finally:
        db.dispose()


def test_the_pairing_route_counts_per_client_address(server: LiveServer) -> None:
    body = {"role": "display", "branch": "dokk1", "name": "Skærm"}
    with httpx.Client(base_url=server.url) as c:
        codes = [c.post("/api/v1/pairing", json=body).status_code for _ in range(7)]
    assert codes == [201] * pairing.MAX_PER_ADDRESS + [429] * (7 - pairing.MAX_PER_ADDRESS)


@pytest.fixture
def night(tmp_path: Path) -> Iterator[tuple[LiveServer, list[dt.datetime]]]:
    now = [dt.datetime(2026, 3, 10, 22, 50, tzinfo=dt.UTC)]  # 23:50 in Copenhagen
    port = free_port()
    live = start_server(
        Settings(
            config_dir=DEMO_CONFIG,
            database_url=f"sqlite:///{tmp_path / 'night.db'}",
            public_url=f"http://127.0.0.1:{port}",
            clock=lambda: now[0],
            expire_every_s=3600,  # the sweep's timer does not come to the rescue here
        ),
        port,
    )
    yield live, now
    live.stop()


def test_yesterdays_waiting_are_never_called_and_a_served_one_finishes(
    night: tuple[LiveServer, list[dt.datetime]],
) -> None:
    server, now = night
    with server.client("kiosk") as kiosk, server.client("caseworker") as cw:
        waiting = kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).json()
        served = kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).json()
        assert cw.post("/api/v1/counters/dokk1-1/call", json={"ticket": served["id"]}).is_success
        assert cw.post(f"/api/v1/tickets/{served['id']}/start").json()["state"] == "serving"
        now[0] += dt.timedelta(minutes=20)  # 00:10, the next business day
        assert cw.post("/api/v1/counters/dokk1-2/call-next").status_code == 204
        assert cw.get(f"/api/v1/tickets/{waiting['id']}").json()["state"] == "expired"
        assert cw.get(f"/api/v1/tickets/{served['id']}").json()["state"] == "serving"
        today = kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).json()
        assert today["number"] == "P001"
        assert cw.post(f"/api/v1/tickets/{served['id']}/finish").json()["state"] == "done"
        called = cw.post("/api/v1/counters/dokk1-3/call-next").json()
        assert called["id"] == today["id"]
        snap = cw.get("/api/v1/branches/dokk1/queue").json()
    numbers = [t["number"] for t in snap["recent_calls"]]
    assert numbers == ["P001"], "yesterday's P002 is not on today's board"


def test_old_events_are_pruned_and_an_old_since_gets_a_snapshot(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        for _ in range(3):
            kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"})
    ledger = server.app.state.ledger  # type: ignore[attr-defined]
    assert ledger.log.prune(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)) >= 3
    url = f"{server.ws_url}/api/v1/branches/dokk1/events?since=0"
    headers = {"Authorization": f"Bearer {server.token('display')}"}
    with connect(url, additional_headers=headers, open_timeout=5) as ws:
        first = json.loads(ws.recv(timeout=5))
    assert first["type"] == "snapshot" and first["snapshot"]["seq"] >= 3


def test_a_second_server_on_the_same_sqlite_file_is_refused(tmp_path: Path) -> None:
    settings = Settings(config_dir=DEMO_CONFIG, database_url=f"sqlite:///{tmp_path / 'one.db'}")
    first = create_app(settings)
    try:
        with pytest.raises(ValueError, match="another DinTur server"):
            create_app(settings)
    finally:
        first.state.db.dispose()
    second = create_app(settings)  # the first is gone: now it may
    second.state.db.dispose()
