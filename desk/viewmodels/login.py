"""Logging in: a server address, a username and a password become a staff token."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from queue_server.client import ApiClient
from queue_server.client.tasks import Done
from queue_server.shared import wire
from queue_server.shared.vocab import STAFF_ROLES

from .base import Notice, qproperty, said

if TYPE_CHECKING:
    from .app import DeskApp

LoginResult = tuple[ApiClient, wire.TokenInfo, wire.BranchInfo | None, list[wire.BranchInfo]]


class LoginViewModel(QObject):
    changed = Signal()
    loggedIn = Signal()
    serverFound = Signal(str)

    def __init__(self, app: DeskApp) -> None:
        super().__init__(app)
        self.app = app
        self._notice: Notice | None = None

    def _get_error(self) -> str:
        return self._notice[1](self.app.language) if self._notice else ""

    error: str = qproperty(str, _get_error, notify=changed)

    @property
    def level(self) -> str:
        return self._notice[0] if self._notice else ""

    def reset(self, notice: Notice | None = None) -> None:
        self._notice = notice
        self.changed.emit()

    @Slot()
    def discover(self) -> None:
        """No server given: look for one on the local network (zeroconf), fill it in."""

        def job() -> str:
            from queue_server.client.connect import resolve_server

            return resolve_server(None, None, timeout=3.0)

        def done(result: Done[str]) -> None:
            if result.value:
                self.app.server_url = result.value
                self.serverFound.emit(result.value)
            else:
                self.reset(("info", said("login.not_found")))

        self.app.tasks.submit(job, done)

    @Slot(str, str, str)
    def submit(self, server_url: str, username: str, password: str) -> None:
        server_url = server_url.strip() or self.app.server_url
        username = username.strip()
        if not username or not password:
            self.reset(("error", said("login.missing")))
            return
        if not server_url.startswith(("http://", "https://")):
            self.reset(("error", said("login.bad_url")))
            return
        self.app.server_url = server_url
        self.reset()

        def job() -> LoginResult:
            client = ApiClient(server_url, timeout=5.0)
            try:
                who = client.login(username, password)
                if who.role not in STAFF_ROLES:
                    return client, who, None, []
                if who.branch is not None:
                    return client, who, client.branch(who.branch), []
                branches = client.branches()  # a site admin: every branch, pick one
                return client, who, branches[0], branches
            except Exception:
                client.close()
                raise

        self.app.tasks.submit(job, self._done)

    def _done(self, done: Done[LoginResult]) -> None:
        if done.error is not None:
            self.reset(("error", self.app.error(done.error)))
            return
        assert done.value is not None
        client, who, branch, branches = done.value
        if branch is None:
            client.close()
            self.reset(("error", said("login.not_staff")))
            return
        self.app.branches = branches
        self.app.logged_in(client, who, branch)
        self.loggedIn.emit()
