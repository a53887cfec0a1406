"""Sockets: where their token comes from, and how one is refused (the close code a client
can tell apart, after accepting it).

A token never needs to be in the URL (URLs end up in access logs): the apps send
`Authorization: Bearer …`; a browser, which cannot set headers on a WebSocket, offers the
subprotocols `dintur.v1, bearer.<token>` and the server answers `dintur.v1` (never the
token). `?token=` still works for old clients, and the logs redact it.
"""

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


PROTOCOL = "dintur.v1"
BEARER_PROTOCOL = "bearer."


def socket_token(websocket: WebSocket) -> tuple[str | None, str | None]:
    """(the token the client sent, or None; the subprotocol to accept with, or None)."""
    header = websocket.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), None
    offered = [p.strip() for p in websocket.headers.get("sec-websocket-protocol", "").split(",")]
    for protocol in offered:
        if protocol.startswith(BEARER_PROTOCOL) and len(protocol) > len(BEARER_PROTOCOL):
            return protocol[len(BEARER_PROTOCOL) :], PROTOCOL
    chosen = PROTOCOL if PROTOCOL in offered else None
    return websocket.query_params.get("token") or None, chosen


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
