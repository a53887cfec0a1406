"""The ticket actions: each reads the facts, asks the domain, applies the answer."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..db.ticket_store import TicketRec
from ..domain import counters as counter_rules
from ..domain import issuing, numbering, policy
from ..domain.errors import NotFound
from ..domain.tickets import AT_COUNTER, Action, TicketState, next_state
from ..domain.transfer import transfer_target
from ..shared import wire
from ..shared.vocab import Priority, ProblemCode
from .moves import OPEN, Moves
from .uow import SYSTEM, Actor, UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger


class Tickets:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.moves = Moves(ledger)

    def issue(self, uow: UnitOfWork, req: wire.IssueTicket, actor: Actor) -> wire.Ticket:
        offer = issuing.find_offer(self.ledger.site, req.branch, req.service)
        issuing.check_open(offer, uow.now)
        branch, service = offer.branch, offer.service
        uow.lock(branch.id)
        ahead = store.line_count(uow.s, branch.id, service.id)
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
        return self.moves.insert(uow, rec, "issue", actor, ahead=ahead)

    def call_next(
        self, uow: UnitOfWork, counter_id: str, actor: Actor, services: Sequence[str] | None = None
    ) -> wire.Ticket | None:
        """Call the next ticket for the counter (only `services` of its own, if given)."""
        branch, counter = self.ledger.counter(counter_id)
        serving = counter_rules.narrowed(counter, services)
        uow.lock(branch.id)
        self._free_counter(uow, counter.id, actor)
        heads, total = store.heads(uow.s, branch.id, serving, counter.id, counter.services)
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
        return self.moves.transition(uow, rec, action, actor)

    def transfer(
        self, uow: UnitOfWork, ticket_id: str, req: wire.Transfer, actor: Actor
    ) -> wire.Ticket:
        """Close the ticket as transferred and open a waiting one that keeps its arrival."""
        branch = self.ledger.branch(self.branch_of(uow.s, ticket_id))
        uow.lock(branch.id)
        old = self.row(uow.s, ticket_id)
        target = transfer_target(
            self.ledger.site, branch, old.service, service=req.service, counter=req.counter
        )
        next_state(TicketState(old.state), Action.TRANSFER)
        new = self.moves.new_waiting(
            uow,
            branch.id,
            self.ledger.site.services[target.service],
            old.business_day,
            language=old.language,
            paperless=old.paperless,
            priority=int(Priority.TRANSFERRED),
            for_counter=target.for_counter,
            arrived_at=old.arrived_at,
            transferred_from=old.id,
            status_token=old.status_token,  # the citizen keeps following the same page
        )
        moved = {"status_token": f"moved-{old.id}", "transferred_to": new.id}
        self.moves.transition(uow, old, Action.TRANSFER, actor, also=moved)
        return self.moves.insert(uow, new, "transfer_in", actor)

    def expire_stale(self) -> int:
        """Expire open tickets of past business days; returns how many."""
        expired = 0
        for branch in self.ledger.site.branches.values():
            expired += self.ledger.write(self._expiry(branch.id))
        return expired

    def _expiry(self, branch_id: str) -> Callable[[UnitOfWork], int]:
        return lambda uow: self._expire(uow, branch_id)

    def _expire(self, uow: UnitOfWork, branch_id: str) -> int:
        today = numbering.business_day(uow.now, self.ledger.branch(branch_id).tz)
        c = store.TICKETS.c
        stale = store.where(uow.s, c.branch == branch_id, c.state.in_(OPEN), c.business_day < today)
        if stale:
            uow.lock(branch_id)
            for rec in stale:
                self.moves.transition(uow, rec, Action.EXPIRE, SYSTEM)
        return len(stale)

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
