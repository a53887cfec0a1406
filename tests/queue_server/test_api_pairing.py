"""Pairing over HTTP: the code is shown, only the secret collects, a token comes once."""

from __future__ import annotations

import httpx

from tests.support.servers import LiveServer

ASK = {"role": "kiosk", "branch": "dokk1", "name": "kiosk ved døren"}


def test_approve_collect_once_and_reject(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as anon, server.client() as admin:
        started = anon.post("/api/v1/pairing", json=ASK)
        assert started.status_code == 201
        code, secret = started.json()["code"], started.json()["secret"]
        assert anon.post("/api/v1/pairing/collect", json={"secret": secret}).json() == {
            "state": "pending",
            "token": None,
        }
        waiting = admin.get("/api/v1/pairing").json()
        assert [(w["code"], w["name"]) for w in waiting] == [(code, "kiosk ved døren")]
        # only an admin approves; a kiosk token cannot approve itself
        with server.client("kiosk") as kiosk:
            assert kiosk.post(f"/api/v1/pairing/{code}/approve").status_code == 403
        assert admin.post(f"/api/v1/pairing/{code}/approve").json()["state"] == "approved"
        got = anon.post("/api/v1/pairing/collect", json={"secret": secret}).json()
        assert got["state"] == "approved" and got["token"]
        again = anon.post("/api/v1/pairing/collect", json={"secret": secret}).json()
        assert again == {"state": "collected", "token": None}  # the token is given once
        ticket = anon.post(
            "/api/v1/tickets",
            json={"branch": "dokk1", "service": "pas"},
            headers={"Authorization": f"Bearer {got['token']}"},
        )
        assert ticket.status_code == 201
        # a rejected device gets no token; an approved code cannot be approved again
        other = anon.post("/api/v1/pairing", json=ASK).json()
        assert admin.post(f"/api/v1/pairing/{other['code']}/reject").json()["state"] == "rejected"
        assert (
            anon.post("/api/v1/pairing/collect", json={"secret": other["secret"]}).json()["state"]
            == "rejected"
        )
        r = admin.post(f"/api/v1/pairing/{code}/approve")
        assert r.status_code == 404 and r.json()["code"] == "pairing_not_found"


def test_bad_pairing_requests_change_nothing(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as anon, server.client() as admin:
        assert anon.post("/api/v1/pairing", json={**ASK, "role": "admin"}).status_code == 422
        r = anon.post("/api/v1/pairing", json={**ASK, "branch": "nowhere"})
        assert r.status_code == 404 and r.json()["code"] == "unknown_branch"
        r = anon.post("/api/v1/pairing/collect", json={"secret": "x" * 32})
        assert r.status_code == 404 and r.json()["code"] == "pairing_not_found"
        assert anon.get("/api/v1/pairing").status_code == 401
        assert admin.get("/api/v1/pairing").json() == []
