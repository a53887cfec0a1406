"""How a socket is refused: the close code a client can tell apart, after accepting it."""

from __future__ import annotations

from fastapi import WebSocket

from ..auth import AuthError, Forbidden
from ..domain.errors import NotFound
from ..shared.vocab import CloseCode, Role

READERS = (Role.KIOSK, Role.DISPLAY, Role.CASEWORKER, Role.ADMIN)
# why a socket is refused, as the close code a client can tell apart (after accept)
CLOSE_CODES: tuple[tuple[type[Exception], CloseCode], ...] = (
    (NotFound, CloseCode.UNKNOWN),
    (AuthError, CloseCode.BAD_TOKEN),
    (Forbidden, CloseCode.WRONG_BRANCH),
)
REFUSALS = tuple(kind for kind, _ in CLOSE_CODES)


async def refuse(websocket: WebSocket, exc: Exception, code: int | None = None) -> None:
    """Close an accepted socket with the code for `exc` (or `code`) and its message."""
    code = code or next(c for kind, c in CLOSE_CODES if isinstance(exc, kind))
    await websocket.close(code=code, reason=str(exc)[:120])


async def until_closed(websocket: WebSocket) -> None:
    """Return when the client closes the socket (messages it sends are ignored)."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
