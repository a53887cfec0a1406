"""The ledger: applies the domain's decisions to storage, atomically, and records events.

Every write takes the branch's sequence row first (`BEGIN IMMEDIATE` on SQLite, a row
lock on PostgreSQL), so writes in one branch are serialised, events commit in `seq`
order, and a ticket is claimed by one counter only. Rules live in `domain/`; this module
only reads the facts the rules need and stores what they decide.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
import uuid
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from . import wire
from .db import ticket_store as store
from .db.engine import Database
from .db.models import (
    BranchSeqRow,
    CounterSessionRow,
    DeviceHealthRow,
    EventRow,
    NumberCounterRow,
    TicketRow,
)
from .db.ticket_store import BranchLock, TicketRec
from .domain import estimate, numbering, policy
from .domain.errors import (
    CounterMismatch,
    InvalidTransition,
    NotFound,
    NotOffered,
    Rejected,
    ServiceClosed,
    ServiceFull,
)
from .domain.hours import is_open, next_opening
from .domain.site import Branch, Counter, Service, Site
from .domain.tickets import AT_COUNTER, EVENT_OF, OPEN_STATES, Action, TicketState, next_state

OPEN = [s.value for s in OPEN_STATES]
#: counters that called someone this recently count as staffed for wait estimates
STAFFED_WINDOW = dt.timedelta(minutes=30)
ESTIMATE_TTL_S = 5.0
RECENT_CALLS = 10


T = TypeVar("T")
#: (seq, JSON) of an event, as stored and as sent to screens
Published = list[tuple[int, str]]
#: the events the running write recorded, per branch: handed to the screens once the
#: write is committed
_TOUCHED: ContextVar[dict[str, Published] | None] = ContextVar("dintur_touched", default=None)


def _tracking(
    work: Callable[[Session], T], touched: dict[str, Published]
) -> Callable[[Session], T]:
    def run(s: Session) -> T:
        # set in the thread that runs the write (the caller's, or the committer's)
        token = _TOUCHED.set(touched)
        try:
            return work(s)
        except BaseException:
            touched.clear()  # undone: nothing of it may reach a screen
            raise
        finally:
            _TOUCHED.reset(token)

    return run


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Actor:
    """Who did it, for the ticket's history: a role and a token id or staff username."""

    role: str
    name: str

    def __str__(self) -> str:
        return f"{self.role}:{self.name}"


