"""The desk lists the waiting tickets in the order the server calls them, transfers too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desk_support import TIMEOUT_MS, Desks, called_anew, issue, staff_client
from pytestqt.qtbot import QtBot

from queue_server.shared.vocab import Priority
from tests.support.servers import LiveServer


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


def test_the_list_is_the_order_call_next_takes(desks: Desks, qtbot: QtBot) -> None:
    server = desks.server
    issue(server, "pas", "korekort", "pas", "sundhedskort", "korekort")
    # a colleague at a sundhedskort counter calls S001 and sends it on to kørekort: it
    # keeps its arrival and comes first in the transferred class
    desks.user("bo")
    with staff_client(server, "bo") as bo:
        bo.claim("dokk1-5")
        s1 = bo.call_next("dokk1-5", ["sundhedskort"])
        assert s1 is not None and s1.number == "S001"
        moved = bo.transfer(s1.id, service="korekort")
    assert moved.priority == Priority.TRANSFERRED and moved.arrived_at == s1.arrived_at
    issue(server, "pas")  # after the transfer: issued last, arrived last

    app = desks.seated("anna", "dokk1-1", cooldown_ms=1)  # pas, kørekort, digital hjælp
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    qtbot.waitUntil(lambda: page.waiting.rowCount() == 6, timeout=TIMEOUT_MS)
    listed = [t.number for t in vm.waiting()]
    on_screen = [page.waiting.item(i, 0).text() for i in range(page.waiting.rowCount())]
    assert on_screen == listed
    assert listed[0] == moved.number  # issued after four others, called before them
    by_issue = sorted(vm.waiting(), key=lambda t: t.issued_at)
    assert by_issue[0].number != moved.number  # what the desk used to list first

    called: list[str] = []
    for _ in listed:
        before = vm.ticket.id if vm.ticket else None
        qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
        vm.callNext()
        qtbot.waitUntil(called_anew(app, before), timeout=TIMEOUT_MS)
        assert vm.ticket is not None
        called.append(vm.ticket.number)
    assert called == listed
    qtbot.waitUntil(lambda: page.waiting.rowCount() == 0, timeout=TIMEOUT_MS)
