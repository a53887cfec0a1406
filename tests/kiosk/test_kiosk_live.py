"""The tiles follow the live queue alone: the events carry the services' state, so while
numbers are taken and called elsewhere the kiosk asks the server nothing; branch info is
fetched at start and again only after a resync."""

from __future__ import annotations

import threading
from collections import Counter

import httpx
from kiosk_driver import KioskFactory

from queue_server.client import ApiClient
from tests.support.servers import LiveServer, start_server

BRANCH = ("GET", "/api/v1/branches/dokk1")


class CountingTransport(httpx.HTTPTransport):
    """Every request the kiosk's client sends, by method and path."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._seen: Counter[tuple[str, str]] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self._seen[(request.method, request.url.path)] += 1
        return super().handle_request(request)

    def take(self) -> Counter[tuple[str, str]]:
        with self._lock:
            seen, self._seen = self._seen, Counter()
        return seen


def test_tiles_follow_the_events_with_no_request_after_start_up(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    counting = CountingTransport()
    api = ApiClient(app_server.url, app_server.token("kiosk"), timeout=3.0, transport=counting)
    k = make_kiosk(app_server, api=api)
    started = counting.take()
    assert started[BRANCH] == 1 and started[("GET", "/api/v1/guides")] == 1

    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.screen("group")

    def pas() -> str:
        tile = next(t for t in k.vm.tiles if t["id"] == "service:pas")
        return str(tile["detail"])

    assert pas() == "Ingen venter"
    with (
        ApiClient(app_server.url, app_server.token("kiosk")) as other_kiosk,
        ApiClient(app_server.url, app_server.token("caseworker")) as desk,
    ):
        for _ in range(6):
            other_kiosk.issue("dokk1", "pas", "en", paperless=True)
        k.wait(lambda: pas().startswith("6 venter · "))  # and a wait: "ca. 10–20 min."
        assert "min" in pas() and "6 venter" in k.all_text()

        desk.claim("dokk1-1")
        for _ in range(4):
            called = desk.call_next("dokk1-1")
            assert called is not None
            desk.act(called.id, "start")
            desk.act(called.id, "finish")
        k.wait(lambda: pas().startswith("2 venter · "))
        assert "2 venter" in k.all_text()

    asked = counting.take()
    assert not [r for r in asked if r[1].startswith("/api/v1/branches")], asked
    assert sum(asked.values()) == 0, asked  # not even the guides


def test_branch_info_is_fetched_again_after_a_resync(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    counting = CountingTransport()
    api = ApiClient(app_server.url, app_server.token("kiosk"), timeout=3.0, transport=counting)
    k = make_kiosk(app_server, api=api)
    assert counting.take()[BRANCH] == 1
    port = int(app_server.url.rsplit(":", 1)[1])
    app_server.stop()
    k.wait(lambda: not k.vm.serverOk, 15)
    away = counting.take()
    assert away[BRANCH] == 0  # the stream said so; nobody asked

    again = start_server(app_server.settings, port)
    try:
        k.wait(lambda: k.vm.serverOk, 30)
        k.wait(lambda: counting.take()[BRANCH] == 1, 10)  # once, for the resync
        with ApiClient(again.url, again.token("kiosk")) as other_kiosk:
            other_kiosk.issue("dokk1", "korekort", "da", paperless=True)
        k.wait(
            lambda: k.vm.link.live is not None and k.vm.link.live.services["korekort"].waiting == 1
        )
        assert counting.take()[BRANCH] == 0
    finally:
        again.stop()
