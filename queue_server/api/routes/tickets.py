from __future__ import annotations

from fastapi import APIRouter, Response

from ...auth import principal_in
from ...domain.tickets import Action
from ...ledger import Actor, Ledger, UnitOfWork
from ...shared import wire
from ..deps import LedgerDep, PrincipalDep, TokenDep, actor_of, as_json

router = APIRouter(prefix="/tickets", tags=["tickets"])

ISSUERS = ("kiosk", "caseworker", "admin")
STAFF = ("caseworker", "admin")
READERS = ("kiosk", "display", "caseworker", "admin")


def staff_on_ticket(uow: UnitOfWork, ledger: Ledger, token: str, ticket_id: str) -> Actor:
    """The token's holder, if it may act on the ticket (checked inside the write)."""
    who = principal_in(uow.s, token)
    who.require(*STAFF, branch=ledger.tickets.branch_of(uow.s, ticket_id))
    return actor_of(who)


@router.post("", status_code=201, response_model=wire.Ticket)
async def issue_ticket(body: wire.IssueTicket, ledger: LedgerDep, token: TokenDep) -> Response:
    def issue(uow: UnitOfWork) -> wire.Ticket:
        who = principal_in(uow.s, token)
        ledger.branch(body.branch)  # an unknown branch is a 404 for anyone who may ask
        who.require(*ISSUERS, branch=body.branch)
        return ledger.tickets.issue(uow, body, actor_of(who))

    return as_json(await ledger.write_async(issue), 201)


@router.get("/{ticket_id}", response_model=wire.Ticket)
def get_ticket(ticket_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket:
    who.require(*READERS, branch=ledger.ticket_branch(ticket_id))
    return ledger.views.ticket(ticket_id)


def _act(action: Action):  # type: ignore[no-untyped-def]
    async def handler(ticket_id: wire.Id, ledger: LedgerDep, token: TokenDep) -> Response:
        def act(uow: UnitOfWork) -> wire.Ticket:
            actor = staff_on_ticket(uow, ledger, token, ticket_id)
            return ledger.tickets.act(uow, ticket_id, action, actor)

        return as_json(await ledger.write_async(act))

    handler.__name__ = f"{action.value}_ticket"
    return handler


for _path, _action in [
    ("recall", Action.RECALL),
    ("start", Action.START),
    ("finish", Action.FINISH),
    ("no-show", Action.NO_SHOW),
    ("cancel", Action.CANCEL),
]:
    router.add_api_route(
        f"/{{ticket_id}}/{_path}",
        _act(_action),
        methods=["POST"],
        response_model=wire.Ticket,
        summary=f"{_path.capitalize()} a ticket",
    )


@router.post("/{ticket_id}/done", response_model=wire.Ticket)
async def done_ticket(ticket_id: wire.Id, ledger: LedgerDep, token: TokenDep) -> Response:
    """The citizen was helped: finish, starting first if only called, in one step (a
    `finish` alone needs a ticket being served)."""

    def done(uow: UnitOfWork) -> wire.Ticket:
        actor = staff_on_ticket(uow, ledger, token, ticket_id)
        return ledger.tickets.done(uow, ticket_id, actor)

    return as_json(await ledger.write_async(done))


@router.post("/{ticket_id}/transfer", response_model=wire.Ticket)
async def transfer_ticket(
    ticket_id: wire.Id, body: wire.Transfer, ledger: LedgerDep, token: TokenDep
) -> Response:
    """Transfer to another service or counter: answers the new waiting ticket."""

    def transfer(uow: UnitOfWork) -> wire.Ticket:
        actor = staff_on_ticket(uow, ledger, token, ticket_id)
        return ledger.tickets.transfer(uow, ticket_id, body, actor)

    return as_json(await ledger.write_async(transfer))
