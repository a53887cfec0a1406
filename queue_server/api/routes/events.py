"""WS /branches/{branch}/events?since=SEQ: a snapshot (or the missed events), then live events.

Browsers cannot set headers on a WebSocket, so the token may also come as `?token=`.
Close codes: 4401 bad token, 4403 wrong branch, 4404 unknown branch, 4408 too slow.
"""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from ... import wire
from ...auth import AuthError, Forbidden, authenticate
from ...domain.errors import NotFound
from ..deps import bearer
from ..events import CLOSED

router = APIRouter(tags=["events"])
READERS = ("kiosk", "display", "caseworker", "admin")
# why a socket is refused, as the close code a client can tell apart (after accept)
CLOSE_CODES: tuple[tuple[type[Exception], int], ...] = (
    (NotFound, 4404),
    (AuthError, 4401),
    (Forbidden, 4403),
)
REFUSALS = tuple(kind for kind, _ in CLOSE_CODES)


async def refuse(websocket: WebSocket, exc: Exception, code: int | None = None) -> None:
    """Close an accepted socket with the code for `exc` (or `code`) and its message."""
    code = code or next(c for kind, c in CLOSE_CODES if isinstance(exc, kind))
    await websocket.close(code=code, reason=str(exc)[:120])


@router.websocket("/branches/{branch}/events")
async def branch_events(websocket: WebSocket, branch: str, since: int | None = None) -> None:
    app = websocket.app
    ledger, hub = app.state.ledger, app.state.hub
    token = websocket.query_params.get("token")
    # accept first, so a refusal carries a close code the client can tell apart
    await websocket.accept()
    try:
        ledger.branch(branch)
        if token is None:
            token = bearer(websocket.headers.get("authorization"))
        who = await run_in_threadpool(authenticate, app.state.db, token)
        who.require(*READERS, branch=branch)
    except REFUSALS as exc:
        await refuse(websocket, exc)
        return

    # before reading, so nothing falls between read and live
    sub = hub.subscribe(branch, token)
    closed = asyncio.create_task(until_closed(websocket))
    closed.add_done_callback(lambda _: sub.signal(CLOSED))
    try:
        last = await _catch_up(websocket, ledger, branch, since)
        # one awaited get per event: no task per event per screen (200 screens add up)
        while not closed.done():
            seq, payload = await sub.queue.get()
            if sub.revoked:
                await websocket.close(code=4401, reason="the token is unknown or revoked")
                break
            if sub.overflowed:
                await websocket.close(code=4408, reason="too far behind; reconnect with since")
                break
            if seq <= last:  # a signal, or an event the catch-up already sent
                continue
            if seq > last + 1:  # cannot happen with the hub in order; heal anyway
                for gap_seq, gap in await run_in_threadpool(ledger.events_since, branch, last):
                    if gap_seq < seq:
                        await websocket.send_text(gap)
            await websocket.send_text(payload)
            last = seq
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(sub)
        closed.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await closed


async def _catch_up(websocket: WebSocket, ledger: object, branch: str, since: int | None) -> int:
    from ...ledger import Ledger

    assert isinstance(ledger, Ledger)
    if since is not None and since >= 0:
        current = await run_in_threadpool(ledger.last_seq, branch)
        first = await run_in_threadpool(ledger.first_seq, branch)
        replayable = since <= current and (first is None or since >= first - 1)
        if replayable:
            last = since
            while True:
                rows = await run_in_threadpool(ledger.events_since, branch, last, 1000)
                if not rows:
                    return last
                for seq, payload in rows:
                    await websocket.send_text(payload)
                    last = seq
    snapshot = await run_in_threadpool(ledger.snapshot, branch)
    await websocket.send_text(wire.SnapshotMessage(snapshot=snapshot).model_dump_json())
    return snapshot.seq


async def until_closed(websocket: WebSocket) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
