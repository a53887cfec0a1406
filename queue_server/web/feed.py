"""The public board feed: one live board per branch, shared by every web display watching it.

A feed follows the branch's events like any client (a `BranchState` fed from the hub), so a
new call costs one reducer step, not one database read per screen. The services' state
(waiting, wait estimate, open) comes with the events too, so the feed never asks the
ledger again after its snapshot. What leaves here is only what a waiting room may see:
numbers, counters, waiting counts and wait ranges; ticket ids are replaced by opaque keys
and status links never leave.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from ..hub.events import EventHub, Subscriber
from ..ledger import Ledger
from ..shared import wire
from ..shared.board import Scope, build_board
from ..shared.phrasing import wait_words
from ..shared.state import RECENT_CALLS, BranchState, SeqGap

log = logging.getLogger("dintur.web.feed")

RETRY_S = 1.0


def wait_words_json(estimate: wire.WaitEstimate | None) -> dict[str, object] | None:
    """What a page says of a wait: the shared phrasing's key and values (the page fills the
    template from its texts), so the web says what the kiosk and the ticket say."""
    if estimate is None:
        return None
    words = wait_words(estimate.low_s, estimate.high_s)
    return {"key": words.key, "values": words.values}


def opaque_key(ticket_id: str) -> str:
    return hashlib.sha256(f"dintur-board:{ticket_id}".encode()).hexdigest()[:16]


@dataclass(eq=False)
class Listener:
    scope: Scope
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class BranchFeed:
    def __init__(self, ledger: Ledger, hub: EventHub, branch: str) -> None:
        self.ledger, self.hub, self.branch = ledger, hub, branch
        self.state: BranchState | None = None
        self.ready = asyncio.Event()
        self.listeners: set[Listener] = set()
        self._version = 0
        self._cache: dict[str | None, tuple[int, str]] = {}
        self._tasks: list[asyncio.Task[None]] = []

    # --- listeners --------------------------------------------------------------------

    def scope(self, zone: str | None) -> Scope:
        """Scope of a zone; UnknownZone if no counter of the branch is in it."""
        counters = self.ledger.branch(self.branch).counters
        return Scope.of(counters, zone)

    def join(self, scope: Scope) -> Listener:
        listener = Listener(scope)
        self.listeners.add(listener)
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._follow(), name=f"board-feed-{self.branch}"),
            ]
        return listener

    async def leave(self, listener: Listener) -> None:
        self.listeners.discard(listener)
        if not self.listeners:
            await self.stop()

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        self.ready.clear()  # before yielding: a listener joining meanwhile starts afresh
        self.state = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def message(self, scope: Scope) -> str:
        """The current board for `scope` as JSON (built once per change and zone)."""
        cached = self._cache.get(scope.zone)
        if cached is not None and cached[0] == self._version:
            return cached[1]
        text = json.dumps(self._board(scope), ensure_ascii=False, separators=(",", ":"))
        self._cache[scope.zone] = (self._version, text)
        return text

    # --- the feed ---------------------------------------------------------------------

    def _publish(self) -> None:
        self._version += 1
        for listener in self.listeners:
            listener.changed.set()

    async def _resync(self) -> None:
        snap = await run_in_threadpool(self.ledger.views.snapshot, self.branch)
        self.state = BranchState.from_snapshot(snap)
        self.ready.set()
        self._publish()

    async def _follow(self) -> None:
        while True:
            sub = self.hub.subscribe(self.branch)  # before the snapshot: nothing falls between
            try:
                await self._resync()
                await self._apply_events(sub)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("board feed for %s failed; resyncing", self.branch)
                await asyncio.sleep(RETRY_S)
            finally:
                self.hub.unsubscribe(sub)

    async def _apply_events(self, sub: Subscriber) -> None:
        """Until the feed falls behind or misses an event (then the caller resyncs)."""
        while True:
            batch = [await sub.queue.get()]
            while not sub.queue.empty():
                batch.append(sub.queue.get_nowait())
            if sub.overflowed:
                return
            state = self.state
            assert state is not None
            changed = False
            for _, payload in batch:
                try:
                    changed |= state.apply(wire.Event.model_validate_json(payload))
                except SeqGap:
                    return
            if changed:
                self._publish()

    def _board(self, scope: Scope) -> dict[str, object]:
        state = self.state
        assert state is not None
        branch = self.ledger.branch(self.branch)
        services = list(state.services.values())
        board = build_board(
            seq=state.seq,
            recent_calls=state.recent_calls,
            open_tickets=state.tickets.values(),
            services=services,
            scope=scope,
            limit=RECENT_CALLS,
            key=lambda t: opaque_key(t.id),
        )
        counters: Sequence[wire.CounterInfo] = list(state.counters.values())
        return {
            "type": "board",
            "seq": board.seq,
            "at": dt.datetime.now(dt.UTC).isoformat(),
            "branch": {
                "id": branch.id,
                "names": branch.names,
                "timezone": branch.timezone,
                "info": branch.info,
            },
            "zone": scope.zone,
            "counters": {c.id: {"names": c.names} for c in counters if scope.shows_counter(c.id)},
            "calls": [
                {
                    "key": c.key,
                    "number": c.number,
                    "counter": c.counter,
                    "state": c.state,
                    "recalls": c.recalls,
                    "language": c.language,
                    "called_at": c.called_at.isoformat() if c.called_at else None,
                }
                for c in board.calls
            ],
            "queues": [
                {
                    "service": q.service,
                    "prefix": q.prefix,
                    "names": dict(q.names),
                    "waiting": q.waiting,
                    "wait": wait_words_json(q.estimate),
                    "open_now": q.open_now,
                }
                for q in board.queues
            ],
        }


class BoardFeeds:
    """The app's feeds, by branch; created on first use, stopped with the app."""

    def __init__(self, ledger: Ledger, hub: EventHub) -> None:
        self.ledger, self.hub = ledger, hub
        self._feeds: dict[str, BranchFeed] = {}

    def get(self, branch: str) -> BranchFeed:
        feed = self._feeds.get(branch)
        if feed is None:
            feed = self._feeds[branch] = BranchFeed(self.ledger, self.hub, branch)
        return feed

    async def stop(self) -> None:
        for feed in self._feeds.values():
            await feed.stop()
