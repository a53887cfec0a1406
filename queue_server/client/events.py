"""Live events on a thread: connect, follow, and after a drop reconnect with `since`.

Callbacks run on the stream's own thread; a Qt app hands them to its GUI thread with a
queued signal (see `qt.py`). The stream keeps a `BranchState` up to date, so a caller
only renders it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from urllib.parse import quote, urlencode

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from ..shared import wire
from ..shared.state import BranchState, SeqGap
from ..shared.vocab import CloseCode

log = logging.getLogger("queue_server.client.events")

#: close codes the server uses for a refusal that retrying will not mend
FATAL_CLOSE: dict[int, str] = {
    CloseCode.BAD_TOKEN: "token refused",
    CloseCode.WRONG_BRANCH: "wrong branch for this token",
    CloseCode.UNKNOWN: "unknown branch",
}


class EventStream:
    def __init__(
        self,
        base_url: str,
        token: str,
        branch: str,
        *,
        on_change: Callable[[BranchState, wire.Event | None], None] = lambda s, e: None,
        on_status: Callable[[str, str], None] = lambda status, detail: None,
        backoff: tuple[float, float] = (0.25, 10.0),
        compact: bool = False,
    ) -> None:
        """`compact`: the app shows no list of waiting tickets (a board, a kiosk), so its
        snapshots come without them (waiting tickets still arrive with their events)."""
        self.url = (
            base_url.rstrip("/").replace("http", "ws", 1)
            + f"/api/v1/branches/{quote(branch)}/events"
        )
        self._query = {"view": "compact"} if compact else {}
        # in a header, never in the URL: URLs reach access logs
        self._headers = {"Authorization": f"Bearer {token}"}
        self.branch = branch
        self.state: BranchState | None = None
        self.status = "connecting"  # connecting, live, offline, refused
        self._on_change = on_change
        self._on_status = on_status
        self._backoff = backoff
        self._stop = threading.Event()
        self._ws: ClientConnection | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"dintur-events-{branch}", daemon=True
        )

    def start(self) -> EventStream:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        ws = self._ws
        if ws is not None:
            ws.close()
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def _set_status(self, status: str, detail: str = "") -> None:
        if status != self.status:
            self.status = status
            self._on_status(status, detail)

    def _run(self) -> None:
        delay = self._backoff[0]
        while not self._stop.is_set():
            query = dict(self._query)
            if self.state is not None:
                query["since"] = str(self.state.seq)
            since = f"?{urlencode(query)}" if query else ""
            try:
                with connect(
                    self.url + since,
                    additional_headers=self._headers,
                    open_timeout=5,
                    close_timeout=1,
                ) as ws:
                    self._ws = ws
                    delay = self._backoff[0]
                    if self.state is not None:  # resuming: missed events (if any) follow
                        self._set_status("live")
                    self._follow(ws)
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd is not None else None
                if code in FATAL_CLOSE:
                    self._set_status("refused", FATAL_CLOSE[code])
                    return
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
                log.debug("event stream: %s", exc)
            finally:
                self._ws = None
            if self._stop.is_set():
                return
            self._set_status("offline", "reconnecting")
            if self._stop.wait(delay):
                return
            delay = min(delay * 2, self._backoff[1])

    def _follow(self, ws: ClientConnection) -> None:
        for raw in ws:
            message = json.loads(raw)
            if message.get("type") == "snapshot":
                snap = wire.SnapshotMessage.model_validate(message).snapshot
                self.state = BranchState.from_snapshot(snap)
                self._set_status("live")
                self._on_change(self.state, None)
                continue
            event = wire.Event.model_validate(message)
            if self.state is None:
                raise ConnectionError("an event came before any snapshot")
            try:
                changed = self.state.apply(event)
            except SeqGap:
                self.state = None  # a fresh snapshot on reconnect
                raise ConnectionError("events were missed; resyncing") from None
            self._set_status("live")
            if changed:
                self._on_change(self.state, event)
