from __future__ import annotations

from fastapi import APIRouter, Response

from ... import wire
from ..deps import LedgerDep, PrincipalDep, actor_of

router = APIRouter(prefix="/counters", tags=["counters"])
STAFF = ("caseworker", "admin")


@router.post(
    "/{counter_id}/call-next",
    response_model=wire.Ticket,
    responses={204: {"description": "nobody waits for this counter"}},
)
def call_next(counter_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket | Response:
    """Finish what the counter holds and call the next ticket under the call policy."""
    branch, _ = ledger.counter(counter_id)
    who.require(*STAFF, branch=branch.id)
    ticket = ledger.call_next(counter_id, actor_of(who))
    return Response(status_code=204) if ticket is None else ticket


@router.post("/{counter_id}/call", response_model=wire.Ticket)
def call_ticket(
    counter_id: wire.Id, body: wire.CallTicket, ledger: LedgerDep, who: PrincipalDep
) -> wire.Ticket:
    """Call one ticket out of order."""
    branch, _ = ledger.counter(counter_id)
    who.require(*STAFF, branch=branch.id)
    return ledger.call(counter_id, body.ticket, actor_of(who))
