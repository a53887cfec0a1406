from __future__ import annotations

from fastapi import APIRouter

from ...auth import login
from ...shared import wire
from ..deps import DbDep, PrincipalDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=wire.TokenInfo)
def staff_login(body: wire.Login, db: DbDep) -> wire.TokenInfo:
    token, who = login(db, body.username, body.password)
    return wire.TokenInfo(token=token, role=who.role, branch=who.branch, username=who.username)  # type: ignore[arg-type]


@router.get("/me", response_model=wire.TokenInfo)
def whoami(who: PrincipalDep) -> wire.TokenInfo:
    return wire.TokenInfo(token="", role=who.role, branch=who.branch, username=who.username)  # type: ignore[arg-type]
