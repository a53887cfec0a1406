from __future__ import annotations

from fastapi import APIRouter

from ... import wire
from ...domain.tickets import Action
from ..deps import LedgerDep, PrincipalDep, actor_of

router = APIRouter(prefix="/tickets", tags=["tickets"])

ISSUERS = ("kiosk", "caseworker", "admin")
STAFF = ("caseworker", "admin")
READERS = ("kiosk", "display", "caseworker", "admin")


@router.post("", status_code=201, response_model=wire.Ticket)
def issue_ticket(body: wire.IssueTicket, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket:
    ledger.branch(body.branch)  # an unknown branch is a 404 for anyone
    who.require(*ISSUERS, branch=body.branch)
    return ledger.issue(body, actor_of(who))


@router.get("/{ticket_id}", response_model=wire.Ticket)
def get_ticket(ticket_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket:
    who.require(*READERS, branch=ledger.ticket_branch(ticket_id))
    return ledger.ticket(ticket_id)


def _act(action: Action, roles: tuple[str, ...] = STAFF):  # type: ignore[no-untyped-def]
    def handler(ticket_id: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.Ticket:
        who.require(*roles, branch=ledger.ticket_branch(ticket_id))
        return ledger.act(ticket_id, action, actor_of(who))

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
def transfer_ticket(
    ticket_id: wire.Id, body: wire.Transfer, ledger: LedgerDep, who: PrincipalDep
) -> wire.Ticket:
    """Transfer to another service or counter: answers the new waiting ticket."""
    who.require(*STAFF, branch=ledger.ticket_branch(ticket_id))
    return ledger.transfer(ticket_id, body, actor_of(who))
