from __future__ import annotations

from fastapi import APIRouter, Response

from ...auth import Principal, principal_in
from ...ledger import Actor, Ledger, UnitOfWork
from ...shared import wire
from ..deps import LedgerDep, PrincipalDep, TokenDep, actor_of, as_json

router = APIRouter(prefix="/counters", tags=["counters"])
STAFF = ("caseworker", "admin")


def staff_at(ledger: Ledger, who: Principal, counter_id: str) -> None:
    """Only staff of the counter's branch act at it (404 for an unknown counter first)."""
    branch, _ = ledger.counter(counter_id)
    who.require(*STAFF, branch=branch.id)


def staff_at_in(uow: UnitOfWork, ledger: Ledger, token: str, counter_id: str) -> Actor:
    """`staff_at` for the token, checked inside the write it guards."""
    who = principal_in(uow.s, token)
    staff_at(ledger, who, counter_id)
    return actor_of(who)


@router.post(
    "/{counter_id}/call-next",
    response_model=wire.Ticket,
    responses={204: {"description": "nobody waits for this counter"}},
)
async def call_next(
    counter_id: wire.Id,
    ledger: LedgerDep,
    token: TokenDep,
    body: wire.CallNext | None = None,
) -> Response:
    """Finish what the counter holds and call the next ticket under the call policy;
    an optional `{"services": [...]}` narrows it to some of the counter's services."""
    services = body.services if body else None

    def call(uow: UnitOfWork) -> wire.Ticket | None:
        actor = staff_at_in(uow, ledger, token, counter_id)
        return ledger.tickets.call_next(uow, counter_id, actor, services)

    ticket = await ledger.write_async(call)
    return Response(status_code=204) if ticket is None else as_json(ticket)


@router.post("/{counter_id}/call", response_model=wire.Ticket)
async def call_ticket(
    counter_id: wire.Id, body: wire.CallTicket, ledger: LedgerDep, token: TokenDep
) -> Response:
    """Call one ticket out of order."""

    def call(uow: UnitOfWork) -> wire.Ticket:
        actor = staff_at_in(uow, ledger, token, counter_id)
        return ledger.tickets.call(uow, counter_id, body.ticket, actor)

    return as_json(await ledger.write_async(call))


@router.post("/{counter_id}/claim", response_model=wire.CounterInfo)
def claim(counter_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.CounterInfo:
    """Sit down at the counter: one caseworker per counter (409 counter_taken)."""
    staff_at(ledger, who, counter_id)
    return ledger.write(lambda uow: ledger.counters.claim(uow, counter_id, actor_of(who)))


@router.post("/{counter_id}/release", response_model=wire.CounterInfo)
def release(counter_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.CounterInfo:
    """Leave the counter; an admin may free a counter someone forgot to leave."""
    staff_at(ledger, who, counter_id)
    force = who.role == "admin"
    return ledger.write(
        lambda uow: ledger.counters.release(uow, counter_id, actor_of(who), force=force)
    )


@router.post("/{counter_id}/pause", response_model=wire.CounterInfo)
def pause(
    counter_id: wire.Id, body: wire.Pause, ledger: LedgerDep, who: PrincipalDep
) -> wire.CounterInfo:
    """Pause with a reason colleagues see; calls at a paused counter are refused."""
    staff_at(ledger, who, counter_id)
    return ledger.write(
        lambda uow: ledger.counters.pause(uow, counter_id, body.reason, actor_of(who))
    )


@router.post("/{counter_id}/resume", response_model=wire.CounterInfo)
def resume(counter_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.CounterInfo:
    staff_at(ledger, who, counter_id)
    return ledger.write(lambda uow: ledger.counters.pause(uow, counter_id, None, actor_of(who)))
