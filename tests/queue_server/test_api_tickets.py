"""The HTTP contract of API v1 against a real server on loopback, on both engines."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from queue_server import auth
from tests.support.servers import LiveServer

ISSUE = {"branch": "dokk1", "service": "pas", "language": "da"}


def issue(c: httpx.Client, **over: object) -> dict[str, Any]:
    r = c.post("/api/v1/tickets", json={**ISSUE, **over})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def seq(server: LiveServer) -> int:
    with server.client() as c:
        return int(c.get("/api/v1/branches/dokk1/queue").json()["seq"])


def test_issue_gives_numbered_ticket_with_wait_and_status_link(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        first = issue(kiosk)
        second = issue(kiosk, language="en")
    assert first["number"] == "P001" and second["number"] == "P002"
    assert first["state"] == "waiting" and first["branch"] == "dokk1" and first["service"] == "pas"
    assert first["people_ahead"] == 0 and second["people_ahead"] == 1
    assert second["language"] == "en"
    wait = second["estimated_wait"]
    assert 0 <= wait["low_s"] < wait["high_s"]
    assert first["status_url"].startswith(server.url + "/t/")
    assert first["status_url"] != second["status_url"]
    with server.client("display") as display:
        assert display.get(f"/api/v1/tickets/{first['id']}").json()["number"] == "P001"


def test_call_next_serves_in_order_and_204_when_empty(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        a, b = issue(kiosk), issue(kiosk)
    with server.client("caseworker") as cw:
        called = cw.post("/api/v1/counters/dokk1-1/call-next")
        assert called.status_code == 200
        body = called.json()
        assert body["id"] == a["id"] and body["state"] == "called" and body["counter"] == "dokk1-1"
        assert body["called_at"] and "walk-in" in body["reason"]
        # calling again finishes the first and takes the second
        second = cw.post("/api/v1/counters/dokk1-1/call-next").json()
        assert second["id"] == b["id"]
        assert cw.get(f"/api/v1/tickets/{a['id']}").json()["state"] == "done"
        empty = cw.post("/api/v1/counters/dokk1-1/call-next")
        assert empty.status_code == 204 and empty.content == b""
        assert cw.get(f"/api/v1/tickets/{b['id']}").json()["state"] == "done"


def test_recall_start_finish_and_wrong_state(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        t = issue(kiosk)
    with server.client("caseworker") as cw:
        cw.post("/api/v1/counters/dokk1-2/call-next")
        recalled = cw.post(f"/api/v1/tickets/{t['id']}/recall").json()
        assert recalled["recalls"] == 1 and recalled["state"] == "called"
        before = seq(server)
        wrong = cw.post(f"/api/v1/tickets/{t['id']}/finish")
        assert wrong.status_code == 409
        assert wrong.headers["content-type"].startswith("application/problem+json")
        problem = wrong.json()
        assert problem["code"] == "invalid_transition" and "called" in problem["detail"]
        assert seq(server) == before, "a rejected request changed nothing"
        assert cw.post(f"/api/v1/tickets/{t['id']}/start").json()["state"] == "serving"
        done = cw.post(f"/api/v1/tickets/{t['id']}/finish").json()
        assert done["state"] == "done" and done["finished_at"]


def test_no_show_and_cancel(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        a, b = issue(kiosk), issue(kiosk)
    with server.client("caseworker") as cw:
        cw.post("/api/v1/counters/dokk1-1/call-next")
        assert cw.post(f"/api/v1/tickets/{a['id']}/no-show").json()["state"] == "no_show"
        assert cw.post(f"/api/v1/tickets/{b['id']}/cancel").json()["state"] == "cancelled"
        assert cw.post(f"/api/v1/tickets/{b['id']}/cancel").status_code == 409
        assert cw.post("/api/v1/counters/dokk1-1/call-next").status_code == 204


def test_call_out_of_order(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        first, second = issue(kiosk), issue(kiosk)
    with server.client("caseworker") as cw:
        r = cw.post("/api/v1/counters/dokk1-1/call", json={"ticket": second["id"]})
        assert r.status_code == 200 and r.json()["id"] == second["id"]
        assert r.json()["reason"] == "called out of order"
        again = cw.post("/api/v1/counters/dokk1-2/call", json={"ticket": second["id"]})
        assert again.status_code == 409
        assert cw.post("/api/v1/counters/dokk1-2/call-next").json()["id"] == first["id"]


def test_transfer_to_service_keeps_arrival_and_status_link(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        early = issue(kiosk)
        later_d = issue(kiosk, service="digital-hjaelp")
    with server.client("caseworker") as cw:
        cw.post("/api/v1/counters/dokk1-1/call", json={"ticket": early["id"]})
        moved = cw.post(
            f"/api/v1/tickets/{early['id']}/transfer", json={"service": "digital-hjaelp"}
        )
        assert moved.status_code == 200, moved.text
        new = moved.json()
        assert new["state"] == "waiting" and new["service"] == "digital-hjaelp"
        # the citizen keeps their number: the slip in their hand is still called
        assert new["number"] == early["number"] and new["transferred_from"] == early["id"]
        # the caseworker never sees the citizen's link (hardening #2), but it follows the ticket
        assert new["status_url"] is None
        token = early["status_url"].rsplit("/", 1)[1]
        with httpx.Client(base_url=server.url) as citizen:
            followed = citizen.get(f"/api/v1/status/{token}").json()
        assert followed["id"] == new["id"], "the citizen's link follows the ticket"
        old = cw.get(f"/api/v1/tickets/{early['id']}").json()
        assert old["state"] == "transferred" and old["transferred_to"] == new["id"]
        # transferred-in goes before the walk-in who came later
        assert new["people_ahead"] == 0
        counter = next(
            c
            for c in cw.get("/api/v1/branches/dokk1").json()["counters"]
            if "digital-hjaelp" in c["services"]
        )
        got = cw.post(f"/api/v1/counters/{counter['id']}/call-next").json()
        assert got["id"] == new["id"]
        assert later_d["id"] != got["id"]


def test_transfer_to_counter_waits_for_that_counter_only(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        t = issue(kiosk)
    with server.client("caseworker") as cw:
        cw.post("/api/v1/counters/dokk1-1/call-next")
        closed = cw.post(f"/api/v1/tickets/{t['id']}/transfer", json={"counter": "dokk1-2"})
        assert closed.status_code == 409 and closed.json()["code"] == "counter_closed"
        assert cw.get(f"/api/v1/tickets/{t['id']}").json()["state"] == "called", "unchanged"
        assert cw.post("/api/v1/counters/dokk1-2/claim").status_code == 200  # now it is open
        new = cw.post(f"/api/v1/tickets/{t['id']}/transfer", json={"counter": "dokk1-2"}).json()
        assert new["number"] == t["number"], "the citizen keeps their number"
        assert new["state"] == "waiting"
        pas_counters = [
            c["id"]
            for c in cw.get("/api/v1/branches/dokk1").json()["counters"]
            if "pas" in c["services"] and c["id"] != "dokk1-2"
        ]
        for other in pas_counters:
            assert cw.post(f"/api/v1/counters/{other}/call-next").status_code == 204
        assert cw.post("/api/v1/counters/dokk1-2/call-next").json()["id"] == new["id"]


def test_branches_and_queue_snapshot(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        issue(kiosk)
        branches = kiosk.get("/api/v1/branches").json()
        assert [b["id"] for b in branches] == ["dokk1"], "a branch token sees its own branch"
        info = kiosk.get("/api/v1/branches/dokk1").json()
    pas = next(s for s in info["services"] if s["id"] == "pas")
    assert pas["prefix"] == "P" and pas["names"]["da"] and pas["open_now"] is True
    assert pas["waiting"] == 1 and pas["estimated_wait"]["high_s"] > 0
    assert info["counters"] and all(c["services"] for c in info["counters"])
    with server.client("display") as display:
        snap = display.get("/api/v1/branches/dokk1/queue").json()
    assert snap["seq"] == 1 and len(snap["tickets"]) == 1 and snap["recent_calls"] == []
    with server.client("admin", None) as admin:
        assert {b["id"] for b in admin.get("/api/v1/branches").json()} >= {"dokk1", "gellerup"}


def test_citizen_status_link_and_cancel(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        t = issue(kiosk)
    token = t["status_url"].rsplit("/", 1)[1]
    with httpx.Client(base_url=server.url) as anon:
        assert anon.get(f"/api/v1/status/{token}").json()["id"] == t["id"]
        assert anon.post(f"/api/v1/status/{token}/cancel").json()["state"] == "cancelled"
        missing = anon.get("/api/v1/status/notarealtoken123")
        assert missing.status_code == 404 and missing.json()["code"] == "ticket_not_found"


def test_login(server: LiveServer) -> None:
    auth.add_staff(
        server.db, username="mette", password="korrekt-hest", role="caseworker", branch="dokk1"
    )
    with httpx.Client(base_url=server.url) as anon:
        bad = anon.post("/api/v1/auth/login", json={"username": "mette", "password": "forkert"})
        assert bad.status_code == 401 and bad.json()["detail"] == "wrong username or password"
        nobody = anon.post("/api/v1/auth/login", json={"username": "ghost", "password": "x"})
        assert nobody.status_code == 401
        ok = anon.post("/api/v1/auth/login", json={"username": "mette", "password": "korrekt-hest"})
        assert ok.status_code == 200
        token = ok.json()["token"]
        assert ok.json()["role"] == "caseworker" and ok.json()["branch"] == "dokk1"
        me = anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["username"] == "mette"


def test_login_with_a_hash_made_under_the_old_argon2_settings(server: LiveServer) -> None:
    """Staff created before the hasher's settings changed (64 MiB, 3 passes) still log in."""
    from argon2 import PasswordHasher
    from sqlalchemy import update

    from queue_server.db.models import StaffRow

    auth.add_staff(
        server.db, username="gammel", password="et-gammelt-ord", role="caseworker", branch="dokk1"
    )
    with server.db.write() as s:
        old = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)
        s.execute(
            update(StaffRow)
            .where(StaffRow.username == "gammel")
            .values(password_hash=old.hash("et-gammelt-ord"))
        )
    with httpx.Client(base_url=server.url) as anon:
        ok = anon.post(
            "/api/v1/auth/login", json={"username": "gammel", "password": "et-gammelt-ord"}
        )
        assert ok.status_code == 200
        wrong = anon.post("/api/v1/auth/login", json={"username": "gammel", "password": "nej"})
        assert wrong.status_code == 401
    assert "m=19456,t=2,p=1" in auth._hasher.hash("x")  # the new setting, for new hashes


