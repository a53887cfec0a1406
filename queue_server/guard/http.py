"""Limits uvicorn does not set by itself: header size (431), the time a client may take to
send its request (slow clients are cut off), and a cap on open connections, so a flood of
idle or byte-a-second sockets cannot starve the health probe or exhaust file descriptors.

`guarded(limits)` is a uvicorn `http=` protocol class: the httptools protocol with these
checks added around its parser callbacks.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..settings import Limits
from ..shared.vocab import ProblemCode

log = logging.getLogger("dintur.guard")


def _problem(status: int, reason: str, code: str, detail: str) -> bytes:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": reason.lower(),
            "status": status,
            "code": code,
            "detail": detail,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def guarded(limits: Limits) -> type[HttpToolsProtocol]:
    too_big = _problem(
        431,
        "Request Header Fields Too Large",
        ProblemCode.HEADERS_TOO_LARGE,
        f"request headers are limited to {limits.max_header_bytes} bytes",
    )

    class Guarded(HttpToolsProtocol):
        _reading_head = True
        _head_bytes = 0
        _tail = b""  # the last bytes seen, to find a head's end across two reads
        _deadline: asyncio.TimerHandle | None = None

        _since = 0.0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._since = self.loop.time()
            if len(self.connections) > limits.max_connections and not self._evict_one():
                log.warning("refused a connection: %d are open", len(self.connections))
                transport.abort()
                return
            self._arm()

        def _evict_one(self) -> bool:
            """At the cap, make room by closing the oldest connection that has not yet
            sent a whole request (idle or slow), so a flood of them cannot lock out the
            clients that talk; False if every other one is busy."""
            idle = [
                c
                for c in self.connections
                if isinstance(c, Guarded) and c is not self and c._reading_head
            ]
            if not idle:
                return False
            oldest = min(idle, key=lambda c: c._since)
            oldest.transport.abort()
            self.connections.discard(oldest)
            return True

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._reading_head:
                seen = self._tail + data
                end = seen.find(b"\r\n\r\n")  # the head ends there; a body may follow
                self._head_bytes += len(data) if end < 0 else max(0, end + 4 - len(self._tail))
                self._tail = seen[-3:]
                if self._head_bytes > limits.max_header_bytes:
                    self._disarm()
                    self.transport.write(too_big)
                    self.transport.close()
                    return
            if self._deadline is None:
                self._arm()
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._reading_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._disarm()
            self._reading_head, self._head_bytes, self._tail = True, 0, b""
            super().on_message_complete()

        def handle_websocket_upgrade(self) -> None:
            self._disarm()  # a socket's life is the hub's business, not a read deadline
            super().handle_websocket_upgrade()

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(limits.read_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return Guarded


def uvicorn_options(limits: Limits) -> dict[str, Any]:
    """The keyword arguments for `uvicorn.Config` that apply `limits`."""
    return {
        "http": guarded(limits),
        "timeout_keep_alive": limits.keep_alive_s,
        # uvicorn answers 503 beyond this many running requests (connections: the cap above)
        "limit_concurrency": 2 * limits.max_connections,
        "h11_max_incomplete_event_size": limits.max_header_bytes,
    }
