"""The SQL's order is the domain's: on random queues stored in SQLite, each service line
read in storage order equals `shared.order.line_key` order, and the heads storage reads
for a call give the policy the same choice as the whole queue would."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.db import ticket_store as store
from queue_server.db.engine import Database, open_database
from queue_server.db.models import Base
from queue_server.domain import policy
from queue_server.shared.order import line_key
from queue_server.shared.vocab import Priority, TicketState

T0 = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
SERVICES = ("pas", "korekort", "dig")
WEIGHTS = {"pas": 1.0, "korekort": 2.0, "dig": 0.5}
COUNTERS = {"c1": ("pas",), "c2": ("pas", "korekort"), "c3": ("dig", "korekort")}

ticket = st.tuples(
    st.sampled_from(SERVICES),
    st.sampled_from(list(Priority)),
    st.integers(0, 120),  # arrival, minutes after T0 (ties are common on purpose)
    st.sampled_from([None, None, None, "c1", "c2", "c3"]),  # sent to one counter
    st.sampled_from([TicketState.WAITING] * 4 + [TicketState.CALLED, TicketState.DONE]),
    st.sampled_from([0, 0, 0, 1]),  # days before today: yesterday's are never called
)
Row = tuple[str, Priority, int, str | None, str, int]


@pytest.fixture(scope="module")
def db() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'order.db'}")
        Base.metadata.create_all(database.writer)
        yield database
        database.dispose()


def store_queue(db: Database, rows: list[Row]) -> str:
    branch = f"b{uuid.uuid4().hex[:8]}"
    with db.write() as s:
        for i, (service, prio, minute, for_counter, state, days_ago) in enumerate(rows):
            store.insert_ticket(
                s,
                store.TicketRec(
                    id=uuid.uuid4().hex,
                    branch=branch,
                    service=service,
                    number_service=service,
                    business_day=T0.date() - dt.timedelta(days=days_ago),
                    serial=i + 1,
                    number=i + 1,
                    display=f"X{i + 1:03d}",
                    state=state,
                    language="da",
                    paperless=False,
                    priority=int(prio),
                    arrived_at=T0 + dt.timedelta(minutes=minute),
                    issued_at=T0,
                    status_token=uuid.uuid4().hex,
                    for_counter=for_counter,
                ),
            )
    return branch


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ticket, max_size=40))
def test_storage_reads_each_line_in_the_domains_order(db: Database, rows: list[Row]) -> None:
    branch = store_queue(db, rows)
    c = store.TICKETS.c
    with db.read() as s:
        for service in SERVICES:
            line = store.where(
                s,
                c.branch == branch,
                c.state == TicketState.WAITING,
                c.service == service,
                order_by=store.LINE_ORDER,
            )
            assert [t.id for t in line] == [
                t.id for t in sorted(line, key=lambda t: line_key(t.priority, t.arrived_at, t.id))
            ]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ticket, max_size=40), minute=st.integers(120, 400))
def test_the_heads_storage_reads_give_the_policys_choice(
    db: Database, rows: list[Row], minute: int
) -> None:
    branch = store_queue(db, rows)
    now = T0 + dt.timedelta(minutes=minute)
    c = store.TICKETS.c
    with db.read() as s:
        everyone = [
            policy.Waiting(t.id, t.service, t.arrived_at, Priority(t.priority), t.for_counter)
            for t in store.where(
                s, c.branch == branch, c.state == TicketState.WAITING, c.business_day == T0.date()
            )
        ]
        for counter, services in COUNTERS.items():
            heads = store.heads(s, branch, services, counter, services, T0.date())
            read = [
                policy.Waiting(h.id, h.service, h.arrived_at, Priority(h.priority), h.for_counter)
                for h in heads
            ]
            kw = {"counter_id": counter, "services": services, "now": now, "weights": WEIGHTS}
            full = policy.choose(everyone, **kw)  # type: ignore[arg-type]
            part = policy.choose(read, **kw)  # type: ignore[arg-type]
            assert (part.ticket.id if part else None) == (full.ticket.id if full else None)
