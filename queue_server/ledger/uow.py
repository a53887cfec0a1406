"""One write's unit of work: its session, its clock reading, the branch locks it holds and
the events it recorded, handed to the screens only once the write is committed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..db.models import Base, BranchSeqRow
from ..db.ticket_store import BranchLock
from ..shared import wire
from ..shared.vocab import EventType

#: the session's key for the branch locks (and their seqs) its transaction holds
LOCKED = "dintur.locked"
#: (seq, JSON) of an event, as stored and as sent to screens
Published = list[tuple[int, str]]


@dataclass(frozen=True)
class Actor:
    """Who did it, for the ticket's history: a role and a token id or staff username."""

    role: str
    name: str

    def __str__(self) -> str:
        return f"{self.role}:{self.name}"


SYSTEM = Actor("system", "day-end")


@dataclass
class UnitOfWork:
    s: Session
    now: dt.datetime
    locks: dict[str, BranchLock] = field(default_factory=dict)
    #: the events recorded per branch, in seq order, until stored by `flush`
    pending: dict[str, list[wire.Event]] = field(default_factory=dict)
    #: the events as stored, handed to the screens after the commit
    events: dict[str, Published] = field(default_factory=dict)
    #: branches whose services' state (waiting, estimate, open, full) may have changed
    services_touched: set[str] = field(default_factory=set)
    #: the branch's last seq when this write took its lock
    base_seq: dict[str, int] = field(default_factory=dict)
    #: how this write changed each (branch, service) line's waiting count
    line_deltas: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def postgres(self) -> bool:
        return self.s.get_bind().dialect.name == "postgresql"

    def lock(self, branch: str) -> BranchLock:
        """The branch's write lock (every change to a branch starts here), once per write."""
        held = self.locks.get(branch)
        if held is not None:
            return held
        # an earlier write in the same shared transaction (group commit) locked it
        # already: its seq is known, the row stays ours until the commit
        locked: dict[str, int] = self.s.info.setdefault(LOCKED, {})
        lock: BranchLock | None
        if branch in locked:
            lock = BranchLock(branch, locked[branch])
        else:
            pg = self.postgres
            lock = store.lock_branch(self.s, branch, postgres=pg)
            if lock is None:  # the branch's first write ever
                insert_ignore(self.s, BranchSeqRow, branch=branch, last_seq=0)
                lock = store.lock_branch(self.s, branch, postgres=pg)
                assert lock is not None
        self.locks[branch] = lock
        self.base_seq[branch] = lock.last_seq
        return lock

    def line_moved(self, branch: str, service: str, delta: int, *, stored: bool = False) -> None:
        """One more (or fewer) waiting in the service's line: stored (unless the caller
        did already), and remembered so the services' state needs no count read back."""
        if not stored:
            store.line_add(self.s, branch, service, delta)
        key = (branch, service)
        self.line_deltas[key] = self.line_deltas.get(key, 0) + delta
        self.services_touched.add(branch)

    def emit(self, branch: str, kind: str, **payload: Any) -> wire.Event:
        """Record an event in the branch's stream (the lock must be held)."""
        lock = self.locks[branch]
        lock.last_seq += 1
        event = wire.Event(type=kind, seq=lock.last_seq, branch=branch, at=self.now, **payload)
        self.pending.setdefault(branch, []).append(event)
        return event

    def tell_services(self, branch: str, states: list[wire.ServiceState]) -> None:
        """The services' new state rides on the write's last event of the branch; a write
        with no other event (an opening-hours boundary) sends `services.changed`."""
        events = self.pending.get(branch)
        if events:
            events[-1] = events[-1].model_copy(update={"services": states})
        else:
            self.emit(branch, EventType.SERVICES_CHANGED, services=states)

    def flush(self) -> None:
        """Store the recorded events (at the end of the write, once), and remember the
        locks held for the next write in the same transaction."""
        for branch, events in self.pending.items():
            rows = [(e.seq, e.type, e.at, e.model_dump_json()) for e in events]
            store.add_events(self.s, branch, rows)
            self.events[branch] = [(seq, payload) for seq, _, _, payload in rows]
        self.pending = {}
        locked: dict[str, int] = self.s.info.setdefault(LOCKED, {})
        for branch, lock in self.locks.items():
            locked[branch] = lock.last_seq


def insert_ignore(s: Session, model: type[Base], **values: object) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either engine."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(model).values(**values).on_conflict_do_nothing())
