"""The ticket actions: each reads the facts, asks the domain, applies the answer."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..db.ticket_store import TicketRec
from ..domain import counters as counter_rules
from ..domain import issuing, numbering, policy
from ..domain.errors import NotFound
from ..domain.tickets import AT_COUNTER, Action, TicketState, finish_steps, next_state
from ..domain.transfer import transfer_target
from ..shared import wire
from ..shared.vocab import Priority, ProblemCode, Role
from . import to_wire
from .moves import Moves
from .uow import SYSTEM, Actor, UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger


class Tickets:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.moves = Moves(ledger)
        #: per branch, the business day whose start this process has swept
        self._swept: dict[str, dt.date] = {}

    def issue(self, uow: UnitOfWork, req: wire.IssueTicket, actor: Actor) -> wire.Ticket:
        offer = issuing.find_offer(self.ledger.site, req.branch, req.service)
        issuing.check_open(offer, uow.now)
        branch, service = offer.branch, offer.service
        uow.lock(branch.id)
        self._new_day(uow, branch.id)
        ahead = self.ledger.services.waiting(uow, branch.id).get(service.id, 0)
        issuing.check_room(service, ahead)
        rec = self.moves.new_waiting(
            uow,
            branch.id,
            service,
            numbering.business_day(uow.now, branch.tz),
            language=req.language,
            paperless=req.paperless,
            priority=int(Priority.WALK_IN),
            arrived_at=uow.now,
            status_token=secrets.token_urlsafe(18),
        )
        # the newest walk-in: everyone waiting in its line is ahead of it
        ticket = self.moves.insert(uow, rec, "issue", actor, ahead=ahead)
        # the issuer (a kiosk, the desk) alone gets the citizen's link; the event has none
        link = to_wire.status_link(self.ledger.public_url, rec.status_token)
        return ticket.model_copy(update={"status_url": link})

    def call_next(
        self, uow: UnitOfWork, counter_id: str, actor: Actor, services: Sequence[str] | None = None
    ) -> wire.Ticket | None:
        """Call the next ticket for the counter (only `services` of its own, if given)."""
        branch, counter = self.ledger.counter(counter_id)
        serving = counter_rules.narrowed(counter, services)
        uow.lock(branch.id)
        today = self._new_day(uow, branch.id)
        self._free_counter(uow, counter.id, actor)
        heads = store.heads(uow.s, branch.id, serving, counter.id, counter.services, today)
        lines = self.ledger.services.waiting(uow, branch.id)  # for the reason's words
        total = sum(lines.get(sv, 0) for sv in serving)
        waiting = [
            policy.Waiting(h.id, h.service, h.arrived_at, Priority(h.priority), h.for_counter)
            for h in heads
        ]
        weights = {sid: svc.weight for sid, svc in self.ledger.site.services.items()}
        choice = policy.choose(
            waiting,
            counter_id=counter.id,
            services=counter.services,
            now=uow.now,
            weights=weights,
            eligible_count=total,
        )
        if choice is None:
            return None
        rec = self.row(uow.s, choice.ticket.id)
        called = self.moves.transition(uow, rec, Action.CALL, actor, counter=counter.id)
        return called.model_copy(update={"reason": choice.reason})

    def call(self, uow: UnitOfWork, counter_id: str, ticket_id: str, actor: Actor) -> wire.Ticket:
        """Call one ticket out of order."""
        branch, counter = self.ledger.counter(counter_id)
        uow.lock(branch.id)
        self._new_day(uow, branch.id)
        rec = self.row(uow.s, ticket_id)
        counter_rules.check_may_call(
            branch,
            counter,
            number=rec.display,
            ticket_branch=rec.branch,
            service=rec.service,
            for_counter=rec.for_counter,
        )
        next_state(TicketState(rec.state), Action.CALL)  # fail before freeing the counter
        self._free_counter(uow, counter.id, actor)
        called = self.moves.transition(uow, rec, Action.CALL, actor, counter=counter.id)
        return called.model_copy(update={"reason": "called out of order"})

    def act(self, uow: UnitOfWork, ticket_id: str, action: Action, actor: Actor) -> wire.Ticket:
        """recall, start, finish, no-show or cancel one ticket."""
        uow.lock(self.branch_of(uow.s, ticket_id))
        rec = self.row(uow.s, ticket_id)  # again, under the lock
        self._check_holder(uow, rec, actor)
        return self.moves.transition(uow, rec, action, actor)

    def done(self, uow: UnitOfWork, ticket_id: str, actor: Actor) -> wire.Ticket:
        """The citizen was helped: finish the ticket, starting it first if it was only
        called, in one atomic step (the desk's "done" from either state)."""
        uow.lock(self.branch_of(uow.s, ticket_id))
        rec = self.row(uow.s, ticket_id)
        self._check_holder(uow, rec, actor)
        ticket: wire.Ticket | None = None
        for action in finish_steps(TicketState(rec.state)):
            ticket = self.moves.transition(uow, rec, action, actor)
        assert ticket is not None
        return ticket

    def transfer(
        self, uow: UnitOfWork, ticket_id: str, req: wire.Transfer, actor: Actor
    ) -> wire.Ticket:
        """Close the ticket as transferred and open a waiting one in the target that keeps
        its number, its arrival and the citizen's link."""
        branch = self.ledger.branch(self.branch_of(uow.s, ticket_id))
        uow.lock(branch.id)
        old = self.row(uow.s, ticket_id)
        self._check_holder(uow, old, actor)
        held = req.counter is None or store.counter_session(uow.s, req.counter) is not None
        target = transfer_target(
            self.ledger.site,
            branch,
            old.service,
            service=req.service,
            counter=req.counter,
            counter_held=held,
        )
        next_state(TicketState(old.state), Action.TRANSFER)
        new = self.moves.moved(
            uow,
            old,
            target.service,
            language=old.language,
            paperless=old.paperless,
            priority=int(Priority.TRANSFERRED),
            for_counter=target.for_counter,
            arrived_at=old.arrived_at,
            transferred_from=old.id,
            status_token=old.status_token,  # the citizen keeps following the same page
        )
        # the old ticket's link is retired: a fresh secret nobody has, not a guessable name
        moved = {"status_token": secrets.token_urlsafe(18), "transferred_to": new.id}
        self.moves.transition(uow, old, Action.TRANSFER, actor, also=moved)
        return self.moves.insert(uow, new, "transfer_in", actor)

    def expire_stale(self) -> int:
        """Expire the waiting tickets of past business days; returns how many. A ticket at
        a counter at midnight is served to the end, not expired under the caseworker."""
        expired = 0
        for branch in self.ledger.site.branches.values():
            expired += self.ledger.write(self._expiry(branch.id))
        return expired

    def _expiry(self, branch_id: str) -> Callable[[UnitOfWork], int]:
        return lambda uow: self._expire(uow, branch_id)

    def _expire(self, uow: UnitOfWork, branch_id: str) -> int:
        today = numbering.business_day(uow.now, self.ledger.branch(branch_id).tz)
        c = store.TICKETS.c
        stale = store.where(
            uow.s, c.branch == branch_id, c.state == TicketState.WAITING, c.business_day < today
        )
        if stale:
            uow.lock(branch_id)
            for rec in stale:
                self.moves.transition(uow, rec, Action.EXPIRE, SYSTEM)
        self._swept[branch_id] = today
        return len(stale)

    def _new_day(self, uow: UnitOfWork, branch_id: str) -> dt.date:
        """Today at the branch; at its first write of a new day, yesterday's waiting
        tickets expire in the same transaction (so boards never show them beside today's
        numbers, and nobody waits for a number that will not be called)."""
        today = numbering.business_day(uow.now, self.ledger.branch(branch_id).tz)
        if self._swept.get(branch_id) != today:
            self._expire(uow, branch_id)
        return today

    # --- facts ------------------------------------------------------------------------

    def row(self, s: Session, ticket_id: str) -> TicketRec:
        rec = store.get(s, ticket_id)
        if rec is None:
            raise NotFound(f"no ticket {ticket_id!r}", code=ProblemCode.TICKET_NOT_FOUND)
        return rec

    def branch_of(self, s: Session, ticket_id: str) -> str:
        branch = store.branch_of(s, ticket_id)
        if branch is None:
            raise NotFound(f"no ticket {ticket_id!r}", code=ProblemCode.TICKET_NOT_FOUND)
        return branch

    def _check_holder(self, uow: UnitOfWork, rec: TicketRec, actor: Actor) -> None:
        if rec.counter is None or TicketState(rec.state) not in AT_COUNTER:
            return
        seat = store.counter_session(uow.s, rec.counter)
        counter_rules.check_holder(
            rec.counter,
            counter_rules.Seat(seat.holder, seat.paused) if seat is not None else None,
            actor.name,
            admin=actor.role == Role.ADMIN,
        )

    def _free_counter(self, uow: UnitOfWork, counter_id: str, actor: Actor) -> None:
        """Refused if someone else holds the counter or it is paused; then what it holds
        is finished (calling the next means the last one is done)."""
        seat = store.counter_session(uow.s, counter_id)
        counter_rules.check_free(
            counter_id,
            counter_rules.Seat(seat.holder, seat.paused) if seat is not None else None,
            actor.name,
        )
        held = {r.id: r for r in store.held_by(uow.s, counter_id, [st.value for st in AT_COUNTER])}
        for ticket_id, action in counter_rules.release_steps(
            (r.id, TicketState(r.state)) for r in held.values()
        ):
            self.moves.transition(uow, held[ticket_id], action, actor)
