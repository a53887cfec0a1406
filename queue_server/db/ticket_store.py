"""The ledger's statements on tickets, numbers and events, in SQLAlchemy Core.

Issuing and calling are the hot paths (hundreds a second at a busy site), and the ORM's
unit of work cost more than the SQL itself. Here a ticket is a plain `TicketRec`, every
change is one explicit statement, and a state change is a compare-and-set on the state
it was read in, so a write that raced another can never win twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..domain.tickets import TicketState
from .models import (
    BranchSeqRow,
    CounterSessionRow,
    EventRow,
    NumberCounterRow,
    QueueLineRow,
    TicketHistoryRow,
    TicketRow,
)

TICKETS = cast(Table, TicketRow.__table__)
HISTORY = cast(Table, TicketHistoryRow.__table__)
EVENTS = cast(Table, EventRow.__table__)
SEQ = cast(Table, BranchSeqRow.__table__)
NUMBERS = cast(Table, NumberCounterRow.__table__)
SESSIONS = cast(Table, CounterSessionRow.__table__)
LINES = cast(Table, QueueLineRow.__table__)
WAITING = TicketState.WAITING.value


@dataclass
class TicketRec:
    """One row of `tickets`, as the ledger reads and changes it."""

    id: str
    branch: str
    service: str  # where it waits now
    number_service: str  # the service that gave its number (kept through transfers)
    business_day: dt.date
    serial: int
    number: int
    display: str
    state: str
    language: str
    paperless: bool
    priority: int
    arrived_at: dt.datetime
    issued_at: dt.datetime
    status_token: str
    for_counter: str | None = None
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counter: str | None = None
    recalls: int = 0
    transferred_from: str | None = None
    transferred_to: str | None = None
    promised_low_s: int | None = None
    promised_high_s: int | None = None
    first_called_at: dt.datetime | None = None


FIELDS = tuple(f.name for f in dataclasses.fields(TicketRec))
_COLUMNS = [TICKETS.c[name] for name in FIELDS]


@dataclass
class BranchLock:
    """The branch's sequence row, held for the rest of the write."""

    branch: str
    last_seq: int


def _rec(row: Any) -> TicketRec:
    return TicketRec(*row)


def _run(s: Session, statement: Any, params: Any = None) -> Any:
    # straight to the connection: the Session's ORM layer only slows Core statements
    return s.connection().execute(statement, params)


