"""A server restart mid-shift: the desk says so, reconnects, resyncs, keeps the ticket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desk_support import TIMEOUT_MS, Desks, counter, issue, ticket
from pytestqt.qtbot import QtBot

from tests.support.servers import LiveServer, start_server


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


def test_restart_mid_shift_keeps_the_ticket_and_the_counter(
    desks: Desks, qtbot: QtBot, app_server: LiveServer
) -> None:
    p1, p2 = issue(app_server, "pas", "pas")
    app = desks.seated("anna", "dokk1-1", cooldown_ms=50)
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    vm.callNext()
    qtbot.waitUntil(lambda: vm.ticket is not None and vm.ticket.id == p1.id, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: vm.canStart, timeout=TIMEOUT_MS)
    vm.start()
    qtbot.waitUntil(
        lambda: vm.ticket is not None and vm.ticket.state == "serving", timeout=TIMEOUT_MS
    )

    app_server.stop()
    qtbot.waitUntil(lambda: app.connection == "offline", timeout=TIMEOUT_MS)
    assert page.offline.isVisible()
    assert "Ingen forbindelse til serveren" in page.offline_text.text()
    assert "Ingen forbindelse" in window.connection.text()
    assert vm.ticket is not None and vm.ticket.number == "P001"  # still on screen
    # pressing while it is down: a sentence, not a traceback, and nothing lost
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: "svarer ikke" in vm.noticeText, timeout=TIMEOUT_MS)
    assert vm.notice_level == "error" and "Traceback" not in vm.noticeText
    assert vm.ticket is not None and vm.ticket.number == "P001"

    again = start_server(app_server.settings, int(app_server.url.rsplit(":", 1)[1]))
    try:
        qtbot.waitUntil(lambda: app.connection == "live", timeout=20_000)
        assert not page.offline.isVisible()
        # the server remembered: P001 is served at dokk1-1 by anna
        assert vm.ticket is not None and vm.ticket.id == p1.id and vm.ticket.state == "serving"
        assert counter(again, "dokk1-1").held_by == "anna"
        # and the queue follows again by push
        issue(again, "korekort")
        qtbot.waitUntil(
            lambda: any(r.id == "korekort" and r.waiting == 1 for r in vm.overview()),
            timeout=TIMEOUT_MS,
        )
        qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
        vm.callNext()  # finishes P001, calls P002 (the same token still works)
        qtbot.waitUntil(lambda: vm.ticket is not None and vm.ticket.id == p2.id, timeout=TIMEOUT_MS)
        assert ticket(again, p1.id).state == "done"
    finally:
        desks.shutdown()
        again.stop()


def test_a_new_desk_after_a_restart_picks_up_the_ticket_the_counter_holds(
    desks: Desks, qtbot: QtBot, app_server: LiveServer
) -> None:
    (p1,) = issue(app_server, "pas")
    first = desks.seated("anna", "dokk1-2")
    first.desk.callNext()
    qtbot.waitUntil(lambda: first.desk.ticket is not None, timeout=TIMEOUT_MS)
    first.stop_live()  # the PC restarts without leaving the counter
    second = desks.seated("anna", "dokk1-2")
    qtbot.waitUntil(lambda: second.desk.ticket is not None, timeout=TIMEOUT_MS)
    assert second.desk.ticket is not None and second.desk.ticket.id == p1.id
    assert second.desk.ticket.state == "called"
