"""The web pages and their live feeds over HTTP and WebSocket, against a real server."""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from queue_server.web import chime
from tests.support.servers import LiveServer


def issue(server: LiveServer, service: str = "pas", language: str = "da") -> dict[str, Any]:
    with server.client("kiosk") as kiosk:
        r = kiosk.post(
            "/api/v1/tickets", json={"branch": "dokk1", "service": service, "language": language}
        )
    assert r.status_code == 201, r.text
    return dict(r.json())


def staff(server: LiveServer, path: str, **body: Any) -> dict[str, Any]:
    with server.client("caseworker") as c:
        r = c.post(f"/api/v1/{path}", json=body or None)
    assert r.status_code == 200, r.text
    return dict(r.json())


def token_of(ticket: dict[str, Any]) -> str:
    return str(ticket["status_url"].rsplit("/t/", 1)[1])


def receive(ws: ClientConnection) -> dict[str, Any]:
    return dict(json.loads(ws.recv(timeout=10)))


def receive_until(ws: ClientConnection, check: Any, limit: int = 20) -> dict[str, Any]:
    for _ in range(limit):  # bounded: a handful of messages per change
        message = receive(ws)
        if check(message):
            return message
    raise AssertionError("the expected message never came")


# --- pages ------------------------------------------------------------------------------


def test_the_board_page_is_plain_html_served_by_us(app_server: LiveServer) -> None:
    r = httpx.get(f"{app_server.url}/display/dokk1?zone=bibliotek&lang=en")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert '<html lang="en"' in r.text and "Dokk1 (demo) – calls" in r.text
    assert "http" not in r.text.replace(app_server.url, "")  # nothing from elsewhere (no CDN)
    for asset in ("common.js", "board.js", "board.css", "chime.wav"):
        assert f"/web/static/{asset}?v=" in r.text
        a = httpx.get(f"{app_server.url}/web/static/{asset}")
        assert a.status_code == 200 and a.content
    wav = httpx.get(f"{app_server.url}/web/static/chime.wav")
    assert wav.headers["content-type"] == "audio/wav" and wav.content == chime.wav_bytes()


@pytest.mark.parametrize("path", ["/display/nowhere", "/display/dokk1?zone=cellar"])
def test_an_unknown_board_is_a_friendly_page_in_danish_and_english(
    app_server: LiveServer, path: str
) -> None:
    r = httpx.get(app_server.url + path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Denne skærm findes ikke" in r.text and "There is no such display" in r.text


def test_the_ticket_page_speaks_the_tickets_language(app_server: LiveServer) -> None:
    ticket = issue(app_server, language="ar")
    r = httpx.get(ticket["status_url"])
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text and "رقمك" in r.text
    assert (
        r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    )
    english = httpx.get(ticket["status_url"] + "?lang=en")
    assert '<html lang="en" dir="ltr">' in english.text and "Your number" in english.text


@pytest.mark.parametrize("token", ["wrongwrongwrongwrong", "short", "bad$chars!!xxxxxxx"])
def test_a_wrong_ticket_link_is_a_friendly_404_in_danish_and_english(
    app_server: LiveServer, token: str
) -> None:
    r = httpx.get(f"{app_server.url}/t/{token}")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Vi kan ikke finde dette nummer" in r.text
    assert "We can&#x27;t find this ticket" in r.text


def test_only_the_pages_assets_are_served(app_server: LiveServer) -> None:
    for name in ("board.html", "ticket.html", "..%2Fpages.py", "nope.js"):
        assert httpx.get(f"{app_server.url}/web/static/{name}").status_code == 404


# --- the public board feed --------------------------------------------------------------


def test_the_public_board_shows_calls_and_carries_nothing_private(app_server: LiveServer) -> None:
    waiting = issue(app_server, "pas", "uk")
    with connect(f"{app_server.ws_url}/api/v1/board/dokk1/events") as ws:
        first = receive(ws)
        assert first["type"] == "board" and first["calls"] == []
        assert {q["service"]: q["waiting"] for q in first["queues"]}["pas"] == 1
        staff(app_server, "counters/dokk1-5/call-next")
        board = receive_until(ws, lambda m: m["calls"])
    call = board["calls"][0]
    assert (call["number"], call["counter"], call["state"], call["language"]) == (
        "P001",
        "dokk1-5",
        "called",
        "uk",
    )
    assert board["counters"]["dokk1-5"]["names"]["da"] == "Skranke 5"
    text = json.dumps(board)
    assert token_of(waiting) not in text and "status_url" not in text and "/t/" not in text
    assert waiting["id"] not in text  # ticket ids are replaced by opaque keys
    assert "held_by" not in text


def test_a_zone_board_shows_only_its_counters(app_server: LiveServer) -> None:
    issue(app_server, "korekort")
    issue(app_server, "bibliotek")
    with connect(f"{app_server.ws_url}/api/v1/board/dokk1/events?zone=bibliotek") as ws:
        first = receive(ws)
        assert set(first["counters"]) == {"dokk1-7", "dokk1-8"}
        assert {q["service"] for q in first["queues"]} == {"pas", "digital-hjaelp", "bibliotek"}
        staff(app_server, "counters/dokk1-1/call-next")  # K001, borgerservice
        staff(app_server, "counters/dokk1-7/call-next")  # L001, bibliotek
        board = receive_until(ws, lambda m: m["calls"])
    assert [c["number"] for c in board["calls"]] == ["L001"]


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/board/nowhere/events", 4404),
        ("/api/v1/board/dokk1/events?zone=cellar", 4404),
        ("/api/v1/board/dokk1/events?token=forged", 4401),
    ],
)
def test_the_board_feed_refuses_plainly(app_server: LiveServer, path: str, code: int) -> None:
    with connect(app_server.ws_url + path) as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == code


