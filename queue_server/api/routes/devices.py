"""Device health: kiosks report their printer; desks and admins see it."""

from __future__ import annotations

from fastapi import APIRouter

from ...domain.errors import Rejected
from ...shared import wire
from ...shared.vocab import ProblemCode
from ..deps import LedgerDep, PrincipalDep

router = APIRouter(tags=["devices"])


@router.put("/devices/{device_id}/health", response_model=wire.DeviceHealth)
def report_health(
    device_id: wire.Id, body: wire.DeviceHealthReport, ledger: LedgerDep, who: PrincipalDep
) -> wire.DeviceHealth:
    """A device reports its printer's status; an event goes out when it changes."""
    who.require("kiosk", "display", "admin")
    if who.branch is None:
        raise Rejected(
            "a device token must be bound to a branch", code=ProblemCode.TOKEN_WITHOUT_BRANCH
        )
    branch, token_id = who.branch, who.token_id
    return ledger.write(
        lambda uow: ledger.devices.report_health(uow, token_id, device_id, branch, body)
    )


@router.get("/branches/{branch}/devices", response_model=list[wire.DeviceHealth])
def devices(branch: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> list[wire.DeviceHealth]:
    ledger.branch(branch)
    who.require("caseworker", "admin", "kiosk", branch=branch)
    return ledger.devices.of_branch(branch)
