"""Staff log in with a password (throttled, a working day's token) and log out again."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from ...auth import AuthError, login, revoke_token
from ...guard.throttle import LoginGuard
from ...shared import wire
from ...shared.vocab import Role
from ..deps import DbDep, PrincipalDep, SettingsDep

router = APIRouter(prefix="/auth", tags=["auth"])


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.post("/login", response_model=wire.TokenInfo)
async def staff_login(
    body: wire.Login, db: DbDep, settings: SettingsDep, request: Request
) -> wire.TokenInfo:
    """A token for a caseworker or admin; after repeated failures for a username or from an
    address, 429 `rate_limited` with Retry-After (no password is checked then)."""
    guard: LoginGuard = request.app.state.login_guard
    address = client_address(request)
    # on the event loop: a refused attempt costs no thread and no hash
    guard.throttle.check(body.username, address)
    try:
        token, who = await run_in_threadpool(
            login,
            db,
            body.username,
            body.password,
            lifetime=settings.staff_token_lifetime,
            hashing=guard.hashing.run,
        )
    except AuthError:
        guard.throttle.failed(body.username, address)
        raise
    except BaseException:
        guard.throttle.abandoned(body.username, address)
        raise
    guard.throttle.succeeded(body.username, address)
    return wire.TokenInfo(
        token=token, role=Role(who.role), branch=who.branch, username=who.username
    )


@router.post("/logout", status_code=204)
def staff_logout(db: DbDep, who: PrincipalDep) -> Response:
    """End this login: the token is revoked at once (open sockets close within seconds)."""
    revoke_token(db, who.token_id)
    return Response(status_code=204)


@router.get("/me", response_model=wire.TokenInfo)
def whoami(who: PrincipalDep) -> wire.TokenInfo:
    return wire.TokenInfo(token="", role=Role(who.role), branch=who.branch, username=who.username)
