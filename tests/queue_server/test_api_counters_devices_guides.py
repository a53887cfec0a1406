"""Counter sessions, device health and guides: the API around the queue, on both engines."""

from __future__ import annotations

import json
from typing import Any

import httpx
from websockets.sync.client import connect

from queue_server import auth
from tests.support.servers import LiveServer

ISSUE = {"branch": "dokk1", "service": "pas", "language": "da"}


def staff_client(server: LiveServer, username: str) -> httpx.Client:
    auth.add_staff(
        server.db, username=username, password="hemmelig-kode", role="caseworker", branch="dokk1"
    )
    r = httpx.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": username, "password": "hemmelig-kode"},
    )
    assert r.status_code == 200, r.text
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=10
    )


def counter(server: LiveServer, counter_id: str) -> dict[str, Any]:
    with server.client() as admin:
        info = admin.get("/api/v1/branches/dokk1").json()
    return next(c for c in info["counters"] if c["id"] == counter_id)


def test_one_caseworker_per_counter_and_pause_is_shown(server: LiveServer) -> None:
    with staff_client(server, "anna") as anna, staff_client(server, "bo") as bo:
        with server.client("kiosk") as kiosk:
            kiosk.post("/api/v1/tickets", json=ISSUE)
        claimed = anna.post("/api/v1/counters/dokk1-1/claim")
        assert claimed.status_code == 200 and claimed.json()["held_by"] == "anna"
        assert anna.post("/api/v1/counters/dokk1-1/claim").status_code == 200  # idempotent
        taken = bo.post("/api/v1/counters/dokk1-1/claim")
        assert taken.status_code == 409 and taken.json()["code"] == "counter_taken"
        assert "anna" in taken.json()["detail"]
        # bo cannot call at anna's counter, nor release it
        r = bo.post("/api/v1/counters/dokk1-1/call-next")
        assert r.status_code == 409 and r.json()["code"] == "counter_taken"
        assert bo.post("/api/v1/counters/dokk1-1/release").status_code == 409
        # a paused counter calls nobody until resumed; colleagues see the reason
        paused = anna.post("/api/v1/counters/dokk1-1/pause", json={"reason": "phone"})
        assert paused.json()["paused"] == "phone"
        assert counter(server, "dokk1-1")["paused"] == "phone"
        r = anna.post("/api/v1/counters/dokk1-1/call-next")
        assert r.status_code == 409 and r.json()["code"] == "counter_paused"
        bad = anna.post("/api/v1/counters/dokk1-1/pause", json={"reason": "lunch"})
        assert bad.status_code == 422
        assert anna.post("/api/v1/counters/dokk1-1/resume").json()["paused"] is None
        assert anna.post("/api/v1/counters/dokk1-1/call-next").json()["number"] == "P001"
        # after anna leaves, bo may sit down
        assert anna.post("/api/v1/counters/dokk1-1/release").json()["held_by"] is None
        assert bo.post("/api/v1/counters/dokk1-1/claim").json()["held_by"] == "bo"
    with server.client("kiosk") as kiosk:
        r = kiosk.post("/api/v1/counters/dokk1-2/claim")
        assert r.status_code == 403


def test_counter_changes_are_events_and_in_the_snapshot(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/branches/dokk1/events?token={server.token('display')}"
    with staff_client(server, "carl") as carl, connect(url, open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "snapshot"
        carl.post("/api/v1/counters/dokk1-3/claim")
        carl.post("/api/v1/counters/dokk1-3/pause", json={"reason": "break"})
        claimed, paused = (json.loads(ws.recv(timeout=5)) for _ in range(2))
    assert claimed["type"] == "counter.claimed" and claimed["counter"]["held_by"] == "carl"
    assert paused["type"] == "counter.paused" and paused["counter"]["paused"] == "break"
    with server.client() as admin:
        snap = admin.get("/api/v1/branches/dokk1/queue").json()
    held = {c["id"]: c for c in snap["counters"]}
    assert held["dokk1-3"]["held_by"] == "carl" and held["dokk1-4"]["held_by"] is None


def test_device_health_is_stored_and_changes_are_announced(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/branches/dokk1/events?token={server.token('display')}"
    report = {"kind": "printer", "status": "paper_out", "detail": "no paper"}
    with server.client("kiosk") as kiosk, connect(url, open_timeout=5) as ws:
        ws.recv(timeout=5)
        r = kiosk.put("/api/v1/devices/kiosk-1/health", json=report)
        assert r.status_code == 200 and r.json()["branch"] == "dokk1"
        kiosk.put("/api/v1/devices/kiosk-1/health", json=report)  # same status: no event
        kiosk.put("/api/v1/devices/kiosk-1/health", json={**report, "status": "ok"})
        events = [json.loads(ws.recv(timeout=5)) for _ in range(2)]
        assert [e["device"]["status"] for e in events] == ["paper_out", "ok"]
        assert (
            kiosk.put("/api/v1/devices/kiosk-1/health", json={"status": "on fire"}).status_code
            == 422
        )
    with server.client("caseworker") as cw:
        devices = cw.get("/api/v1/branches/dokk1/devices").json()
    assert [(d["device"], d["status"]) for d in devices] == [("kiosk-1", "ok")]
    with server.client("display") as display:
        assert display.get("/api/v1/branches/dokk1/devices").status_code == 403


def test_guides_and_their_outcomes(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        guides = kiosk.get("/api/v1/guides").json()
        pas = next(g for g in guides if g["id"] == "pas")
        assert pas["url"].startswith("https://") and len(pas["steps"]) >= 3
        assert {"da", "en"} <= pas["title"].keys() and pas["service"] == "pas"
        for outcome in ("self_served", "self_served", "ticket"):
            r = kiosk.post(
                "/api/v1/guides/pas/outcome", json={"branch": "dokk1", "outcome": outcome}
            )
            assert r.status_code == 204
        r = kiosk.post("/api/v1/guides/nope/outcome", json={"branch": "dokk1", "outcome": "ticket"})
        assert r.status_code == 404 and r.json()["code"] == "unknown_guide"
        r = kiosk.post(
            "/api/v1/guides/pas/outcome", json={"branch": "gellerup", "outcome": "ticket"}
        )
        assert r.status_code == 403
    with server.client() as admin:
        stats = admin.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json()
    assert stats == {"pas": {"self_served": 2, "ticket": 1}}


def test_branch_info_has_groups_notes_and_address(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        info = kiosk.get("/api/v1/branches/dokk1").json()
    assert {g["id"] for g in info["groups"]} == {"borgerservice", "bibliotek"}
    assert info["address"].startswith("Hack Kampmanns Plads")
    pas = next(s for s in info["services"] if s["id"] == "pas")
    assert pas["note"]["da"].startswith("Husk") and pas["open_elsewhere"] == []


def test_device_health_is_in_the_snapshot(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        kiosk.put("/api/v1/devices/kiosk-2/health", json={"status": "cover_open"})
    with server.client("caseworker") as cw:
        snap = cw.get("/api/v1/branches/dokk1/queue").json()
    assert [(d["device"], d["status"]) for d in snap["devices"]] == [("kiosk-2", "cover_open")]
