"""How a decided change reaches storage: a new ticket with the next number, a transition
as a compare-and-set, the history row and the event; the service lines kept in step."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from ..db import ticket_store as store
from ..db.models import NumberCounterRow
from ..db.ticket_store import TicketRec
from ..domain import numbering
from ..domain.errors import InvalidTransition
from ..domain.site import Service
from ..domain.tickets import AT_COUNTER, OPEN_STATES, Action, TicketState, changes
from ..shared import wire
from ..shared.vocab import EVENT_OF, EventType
from .uow import Actor, UnitOfWork, insert_ignore

if TYPE_CHECKING:
    from .core import Ledger

OPEN = [s.value for s in OPEN_STATES]
WAITING = TicketState.WAITING.value


class Moves:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def new_waiting(
        self, uow: UnitOfWork, branch_id: str, service: Service, day: dt.date, **fields: Any
    ) -> TicketRec:
        """A new waiting ticket with the service's next number of the day, unsaved."""
        serial = self._allocate(uow, branch_id, service.id, day)
        number = numbering.number_of(serial)
        return TicketRec(
            id=uuid.uuid4().hex,
            branch=branch_id,
            service=service.id,
            number_service=service.id,
            business_day=day,
            serial=serial,
            number=number,
            display=numbering.display_number(service.prefix, number),
            state=WAITING,
            issued_at=uow.now,
            **fields,
        )

    def moved(self, uow: UnitOfWork, old: TicketRec, service: str, **fields: Any) -> TicketRec:
        """The waiting ticket a transfer makes: a new row in `service` with the citizen's
        own number (the slip in their hand stays right), unsaved."""
        return TicketRec(
            id=uuid.uuid4().hex,
            branch=old.branch,
            service=service,
            number_service=old.number_service,
            business_day=old.business_day,
            serial=old.serial,
            number=old.number,
            display=old.display,
            state=WAITING,
            issued_at=uow.now,
            **fields,
        )

    def insert(
        self, uow: UnitOfWork, rec: TicketRec, history: str, actor: Actor, **wired: Any
    ) -> wire.Ticket:
        """Store a new waiting ticket with the wait it is promised, its history and its
        `ticket.issued` event."""
        ticket = self.ledger.views.wired(uow.s, rec, uow.now, **wired)
        if ticket.estimated_wait is not None:  # kept to hold against the actual wait
            rec.promised_low_s = ticket.estimated_wait.low_s
            rec.promised_high_s = ticket.estimated_wait.high_s
        store.insert_waiting(uow.s, rec, history, str(actor), uow.now)
        uow.line_moved(rec.branch, rec.service, 1, stored=True)
        uow.emit(rec.branch, EventType.TICKET_ISSUED, ticket=ticket)
        return ticket

    def transition(
        self,
        uow: UnitOfWork,
        rec: TicketRec,
        action: Action,
        actor: Actor,
        *,
        counter: str | None = None,
        also: dict[str, Any] | None = None,
    ) -> wire.Ticket:
        """Apply `action` as the domain allows it: a compare-and-set on the state the
        ticket was read in, on top of the branch lock, so a second claim never wins."""
        before = TicketState(rec.state)
        values = changes(before, action, uow.now, recalls=rec.recalls, counter=counter)
        if action is Action.CALL:  # a recall moves called_at; the first call stays
            values["first_called_at"] = uow.now
        values.update(also or {})
        if not store.change(uow.s, rec, before.value, **values):
            if action is Action.CALL:
                raise InvalidTransition(f"ticket {rec.display} was called by another counter")
            raise InvalidTransition(f"ticket {rec.display} changed meanwhile; look again")
        store.add_history(uow.s, rec, action.value, before.value, str(actor), uow.now)
        if before in AT_COUNTER or rec.state in AT_COUNTER:  # a counter took or let go
            self.ledger.estimates.seats_changed(uow.s, rec.branch)
        if before is TicketState.WAITING:
            uow.line_moved(rec.branch, rec.service, -1)
        uow.services_touched.add(rec.branch)
        ticket = self.ledger.views.wired(uow.s, rec, uow.now)
        uow.emit(rec.branch, EVENT_OF[action], ticket=ticket)
        return ticket

    def _allocate(self, uow: UnitOfWork, branch: str, service: str, day: dt.date) -> int:
        s = uow.s
        taken = store.next_serial(s, branch, service, day)
        if taken is None:  # the service's first ticket of the day
            insert_ignore(
                s, NumberCounterRow, branch=branch, service=service, business_day=day, last_serial=0
            )
            taken = store.next_serial(s, branch, service, day)
            assert taken is not None
        if taken <= numbering.MAX_NUMBER:  # before the wrap no open ticket can hold it
            return taken
        open_numbers = store.open_numbers(s, branch, service, day, OPEN)
        serial = numbering.next_serial(taken - 1, open_numbers)  # NumbersExhausted: undone
        if serial != taken:
            store.set_serial(s, branch, service, day, serial)
        return serial
