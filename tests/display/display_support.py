"""For the display tests: fakes at the edges (a recording speech engine, a silent chime),
readers of the board as shown, and a real server that logs the requests it gets (to count
what a display asks for).

Not in conftest.py: test folders have no __init__, so test modules import this by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs

from PySide6.QtCore import QTimer
from PySide6.QtQuick import QQuickItem
from starlette.types import ASGIApp, Receive, Scope, Send

from display.announcer import ChimePlayer, SpeechEngine
from display.app import DisplayApp
from queue_server.api.thread import ServerThread, free_port
from queue_server.server import create_app
from queue_server.settings import Settings
from tests.support.servers import DEMO_CONFIG, LiveServer


class FakeSpeech(SpeechEngine):
    """Records what it is asked to say; a line ends when the test says so (or at once)."""

    def __init__(self, languages: tuple[str, ...] = ("da", "en", "uk"), auto: bool = False) -> None:
        super().__init__()
        self.languages = languages
        self.auto = auto
        self.lines: list[tuple[str, str]] = []
        self.speaking: tuple[str, str] | None = None
        self.stopped = 0

    def can_speak(self, language: str) -> bool:
        return language in self.languages

    def say(self, text: str, language: str) -> None:
        assert self.speaking is None, f"{text!r} would cut off {self.speaking!r}"
        self.lines.append((text, language))
        self.speaking = (text, language)
        if self.auto:
            QTimer.singleShot(0, self.finish)

    def finish(self) -> None:
        if self.speaking is not None:
            self.speaking = None
            self.finished.emit()

    def stop(self) -> None:
        self.stopped += 1
        self.speaking = None


class FakeChime(ChimePlayer):
    def __init__(self) -> None:
        super().__init__()
        self.plays = 0

    @property
    def duration_ms(self) -> int:
        return 100

    def play(self) -> bool:
        self.plays += 1
        QTimer.singleShot(0, self.finished.emit)
        return True


# ---- the board as shown, and a kiosk and a desk to drive it ----------------------------


def issue(server: LiveServer, service: str = "pas", language: str = "da") -> dict[str, Any]:
    with server.client("kiosk") as kiosk:
        r = kiosk.post(
            "/api/v1/tickets", json={"branch": "dokk1", "service": service, "language": language}
        )
    assert r.status_code == 201, r.text
    return dict(r.json())


def desk(server: LiveServer, path: str, **body: Any) -> dict[str, Any]:
    with server.client("caseworker") as c:
        r = c.post(f"/api/v1/{path}", json=body or None)
    assert r.status_code == 200, r.text
    return dict(r.json())


def item(app: DisplayApp, name: str) -> QQuickItem:
    found = app.view.rootObject().findChild(QQuickItem, name)
    assert found is not None, f"no QML item {name!r}"
    return found


def hero_text(app: DisplayApp) -> str:
    return str(item(app, "heroNumber").property("text"))


def queue_row(app: DisplayApp, service: str) -> dict[str, Any] | None:
    return next((q for q in app.vm.property("queues") if q["service"] == service), None)


def queue(app: DisplayApp, service: str) -> dict[str, Any]:
    """The service's queue row, or {} while it is not on the board."""
    return queue_row(app, service) or {}


def asked_by(requests: list[Request], token: str) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in requests if r.token == token]


def waiting(app: DisplayApp, service: str, n: int) -> Callable[[], bool]:
    """For `qtbot.waitUntil`: the service's row shows `n` waiting."""
    return lambda: queue(app, service).get("waiting") == n


# ---- a server that logs its requests ---------------------------------------------------


class Request(NamedTuple):
    """One request as the server saw it: "http" or "websocket", method, path, token."""

    kind: str
    method: str
    path: str
    token: str


class RequestLog:
    """ASGI middleware that notes every request before the app answers it."""

    def __init__(self, app: ASGIApp, log: list[Request]) -> None:
        self.app, self.log = app, log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers", []))
            token = headers.get(b"authorization", b"").decode().removeprefix("Bearer ")
            query = parse_qs(scope.get("query_string", b"").decode())
            self.log.append(
                Request(
                    scope["type"],
                    scope.get("method", "GET"),
                    scope["path"],
                    token or query.get("token", [""])[0],
                )
            )
        await self.app(scope, receive, send)


def start_logged_server(
    folder: Path,
    log: list[Request],
    *,
    config: Path = DEMO_CONFIG,
    clock: Callable[[], dt.datetime] | None = None,
) -> LiveServer:
    """A real server (SQLite in `folder`) whose every request lands in `log`."""
    port = free_port()
    settings = Settings(
        config_dir=config,
        database_url=f"sqlite:///{folder / 'logged.db'}",
        public_url=f"http://127.0.0.1:{port}",
        clock=clock,
    )
    app = create_app(settings)
    app.add_middleware(RequestLog, log=log)
    running = ServerThread(app, port).start()
    return LiveServer(running.url, app, settings, running)
