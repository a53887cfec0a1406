"""Live events over WebSocket: snapshot, deltas in seq order, replay with `since`."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.support.servers import DEMO_CONFIG, LiveServer

ISSUE = {"branch": "dokk1", "service": "pas", "language": "da"}


def events_url(server: LiveServer, role: str = "display", since: int | None = None) -> str:
    url = f"{server.ws_url}/api/v1/branches/dokk1/events?token={server.token(role)}"
    return url if since is None else f"{url}&since={since}"


def test_snapshot_then_events_in_order(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        kiosk.post("/api/v1/tickets", json=ISSUE)
    with connect(events_url(server), open_timeout=5) as ws:
        first = json.loads(ws.recv(timeout=5))
        assert first["type"] == "snapshot"
        assert first["snapshot"]["seq"] == 1 and len(first["snapshot"]["tickets"]) == 1
        with server.client("kiosk") as kiosk:
            t = kiosk.post("/api/v1/tickets", json=ISSUE).json()
        with server.client("caseworker") as cw:
            cw.post("/api/v1/counters/dokk1-1/call-next")
            cw.post(f"/api/v1/tickets/{t['id']}/cancel")
        got = [json.loads(ws.recv(timeout=5)) for _ in range(3)]
    assert [e["type"] for e in got] == ["ticket.issued", "ticket.called", "ticket.cancelled"]
    assert [e["seq"] for e in got] == [2, 3, 4]
    assert got[1]["ticket"]["counter"] == "dokk1-1" and got[1]["ticket"]["number"] == "P001"
    assert all(e["branch"] == "dokk1" for e in got)


def test_reconnect_with_since_replays_what_was_missed(server: LiveServer) -> None:
    with server.client("kiosk") as kiosk:
        for _ in range(3):
            kiosk.post("/api/v1/tickets", json=ISSUE)
    with connect(events_url(server, since=1), open_timeout=5) as ws:
        replay = [json.loads(ws.recv(timeout=5)) for _ in range(2)]
        assert [e["seq"] for e in replay] == [2, 3]
        with server.client("caseworker") as cw:
            cw.post("/api/v1/counters/dokk1-1/call-next")
        live = json.loads(ws.recv(timeout=5))
        assert live["seq"] == 4 and live["type"] == "ticket.called"
    # a `since` from the future (e.g. the database was reset) gets a fresh snapshot
    with connect(events_url(server, since=999), open_timeout=5) as ws:
        msg = json.loads(ws.recv(timeout=5))
        assert msg["type"] == "snapshot" and msg["snapshot"]["seq"] == 4


def test_many_subscribers_all_get_each_event(server: LiveServer) -> None:
    with contextlib.ExitStack() as stack:
        sockets = [
            stack.enter_context(connect(events_url(server), open_timeout=5)) for _ in range(20)
        ]
        for ws in sockets:
            assert json.loads(ws.recv(timeout=5))["type"] == "snapshot"
        with server.client("kiosk") as kiosk:
            kiosk.post("/api/v1/tickets", json=ISSUE)
        for ws in sockets:
            assert json.loads(ws.recv(timeout=5))["seq"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("token=wrong", 4401),
        ("", 4401),
        ("token={gellerup}", 4403),
        ("token={kiosk}&branch=x", None),
    ],
    ids=["wrong token", "no token", "other branch", "kiosk may read"],
)
def test_refusals_carry_a_close_code(server: LiveServer, query: str, code: int | None) -> None:
    query = query.format(gellerup=server.token("display", "gellerup"), kiosk=server.token("kiosk"))
    with connect(f"{server.ws_url}/api/v1/branches/dokk1/events?{query}", open_timeout=5) as ws:
        if code is None:
            assert json.loads(ws.recv(timeout=5))["type"] == "snapshot"
            return
        with pytest.raises(ConnectionClosed) as info:
            ws.recv(timeout=5)
    assert info.value.rcvd is not None and info.value.rcvd.code == code


def test_unknown_branch_closes_4404(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/branches/atlantis/events?token={server.token('admin', None)}"
    with connect(url, open_timeout=5) as ws, pytest.raises(ConnectionClosed) as info:
        ws.recv(timeout=5)
    assert info.value.rcvd is not None and info.value.rcvd.code == 4404


def test_the_hub_sends_each_event_once_in_order_when_some_were_never_handed_over(
    tmp_path: Path,
) -> None:
    """A write whose events do not reach the hub in-process (another server process, a
    write that did not carry them) leaves a gap; the next handed-over events send the hub
    to storage, and every subscriber still gets 1, 2, 3 … once each, in order."""
    import asyncio

    from queue_server.config import load_site
    from queue_server.db.engine import open_database
    from queue_server.db.migrate import upgrade
    from queue_server.hub.events import EventHub
    from queue_server.ledger import Actor, Ledger
    from queue_server.shared import wire

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    upgrade(url)
    db = open_database(url)
    ledger = Ledger(db, load_site(DEMO_CONFIG), public_url="http://127.0.0.1")
    kiosk = Actor("kiosk", "test")

    def issue() -> None:
        req = wire.IssueTicket(branch="dokk1", service="pas")
        ledger.write(lambda uow: ledger.tickets.issue(uow, req, kiosk))

    async def main() -> list[int]:
        hub = EventHub(ledger.log, ledger.site.branches, db)
        await hub.start()
        sub = hub.subscribe("dokk1")
        ledger.on_commit = lambda branch, events: None  # seq 1 is never handed over
        issue()
        ledger.on_commit = hub.notify
        for _ in range(3):  # seq 2, 3, 4 are
            issue()
        got: list[int] = []
        while len(got) < 4:
            seq, _ = await asyncio.wait_for(sub.queue.get(), 5)
            got.append(seq)
        await asyncio.sleep(0.1)  # nothing more may come
        assert sub.queue.empty()
        await hub.stop()
        return got

    try:
        assert asyncio.run(main()) == [1, 2, 3, 4]
    finally:
        db.dispose()
