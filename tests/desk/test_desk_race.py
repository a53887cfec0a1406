"""Two desks press "call next" at the same instant, many times: never the same ticket."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from desk_support import TIMEOUT_MS, Desks, called_anew, can_call_next, issue, ticket
from pytestqt.qtbot import QtBot

from tests.support.servers import LiveServer

ROUNDS = 12


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


@pytest.mark.parametrize("served", ["all", "subset"])
def test_two_desks_calling_at_once_never_get_the_same_ticket(
    desks: Desks, qtbot: QtBot, app_server: LiveServer, served: str
) -> None:
    """`all`: the server's call policy picks; `subset` (serving pas only): each desk picks
    the longest waiting itself, both pick the same one, and the server lets one win."""
    tickets = issue(app_server, *(["pas"] * (2 * ROUNDS)))
    anna = desks.seated("anna", "dokk1-1", cooldown_ms=1)
    bo = desks.seated("bo", "dokk1-2", cooldown_ms=1)
    apps = (anna, bo)
    if served == "subset":
        for app in apps:
            app.desk.setServed(["pas"])
        qtbot.waitUntil(lambda: all(len(a.desk.waiting()) == 2 * ROUNDS for a in apps))
    barrier = threading.Barrier(2, timeout=10)
    for app in apps:  # each desk's task runner waits for the other before sending
        app.tasks.gate = barrier.wait
    called: list[tuple[str, str]] = []
    for _ in range(ROUNDS):
        before = [app.desk.ticket.id if app.desk.ticket else None for app in apps]
        for app in apps:
            qtbot.waitUntil(can_call_next(app), timeout=TIMEOUT_MS)
        for app in apps:
            app.desk.callNext()
        for app, old in zip(apps, before, strict=True):
            qtbot.waitUntil(called_anew(app, old), timeout=TIMEOUT_MS)
        a, b = (app.desk.ticket for app in apps)
        assert a is not None and b is not None
        assert a.id != b.id, f"both desks got {a.number}"
        called += [(a.id, "dokk1-1"), (b.id, "dokk1-2")]
    assert not barrier.broken
    ids = [tid for tid, _ in called]
    assert len(set(ids)) == len(ids) == 2 * ROUNDS
    assert set(ids) == {t.id for t in tickets}
    for tid, where in called:  # the server agrees on who called whom
        assert ticket(app_server, tid).counter == where