_c = TICKETS.c
# built once: building a statement cost more than running it
_GET = select(*_COLUMNS).where(_c.id == bindparam("id"))
_BRANCH_OF = select(_c.branch).where(_c.id == bindparam("id"))
_BY_TOKEN = select(*_COLUMNS).where(_c.status_token == bindparam("token"))
_HELD = select(*_COLUMNS).where(
    _c.counter == bindparam("counter"), _c.state.in_(bindparam("states", expanding=True))
)
_CHANGES: dict[tuple[str, ...], Any] = {}  # by the columns set: built on first use
_INSERT = insert(TICKETS)
_HISTORY = insert(HISTORY)
_EVENT = insert(EVENTS)
_SEQ_READ = select(SEQ.c.last_seq).where(SEQ.c.branch == bindparam("b"))
_SEQ_LOCK = _SEQ_READ.with_for_update()
# PostgreSQL: lock the row and wake the other server instances (at commit), in one trip
_SEQ_LOCK_NOTIFY = (
    select(SEQ.c.last_seq, func.pg_notify("dintur_events", bindparam("b")))
    .where(SEQ.c.branch == bindparam("b"))
    .with_for_update(of=SEQ)
)
_SEQ_SET = update(SEQ).where(SEQ.c.branch == bindparam("b")).values(last_seq=bindparam("seq"))
_SAME_DAY = and_(
    NUMBERS.c.branch == bindparam("b"),
    NUMBERS.c.service == bindparam("sv"),
    NUMBERS.c.business_day == bindparam("day"),
)
_SESSION = select(SESSIONS.c.holder, SESSIONS.c.paused).where(
    SESSIONS.c.counter == bindparam("counter")
)
_SERIAL_SET = update(NUMBERS).where(_SAME_DAY).values(last_serial=bindparam("serial"))
# one trip: take the next serial (the row stays locked to the end of the transaction)
_SERIAL_NEXT = (
    update(NUMBERS)
    .where(_SAME_DAY)
    .values(last_serial=NUMBERS.c.last_serial + 1)
    .returning(NUMBERS.c.last_serial)
)
# a line is today's: yesterday's waiting tickets are never called (the day-end sweep
# expires them, but the rule does not wait for it)
_LINE = and_(
    _c.branch == bindparam("b"),
    _c.state == WAITING,
    _c.service == bindparam("sv"),
    _c.business_day == bindparam("day"),
)
_WAITING = select(func.count()).select_from(TICKETS).where(_LINE)
_AHEAD = _WAITING.where(
    or_(
        _c.priority < bindparam("prio"),
        and_(_c.priority == bindparam("prio"), _c.arrived_at < bindparam("arrived")),
        and_(
            _c.priority == bindparam("prio"),
            _c.arrived_at == bindparam("arrived"),
            _c.id < bindparam("id"),
        ),
    )
)
_HEAD_COLUMNS = (_c.id, _c.service, _c.arrived_at, _c.priority, _c.for_counter)
#: the order of a service line (shared.order.line_key; tests/ledger/test_queue_order.py)
LINE_ORDER = (_c.priority, _c.arrived_at, _c.id)
_MINE = or_(_c.for_counter.is_(None), _c.for_counter == bindparam("counter"))
_HEAD = select(*_HEAD_COLUMNS).where(_LINE, _MINE).order_by(*LINE_ORDER).limit(1)
_SENT_HERE = and_(
    _c.branch == bindparam("b"),
    _c.state == WAITING,
    _c.business_day == bindparam("day"),
    _c.for_counter == bindparam("counter"),
    _c.service.in_(bindparam("allowed", expanding=True)),
)
_HEAD_SENT = select(*_HEAD_COLUMNS).where(_SENT_HERE).order_by(*LINE_ORDER).limit(1)
_LINES_OF = select(LINES.c.service, LINES.c.waiting).where(LINES.c.branch == bindparam("b"))
_LINE_OF = select(LINES.c.waiting).where(
    LINES.c.branch == bindparam("b"), LINES.c.service == bindparam("sv")
)
_LINE_ADD: dict[str, Any] = {}  # per dialect: INSERT … ON CONFLICT DO UPDATE


def line_counts(s: Session, branch: str) -> dict[str, int]:
    """How many wait in each service's line at the branch (services nobody waits for: 0
    or absent)."""
    return {sv: int(n) for sv, n in _run(s, _LINES_OF, {"b": branch})}


def line_count(s: Session, branch: str, service: str) -> int:
    return int(_run(s, _LINE_OF, {"b": branch, "sv": service}).scalar() or 0)


def line_add(s: Session, branch: str, service: str, delta: int) -> None:
    """One more (or fewer) waiting in the service's line, in the ticket's transaction."""
    dialect = s.get_bind().dialect.name
    statement = _LINE_ADD.get(dialect)
    if statement is None:
        from sqlalchemy.dialects import postgresql, sqlite

        upsert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        base = upsert(LINES).values(
            branch=bindparam("b"), service=bindparam("sv"), waiting=bindparam("d")
        )
        statement = base.on_conflict_do_update(
            index_elements=[LINES.c.branch, LINES.c.service],
            set_={"waiting": LINES.c.waiting + base.excluded.waiting},
        )
        _LINE_ADD[dialect] = statement
    _run(s, statement, {"b": branch, "sv": service, "d": delta})


def counter_session(s: Session, counter: str) -> Any:
    """Who sits at the counter and whether it is paused (a row), or None."""
    return _run(s, _SESSION, {"counter": counter}).first()


