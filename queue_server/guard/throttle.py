"""Login throttling: failures counted per username and per client address.

After `free` failures within `window_s`, further attempts are refused (429 rate_limited)
for a lock-out that doubles with every failure beyond that, up to `window_s`. A refused
attempt costs no password hash, so a flood costs the server next to nothing; hashing
itself is bounded by `Hashing` (a few at once, the rest wait briefly or are refused).
Attempts still under way count too, so 48 at once cannot all slip in before the first
one fails. A success clears the username's and the address's failures.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from ..domain.errors import Rejected
from ..shared.vocab import ProblemCode


class RateLimited(Rejected):
    """Too many attempts: try again after `retry_after_s` (HTTP 429 with Retry-After)."""

    code: str = ProblemCode.RATE_LIMITED

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class Busy(Rejected):
    """The server is at its bound of concurrent work of this kind (HTTP 503, Retry-After)."""

    code: str = ProblemCode.BUSY

    def __init__(self, detail: str, retry_after_s: int = 1) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0
    in_flight: int = 0  # attempts admitted and not yet decided


class LoginThrottle:
    def __init__(
        self,
        *,
        free: int = 5,
        window_s: float = 15 * 60,
        base_lock_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.free, self.window_s, self.base_lock_s = free, window_s, base_lock_s
        self.clock = clock
        self.max_keys = max_keys
        self._lock = threading.Lock()
        self._records: dict[str, _Record] = {}

    @staticmethod
    def keys(username: str, address: str | None) -> tuple[str, ...]:
        user = f"user:{username.casefold()}"
        return (user, f"addr:{address}") if address else (user,)

    def check(self, username: str, address: str | None) -> None:
        """Admit one attempt, or refuse it now, before any hashing, if the user or the
        address is locked out or has as many attempts under way as failures left. An
        admitted attempt must end in `failed`, `succeeded` or `abandoned`."""
        now = self.clock()
        keys = self.keys(username, address)
        with self._lock:
            if len(self._records) > self.max_keys:
                self._forget_old(now)
            records = [self._records.setdefault(k, _Record()) for k in keys]
            wait = max((r.locked_until - now for r in records), default=0.0)
            # at most as many attempts under way as failures are left (one after a lock-out)
            crowded = any(
                r.in_flight >= max(1, self.free - sum(now - t < self.window_s for t in r.failures))
                for r in records
            )
            if wait <= 0 and not crowded:
                for r in records:
                    r.in_flight += 1
                return
        raise RateLimited(
            "too many failed logins; try again later", retry_after_s=max(1, round(wait))
        )

    def abandoned(self, username: str, address: str | None) -> None:
        """An admitted attempt that was never decided (the server was busy)."""
        with self._lock:
            for key in self.keys(username, address):
                if (record := self._records.get(key)) is not None:
                    record.in_flight = max(0, record.in_flight - 1)

    def failed(self, username: str, address: str | None) -> None:
        now = self.clock()
        self.abandoned(username, address)
        with self._lock:
            for key in self.keys(username, address):
                record = self._records.setdefault(key, _Record())
                record.failures = [t for t in record.failures if now - t < self.window_s]
                record.failures.append(now)
                beyond = len(record.failures) - self.free
                if beyond >= 0:
                    lock = min(self.window_s, self.base_lock_s * 2**beyond)
                    record.locked_until = max(record.locked_until, now + lock)

    def succeeded(self, username: str, address: str | None) -> None:
        with self._lock:
            for key in self.keys(username, address):
                self._records.pop(key, None)

    def _forget_old(self, now: float) -> None:
        self._records = {
            k: r
            for k, r in self._records.items()
            if r.in_flight
            or r.locked_until > now
            or any(now - t < self.window_s for t in r.failures)
        }


class Hashing:
    """Password hashes run on `slots` threads of their own (each hash takes 19 MiB and a
    core for tens of ms), at most `queue` more wait; beyond that a caller is refused with
    Busy at once. Own threads, not the server's worker pool: each thread's allocator keeps
    what a hash took, so 40 worker threads hashing once each kept 350 MB; two keep 40."""

    def __init__(self, slots: int = 1, queue: int = 8, wait_s: float = 5.0) -> None:
        self._pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="dintur-hash")
        self._admitted = threading.BoundedSemaphore(slots + queue)
        self.wait_s = wait_s

    def run(self, work: Callable[[], bool]) -> bool:
        if not self._admitted.acquire(blocking=False):
            raise Busy("the server is busy checking passwords; try again in a moment")
        try:
            return self._pool.submit(work).result(timeout=self.wait_s)
        except FutureTimeout:
            raise Busy("the server is busy checking passwords; try again in a moment") from None
        finally:
            self._admitted.release()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class LoginGuard:
    """What stands in front of password checks: the throttle and the hashing bound."""

    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    hashing: Hashing = field(default_factory=Hashing)
