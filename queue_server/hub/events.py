"""Live events: each branch's committed events, fanned out in `seq` order.

A write that commits in this process hands its events over at once (`notify(branch,
events)`); when they are not at hand (a write in another server process, or one that
did not collect them) the branch's pump reads what is new from the events table. Either
way a subscriber gets every event once, in order: what arrives out of order sends the
pump to storage, which is also what a client reconnecting with `since` is served from.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from ..auth import hash_token, live_token_hashes
from ..db.engine import Database
from ..ledger.log import EventLog

QUEUE_LIMIT = 5000
REAUTH_S = 2.0  # how soon a revoked token's open stream is closed
#: what a subscriber's queue carries besides events (as the seq)
CLOSED, REVOKED = -1, -2


@dataclass(eq=False)
class Subscriber:
    branch: str
    token_hash: str = ""
    queue: asyncio.Queue[tuple[int, str]] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_LIMIT)
    )
    overflowed: bool = False
    revoked: bool = False

    def offer(self, seq: int, payload: str) -> None:
        try:
            self.queue.put_nowait((seq, payload))
        except asyncio.QueueFull:
            # a client this far behind gets closed and resyncs from a snapshot
            self.overflowed = True

    def signal(self, what: int) -> None:
        """Wake the stream's loop (it also looks at the flags after every event)."""
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait((what, ""))


class EventHub:
    def __init__(self, log: EventLog, branches: Iterable[str], db: Database) -> None:
        self.log, self.branches, self.db = log, tuple(branches), db
        self._subs: dict[str, set[Subscriber]] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self._last: dict[str, int] = {}  # the last seq fanned out, per branch
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        for branch in self.branches:
            self._subs[branch] = set()
            self._wake[branch] = asyncio.Event()
            self._last[branch] = await run_in_threadpool(self.log.last_seq, branch)
            self._tasks.append(asyncio.create_task(self._pump(branch)))
        self._tasks.append(asyncio.create_task(self._reauth_loop()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    def notify(self, branch: str, events: Sequence[tuple[int, str]] = ()) -> None:
        """Thread-safe: the branch has committed `events` (or some the hub must read)."""
        loop = self._loop
        if loop is None or loop.is_closed() or branch not in self._wake:
            return
        if threading.get_ident() == self._loop_thread:
            self._deliver(branch, events)
        else:
            loop.call_soon_threadsafe(self._deliver, branch, events)

    def subscribe(self, branch: str, token: str = "") -> Subscriber:
        sub = Subscriber(branch, hash_token(token) if token else "")
        self._subs[branch].add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._subs.get(sub.branch, set()).discard(sub)

    def subscriber_count(self, branch: str) -> int:
        return len(self._subs.get(branch, ()))

    def _deliver(self, branch: str, events: Sequence[tuple[int, str]]) -> None:
        if not events:  # told of a change without its events: read them
            self._wake[branch].set()
            return
        self._fan_out(branch, events)

    def _fan_out(
        self, branch: str, rows: Sequence[tuple[int, str]], *, stored: bool = False
    ) -> None:
        """Send what follows the last seq sent. Storage is the order itself (`stored`);
        handed-over events with a gap before them send the pump to storage instead."""
        subs = tuple(self._subs[branch])
        for seq, payload in rows:
            if seq <= self._last[branch]:  # sent already (handed over and read both)
                continue
            if seq != self._last[branch] + 1 and not stored:
                self._wake[branch].set()
                return
            for sub in subs:
                sub.offer(seq, payload)
            self._last[branch] = seq

    async def _pump(self, branch: str) -> None:
        wake = self._wake[branch]
        while True:
            await wake.wait()
            wake.clear()
            while True:
                last = self._last[branch]
                rows = await run_in_threadpool(self.log.since, branch, last, 500)
                if not rows:
                    break
                self._fan_out(branch, rows, stored=True)

    async def _reauth_loop(self) -> None:
        """Close the streams of revoked tokens: one query for all of them, every
        REAUTH_S, instead of one per stream."""
        while True:
            await asyncio.sleep(REAUTH_S)
            subs = [sub for group in self._subs.values() for sub in group if sub.token_hash]
            if not subs:
                continue
            wanted = {sub.token_hash for sub in subs}
            live = await run_in_threadpool(live_token_hashes, self.db, wanted)
            for sub in subs:
                if sub.token_hash not in live:
                    sub.revoked = True
                    sub.signal(REVOKED)
