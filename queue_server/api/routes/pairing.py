"""Device pairing: a device asks and shows a code, an admin approves, the device collects."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ... import pairing
from ...db.models import PairingRow
from ...shared import wire
from ..deps import DbDep, LedgerDep, PrincipalDep

router = APIRouter(prefix="/pairing", tags=["pairing"])


def _pending(row: PairingRow) -> wire.PendingDevice:
    return wire.PendingDevice(
        code=pairing.pretty(row.code),
        role=row.role,
        branch=row.branch,
        name=row.name,
        state=row.state,
        created_at=row.created_at,
    )


@router.post("", response_model=wire.PairStarted, status_code=201)
def start(
    body: wire.PairRequest, ledger: LedgerDep, db: DbDep, request: Request
) -> wire.PairStarted:
    """No token needed: a new device asks to join and shows the code it gets (a few
    pending requests per client address and per branch, then 429 `rate_limited`)."""
    ledger.branch(body.branch)
    code, secret, expires = pairing.request(
        db,
        role=body.role,
        branch=body.branch,
        name=body.name,
        address=request.client.host if request.client else None,
    )
    return wire.PairStarted(code=code, secret=secret, expires_at=expires)


@router.post("/collect", response_model=wire.PairState)
def collect(body: wire.PairCollect, db: DbDep) -> wire.PairState:
    state, token = pairing.collect(db, body.secret)
    return wire.PairState(state=state, token=token)  # type: ignore[arg-type]


@router.get("", response_model=list[wire.PendingDevice])
def waiting(db: DbDep, who: PrincipalDep) -> list[wire.PendingDevice]:
    who.require("admin")
    return [_pending(r) for r in pairing.pending(db, who.branch)]


@router.post("/{code}/approve", response_model=wire.PendingDevice)
def approve(code: str, db: DbDep, who: PrincipalDep) -> wire.PendingDevice:
    who.require("admin")
    return _pending(pairing.decide(db, code, approve=True, branch=who.branch))


@router.post("/{code}/reject", response_model=wire.PendingDevice)
def reject(code: str, db: DbDep, who: PrincipalDep) -> wire.PendingDevice:
    who.require("admin")
    return _pending(pairing.decide(db, code, approve=False, branch=who.branch))
