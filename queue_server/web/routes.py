"""Pages, static files and live feeds of the web board and the citizen's ticket page.

    GET /display/{branch}[?zone=&lang=&token=]   the waiting-room board for any TV or browser
    GET /t/{token}[?lang=]                       the citizen's ticket page (friendly 404)
    GET /web/static/{name}                       the pages' JS, CSS and chime
    WS  /api/v1/board/{branch}/events[?zone=]    public board: numbers, counters, waits only
    WS  /api/v1/status/{token}/events            the citizen's own ticket, pushed on change

The public board needs no token: it carries what hangs on the wall of the waiting room
anyway (numbers, counter names, waiting counts), never a status link or a ticket id, so a
TV needs no secret in its URL. A `?token=` is still accepted and then checked.
Close codes as on the events socket: 4401 bad token, 4403 wrong branch, 4404 unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from typing import Any

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ..auth import authenticate
from ..domain.errors import NotFound
from ..hub.sockets import READERS, REFUSALS, refuse, socket_token, until_closed
from ..ledger import Ledger
from ..shared import wire
from ..shared.board import Scope, UnknownZone
from ..shared.vocab import CloseCode, ProblemCode
from . import pages
from .feed import BoardFeeds, wait_words_json

log = logging.getLogger("dintur.web")
STATUS_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


router = APIRouter()


def _feeds(app: Any) -> BoardFeeds:
    feeds: BoardFeeds = app.state.web_feeds  # made by create_app
    return feeds


# --- pages ------------------------------------------------------------------------------


@router.get("/display/{branch}", response_class=HTMLResponse, include_in_schema=False)
def display_page(
    request: Request, branch: str, zone: str | None = None, lang: str | None = None
) -> Response:
    ledger: Ledger = request.app.state.ledger
    language = pages.language_or(lang, "da")
    site_branch = ledger.site.branch(branch)
    if site_branch is None:
        return pages.display_not_found(branch)
    try:
        scope = Scope.of(site_branch.counters, zone)
    except UnknownZone:
        return pages.display_not_found(zone or "")
    return pages.display(site_branch, scope.zone, language)


@router.get("/t/{token}", response_class=HTMLResponse, include_in_schema=False)
def ticket_page(request: Request, token: str, lang: str | None = None) -> Response:
    ledger: Ledger = request.app.state.ledger
    if not STATUS_TOKEN.fullmatch(token):
        return pages.ticket_not_found()
    try:
        ticket = ledger.views.ticket_by_token(token)
    except NotFound:
        return pages.ticket_not_found()
    return pages.ticket(ledger.site, ticket, token, pages.language_or(lang, ticket.language))


@router.get("/web/static/{name}", include_in_schema=False)
def static_file(name: str) -> Response:
    found = pages.static(name)
    if found is None:
        return pages.plain_not_found()
    body, media_type = found
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=300"})


# --- live feeds -------------------------------------------------------------------------


@router.websocket("/api/v1/board/{branch}/events")
async def board_events(websocket: WebSocket, branch: str, zone: str | None = None) -> None:
    app = websocket.app
    ledger: Ledger = app.state.ledger
    token, protocol = socket_token(websocket)
    await websocket.accept(subprotocol=protocol)
    try:
        ledger.branch(branch)
        if token:
            who = await run_in_threadpool(authenticate, app.state.db, token)
            who.require(*READERS, branch=branch)
        feed = _feeds(app).get(branch)
        scope = feed.scope(zone)
    except UnknownZone as exc:
        await refuse(websocket, exc, code=CloseCode.UNKNOWN)
        return
    except REFUSALS as exc:
        await refuse(websocket, exc)
        return

    listener = feed.join(scope)
    closed = asyncio.create_task(until_closed(websocket))
    try:
        while True:
            if not feed.ready.is_set() and not await _first(feed.ready.wait(), closed):
                return
            listener.changed.clear()
            await websocket.send_text(feed.message(scope))
            if not await _first(listener.changed.wait(), closed):
                return
    except WebSocketDisconnect:
        pass
    finally:
        closed.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await closed
        await feed.leave(listener)


@router.websocket("/api/v1/status/{token}/events")
async def status_events(websocket: WebSocket, token: str) -> None:
    """The citizen's ticket now, then again whenever an event in its branch changes it."""
    app = websocket.app
    ledger: Ledger = app.state.ledger
    _, protocol = socket_token(websocket)  # a browser drops a socket that offered one unanswered
    await websocket.accept(subprotocol=protocol)
    try:
        if not STATUS_TOKEN.fullmatch(token):
            raise NotFound("no ticket has that link", code=ProblemCode.TICKET_NOT_FOUND)
        ticket = await run_in_threadpool(ledger.views.ticket_by_token, token)
    except NotFound as exc:
        await refuse(websocket, exc)
        return

    hub = app.state.hub
    sub = hub.subscribe(ticket.branch)  # before reading again: no change falls between
    closed = asyncio.create_task(until_closed(websocket))
    try:
        ticket = await run_in_threadpool(ledger.views.ticket_by_token, token)
        sent = _ticket_message(ticket)
        await websocket.send_text(sent)
        while True:
            got = asyncio.create_task(sub.queue.get())
            if not await _first(got, closed):
                return
            batch = [got.result()]
            while not sub.queue.empty():
                batch.append(sub.queue.get_nowait())
            if sub.overflowed:  # far behind: start over from the ticket as it is
                hub.unsubscribe(sub)
                sub = hub.subscribe(ticket.branch)
            elif not any(_touches(payload, ticket) for _, payload in batch):
                continue
            ticket = await run_in_threadpool(ledger.views.ticket_by_token, token)
            message = _ticket_message(ticket)
            if message != sent:
                await websocket.send_text(message)
                sent = message
    except NotFound:
        await websocket.close(code=CloseCode.UNKNOWN, reason="the ticket is gone")
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(sub)
        closed.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await closed


def _ticket_message(ticket: wire.Ticket) -> str:
    return json.dumps(
        {
            "type": "ticket",
            "ticket": ticket.model_dump(mode="json"),
            "wait": wait_words_json(ticket.estimated_wait),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _touches(payload: str, mine: wire.Ticket) -> bool:
    """Can this event change what the citizen sees: their ticket, or their queue?"""
    try:
        other = json.loads(payload).get("ticket") or {}
    except ValueError:
        return True
    return (
        other.get("id") == mine.id
        or other.get("transferred_from") == mine.id
        or other.get("service") == mine.service
    )


async def _first(waitable: Any, closed: asyncio.Task[None]) -> bool:
    """Wait for `waitable`; False (and it cancelled) if the socket closed first."""
    task = waitable if isinstance(waitable, asyncio.Task) else asyncio.ensure_future(waitable)
    done, _ = await asyncio.wait({task, closed}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        return True
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False
