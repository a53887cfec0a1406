"""The real ledger on SQLite, driven by a hypothesis state machine with an injected clock.

Where tests/domain/test_branch_machine.py checks the domain's rules on a model, this one
runs the same moves through storage (group commit, compare-and-set, the service lines,
the events) and checks what is stored: numbers never shared while open, one ticket per
counter, the line counts equal the waiting tickets, call-next takes the ticket the policy
would take from the whole queue, and the event stream is gap-free and ends in each
ticket's stored state.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from queue_server.config import load_site
from queue_server.db import ticket_store as store
from queue_server.db.engine import open_database
from queue_server.db.models import Base, EventRow
from queue_server.domain import policy
from queue_server.domain.errors import DomainError
from queue_server.domain.numbering import business_day
from queue_server.ledger import Actor, Ledger, UnitOfWork
from queue_server.settings import REPO_CONFIG
from queue_server.shared import wire
from queue_server.shared.vocab import AT_COUNTER, OPEN_STATES, Action, Priority, TicketState

SITE = load_site(REPO_CONFIG / "demo")
DOKK1 = SITE.branches["dokk1"]
SERVICES = ["pas", "korekort", "sundhedskort", "digital-hjaelp"]
COUNTERS = [c.id for c in DOKK1.counters[:4]]
KIOSK = Actor("kiosk", "k1")
T = TypeVar("T")
pick = st.integers(0, 10**6)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(self.folder.name) / 'm.db'}"
        self.db = open_database(url)
        Base.metadata.create_all(self.db.writer)
        self.now = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
        self.ledger = Ledger(self.db, SITE, public_url="http://t", clock=lambda: self.now)
        self.ids: list[str] = []
        self.refused = Counter[str]()

    def teardown(self) -> None:
        self.db.dispose()
        self.folder.cleanup()

    def _try(self, work: Callable[[UnitOfWork], T], name: str) -> T | None:
        try:
            return self.ledger.write(work)
        except DomainError as exc:
            self.refused[f"{name}: {exc.code}"] += 1
            return None

    def _tickets(self) -> list[store.TicketRec]:
        with self.db.read() as s:
            return store.where(s, store.TICKETS.c.branch == "dokk1")

    # --- rules ------------------------------------------------------------------------

    @rule(minutes=st.integers(0, 90))
    def time_passes(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)

    @rule(service=st.sampled_from(SERVICES), n=st.integers(1, 4))
    def issue(self, service: str, n: int) -> None:
        req = wire.IssueTicket(branch="dokk1", service=service)
        for _ in range(n):
            t = self.ledger.write(lambda uow: self.ledger.tickets.issue(uow, req, KIOSK))
            assert t.state == TicketState.WAITING and t.people_ahead is not None
            self.ids.append(t.id)

    @rule(counter=st.sampled_from(COUNTERS))
    def call_next(self, counter: str) -> None:
        before = self._tickets()
        today = business_day(self.now, DOKK1.tz)  # yesterday's waiting are never called
        waiting = [
            policy.Waiting(t.id, t.service, t.arrived_at, Priority(t.priority), t.for_counter)
            for t in before
            if t.state == TicketState.WAITING and t.business_day == today
        ]
        _, c = self.ledger.counter(counter)
        weights = {sid: s.weight for sid, s in SITE.services.items()}
        expected = policy.choose(
            waiting, counter_id=counter, services=c.services, now=self.now, weights=weights
        )
        actor = Actor("caseworker", f"cw-{counter}")
        got = self.ledger.write(lambda uow: self.ledger.tickets.call_next(uow, counter, actor))
        # storage reads each line's head only; it must take what the policy takes from all
        assert (got.id if got else None) == (expected.ticket.id if expected else None)

    @rule(counter=st.sampled_from(COUNTERS), n=pick)
    def call(self, counter: str, n: int) -> None:
        if self.ids:
            tid = self.ids[n % len(self.ids)]
            actor = Actor("caseworker", f"cw-{counter}")
            self._try(lambda uow: self.ledger.tickets.call(uow, counter, tid, actor), "call")

    @rule(
        n=pick,
        action=st.sampled_from(
            [Action.RECALL, Action.START, Action.FINISH, Action.NO_SHOW, Action.CANCEL]
        ),
    )
    def act(self, n: int, action: Action) -> None:
        if self.ids:
            tid = self.ids[n % len(self.ids)]
            actor = Actor("caseworker", "cw")
            self._try(lambda uow: self.ledger.tickets.act(uow, tid, action, actor), action)

    @rule(n=pick, to_counter=st.booleans(), where=st.integers(0, 3))
    def transfer(self, n: int, to_counter: bool, where: int) -> None:
        if not self.ids:
            return
        tid = self.ids[n % len(self.ids)]
        req = (
            wire.Transfer(counter=COUNTERS[where])
            if to_counter
            else wire.Transfer(service=SERVICES[where])
        )
        actor = Actor("caseworker", "cw")
        new = self._try(lambda uow: self.ledger.tickets.transfer(uow, tid, req, actor), "move")
        if isinstance(new, wire.Ticket):
            self.ids.append(new.id)

    @precondition(lambda self: self.ids)
    @rule(hours=st.integers(20, 30))
    def next_day(self, hours: int) -> None:
        self.now += dt.timedelta(hours=hours)
        self.ledger.tickets.expire_stale()
        today = business_day(self.now, DOKK1.tz)
        # yesterday's waiting tickets expire; one at a counter is served to the end
        stale = [t for t in self._tickets() if t.state in OPEN_STATES and t.business_day < today]
        assert all(t.state in AT_COUNTER for t in stale)

    # --- invariants -------------------------------------------------------------------

    @invariant()
    def open_numbers_are_unique_and_counters_hold_one(self) -> None:
        seen: set[tuple[str, dt.date, str]] = set()
        held: defaultdict[str, int] = defaultdict(int)
        for t in self._tickets():
            if t.state in OPEN_STATES:
                key = (t.number_service, t.business_day, t.display)
                assert key not in seen, key
                seen.add(key)
            if t.state in AT_COUNTER:
                assert t.counter is not None
                held[t.counter] += 1
        assert all(n == 1 for n in held.values()), dict(held)

    @invariant()
    def line_counts_are_the_waiting_tickets(self) -> None:
        waiting = Counter(t.service for t in self._tickets() if t.state == TicketState.WAITING)
        with self.db.read() as s:
            lines = {k: v for k, v in store.line_counts(s, "dokk1").items() if v}
        assert lines == dict(waiting)

    @invariant()
    def events_are_gap_free_and_end_in_the_stored_state(self) -> None:
        with self.db.read() as s:
            rows = s.execute(
                select(EventRow.seq, EventRow.payload)
                .where(EventRow.branch == "dokk1")
                .order_by(EventRow.seq)
            ).all()
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        last: dict[str, str] = {}
        for _, payload in rows:
            ticket = json.loads(payload).get("ticket")
            if ticket:
                last[ticket["id"]] = ticket["state"]
        stored = {t.id: t.state for t in self._tickets()}
        assert last == stored


LedgerMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedger = LedgerMachine.TestCase