def test_a_display_token_from_another_branch_is_refused(app_server: LiveServer) -> None:
    token = app_server.token("display", branch="gellerup")
    with (
        connect(f"{app_server.ws_url}/api/v1/board/dokk1/events?token={token}") as ws,
        pytest.raises(ConnectionClosed) as closed,
    ):
        ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


def test_many_boards_share_one_feed_and_leave_nothing_behind(app_server: LiveServer) -> None:
    hub = app_server.app.state.hub  # type: ignore[attr-defined]
    before = hub.subscriber_count("dokk1")
    with contextlib.ExitStack() as stack:
        sockets = [
            stack.enter_context(connect(f"{app_server.ws_url}/api/v1/board/dokk1/events"))
            for _ in range(5)
        ]
        for ws in sockets:
            receive(ws)
        assert hub.subscriber_count("dokk1") == before + 1  # one feed for five screens
        issue(app_server)
        staff(app_server, "counters/dokk1-1/call-next")
        for ws in sockets:
            assert receive_until(ws, lambda m: m["calls"])["calls"][0]["number"] == "P001"
    for _ in range(200):  # bounded wait for the server to notice the closes
        if hub.subscriber_count("dokk1") == before:
            break
        time.sleep(0.01)
    assert hub.subscriber_count("dokk1") == before


# --- the citizen's ticket feed ----------------------------------------------------------


def test_the_ticket_feed_follows_the_ticket_until_it_is_called(app_server: LiveServer) -> None:
    ahead = issue(app_server)
    mine = issue(app_server, language="en")
    issue(app_server, "korekort")  # another queue: no change for me
    url = f"{app_server.ws_url}/api/v1/status/{token_of(mine)}/events"
    with connect(url) as ws:
        first = receive(ws)["ticket"]
        assert (first["number"], first["state"], first["people_ahead"]) == ("P002", "waiting", 1)
        staff(app_server, "counters/dokk1-1/call-next")  # the one ahead of me
        assert receive(ws)["ticket"]["people_ahead"] == 0
        staff(app_server, "counters/dokk1-5/call-next")
        called = receive_until(ws, lambda m: m["ticket"]["state"] == "called")["ticket"]
        assert called["counter"] == "dokk1-5"
        staff(app_server, f"tickets/{called['id']}/recall")
        assert (
            receive_until(ws, lambda m: m["ticket"]["recalls"] == 1)["ticket"]["state"] == "called"
        )
    assert ahead["number"] == "P001"


def test_the_ticket_feed_follows_a_transfer_to_the_new_ticket(app_server: LiveServer) -> None:
    mine = issue(app_server)
    with connect(f"{app_server.ws_url}/api/v1/status/{token_of(mine)}/events") as ws:
        assert receive(ws)["ticket"]["number"] == "P001"
        staff(app_server, f"tickets/{mine['id']}/transfer", service="korekort")
        moved = receive_until(ws, lambda m: m["ticket"]["service"] == "korekort")["ticket"]
    assert moved["state"] == "waiting" and moved["transferred_from"] == mine["id"]
    assert moved["number"] == "P001", "the citizen keeps their number"


def test_cancelling_from_the_page_is_pushed_to_its_feed(app_server: LiveServer) -> None:
    mine = issue(app_server)
    with connect(f"{app_server.ws_url}/api/v1/status/{token_of(mine)}/events") as ws:
        receive(ws)
        r = httpx.post(f"{app_server.url}/api/v1/status/{token_of(mine)}/cancel")
        assert r.status_code == 200 and r.json()["state"] == "cancelled"
        assert receive_until(ws, lambda m: m["ticket"]["state"] == "cancelled")


def test_the_ticket_feed_answers_the_subprotocol_the_page_offers(app_server: LiveServer) -> None:
    """ticket.js offers `dintur.v1`; a browser closes a socket whose answer names none."""
    mine = issue(app_server)
    url = f"{app_server.ws_url}/api/v1/status/{token_of(mine)}/events"
    with connect(url, subprotocols=["dintur.v1"]) as ws:  # type: ignore[list-item]
        assert ws.subprotocol == "dintur.v1"
        assert receive(ws)["ticket"]["number"] == "P001"


def test_the_ticket_feed_refuses_an_unknown_link(app_server: LiveServer) -> None:
    with (
        connect(f"{app_server.ws_url}/api/v1/status/nosuchticketatall/events") as ws,
        pytest.raises(ConnectionClosed) as closed,
    ):
        ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404
