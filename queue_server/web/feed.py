"""The public board feed: one live board per branch, shared by every web display watching it.

A feed follows the branch's events like any client (a `BranchState` fed from the hub), so a
new call costs one reducer step, not one database read per screen. Wait ranges come from
the ledger's estimates, refreshed shortly after changes (and each minute, for opening
hours) on the feed, never per screen. What leaves here is only what a waiting room may see:
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
from ..shared.state import RECENT_CALLS, BranchState, SeqGap

log = logging.getLogger("dintur.web.feed")

#: coalesce a burst of changes before asking the ledger for fresh wait estimates
ESTIMATE_DELAY_S = 0.3
#: opening hours change with the clock, not with events: refresh this often anyway
REFRESH_EVERY_S = 60.0
RETRY_S = 1.0


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
        self.info: wire.BranchInfo | None = None
        self.ready = asyncio.Event()
        self.listeners: set[Listener] = set()
        self._version = 0
        self._cache: dict[str | None, tuple[int, str]] = {}
        self._dirty = asyncio.Event()
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
                asyncio.create_task(self._estimates(), name=f"board-estimates-{self.branch}"),
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
        self.info = await run_in_threadpool(self.ledger.views.branch_info, self.branch)
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
                self._dirty.set()

    async def _estimates(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._dirty.wait(), REFRESH_EVERY_S)
            await asyncio.sleep(ESTIMATE_DELAY_S)
            self._dirty.clear()
            try:
                info = await run_in_threadpool(self.ledger.views.branch_info, self.branch)
            except Exception:
                log.exception("board feed for %s: no fresh estimates", self.branch)
                continue
            if self.info is None or info.services != self.info.services:
                self.info = info
                self._publish()

    def _board(self, scope: Scope) -> dict[str, object]:
        state, info = self.state, self.info
        assert state is not None and info is not None
        board = build_board(
            seq=state.seq,
            recent_calls=state.recent_calls,
            open_tickets=state.tickets.values(),
            services=info.services,
            scope=scope,
            limit=RECENT_CALLS,
            key=lambda t: opaque_key(t.id),
        )
        counters: Sequence[wire.CounterInfo] = info.counters
        return {
            "type": "board",
            "seq": board.seq,
            "at": dt.datetime.now(dt.UTC).isoformat(),
            "branch": {
                "id": info.id,
                "names": info.names,
                "timezone": info.timezone,
                "info": info.info,
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
                    "wait_min": list(q.wait_min) if q.wait_min else None,
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
