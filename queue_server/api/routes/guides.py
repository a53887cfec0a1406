"""Self-service guides for the kiosks, and how often they spared a ticket."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from ... import wire
from ..deps import DesksDep, LedgerDep, PrincipalDep

router = APIRouter(tags=["guides"])


@router.get("/guides", response_model=list[wire.GuideInfo])
def guides(desks: DesksDep, who: PrincipalDep) -> list[wire.GuideInfo]:
    return desks.guides()


@router.post("/guides/{guide_id}/outcome", status_code=204)
def guide_outcome(
    guide_id: wire.Id, body: wire.GuideOutcome, desks: DesksDep, who: PrincipalDep
) -> Response:
    """How a guide at a kiosk ended: self_served (no ticket needed), ticket, printed."""
    who.require("kiosk", "admin", branch=body.branch)
    desks.guide_outcome(guide_id, body)
    return Response(status_code=204)


@router.get("/stats/guides", response_model=dict[str, dict[str, int]])
def guide_stats(
    branch: wire.Id,
    ledger: LedgerDep,
    desks: DesksDep,
    who: PrincipalDep,
    since: dt.date | None = None,
) -> dict[str, dict[str, int]]:
    ledger.branch(branch)
    who.require("admin", "caseworker", branch=branch)
    return desks.guide_stats(branch, since)
