"""Wait estimates through the real ledger: one figure everywhere, promises kept on record.

On SQLite with an injected clock: a ticket's estimate at issue is the one its service
showed just before (on the last event), and its own status page says the same at that
instant; the promise and the first call are stored on the ticket; paused counters and
announced absences move the estimate; counters shared by services count once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from queue_server.config import load_site
from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.db.models import EventRow, TicketRow
from queue_server.ledger import Actor, Ledger
from queue_server.settings import REPO_CONFIG
from queue_server.shared import wire
from queue_server.shared.vocab import Action, PauseReason

SITE = load_site(REPO_CONFIG / "demo")
KIOSK = Actor("kiosk", "k1")
T0 = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(tmp_path: Path, clock: Clock) -> Iterator[Ledger]:
    db = open_database(f"sqlite:///{tmp_path / 'e.db'}")
    upgrade(db.url)  # migration 0008 included
    yield Ledger(db, SITE, public_url="http://t", clock=clock)
    db.dispose()


def worker(counter: str) -> Actor:
    return Actor("caseworker", f"cw-{counter}")


def claim(ledger: Ledger, counter: str) -> None:
    ledger.write(lambda uow: ledger.counters.claim(uow, counter, worker(counter)))


def call_next(ledger: Ledger, counter: str) -> wire.Ticket | None:
    return ledger.write(lambda uow: ledger.tickets.call_next(uow, counter, worker(counter)))


def issue(ledger: Ledger, service: str) -> wire.Ticket:
    req = wire.IssueTicket(branch="dokk1", service=service)
    return ledger.write(lambda uow: ledger.tickets.issue(uow, req, KIOSK))


def last_states(ledger: Ledger) -> dict[str, wire.ServiceState]:
    """The services' state the screens were last told (from the stored events)."""
    with ledger.db.read() as s:
        for payload in s.scalars(
            select(EventRow.payload).where(EventRow.branch == "dokk1").order_by(EventRow.seq.desc())
        ):
            services = json.loads(payload).get("services")
            if services:
                return {x["id"]: wire.ServiceState.model_validate(x) for x in services}
    raise AssertionError("no services state was sent")


def wait_of(ledger: Ledger, service: str) -> wire.WaitEstimate:
    est = last_states(ledger)[service].estimated_wait
    assert est is not None
    return est


def busy_morning(ledger: Ledger, clock: Clock) -> None:
    for c in ("dokk1-1", "dokk1-2", "dokk1-5"):
        claim(ledger, c)
    for i in range(12):
        issue(ledger, ("pas", "korekort", "sundhedskort")[i % 3])
        clock.tick(1)
    for c in ("dokk1-1", "dokk1-2", "dokk1-5"):
        call_next(ledger, c)


def test_a_ticket_gets_the_figure_its_service_showed_and_its_page_agrees(
    ledger: Ledger, clock: Clock
) -> None:
    busy_morning(ledger, clock)
    for service in ("pas", "sundhedskort", "korekort", "pas"):
        # at the same instant: the figure pushed with the last write, the ticket's own,
        # and its status page
        shown = wait_of(ledger, service)
        ticket = issue(ledger, service)
        assert ticket.estimated_wait == shown
        assert ledger.views.ticket(ticket.id).estimated_wait == shown
        assert ticket.people_ahead == last_states(ledger)[service].waiting - 1
        clock.tick(0.5)
        ledger.write(lambda uow: ledger.counters.claim(uow, "dokk1-5", worker("dokk1-5")))


def test_the_promise_and_the_first_call_are_stored(ledger: Ledger, clock: Clock) -> None:
    busy_morning(ledger, clock)
    ticket = issue(ledger, "pas")
    assert ticket.estimated_wait is not None
    clock.tick(3)
    cw = worker("dokk1-1")
    ledger.write(lambda uow: ledger.tickets.call(uow, "dokk1-1", ticket.id, cw))
    with ledger.db.read() as s:
        row = s.get(TicketRow, ticket.id)
        assert row is not None and row.first_called_at is not None
        assert (row.promised_low_s, row.promised_high_s) == (
            ticket.estimated_wait.low_s,
            ticket.estimated_wait.high_s,
        )
        first, counter = row.first_called_at, row.counter
    assert counter is not None
    clock.tick(1)
    ledger.write(lambda uow: ledger.tickets.act(uow, ticket.id, Action.RECALL, worker(counter)))
    with ledger.db.read() as s:
        row = s.get(TicketRow, ticket.id)
        assert row is not None and row.first_called_at == first and row.called_at != first


def test_a_paused_counter_lengthens_the_wait_and_resuming_restores_it(
    ledger: Ledger, clock: Clock
) -> None:
    busy_morning(ledger, clock)
    before = wait_of(ledger, "korekort")
    ledger.write(
        lambda uow: ledger.counters.pause(uow, "dokk1-2", PauseReason.BREAK, worker("dokk1-2"))
    )
    paused = wait_of(ledger, "korekort")
    assert paused.high_s > before.high_s
    ledger.write(lambda uow: ledger.counters.pause(uow, "dokk1-2", None, worker("dokk1-2")))
    assert wait_of(ledger, "korekort") == before


def test_an_announced_shift_end_and_an_opening_later_move_the_estimate(
    ledger: Ledger, clock: Clock
) -> None:
    busy_morning(ledger, clock)
    for _ in range(10):
        issue(ledger, "korekort")
    before = wait_of(ledger, "korekort").high_s
    est = ledger.estimates
    soon = clock.now + dt.timedelta(minutes=5)
    ledger.write(lambda uow: est.announce(uow, "dokk1-2", soon, None, worker("dokk1-2")))
    leaving = wait_of(ledger, "korekort").high_s
    assert leaving > before
    later = clock.now + dt.timedelta(minutes=10)
    ledger.write(lambda uow: est.announce(uow, "dokk1-3", clock.now, later, worker("dokk1-3")))
    assert wait_of(ledger, "korekort").high_s < leaving


def test_counters_shared_by_services_see_every_line_they_serve(
    ledger: Ledger, clock: Clock
) -> None:
    # dokk1-1 and -2 serve pas, korekort and digital help: a newcomer for korekort waits
    # behind the pas line too, and more pas tickets make its wait longer
    claim(ledger, "dokk1-1")
    claim(ledger, "dokk1-2")
    for c in ("dokk1-1", "dokk1-2"):
        issue(ledger, "korekort")
        call_next(ledger, c)
    alone = wait_of(ledger, "korekort")
    for _ in range(8):
        issue(ledger, "pas")
    behind = wait_of(ledger, "korekort")
    assert behind.high_s > alone.high_s and behind.low_s >= alone.low_s
