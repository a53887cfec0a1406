"""The apps' shared client against a real server: calls, errors, live state, resync."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from queue_server.api.thread import free_port
from queue_server.client import ApiClient, ApiError, BranchState, EventStream, ServerUnreachable
from queue_server.shared import wire
from queue_server.shared.state import SeqGap
from queue_server.shared.vocab import TicketState
from tests.support.servers import LiveServer, start_server


def wait_until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_calls_and_problems(server: LiveServer) -> None:
    with (
        ApiClient(server.url, server.token("kiosk")) as kiosk,
        ApiClient(server.url, server.token("caseworker")) as cw,
    ):
        t = kiosk.issue("dokk1", "pas", "en")
        assert t.number == "P001" and t.language == "en"
        called = cw.call_next("dokk1-1")
        assert called is not None and called.id == t.id
        assert cw.act(t.id, "start").state == "serving"
        assert cw.call_next("dokk1-2") is None
        with pytest.raises(ApiError) as info:
            kiosk.issue("dokk1", "nothing")
        assert info.value.status == 404 and info.value.code == "unknown_service"
        assert [s.id for s in kiosk.branch("dokk1").services]


def test_unreachable_server_is_a_typed_error() -> None:
    with (
        ApiClient(f"http://127.0.0.1:{free_port()}", "x", timeout=1) as c,
        pytest.raises(ServerUnreachable),
    ):
        c.branches()


def test_event_stream_follows_and_resyncs_after_restart(database_url: str) -> None:
    from queue_server.settings import Settings
    from tests.support.servers import DEMO_CONFIG

    port = free_port()
    settings = Settings(
        config_dir=DEMO_CONFIG, database_url=database_url, public_url=f"http://127.0.0.1:{port}"
    )
    server = start_server(settings, port)
    changes: list[int] = []
    statuses: list[str] = []
    lock = threading.Lock()

    def on_change(state: BranchState, event: wire.Event | None) -> None:
        with lock:
            changes.append(state.seq)

    stream = EventStream(
        server.url,
        server.token("display"),
        "dokk1",
        on_change=on_change,
        on_status=lambda s, d: statuses.append(s),
        backoff=(0.05, 0.2),
    ).start()
    try:
        wait_until(lambda: stream.status == "live")
        kiosk = server.token("kiosk")
        with ApiClient(server.url, kiosk) as c:
            c.issue("dokk1", "pas")
        wait_until(lambda: stream.state is not None and stream.state.seq == 1)
        server.stop()
        wait_until(lambda: stream.status == "offline")
        # while the server is down nothing is lost on screen
        assert stream.state is not None and len(stream.state.waiting()) == 1
        server = start_server(settings, port)
        with ApiClient(server.url, kiosk) as c:
            c.issue("dokk1", "pas")
            c.issue("dokk1", "digital-hjaelp")
        wait_until(lambda: stream.state is not None and stream.state.seq == 3)
        assert stream.status == "live"
        assert {t.number for t in stream.state.waiting()} == {"P001", "P002", "D001"}
        assert statuses[:3] == ["live", "offline", "live"]
    finally:
        stream.stop()
        server.stop()
    assert not stream.is_alive()


def test_state_reducer_detects_gaps() -> None:
    now = wire.QueueSnapshot(
        branch="b",
        seq=5,
        at=dt.datetime.fromisoformat("2026-11-22T10:00:00Z"),
        tickets=[],
        recent_calls=[],
        services=[],
    )
    state = BranchState.from_snapshot(now)
    ticket = wire.Ticket(
        id="t1",
        number="P001",
        branch="b",
        service="pas",
        state=TicketState.CALLED,
        language="da",
        issued_at=dt.datetime.fromisoformat("2026-11-22T10:00:00Z"),
        status_url="http://x/t/abc",
        counter="c1",
    )
    assert state.apply(
        wire.Event(
            type="ticket.called",
            seq=6,
            branch="b",
            at=dt.datetime.fromisoformat("2026-11-22T10:01:00Z"),
            ticket=ticket,
        )
    )
    assert state.at_counter("c1") is not None and state.recent_calls[0].number == "P001"
    assert not state.apply(
        wire.Event(
            type="ticket.called",
            seq=6,
            branch="b",
            at=dt.datetime.fromisoformat("2026-11-22T10:01:00Z"),
        )
    )
    with pytest.raises(SeqGap):
        state.apply(
            wire.Event(
                type="ticket.finished",
                seq=8,
                branch="b",
                at=dt.datetime.fromisoformat("2026-11-22T10:02:00Z"),
            )
        )
