from __future__ import annotations

from fastapi import APIRouter

from ...shared import wire
from ..deps import LedgerDep, PrincipalDep

router = APIRouter(prefix="/branches", tags=["branches"])
READERS = ("kiosk", "display", "caseworker", "admin")


@router.get("", response_model=list[wire.BranchInfo])
def list_branches(ledger: LedgerDep, who: PrincipalDep) -> list[wire.BranchInfo]:
    who.require(*READERS)
    return [
        ledger.views.branch_info(b)
        for b in ledger.site.branches
        if who.branch is None or who.branch == b
    ]


@router.get("/{branch}", response_model=wire.BranchInfo)
def get_branch(branch: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.BranchInfo:
    info = ledger.views.branch_info(branch)  # unknown branch → 404 before the branch check
    who.require(*READERS, branch=branch)
    return info


@router.get("/{branch}/queue", response_model=wire.QueueSnapshot)
def get_queue(branch: wire.Id, ledger: LedgerDep, who: PrincipalDep) -> wire.QueueSnapshot:
    ledger.branch(branch)
    who.require(*READERS, branch=branch)
    return ledger.views.snapshot(branch)