class Ledger:
    def __init__(
        self,
        db: Database,
        site: Site,
        *,
        public_url: str,
        clock: Callable[[], dt.datetime] = utcnow,
        on_commit: Callable[[str, Published], None] = lambda branch, events: None,
    ) -> None:
        self.db = db
        self.site = site
        self.public_url = public_url.rstrip("/")
        self.clock = clock
        # told the branch and its new events after each committed write (events may be
        # empty: then the listener reads them from storage)
        self.on_commit = on_commit
        self._estimate_cache: dict[tuple[str, ...], tuple[float, Any]] = {}

    # --- lookups ----------------------------------------------------------------------

    def branch(self, branch_id: str) -> Branch:
        branch = self.site.branch(branch_id)
        if branch is None:
            known = ", ".join(sorted(self.site.branches))
            raise NotFound(f"unknown branch {branch_id!r} (known: {known})", code="unknown_branch")
        return branch

    def counter(self, counter_id: str) -> tuple[Branch, Counter]:
        found = self.site.counter(counter_id)
        if found is None:
            raise NotFound(f"unknown counter {counter_id!r}", code="unknown_counter")
        return found

    def ticket_branch(self, ticket_id: str) -> str:
        with self.db.read() as s:
            return self.ticket_branch_in(s, ticket_id)

    def ticket_branch_in(self, s: Session, ticket_id: str) -> str:
        branch = store.branch_of(s, ticket_id)
        if branch is None:
            raise NotFound(f"no ticket {ticket_id!r}", code="ticket_not_found")
        return branch

    # --- writes -----------------------------------------------------------------------
    # Each write is a `*_in(session, …)` step: `write()` runs one from any thread,
    # `write_async()` from the event loop (the routes that must be fast). Either way the
    # branches it changed hear of it once it is committed.

    def write(self, work: Callable[[Session], T]) -> T:
        touched: dict[str, Published] = {}
        result = self.db.run(_tracking(work, touched))
        self._told(touched)
        return result

    async def write_async(self, work: Callable[[Session], T]) -> T:
        touched: dict[str, Published] = {}
        result = await self.db.run_async(_tracking(work, touched))
        self._told(touched)
        return result

    def _told(self, touched: dict[str, Published]) -> None:
        for branch, events in touched.items():
            self.on_commit(branch, events)

    def act(self, ticket_id: str, action: Action, actor: Actor) -> wire.Ticket:
        return self.write(lambda s: self.act_in(s, ticket_id, action, actor))

    def issue_in(self, s: Session, req: wire.IssueTicket, actor: Actor) -> wire.Ticket:
        branch = self.branch(req.branch)
        service = self.site.services.get(req.service)
        if service is None:
            raise NotFound(f"unknown service {req.service!r}", code="unknown_service")
        offered = branch.offers(service.id)
        if offered is None:
            raise NotOffered(f"{branch.id} does not offer {service.id}")
        now = self.clock()
        if not is_open(offered.hours, now, branch.tz):
            opens = next_opening(offered.hours, now, branch.tz)
            when = f"; it opens {opens.astimezone(branch.tz):%Y-%m-%d %H:%M}" if opens else ""
            raise ServiceClosed(f"{service.id} is closed at {branch.id} now{when}")
        day = numbering.business_day(now, branch.tz)
        seq_row = self.lock_branch(s, branch.id)
        if service.cap is not None and store.waiting_count(s, branch.id, service.id) >= service.cap:
            raise ServiceFull(f"{service.id} has {service.cap} people waiting; try again later")
        row = self._new_waiting(
            s,
            branch.id,
            service,
            day,
            now,
            language=req.language,
            paperless=req.paperless,
            priority=int(policy.Priority.WALK_IN),
            arrived_at=now,
            status_token=secrets.token_urlsafe(18),
        )
        store.insert_ticket(s, row)
        self._history(s, row, "issue", None, actor, now)
        ticket = self._to_wire(s, row, now)
        self._emit(s, seq_row, "ticket.issued", ticket, now)
        return ticket

    def call_next_in(
        self, s: Session, counter_id: str, actor: Actor, services: list[str] | None = None
    ) -> wire.Ticket | None:
        """Call the next ticket for the counter (only `services` of its own, if given)."""
        branch, counter = self.counter(counter_id)
        serving = counter.services
        if services is not None:
            strange = [sid for sid in services if sid not in counter.services]
            if strange or not services:
                raise CounterMismatch(
                    f"counter {counter.id} serves {', '.join(counter.services)}, "
                    f"not {', '.join(strange) or 'nothing'}",
                    code="counter_not_serving",
                )
            serving = tuple(services)
        now = self.clock()
        seq_row = self.lock_branch(s, branch.id)
        self.check_counter_free(s, counter.id, actor)
        self._release_counter(s, seq_row, counter.id, actor, now)
        heads, total = store.heads(s, branch.id, serving, counter.id, counter.services)
        waiting = [
            policy.Waiting(
                id=h.id,
                service=h.service,
                arrived_at=h.arrived_at,
                priority=policy.Priority(h.priority),
                for_counter=h.for_counter,
            )
            for h in heads
        ]
        choice = policy.choose(
            waiting,
            counter_id=counter.id,
            services=counter.services,
            now=now,
            weights=self._weights(),
            eligible_count=total,
        )
        if choice is None:
            return None
        row = self._row(s, choice.ticket.id)
        called = self._transition(s, seq_row, row, Action.CALL, actor, now, counter=counter.id)
        return called.model_copy(update={"reason": choice.reason})

    def call_in(self, s: Session, counter_id: str, ticket_id: str, actor: Actor) -> wire.Ticket:
        """Call one ticket out of order."""
        branch, counter = self.counter(counter_id)
        now = self.clock()
        seq_row = self.lock_branch(s, branch.id)
        row = self._row(s, ticket_id)
        if row.branch != branch.id:
            raise CounterMismatch(
                f"ticket {row.display} is at {row.branch}, counter {counter.id} at {branch.id}",
                code="counter_wrong_branch",
            )
        if row.service not in counter.services and row.for_counter != counter.id:
            raise CounterMismatch(
                f"counter {counter.id} does not serve {row.service}", code="counter_not_serving"
            )
        next_state(TicketState(row.state), Action.CALL)  # fail before releasing the counter
        self.check_counter_free(s, counter.id, actor)
        self._release_counter(s, seq_row, counter.id, actor, now)
        ticket = self._transition(s, seq_row, row, Action.CALL, actor, now, counter=counter.id)
        return ticket.model_copy(update={"reason": "called out of order"})

    def act_in(self, s: Session, ticket_id: str, action: Action, actor: Actor) -> wire.Ticket:
        """recall, start, finish, no-show or cancel one ticket."""
        now = self.clock()
        branch = self.ticket_branch_in(s, ticket_id)
        seq_row = self.lock_branch(s, branch)
        row = self._row(s, ticket_id)  # again, under the lock
        return self._transition(s, seq_row, row, action, actor, now)

    def transfer_in(
        self, s: Session, ticket_id: str, req: wire.Transfer, actor: Actor
    ) -> wire.Ticket:
        """Close the ticket as transferred and open a waiting one that keeps its arrival."""
        now = self.clock()
        branch_id = self.ticket_branch_in(s, ticket_id)
        branch = self.branch(branch_id)
        seq_row = self.lock_branch(s, branch_id)
        old = self._row(s, ticket_id)
        if req.counter is not None:
            target_counter = branch.counter(req.counter)
            if target_counter is None:
                raise NotFound(
                    f"unknown counter {req.counter!r} at {branch_id}", code="unknown_counter"
                )
            service_id, for_counter = old.service, target_counter.id
            if service_id not in target_counter.services:
                service_id = target_counter.services[0]
        else:
            assert req.service is not None
            if req.service not in self.site.services:
                raise NotFound(f"unknown service {req.service!r}", code="unknown_service")
            if branch.offers(req.service) is None:
                raise NotOffered(f"{branch_id} does not offer {req.service}")
            service_id, for_counter = req.service, None
        next_state(TicketState(old.state), Action.TRANSFER)
        new = self._new_waiting(
            s,
            branch_id,
            self.site.services[service_id],
            old.business_day,
            now,
            language=old.language,
            paperless=old.paperless,
            priority=int(policy.Priority.TRANSFERRED),
            for_counter=for_counter,
            arrived_at=old.arrived_at,
            transferred_from=old.id,
            # the citizen keeps following the same status page
            status_token=old.status_token,
        )
        self._transition(
            s,
            seq_row,
            old,
            Action.TRANSFER,
            actor,
            now,
            also={"status_token": f"moved-{old.id}", "transferred_to": new.id},
        )
        store.insert_ticket(s, new)
        self._history(s, new, "transfer_in", None, actor, now)
        ticket = self._to_wire(s, new, now)
        self._emit(s, seq_row, "ticket.issued", ticket, now)
        return ticket

    def expire_stale(self) -> int:
        """Expire open tickets of past business days; returns how many."""
        now = self.clock()
        expired = 0
        for branch in self.site.branches.values():
            today = numbering.business_day(now, branch.tz)
            with self.db.write() as s:
                c = store.TICKETS.c
                stale = store.where(
                    s, c.branch == branch.id, c.state.in_(OPEN), c.business_day < today
                )
                if not stale:
                    continue
                seq_row = self.lock_branch(s, branch.id)
                for row in stale:
                    self._transition(
                        s, seq_row, row, Action.EXPIRE, Actor("system", "day-end"), now
                    )
                expired += len(stale)
            self.on_commit(branch.id, [])
        return expired

    # --- reads ------------------------------------------------------------------------

    def ticket(self, ticket_id: str) -> wire.Ticket:
        with self.db.read() as s:
            return self._to_wire(s, self._row(s, ticket_id), self.clock())

    def ticket_by_token(self, token: str) -> wire.Ticket:
        with self.db.read() as s:
            row = store.by_token(s, token)
            if row is None:
                raise NotFound("no ticket has that link", code="ticket_not_found")
            return self._to_wire(s, row, self.clock())

    def branch_info(self, branch_id: str) -> wire.BranchInfo:
        branch = self.branch(branch_id)
        now = self.clock()
        with self.db.read() as s:
            services = self._services(s, branch, now)
            counters = self.counter_infos(s, branch)
        return wire.BranchInfo(
            id=branch.id,
            names=branch.names,
            timezone=branch.timezone,
            open_now=is_open(branch.hours, now, branch.tz),
            info=branch.info,
            services=services,
            address=branch.address,
            groups=[
                wire.GroupInfo(id=g.id, names=g.names)
                for g in self.site.groups.values()
                if any(self.site.services[o.service].group == g.id for o in branch.services)
            ],
            counters=counters,
        )

    def snapshot(self, branch_id: str) -> wire.QueueSnapshot:
        branch = self.branch(branch_id)
        now = self.clock()
        with self.db.read() as s:
            seq = (
                s.scalar(select(BranchSeqRow.last_seq).where(BranchSeqRow.branch == branch.id)) or 0
            )
            c = store.TICKETS.c
            rows = store.where(
                s, c.branch == branch.id, c.state.in_(OPEN), order_by=(c.arrived_at, c.id)
            )
            ahead_of = _places_in_line(rows)  # one pass, not a count per ticket
            recent = store.where(
                s,
                c.branch == branch.id,
                c.called_at.is_not(None),
                order_by=(c.called_at.desc(),),
                limit=RECENT_CALLS,
            )
            return wire.QueueSnapshot(
                branch=branch.id,
                seq=seq,
                at=now,
                tickets=[
                    self._to_wire(s, r, now, estimate_wait=False, ahead_of=ahead_of) for r in rows
                ],
                recent_calls=[
                    self._to_wire(s, r, now, estimate_wait=False, ahead_of=ahead_of) for r in recent
                ],
                services=self._services(s, branch, now),
                counters=self.counter_infos(s, branch),
                devices=self.devices(s, branch.id),
            )

    def last_seq(self, branch_id: str) -> int:
        with self.db.read() as s:
            return (
                s.scalar(select(BranchSeqRow.last_seq).where(BranchSeqRow.branch == branch_id)) or 0
            )

    def events_since(self, branch_id: str, seq: int, limit: int = 1000) -> list[tuple[int, str]]:
        """(seq, JSON) of the branch's events after `seq`, oldest first."""
        with self.db.read() as s:
            rows = s.execute(
                select(EventRow.seq, EventRow.payload)
                .where(EventRow.branch == branch_id, EventRow.seq > seq)
                .order_by(EventRow.seq)
                .limit(limit)
            ).all()
            return [(r[0], r[1]) for r in rows]

    def first_seq(self, branch_id: str) -> int | None:
        with self.db.read() as s:
            return s.scalar(select(func.min(EventRow.seq)).where(EventRow.branch == branch_id))

    # --- internals --------------------------------------------------------------------

    def _row(self, s: Session, ticket_id: str) -> TicketRec:
        row = store.get(s, ticket_id)
        if row is None:
            raise NotFound(f"no ticket {ticket_id!r}", code="ticket_not_found")
        return row

    def _weights(self) -> dict[str, float]:
        return {sid: svc.weight for sid, svc in self.site.services.items()}

    def lock_branch(self, s: Session, branch_id: str) -> BranchLock:
        """Take the branch's write lock (every change to a branch starts here)."""
        pg = self.db.dialect == "postgresql"
        lock = store.lock_branch(s, branch_id, for_update=pg)
        if lock is None:  # the branch's first write ever
            _insert_ignore(s, BranchSeqRow, branch=branch_id, last_seq=0)
            lock = store.lock_branch(s, branch_id, for_update=pg)
            assert lock is not None
        if pg:  # wakes other server instances at commit (once per write, not per event)
            s.execute(text("SELECT pg_notify('dintur_events', :b)"), {"b": branch_id})
        return lock

    def _new_waiting(
        self,
        s: Session,
        branch_id: str,
        service: Service,
        day: dt.date,
        now: dt.datetime,
        **fields: Any,
    ) -> TicketRec:
        """A new waiting ticket with the service's next number of the day, unsaved."""
        serial = self._allocate(s, branch_id, service.id, day)
        number = numbering.number_of(serial)
        return TicketRec(
            id=uuid.uuid4().hex,
            branch=branch_id,
            service=service.id,
            business_day=day,
            serial=serial,
            number=number,
            display=numbering.display_number(service.prefix, number),
            state=TicketState.WAITING.value,
            issued_at=now,
            **fields,
        )

    def _allocate(self, s: Session, branch: str, service: str, day: dt.date) -> int:
        pg = self.db.dialect == "postgresql"
        last = store.last_serial(s, branch, service, day, for_update=pg)
        if last is None:  # the service's first ticket of the day
            _insert_ignore(
                s, NumberCounterRow, branch=branch, service=service, business_day=day, last_serial=0
            )
            last = store.last_serial(s, branch, service, day, for_update=pg)
            assert last is not None
        open_numbers: set[int] = set()
        if last >= numbering.MAX_NUMBER:  # only after a wrap can numbers collide
            open_numbers = store.open_numbers(s, branch, service, day, OPEN)
        serial = numbering.next_serial(last, open_numbers)
        store.set_serial(s, branch, service, day, serial)
        return serial

    def _release_counter(
        self, s: Session, seq_row: BranchLock, counter_id: str, actor: Actor, now: dt.datetime
    ) -> None:
        """Finish what the counter holds: calling the next means the last one is done."""
        held = store.held_by(s, counter_id, [st.value for st in AT_COUNTER])
        for row in held:
            if row.state == TicketState.CALLED.value:
                self._transition(s, seq_row, row, Action.START, actor, now)
            self._transition(s, seq_row, row, Action.FINISH, actor, now)

    def _transition(
        self,
        s: Session,
        seq_row: BranchLock,
        row: TicketRec,
        action: Action,
        actor: Actor,
        now: dt.datetime,
        *,
        counter: str | None = None,
        also: dict[str, Any] | None = None,
    ) -> wire.Ticket:
        before = TicketState(row.state)
        after = next_state(before, action)
        values: dict[str, Any] = {"state": after.value, **(also or {})}
        if action is Action.CALL:
            values.update(counter=counter, called_at=now)
        elif action is Action.RECALL:
            values.update(recalls=row.recalls + 1, called_at=now)
        elif action is Action.START:
            values.update(started_at=now)
        elif action in (
            Action.FINISH,
            Action.NO_SHOW,
            Action.CANCEL,
            Action.EXPIRE,
            Action.TRANSFER,
        ):
            values.update(finished_at=now)
        # compare-and-set on top of the branch lock: a second claim can never win
        if not store.change(s, row, before.value, **values):
            if action is Action.CALL:
                raise InvalidTransition(f"ticket {row.display} was called by another counter")
            raise InvalidTransition(f"ticket {row.display} changed meanwhile; look again")
        self._history(s, row, action.value, before.value, actor, now)
        ticket = self._to_wire(s, row, now)
        self._emit(s, seq_row, EVENT_OF[action], ticket, now)
        return ticket

    def _history(
        self,
        s: Session,
        row: TicketRec,
        action: str,
        before: str | None,
        actor: Actor,
        now: dt.datetime,
    ) -> None:
        store.add_history(s, row, action, before, str(actor), now)

    def _emit(
        self,
        s: Session,
        seq_row: BranchLock,
        kind: str,
        ticket: wire.Ticket | None,
        now: dt.datetime,
        **payload: Any,
    ) -> None:
        seq = seq_row.last_seq + 1
        event = wire.Event(
            type=kind, seq=seq, branch=seq_row.branch, at=now, ticket=ticket, **payload
        )
        payload_json = event.model_dump_json()
        store.add_event(s, seq_row, seq, kind, now, payload_json)
        touched = _TOUCHED.get()
        if touched is not None:
            touched.setdefault(seq_row.branch, []).append((seq, payload_json))

    def emit(
        self, s: Session, seq_row: BranchLock, kind: str, now: dt.datetime, **payload: Any
    ) -> None:
        """Record a non-ticket event (a counter or device change) in the branch's stream."""
        self._emit(s, seq_row, kind, None, now, **payload)

    def counter_infos(self, s: Session, branch: Branch) -> list[wire.CounterInfo]:
        sessions = {
            r.counter: r
            for r in s.scalars(
                select(CounterSessionRow).where(CounterSessionRow.branch == branch.id)
            )
        }
        return [counter_info(c, sessions.get(c.id)) for c in branch.counters]

    def devices(self, s: Session, branch_id: str) -> list[wire.DeviceHealth]:
        rows = s.scalars(
            select(DeviceHealthRow)
            .where(DeviceHealthRow.branch == branch_id)
            .order_by(DeviceHealthRow.device, DeviceHealthRow.kind)
        )
        return [device_health(r) for r in rows]

    def check_counter_free(self, s: Session, counter_id: str, actor: Actor) -> None:
        """Calls at a counter someone else holds, or that is paused, are refused."""
        held = store.counter_session(s, counter_id)
        if held is None:
            return
        if held.holder != actor.name:
            raise counter_taken(counter_id, held.holder)
        if held.paused is not None:
            raise Rejected(
                f"counter {counter_id} is paused ({held.paused}); resume first",
                code="counter_paused",
            )

    def _estimate(
        self, s: Session, branch: Branch, service_id: str, ahead: int, now: dt.datetime
    ) -> estimate.WaitRange:
        mean = self._cached(
            ("mean", branch.id, service_id), lambda: self._mean(s, branch, service_id)
        )
        staffed = self._cached(("staffed", branch.id), lambda: self._staffed(s, branch, now))
        serving = sum(1 for c in branch.counters if c.id in staffed and service_id in c.services)
        return estimate.estimate_wait(ahead, mean, serving)

    def _cached(self, key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
        """Estimate inputs change slowly (a mean over the last tickets, who is working);
        reading them again for every ticket was a third of the cost of issuing one."""
        hit = self._estimate_cache.get(key)
        mono = time.monotonic()
        if hit is not None and hit[0] > mono:
            return hit[1]
        value = compute()
        self._estimate_cache[key] = (mono + ESTIMATE_TTL_S, value)
        return value

    def _mean(self, s: Session, branch: Branch, service_id: str) -> float:
        durations: Sequence[tuple[dt.datetime | None, dt.datetime | None]] = s.execute(
            select(TicketRow.started_at, TicketRow.finished_at)
            .where(
                TicketRow.branch == branch.id,
                TicketRow.service == service_id,
                TicketRow.state == TicketState.DONE.value,
                TicketRow.started_at.is_not(None),
            )
            .order_by(TicketRow.finished_at.desc())
            .limit(estimate.RECENT)
        ).all()
        recent = [(f - st).total_seconds() for st, f in reversed(durations) if st and f]
        return estimate.mean_service_s(recent, self.site.services[service_id].mean_service_s)

    def _staffed(self, s: Session, branch: Branch, now: dt.datetime) -> frozenset[str | None]:
        return frozenset(
            s.scalars(
                select(TicketRow.counter)
                .where(TicketRow.branch == branch.id, TicketRow.called_at >= now - STAFFED_WINDOW)
                .distinct()
            )
        )

    def _services(self, s: Session, branch: Branch, now: dt.datetime) -> list[wire.ServiceInfo]:
        waiting = dict(
            s.execute(
                select(TicketRow.service, func.count())
                .where(TicketRow.branch == branch.id, TicketRow.state == TicketState.WAITING.value)
                .group_by(TicketRow.service)
            ).all()
        )
        out = []
        for offered in branch.services:
            service = self.site.services[offered.service]
            n = waiting.get(service.id, 0)
            open_now = is_open(offered.hours, now, branch.tz)
            wait = self._estimate(s, branch, service.id, n, now) if open_now else None
            out.append(
                wire.ServiceInfo(
                    id=service.id,
                    prefix=service.prefix,
                    names=service.names,
                    open_now=open_now,
                    opens_at=None if open_now else next_opening(offered.hours, now, branch.tz),
                    waiting=n,
                    estimated_wait=wire.WaitEstimate(low_s=wait.low_s, high_s=wait.high_s)
                    if wait
                    else None,
                    guide=service.guide,
                    group=service.group,
                    full=service.cap is not None and n >= service.cap,
                    note=service.note,
                    open_elsewhere=[]
                    if open_now
                    else self._open_elsewhere(branch, service.id, now),
                )
            )
        return out

    def _open_elsewhere(self, here: Branch, service_id: str, now: dt.datetime) -> list[str]:
        out = []
        for b in self.site.branches.values():
            offered = b.offers(service_id)
            if b.id != here.id and offered is not None and is_open(offered.hours, now, b.tz):
                out.append(b.id)
        return out

    def _to_wire(
        self,
        s: Session,
        row: TicketRec,
        now: dt.datetime,
        *,
        estimate_wait: bool = True,
        ahead_of: dict[str, int] | None = None,
    ) -> wire.Ticket:
        ahead: int | None = None
        wait: wire.WaitEstimate | None = None
        if row.state == TicketState.WAITING.value:
            known = ahead_of.get(row.id) if ahead_of is not None else None
            ahead = known if known is not None else store.people_ahead(s, row)
            if estimate_wait:
                w = self._estimate(s, self.branch(row.branch), row.service, ahead, now)
                wait = wire.WaitEstimate(low_s=w.low_s, high_s=w.high_s)
        return wire.Ticket(
            id=row.id,
            number=row.display,
            branch=row.branch,
            service=row.service,
            state=row.state,  # type: ignore[arg-type]
            language=row.language,
            paperless=row.paperless,
            issued_at=row.issued_at,
            called_at=row.called_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            counter=row.counter,
            recalls=row.recalls,
            people_ahead=ahead,
            estimated_wait=wait,
            status_url=f"{self.public_url}/t/{row.status_token}",
            transferred_from=row.transferred_from,
            transferred_to=row.transferred_to,
            for_counter=row.for_counter,
        )


def _insert_ignore(
    s: Session, model: type[BranchSeqRow] | type[NumberCounterRow], **values: object
) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either engine."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        s.execute(pg_insert(model).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        s.execute(sqlite_insert(model).values(**values).on_conflict_do_nothing())


def _places_in_line(rows: Sequence[TicketRec]) -> dict[str, int]:
    """People ahead of each waiting ticket, in the same order as store.people_ahead counts."""
    waiting = sorted(
        (r for r in rows if r.state == TicketState.WAITING.value),
        key=lambda r: (r.service, r.priority, r.arrived_at, r.id),
    )
    places: dict[str, int] = {}
    service, n = None, 0
    for r in waiting:
        n = n + 1 if r.service == service else 0
        service = r.service
        places[r.id] = n
    return places


def device_health(row: DeviceHealthRow) -> wire.DeviceHealth:
    return wire.DeviceHealth(
        device=row.device,
        branch=row.branch,
        kind=row.kind,
        status=row.status,  # type: ignore[arg-type]
        detail=row.detail,
        updated_at=row.updated_at,
    )


def counter_taken(counter_id: str, holder: str) -> Rejected:
    return Rejected(f"counter {counter_id} is held by {holder}", code="counter_taken")


def counter_info(c: Counter, held: CounterSessionRow | None) -> wire.CounterInfo:
    return wire.CounterInfo(
        id=c.id,
        names=c.names,
        services=list(c.services),
        zone=c.zone,
        held_by=held.holder if held else None,
        paused=held.paused if held else None,  # type: ignore[arg-type]
    )
