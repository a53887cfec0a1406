"""Days of history played through the real ledger with a clock the test moves: issues,
calls, recalls, starts, finishes, no-shows, transfers, cancels, guides and day ends."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from queue_server.db.engine import Database
from queue_server.db.migrate import upgrade
from queue_server.domain.errors import DomainError
from queue_server.domain.site import Site
from queue_server.ledger import Actor, Ledger, UnitOfWork
from queue_server.shared import wire
from queue_server.shared.vocab import Action, GuideOutcomeKind, TicketState

T = TypeVar("T")
KIOSK = Actor("kiosk", "kiosk-1")
STAFF = Actor("admin", "anna")


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.now = at

    def __call__(self) -> dt.datetime:
        return self.now

    def step(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def ledger_on(db: Database, site: Site, clock: Clock) -> Ledger:
    upgrade(db.url)
    return Ledger(db, site, public_url="http://test", clock=clock)


def play_days(ledger: Ledger, clock: Clock, days: int, *, seed: int = 7, per_day: int = 40) -> None:
    """`days` busy days at every branch of the site, a random mix of every action."""
    rng = random.Random(seed)
    site = ledger.site
    for _ in range(days):
        for branch in site.branches.values():
            _play_day(ledger, clock, rng, branch.id, per_day)
        clock.step(24 * 3600)
    # the last day's open tickets expire at the first write of the next day
    ledger.tickets.expire_stale()


def _try(ledger: Ledger, work: Callable[[UnitOfWork], T]) -> T | None:
    try:
        return ledger.write(work)
    except DomainError:
        return None


def _play_day(ledger: Ledger, clock: Clock, rng: random.Random, branch_id: str, n: int) -> None:
    branch = ledger.site.branches[branch_id]
    services = [s.service for s in branch.services]
    counters = [c.id for c in branch.counters]
    start = clock.now
    for _ in range(n):
        clock.step(rng.uniform(20, 240))
        roll = rng.random()
        if roll < 0.45:
            req = wire.IssueTicket(
                branch=branch_id,
                service=rng.choice(services),
                paperless=rng.random() < 0.3,
            )
            _try(ledger, partial(_issue, ledger, req))
        elif roll < 0.75:
            counter = rng.choice(counters)
            _try(ledger, partial(_call_next, ledger, counter))
        elif roll < 0.9:
            _act_on_one(ledger, rng, branch_id, services)
        else:
            outcome = rng.choice(list(GuideOutcomeKind))
            guide = rng.choice(list(ledger.site.guides))
            body = wire.GuideOutcome(branch=branch_id, outcome=outcome)
            _try(ledger, partial(_guide, ledger, guide, body))
    clock.now = start  # the next branch plays the same hours


def _issue(ledger: Ledger, req: wire.IssueTicket, uow: UnitOfWork) -> wire.Ticket:
    return ledger.tickets.issue(uow, req, KIOSK)


def _call_next(ledger: Ledger, counter: str, uow: UnitOfWork) -> wire.Ticket | None:
    return ledger.tickets.call_next(uow, counter, STAFF)


def _guide(ledger: Ledger, guide: str, body: wire.GuideOutcome, uow: UnitOfWork) -> None:
    ledger.devices.guide_outcome(uow, guide, body)


def _act_on_one(ledger: Ledger, rng: random.Random, branch_id: str, services: list[str]) -> None:
    tickets = ledger.views.snapshot(branch_id).tickets
    if not tickets:
        return
    t = rng.choice(tickets)
    state = TicketState(t.state)
    if state is TicketState.CALLED:
        action = rng.choice([Action.RECALL, Action.START, Action.NO_SHOW, "done", "transfer"])
    elif state is TicketState.SERVING:
        action = rng.choice([Action.FINISH, "transfer"])
    else:
        action = rng.choice([Action.CANCEL, "transfer"])
    if action == "done":
        _try(ledger, lambda uow: ledger.tickets.done(uow, t.id, STAFF))
    elif action == "transfer":
        req = wire.Transfer(service=rng.choice(services))
        _try(ledger, lambda uow: ledger.tickets.transfer(uow, t.id, req, STAFF))
    else:
        act = Action(action)
        _try(ledger, lambda uow: ledger.tickets.act(uow, t.id, act, STAFF))
