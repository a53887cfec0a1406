"""Live events: one pump per branch reads committed events in `seq` order and fans them out.

Writers only say "branch X changed" (`notify`, from any thread); the pump then reads
what is new from the events table. Reading from storage rather than passing objects
along keeps the order right however requests interleave, and lets a client that
reconnects with `since` be served from the same table.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from ..ledger import Ledger

QUEUE_LIMIT = 5000


@dataclass(eq=False)
class Subscriber:
    branch: str
    queue: asyncio.Queue[tuple[int, str]] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_LIMIT)
    )
    overflowed: bool = False

    def offer(self, seq: int, payload: str) -> None:
        try:
            self.queue.put_nowait((seq, payload))
        except asyncio.QueueFull:
            # a client this far behind gets closed and resyncs from a snapshot
            self.overflowed = True


class EventHub:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._subs: dict[str, set[Subscriber]] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        for branch in self.ledger.site.branches:
            self._subs[branch] = set()
            self._wake[branch] = asyncio.Event()
            last = await run_in_threadpool(self.ledger.last_seq, branch)
            self._tasks.append(asyncio.create_task(self._pump(branch, last)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    def notify(self, branch: str) -> None:
        """Thread-safe: the branch has new committed events."""
        loop = self._loop
        if loop is None or loop.is_closed() or branch not in self._wake:
            return
        loop.call_soon_threadsafe(self._wake[branch].set)

    def subscribe(self, branch: str) -> Subscriber:
        sub = Subscriber(branch)
        self._subs[branch].add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._subs.get(sub.branch, set()).discard(sub)

    def subscriber_count(self, branch: str) -> int:
        return len(self._subs.get(branch, ()))

    async def _pump(self, branch: str, last: int) -> None:
        wake = self._wake[branch]
        while True:
            await wake.wait()
            wake.clear()
            while True:
                rows = await run_in_threadpool(self.ledger.events_since, branch, last, 500)
                if not rows:
                    break
                for seq, payload in rows:
                    for sub in tuple(self._subs[branch]):
                        sub.offer(seq, payload)
                last = rows[-1][0]