def held_by(s: Session, counter: str, states: Iterable[str]) -> list[TicketRec]:
    """The tickets a counter holds in these states."""
    return [_rec(r) for r in _run(s, _HELD, {"counter": counter, "states": list(states)})]


def get(s: Session, ticket_id: str) -> TicketRec | None:
    row = _run(s, _GET, {"id": ticket_id}).first()
    return None if row is None else _rec(row)


def branch_of(s: Session, ticket_id: str) -> str | None:
    branch: str | None = _run(s, _BRANCH_OF, {"id": ticket_id}).scalar()
    return branch


def by_token(s: Session, token: str) -> TicketRec | None:
    row = _run(s, _BY_TOKEN, {"token": token}).first()
    return None if row is None else _rec(row)


def where(
    s: Session, *criteria: Any, order_by: Sequence[Any] = (), limit: int | None = None
) -> list[TicketRec]:
    """Tickets matching `criteria` (for the less frequent reads and sweeps)."""
    query = select(*_COLUMNS).where(*criteria).order_by(*order_by)
    if limit is not None:
        query = query.limit(limit)
    return [_rec(r) for r in _run(s, query)]


def insert_ticket(s: Session, rec: TicketRec) -> None:
    _run(s, _INSERT, [dict(vars(rec))])  # asdict() deep-copies: slow, and not needed


_NEW_WAITING: list[Any] = []  # PostgreSQL: built on first use


def insert_waiting(s: Session, rec: TicketRec, action: str, actor: str, at: dt.datetime) -> None:
    """A new waiting ticket, its first history row and one more in its line. PostgreSQL
    does it in one round trip (the inserts as CTEs of the line's upsert); SQLite, in
    process, needs no such trick."""
    history = {
        "ticket_id": rec.id,
        "action": action,
        "from_state": None,
        "to_state": rec.state,
        "at": at,
        "actor": actor,
        "counter": rec.counter,
    }
    if s.get_bind().dialect.name != "postgresql":
        insert_ticket(s, rec)
        _run(s, _HISTORY, [history])
        line_add(s, rec.branch, rec.service, 1)
        return
    if not _NEW_WAITING:
        from sqlalchemy.dialects.postgresql import insert as upsert

        ticket = insert(TICKETS).values({f: bindparam(f"t_{f}") for f in FIELDS}).cte("t")
        first = insert(HISTORY).values({k: bindparam(f"h_{k}") for k in history}).cte("h")
        line = upsert(LINES).values(branch=bindparam("t_branch"), service=bindparam("t_service"))
        line = line.values(waiting=1).on_conflict_do_update(
            index_elements=[LINES.c.branch, LINES.c.service],
            set_={"waiting": LINES.c.waiting + 1},
        )
        _NEW_WAITING.append(line.add_cte(ticket).add_cte(first))
    params = {f"t_{k}": v for k, v in vars(rec).items()}
    params.update({f"h_{k}": v for k, v in history.items()})
    _run(s, _NEW_WAITING[0], params)


def change(s: Session, rec: TicketRec, expect_state: str, **values: Any) -> bool:
    """Set `values` on the ticket if it is still in `expect_state`; False if it is not
    (someone else changed it first). `rec` follows on success."""
    keys = tuple(sorted(values))
    statement = _CHANGES.get(keys)
    if statement is None:  # a handful of shapes (one per kind of transition): built once
        statement = (
            update(TICKETS)
            .where(_c.id == bindparam("_id"), _c.state == bindparam("_expect"))
            .values({k: bindparam(k) for k in keys})
        )
        _CHANGES[keys] = statement
    done = _run(s, statement, {"_id": rec.id, "_expect": expect_state, **values})
    if done.rowcount != 1:
        return False
    for name, value in values.items():
        setattr(rec, name, value)
    return True


def add_history(
    s: Session,
    rec: TicketRec,
    action: str,
    before: str | None,
    actor: str,
    at: dt.datetime,
) -> None:
    row = {
        "ticket_id": rec.id,
        "action": action,
        "from_state": before,
        "to_state": rec.state,
        "at": at,
        "actor": actor,
        "counter": rec.counter,
    }
    _run(s, _HISTORY, [row])


