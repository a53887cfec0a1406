"""The ledger: applies the domain's decisions to storage, atomically, and records events.

Every write is a function of a `UnitOfWork`: it takes the branch's sequence row first
(`BEGIN IMMEDIATE` on SQLite, a row lock on PostgreSQL), so writes in one branch are
serialised, events commit in `seq` order, and a ticket is claimed by one counter only.
The rules live in `domain/`; the parts here read the facts the rules need and store what
they decide:

    tickets     issue, call, recall … transfer, day end       (tickets.py, moves.py)
    counters    who sits where, pauses                        (counters.py)
    devices     printer health; guides and their outcomes     (devices.py)
    services    the services' state, pushed with every write  (services.py)
    views       snapshot, branch info, one ticket             (views.py)
    log         the stored events, to fill a gap              (log.py)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..domain import counters as counter_rules
from ..domain import issuing
from ..domain.site import Branch, Counter, Site
from .counters import Counters
from .devices import Devices
from .estimates import Estimates
from .log import EventLog
from .services import ServiceStates
from .tickets import Tickets
from .uow import Published, UnitOfWork
from .views import Views

T = TypeVar("T")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Ledger:
    def __init__(
        self,
        db: Database,
        site: Site,
        *,
        public_url: str,
        clock: Callable[[], dt.datetime] = utcnow,
        on_commit: Callable[[str, Published], None] = lambda branch, events: None,
        log: EventLog | None = None,
    ) -> None:
        self.db = db
        self.site = site
        self.public_url = public_url.rstrip("/")
        self.clock = clock
        # told each branch and its new events once a write is committed
        self.on_commit = on_commit
        self.estimates = Estimates(self)
        self.services = ServiceStates(self)
        self.tickets = Tickets(self)
        self.counters = Counters(self)
        self.devices = Devices(self)
        self.views = Views(self)
        self.log = log or EventLog(db)

    # --- lookups ----------------------------------------------------------------------

    def branch(self, branch_id: str) -> Branch:
        return issuing.find_branch(self.site, branch_id)

    def counter(self, counter_id: str) -> tuple[Branch, Counter]:
        return counter_rules.find_counter(self.site, counter_id)

    def ticket_branch(self, ticket_id: str) -> str:
        with self.db.read() as s:
            return self.tickets.branch_of(s, ticket_id)

    # --- writes -----------------------------------------------------------------------
    # `write()` runs a unit of work from any thread, `write_async()` from the event loop
    # (the routes that must be fast); either way the branches it changed hear of it once
    # it is committed, and a write that fails tells nobody anything.

    def write(self, work: Callable[[UnitOfWork], T]) -> T:
        done: list[UnitOfWork] = []
        result = self.db.run(self._unit(work, done))
        self._told(done)
        return result

    async def write_async(self, work: Callable[[UnitOfWork], T]) -> T:
        done: list[UnitOfWork] = []
        result = await self.db.run_async(self._unit(work, done))
        self._told(done)
        return result

    def _unit(
        self, work: Callable[[UnitOfWork], T], done: list[UnitOfWork]
    ) -> Callable[[Session], T]:
        def run(s: Session) -> T:
            uow = UnitOfWork(s, self.clock())
            result = work(uow)
            self.services.settle(uow)
            uow.flush()
            done.append(uow)
            return result

        return run

    def _told(self, done: list[UnitOfWork]) -> None:
        for uow in done:
            for branch, events in uow.events.items():
                self.on_commit(branch, events)
