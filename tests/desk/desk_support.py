"""Helpers for the desk tests: caseworkers, desk apps against the real test server, tickets.

Not a conftest (the test folders have no __init__ and share the name `conftest`); each
test file builds its small `desks` fixture from `Desks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
from pytestqt.qtbot import QtBot

from desk.viewmodels import DeskApp
from desk.views.window import MainWindow
from queue_server import auth
from queue_server.client import ApiClient
from queue_server.shared import wire
from tests.support.servers import LiveServer

PASSWORD = "hemmelig-kode"
TIMEOUT_MS = 10_000


class Clock:
    """The real time plus an offset the test moves (for the running timer)."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset


class Desks:
    """Makes desk apps (and windows) for one test and shuts them all down after it."""

    def __init__(self, server: LiveServer, qtbot: QtBot) -> None:
        self.server = server
        self.qtbot = qtbot
        self.apps: list[DeskApp] = []
        self.users: set[str] = set()

    def user(self, username: str, role: str = "caseworker", branch: str | None = "dokk1") -> str:
        if username not in self.users:
            auth.add_staff(
                self.server.db, username=username, password=PASSWORD, role=role, branch=branch
            )
            self.users.add(username)
        return username

    def app(
        self, language: str = "da", *, cooldown_ms: int = 150, clock: Clock | None = None
    ) -> DeskApp:
        kw: dict[str, object] = {"cooldown_ms": cooldown_ms}
        if clock is not None:
            kw["clock"] = clock
        app = DeskApp(self.server.url, language, **kw)  # type: ignore[arg-type]
        self.apps.append(app)
        return app

    def window(self, app: DeskApp) -> MainWindow:
        window = MainWindow(app)
        self.qtbot.addWidget(window)
        window.show_app()
        window.activateWindow()
        return window

    def login(self, app: DeskApp, username: str) -> None:
        self.user(username)
        app.login.submit(self.server.url, username, PASSWORD)
        self.qtbot.waitUntil(lambda: app.screen == "counters", timeout=TIMEOUT_MS)

    def live(self, app: DeskApp) -> None:
        self.qtbot.waitUntil(lambda: app.connection == "live", timeout=TIMEOUT_MS)

    def seated(self, username: str, counter: str, language: str = "da", **kw: object) -> DeskApp:
        """A desk app logged in as `username`, sitting at `counter`, following live events."""
        app = self.app(language, **kw)  # type: ignore[arg-type]
        self.login(app, username)
        self.live(app)
        app.counter_pick.claim(counter)
        self.qtbot.waitUntil(lambda: app.screen == "desk", timeout=TIMEOUT_MS)
        return app

    def settle(self, app: DeskApp) -> None:
        """Wait until the app's calls are answered."""
        self.qtbot.waitUntil(lambda: not app.busy, timeout=TIMEOUT_MS)

    def shutdown(self) -> None:
        for app in self.apps:
            app.shutdown()
        self.apps.clear()


def kiosk(server: LiveServer) -> ApiClient:
    return ApiClient(server.url, server.token("kiosk"))


def issue(server: LiveServer, *services: str) -> list[wire.Ticket]:
    with kiosk(server) as k:
        return [k.issue("dokk1", s) for s in services]


def ticket(server: LiveServer, ticket_id: str) -> wire.Ticket:
    with ApiClient(server.url, server.token("admin")) as c:
        return c.ticket(ticket_id)


def counter(server: LiveServer, counter_id: str, branch: str = "dokk1") -> wire.CounterInfo:
    """What the server says about a counter (who holds it, paused)."""
    with ApiClient(server.url, server.token("admin", None)) as c:
        info = c.branch(branch)
    return next(c for c in info.counters if c.id == counter_id)


def staff_client(server: LiveServer, username: str) -> ApiClient:
    """A REST client logged in as another caseworker (a colleague at another desk)."""
    c = ApiClient(server.url)
    c.login(username, PASSWORD)
    return c


def called_anew(app: DeskApp, old: str | None) -> Callable[[], bool]:
    """A condition: the desk holds a ticket other than `old` and has its own answer."""
    return lambda: not app.busy and app.desk.ticket is not None and app.desk.ticket.id != old


def can_call_next(app: DeskApp) -> Callable[[], bool]:
    return lambda: app.desk.canCallNext


def wait_for(qtbot: QtBot, predicate: Callable[[], object], timeout: int = TIMEOUT_MS) -> None:
    qtbot.waitUntil(lambda: bool(predicate()), timeout=timeout)


def raw_post(server: LiveServer, path: str, token: str) -> httpx.Response:
    return httpx.post(server.url + path, headers={"Authorization": f"Bearer {token}"}, timeout=10)
