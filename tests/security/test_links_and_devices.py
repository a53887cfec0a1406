"""Hardening 2, 8, 10, 14: the citizen's link stays with the citizen; a device reports only
its own health; a colleague's counter is theirs."""

from __future__ import annotations

import json

import httpx
from websockets.sync.client import connect

from queue_server import auth
from tests.support.servers import LiveServer


def issue(server: LiveServer, service: str = "pas") -> dict[str, object]:
    with server.client("kiosk") as kiosk:
        r = kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": service})
    assert r.status_code == 201
    body: dict[str, object] = r.json()
    return body


def test_only_the_issuer_and_the_citizen_see_the_status_link(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/branches/dokk1/events"
    display = {"Authorization": f"Bearer {server.token('display')}"}
    with connect(url, additional_headers=display, open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "snapshot"
        t = issue(server)
        assert str(t["status_url"]).startswith(server.url + "/t/")
        event = ws.recv(timeout=5)
    token = str(t["status_url"]).rsplit("/", 1)[1]
    assert token not in str(event) and json.loads(str(event))["ticket"]["status_url"] is None
    for role in ("display", "kiosk", "caseworker"):
        with server.client(role) as c:
            assert token not in c.get("/api/v1/branches/dokk1/queue").text
            assert token not in c.get(f"/api/v1/tickets/{t['id']}").text
    with httpx.Client(base_url=server.url) as citizen:
        own = citizen.get(f"/api/v1/status/{token}").json()
    assert own["status_url"] == t["status_url"]


def test_the_old_link_of_a_transferred_ticket_is_not_guessable(server: LiveServer) -> None:
    t = issue(server)
    with server.client("caseworker") as cw:
        moved = cw.post(f"/api/v1/tickets/{t['id']}/transfer", json={"service": "korekort"})
        assert moved.status_code == 200
    with httpx.Client(base_url=server.url) as anyone:
        assert anyone.get(f"/api/v1/status/moved-{t['id']}").status_code == 404


def test_a_device_cannot_overwrite_another_branchs_printer(server: LiveServer) -> None:
    out = {"status": "paper_out", "detail": "no paper"}
    with server.client("kiosk", "dokk1") as kiosk:
        assert kiosk.put("/api/v1/devices/dokk1-kiosk-1/health", json=out).status_code == 200
    with server.client("display", "gellerup") as stranger:
        r = stranger.put("/api/v1/devices/dokk1-kiosk-1/health", json={"status": "ok"})
        assert r.status_code == 200 and r.json()["branch"] == "gellerup"
    with server.client("caseworker") as cw:
        devices = cw.get("/api/v1/branches/dokk1/devices").json()
    assert [(d["device"], d["status"]) for d in devices] == [("dokk1-kiosk-1", "paper_out")]


def test_only_the_holder_or_an_admin_finishes_at_a_claimed_counter(server: LiveServer) -> None:
    for name in ("anna", "bo"):
        auth.add_staff(
            server.db, username=name, password="a long password", role="caseworker", branch="dokk1"
        )
    t = issue(server)

    def login(name: str) -> httpx.Client:
        with httpx.Client(base_url=server.url) as c:
            body = {"username": name, "password": "a long password"}
            token = c.post("/api/v1/auth/login", json=body).json()["token"]
        return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"})

    with login("anna") as anna, login("bo") as bo:
        assert anna.post("/api/v1/counters/dokk1-1/claim").status_code == 200
        assert (
            anna.post("/api/v1/counters/dokk1-1/call", json={"ticket": t["id"]}).status_code == 200
        )
        for action in ("finish", "no-show", "recall", "start"):
            r = bo.post(f"/api/v1/tickets/{t['id']}/{action}")
            assert r.status_code == 409 and r.json()["code"] == "counter_taken", action
        moved = bo.post(f"/api/v1/tickets/{t['id']}/transfer", json={"service": "korekort"})
        assert moved.status_code == 409
        with server.client("admin") as admin:
            assert admin.post(f"/api/v1/tickets/{t['id']}/recall").status_code == 200
        finished = anna.post(f"/api/v1/tickets/{t['id']}/done")  # start + finish, atomic
        assert finished.status_code == 200 and finished.json()["state"] == "done"
