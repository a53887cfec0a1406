"""Self-service guides for the kiosks, and how often they spared a ticket."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from ...shared import wire
from ..deps import LedgerDep, PrincipalDep

router = APIRouter(tags=["guides"])


@router.get("/guides", response_model=list[wire.GuideInfo])
def guides(ledger: LedgerDep, who: PrincipalDep) -> list[wire.GuideInfo]:
    return ledger.devices.guides()


@router.post("/guides/{guide_id}/outcome", status_code=204)
def guide_outcome(
    guide_id: wire.Id, body: wire.GuideOutcome, ledger: LedgerDep, who: PrincipalDep
) -> Response:
    """How a guide at a kiosk ended: self_served (no ticket needed), ticket, printed."""
    who.require("kiosk", "admin", branch=body.branch)
    ledger.write(lambda uow: ledger.devices.guide_outcome(uow, guide_id, body))
    return Response(status_code=204)


@router.get("/stats/guides", response_model=dict[str, dict[str, int]])
def guide_stats(
    branch: wire.Id,
    ledger: LedgerDep,
    who: PrincipalDep,
    since: dt.date | None = None,
) -> dict[str, dict[str, int]]:
    ledger.branch(branch)
    who.require("admin", "caseworker", "manager", branch=branch)
    return ledger.devices.guide_stats(branch, since)
