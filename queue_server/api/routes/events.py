"""WS /branches/{branch}/events?since=SEQ[&view=compact]: a snapshot (or the missed events),
then live events. `view=compact`: the snapshot has no waiting tickets (boards, kiosks).

The token comes in the Authorization header, or (browsers) as the `bearer.<token>`
subprotocol; `?token=` still works for old clients (hub/sockets.py). Close codes are
`shared.vocab.CloseCode`: 4400 a malformed `since`, 4401 bad token, 4403 wrong branch,
4404 unknown branch, 4408 too far behind.
"""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from ...auth import AuthError, authenticate
from ...hub.events import CLOSED
from ...hub.snapshots import Snapshots
from ...hub.sockets import READERS, REFUSALS, refuse, socket_token, until_closed
from ...ledger import Ledger
from ...shared.vocab import CloseCode

router = APIRouter(tags=["events"])
#: more missed events than this and a reconnecting screen gets a fresh snapshot instead
MAX_REPLAY = 2000


@router.websocket("/branches/{branch}/events")
async def branch_events(websocket: WebSocket, branch: str) -> None:
    app = websocket.app
    ledger, hub = app.state.ledger, app.state.hub
    token, protocol = socket_token(websocket)
    # accept first, so a refusal carries a close code the client can tell apart
    await websocket.accept(subprotocol=protocol)
    since_text = websocket.query_params.get("since")
    if since_text is not None and not since_text.isdigit():
        await websocket.close(code=CloseCode.BAD_REQUEST, reason="since must be a whole number")
        return
    since = int(since_text) if since_text is not None else None
    try:
        ledger.branch(branch)
        if token is None:
            raise AuthError("this needs a token (Authorization: Bearer …)")
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
        # a screen that shows no list of waiting tickets (a board, a kiosk) asks for the
        # compact snapshot: without them, kilobytes instead of megabytes
        full = websocket.query_params.get("view") != "compact"
        last = await _catch_up(websocket, ledger, branch, since, waiting=full)
        # one awaited get per event: no task per event per screen (200 screens add up)
        while not closed.done():
            seq, payload = await sub.queue.get()
            if sub.revoked:
                await websocket.close(
                    code=CloseCode.BAD_TOKEN, reason="the token is unknown or revoked"
                )
                break
            if sub.overflowed:
                await websocket.close(
                    code=CloseCode.TOO_SLOW, reason="too far behind; reconnect with since"
                )
                break
            if seq <= last:  # a signal, or an event the catch-up already sent
                continue
            if seq > last + 1:  # cannot happen with the hub in order; heal anyway
                for gap_seq, gap in await run_in_threadpool(ledger.log.since, branch, last):
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


async def _catch_up(
    websocket: WebSocket, ledger: Ledger, branch: str, since: int | None, *, waiting: bool
) -> int:
    if since is not None and since >= 0:
        current = await run_in_threadpool(ledger.log.last_seq, branch)
        first = await run_in_threadpool(ledger.log.first_seq, branch)
        missed = current - since
        replayable = missed == 0 or (
            0 < missed <= MAX_REPLAY  # more than that: a snapshot is smaller
            and first is not None
            and since >= first - 1  # what was missed is still stored (events are pruned)
        )
        if replayable:
            last = since
            while True:
                rows = await run_in_threadpool(ledger.log.since, branch, last, 1000)
                if not rows:
                    return last
                for seq, payload in rows:
                    await websocket.send_text(payload)
                    last = seq
    snapshots: Snapshots = websocket.app.state.snapshots
    seq, text = await run_in_threadpool(lambda: snapshots.message(branch, waiting=waiting))
    await websocket.send_text(text)
    return seq
