"""The citizen's side: a ticket followed by its unguessable link, no token needed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import StringConstraints

from ...domain.tickets import Action
from ...ledger import Actor
from ...shared import wire
from ..deps import LedgerDep

router = APIRouter(prefix="/status", tags=["citizen"])
Token = Annotated[str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/{token}", response_model=wire.Ticket)
def ticket_status(token: Token, ledger: LedgerDep) -> wire.Ticket:
    return ledger.views.ticket_by_token(token)


@router.post("/{token}/cancel", response_model=wire.Ticket)
def cancel_own_ticket(token: Token, ledger: LedgerDep) -> wire.Ticket:
    ticket = ledger.views.ticket_by_token(token)
    citizen = Actor("citizen", "status-page")
    return ledger.write(lambda uow: ledger.tickets.act(uow, ticket.id, Action.CANCEL, citizen))