def test_health_and_openapi(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as anon:
        assert anon.get("/healthz").json()["status"] == "ok"
        paths = anon.get("/openapi.json").json()["paths"]
    for path in [
        "/api/v1/tickets",
        "/api/v1/counters/{counter_id}/call-next",
        "/api/v1/tickets/{ticket_id}/no-show",
        "/api/v1/branches/{branch}/queue",
    ]:
        assert path in paths


BAD_REQUESTS = [
    ("unknown branch", "kiosk", {**ISSUE, "branch": "nowhere"}, 404, "unknown_branch"),
    ("unknown service", "kiosk", {**ISSUE, "service": "nothing"}, 404, "unknown_service"),
    ("wrong type", "kiosk", {**ISSUE, "service": 42}, 422, "invalid_request"),
    ("missing field", "kiosk", {"branch": "dokk1"}, 422, "invalid_request"),
    ("unknown field", "kiosk", {**ISSUE, "cpr": "010101-1234"}, 422, "invalid_request"),
    ("bad language", "kiosk", {**ISSUE, "language": "Danish!"}, 422, "invalid_request"),
    ("display may not issue", "display", ISSUE, 403, "forbidden"),
]


@pytest.mark.parametrize(
    ("why", "role", "body", "status", "code"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS]
)
def test_bad_issue_requests_change_nothing(
    server: LiveServer, why: str, role: str, body: dict[str, Any], status: int, code: str
) -> None:
    before = seq(server)
    with server.client(role) as c:
        r = c.post("/api/v1/tickets", json=body)
    assert r.status_code == status, (why, r.text)
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == code and r.json()["detail"]
    assert seq(server) == before


def test_malformed_oversized_and_unauthenticated(server: LiveServer) -> None:
    before = seq(server)
    kiosk_token = server.token("kiosk")
    with httpx.Client(base_url=server.url) as anon:
        h = {"Authorization": f"Bearer {kiosk_token}", "content-type": "application/json"}
        bad_json = anon.post("/api/v1/tickets", content=b'{"branch": "dokk1",', headers=h)
        assert bad_json.status_code == 400 and bad_json.json()["code"] == "malformed_json"
        huge = anon.post("/api/v1/tickets", content=b'{"x": "' + b"a" * 200_000 + b'"}', headers=h)
        assert huge.status_code == 413 and huge.json()["code"] == "body_too_large"
        none = anon.post("/api/v1/tickets", json=ISSUE)
        assert none.status_code == 401 and none.json()["code"] == "unauthorized"
        wrong = anon.post("/api/v1/tickets", json=ISSUE, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert anon.get("/api/v1/nothing-here").status_code == 404
    assert seq(server) == before


def test_tokens_are_bound_to_their_branch_and_role(server: LiveServer) -> None:
    before = seq(server)
    with server.client("kiosk", "gellerup") as other_kiosk:
        r = other_kiosk.post("/api/v1/tickets", json=ISSUE)
        assert r.status_code == 403 and "gellerup" in r.json()["detail"]
    with server.client("kiosk") as kiosk:
        t = issue(kiosk)
        assert kiosk.post("/api/v1/counters/dokk1-1/call-next").status_code == 403
        assert kiosk.post(f"/api/v1/tickets/{t['id']}/finish").status_code == 403
    with server.client("caseworker", "gellerup") as cw_elsewhere:
        assert cw_elsewhere.post("/api/v1/counters/dokk1-1/call-next").status_code == 403
        assert cw_elsewhere.post(f"/api/v1/tickets/{t['id']}/cancel").status_code == 403
    with server.client("caseworker") as cw:
        assert cw.post("/api/v1/counters/nope/call-next").json()["code"] == "unknown_counter"
        assert cw.post("/api/v1/tickets/nope/start").json()["code"] == "ticket_not_found"
        assert cw.post(f"/api/v1/tickets/{t['id']}/transfer", json={}).status_code == 422
        assert (
            cw.post(
                f"/api/v1/tickets/{t['id']}/transfer", json={"service": "pas", "counter": "dokk1-1"}
            ).status_code
            == 422
        )
    assert seq(server) == before + 1  # only the one ticket issued


def test_revoked_token_stops_at_once(server: LiveServer) -> None:
    token = auth.create_token(server.db, role="kiosk", branch="dokk1")
    who = auth.authenticate(server.db, token)
    h = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, headers=h) as c:
        assert c.post("/api/v1/tickets", json=ISSUE).status_code == 201
        assert auth.revoke_token(server.db, who.token_id)
        assert c.post("/api/v1/tickets", json=ISSUE).status_code == 401


def test_call_next_for_some_of_the_counters_services(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        pas = issue(kiosk)
        digital = issue(kiosk, service="digital-hjaelp")
    with server.client("caseworker") as cw:
        only = {"services": ["digital-hjaelp"]}
        got = cw.post("/api/v1/counters/dokk1-1/call-next", json=only).json()
        assert got["id"] == digital["id"]  # the older pas ticket waits for someone else
        assert cw.post("/api/v1/counters/dokk1-1/call-next", json=only).status_code == 204
        r = cw.post("/api/v1/counters/dokk1-1/call-next", json={"services": ["bibliotek"]})
        assert r.status_code == 409 and r.json()["code"] == "counter_not_serving"
        r = cw.post("/api/v1/counters/dokk1-1/call-next", json={"services": "pas"})
        assert r.status_code == 422
        # a ticket sent to one counter says so, and only that counter calls it
        assert cw.post("/api/v1/counters/dokk1-3/claim").status_code == 200
        moved = cw.post(f"/api/v1/tickets/{pas['id']}/transfer", json={"counter": "dokk1-3"}).json()
        assert moved["for_counter"] == "dokk1-3"
        assert cw.post("/api/v1/counters/dokk1-2/call-next", json=only).status_code == 204
        assert cw.post("/api/v1/counters/dokk1-3/call-next", json=only).json()["id"] == moved["id"]


def test_snapshot_places_in_line_match_each_ticket(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        for service in ["pas", "korekort", "pas", "digital-hjaelp", "pas", "korekort"]:
            issue(kiosk, service=service)
    with server.client("caseworker") as cw:
        called = cw.post("/api/v1/counters/dokk1-1/call-next").json()
        cw.post(f"/api/v1/tickets/{called['id']}/transfer", json={"service": "korekort"})
        snap = cw.get("/api/v1/branches/dokk1/queue").json()
        waiting = [t for t in snap["tickets"] if t["state"] == "waiting"]
        assert len(waiting) == 6
        for t in waiting:
            alone = cw.get(f"/api/v1/tickets/{t['id']}").json()
            assert t["people_ahead"] == alone["people_ahead"], t["number"]
        # the transferred ticket goes ahead of the walk-ins in its new queue
        moved = next(t for t in waiting if t["transferred_from"] and t["people_ahead"] == 0)
        assert moved["id"] != called["id"]


def test_a_bad_token_is_refused_before_anything_is_looked_up(server: LiveServer) -> None:
    """Without a valid token nobody learns which branches, counters or tickets exist:
    the answer is 401 whether the thing asked for exists or not."""
    bad = {"Authorization": "Bearer dt_not-a-real-token"}
    with httpx.Client(base_url=server.url, headers=bad) as c:
        for method, path, body in [
            ("POST", "/api/v1/tickets", {"branch": "nowhere", "service": "pas"}),
            ("POST", "/api/v1/tickets", {"branch": "dokk1", "service": "pas"}),
            ("POST", "/api/v1/counters/no-such-counter/call-next", None),
            ("POST", "/api/v1/counters/dokk1-1/call", {"ticket": "0" * 32}),
            ("POST", f"/api/v1/tickets/{'0' * 32}/finish", None),
            ("POST", f"/api/v1/tickets/{'0' * 32}/transfer", {"service": "pas"}),
        ]:
            r = c.request(method, path, json=body)
            assert r.status_code == 401, (path, r.status_code, r.text)
            assert r.json()["code"] == "unauthorized"
