from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from ... import wire
from ...auth import principal_in
from ...domain.tickets import Action
from ...ledger import Actor, Ledger
from ..deps import LedgerDep, PrincipalDep, TokenDep, actor_of, as_json

router = APIRouter(prefix="/tickets", tags=["tickets"])

ISSUERS = ("kiosk", "caseworker", "admin")
STAFF = ("caseworker", "admin")
READERS = ("kiosk", "display", "caseworker", "admin")


def staff_on_ticket(s: Session, ledger: Ledger, token: str, ticket_id: str) -> Actor:
    """The token's holder, if it may act on the ticket (checked inside the write)."""
    who = principal_in(s, token)
    who.require(*STAFF, branch=ledger.ticket_branch_in(s, ticket_id))
    return actor_of(who)


@router.post("", status_code=201, response_model=wire.Ticket)
async def issue_ticket(body: wire.IssueTicket, ledger: LedgerDep, token: TokenDep) -> Response:
    def issue(s: Session) -> wire.Ticket:
        who = principal_in(s, token)
        ledger.branch(body.branch)  # an unknown branch is a 404 for anyone who may ask
        who.require(*ISSUERS, branch=body.branch)
        return ledger.issue_in(s, body, actor_of(who))

    return as_json(await ledger.write_async(issue), 201)


@router.get("/{ticket_id}", response_model=wire.Ticket)
def get_ticket(ticket_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket:
    who.require(*READERS, branch=ledger.ticket_branch(ticket_id))
    return ledger.ticket(ticket_id)


def _act(action: Action):  # type: ignore[no-untyped-def]
    async def handler(ticket_id: wire.Id, ledger: LedgerDep, token: TokenDep) -> Response:
        def act(s: Session) -> wire.Ticket:
            actor = staff_on_ticket(s, ledger, token, ticket_id)
            return ledger.act_in(s, ticket_id, action, actor)

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


@router.post("/{ticket_id}/transfer", response_model=wire.Ticket)
async def transfer_ticket(
    ticket_id: wire.Id, body: wire.Transfer, ledger: LedgerDep, token: TokenDep
) -> Response:
    """Transfer to another service or counter: answers the new waiting ticket."""

    def transfer(s: Session) -> wire.Ticket:
        actor = staff_on_ticket(s, ledger, token, ticket_id)
        return ledger.transfer_in(s, ticket_id, body, actor)

    return as_json(await ledger.write_async(transfer))