def lock_branch(s: Session, branch: str, *, postgres: bool) -> BranchLock | None:
    """The branch's sequence row, locked (SQLite: the write's BEGIN IMMEDIATE already
    holds the database; PostgreSQL: FOR UPDATE, and NOTIFY the other instances)."""
    last = _run(s, _SEQ_LOCK_NOTIFY if postgres else _SEQ_READ, {"b": branch}).scalar()
    return None if last is None else BranchLock(branch, last)


def add_events(
    s: Session, branch: str, events: Sequence[tuple[int, str, dt.datetime, str]]
) -> None:
    """Store a write's events (seq, type, at, JSON) and move the branch's seq past them."""
    rows = [
        {"branch": branch, "seq": seq, "type": kind, "at": at, "payload": payload}
        for seq, kind, at, payload in events
    ]
    if s.get_bind().dialect.name == "postgresql":  # one round trip: the rows and the seq
        stored = insert(EVENTS).values(rows).cte("stored")
        moved = update(SEQ).where(SEQ.c.branch == branch).values(last_seq=events[-1][0])
        _run(s, moved.add_cte(stored))
        return
    _run(s, _EVENT, rows)
    _run(s, _SEQ_SET, {"b": branch, "seq": events[-1][0]})


def next_serial(s: Session, branch: str, service: str, day: dt.date) -> int | None:
    """The service's last serial of the day plus one, taken (None: no row for the day)."""
    params = {"b": branch, "sv": service, "day": day}
    value: int | None = _run(s, _SERIAL_NEXT, params).scalar()
    return value


def set_serial(s: Session, branch: str, service: str, day: dt.date, serial: int) -> None:
    _run(s, _SERIAL_SET, {"b": branch, "sv": service, "day": day, "serial": serial})


def open_numbers(
    s: Session, branch: str, service: str, day: dt.date, open_states: Iterable[str]
) -> set[int]:
    """The numbers of `service` that open tickets hold (wherever they wait now)."""
    query = select(_c.number).where(
        _c.branch == branch,
        _c.number_service == service,
        _c.business_day == day,
        _c.state.in_(list(open_states)),
    )
    return set(_run(s, query).scalars())


def people_ahead(s: Session, rec: TicketRec) -> int:
    """Waiting tickets of the same service that the policy calls before this one."""
    params = {
        "b": rec.branch,
        "sv": rec.service,
        "day": rec.business_day,
        "prio": rec.priority,
        "arrived": rec.arrived_at,
        "id": rec.id,
    }
    return int(_run(s, _AHEAD, params).scalar() or 0)


@dataclass(frozen=True)
class Head:
    """The first waiting ticket of one service (in the policy's order within a service)."""

    id: str
    service: str
    arrived_at: dt.datetime
    priority: int
    for_counter: str | None


def heads(
    s: Session,
    branch: str,
    services: Iterable[str],
    counter: str,
    counter_services: Iterable[str],
    day: dt.date,
) -> list[Head]:
    """The head of each service's waiting line this counter may take.

    Within one service the policy orders by priority, then arrival, then id (the weight
    is the same for all of them), so only each line's first ticket can be next; tickets
    sent to this counter form one more line. One small query per line instead of reading
    every waiting ticket keeps a call fast however long the queue is (and no count of
    them is taken under the branch's lock: `line_counts` knows how many wait).
    """
    wanted = list(dict.fromkeys(services))
    allowed = list(counter_services)
    found: list[Head] = []
    for service in wanted:
        row = _run(s, _HEAD, {"b": branch, "sv": service, "counter": counter, "day": day}).first()
        if row is not None:
            found.append(Head(*row))
    sent = _run(
        s, _HEAD_SENT, {"b": branch, "counter": counter, "allowed": allowed, "day": day}
    ).first()
    if sent is not None:
        found.append(Head(*sent))
    return found
