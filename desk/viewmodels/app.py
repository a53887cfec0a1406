"""The desk as a whole: which screen, the language, the session, the live branch, the tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal, Slot

from queue_server.client import ApiClient, ApiError, BranchState
from queue_server.client.qt import LiveBranch
from queue_server.client.tasks import Tasks
from queue_server.shared import wire
from queue_server.shared.i18n import pick_name

from .. import texts
from .base import Notice, Screen, qproperty, said, utcnow
from .counters import CounterViewModel
from .desk import DeskViewModel
from .login import LoginViewModel


class DeskApp(QObject):
    """The composition of the desk's view-models; views bind to it and its children."""

    screenChanged = Signal(str)
    languageChanged = Signal(str)
    connectionChanged = Signal(str)
    liveChanged = Signal(str)  # the event type, "" for a fresh snapshot
    busyChanged = Signal(bool)
    compactChanged = Signal(bool)

    def __init__(
        self,
        server_url: str,
        language: str = "da",
        *,
        compact: bool = False,
        cooldown_ms: int = 1500,
        clock: Callable[[], dt.datetime] = utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._screen = Screen.LOGIN
        self._language = language if language in texts.LANGUAGES else "da"
        self._connection = "offline"  # the event stream's status: connecting, live, ...
        self._compact = compact
        self.server_url = server_url
        self.cooldown_ms = cooldown_ms
        self.clock = clock
        self.tasks = Tasks(self, name="dintur-desk")
        self.tasks.busyChanged.connect(self.busyChanged)
        self.client: ApiClient | None = None
        self.who: wire.TokenInfo | None = None
        self.branch: wire.BranchInfo | None = None
        self.branches: list[wire.BranchInfo] = []  # to choose from (site admins only)
        self.live: LiveBranch | None = None
        self.state: BranchState | None = None
        # copies of the live state, read on the GUI thread (the stream mutates its own)
        self.tickets: list[wire.Ticket] = []
        self.counters: dict[str, wire.CounterInfo] = {}
        self.services: dict[str, wire.ServiceInfo] = {}
        self.devices: dict[tuple[str, str], wire.DeviceHealth] = {}  # kiosks' printers
        self.login = LoginViewModel(self)
        self.counter_pick = CounterViewModel(self)
        self.desk = DeskViewModel(self)

    # --- properties -------------------------------------------------------------------

    def _get_screen(self) -> str:
        return self._screen

    def set_screen(self, screen: Screen) -> None:
        screen = Screen(screen)
        if screen != self._screen:
            self._screen = screen
            self.screenChanged.emit(screen)

    screen: str = qproperty(str, _get_screen, notify=screenChanged)

    def _get_language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language in texts.LANGUAGES and language != self._language:
            self._language = language
            self.languageChanged.emit(language)

    language: str = qproperty(str, _get_language, setLanguage, notify=languageChanged)

    def _get_connection(self) -> str:
        return self._connection

    connection: str = qproperty(str, _get_connection, notify=connectionChanged)

    def _get_compact(self) -> bool:
        return self._compact

    @Slot(bool)
    def setCompact(self, compact: bool) -> None:
        if compact != self._compact:
            self._compact = compact
            self.compactChanged.emit(compact)

    compact: bool = qproperty(bool, _get_compact, setCompact, notify=compactChanged)

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    @property
    def username(self) -> str:
        return (self.who.username or "") if self.who else ""

    # --- words ------------------------------------------------------------------------

    def text(self, key: str, /, **values: object) -> str:
        return texts.tr(key, self._language, **values)

    def error(self, exc: BaseException) -> Callable[[str], str]:
        server = self.client.base_url if self.client else self.server_url
        return lambda lang: texts.error_text(exc, lang, server=server)

    def name(self, names: Mapping[str, str] | None, fallback: str = "", lang: str = "") -> str:
        """A configured name (branch, service, counter) in the language (`pick_name`)."""
        return pick_name(names, lang or self._language, fallback)

    def service_name(self, service_id: str, lang: str = "") -> str:
        info = self.services.get(service_id)
        if info is None and self.branch is not None:
            info = next((s for s in self.branch.services if s.id == service_id), None)
        return self.name(info.names if info else None, service_id, lang)

    def counter_name(self, counter_id: str, lang: str = "") -> str:
        info = self.counters.get(counter_id)
        return self.name(info.names if info else None, counter_id, lang)

    def local_time(self, moment: dt.datetime) -> str:
        """HH:MM in the branch's own time zone."""
        return texts.local_time(moment, self.branch.timezone if self.branch else "UTC")

    # --- session ----------------------------------------------------------------------

    def logged_in(self, client: ApiClient, who: wire.TokenInfo, branch: wire.BranchInfo) -> None:
        self.client, self.who = client, who
        self.use_branch(branch)
        self.set_screen(Screen.COUNTERS)

    def use_branch(self, branch: wire.BranchInfo) -> None:
        self.stop_live()
        self.branch = branch
        self.counters = {c.id: c for c in branch.counters}
        self.services = {s.id: s for s in branch.services}
        self.tickets = []
        self.liveChanged.emit("")
        assert self.client is not None and self.client.token
        self.live = LiveBranch(self.client.base_url, self.client.token, branch.id, self)
        self.live.changed.connect(self._on_live)
        self.live.statusChanged.connect(self._on_status)
        self._set_connection("connecting")
        self.live.start()

    def apply_state(self, state: BranchState, event: wire.Event | None = None) -> None:
        """Take the live branch (or a prepared one, for screenshots) as the truth."""
        self.state = state
        self.tickets = list(state.tickets.values())  # one C-level copy: atomic under the GIL
        counters = dict(state.counters)
        if counters:
            self.counters = counters
        services = dict(state.services)
        if services:
            self.services = services
        self.devices = dict(state.devices)
        self.liveChanged.emit("" if event is None else event.type)

    def _on_live(self, state: BranchState, event: wire.Event | None) -> None:
        if self.live is not None and state.branch == (self.branch.id if self.branch else ""):
            self.apply_state(state, event)

    def _on_status(self, status: str, detail: str) -> None:
        self._set_connection(status)
        if status == "refused":
            self.logout(notice=("error", said("error.session_refused")), release=False)

    def session_lost(self, exc: BaseException) -> bool:
        """A 401 while logged in: the token was revoked or the database replaced. Back to
        the login screen with a sentence saying so (not 'wrong password')."""
        if isinstance(exc, ApiError) and exc.status == 401 and self.client is not None:
            self.logout(notice=("error", said("error.session_refused")), release=False)
            return True
        return False

    def _set_connection(self, status: str) -> None:
        if status != self._connection:
            self._connection = status
            self.connectionChanged.emit(status)

    def stop_live(self) -> None:
        if self.live is not None:
            self.live.changed.disconnect(self._on_live)
            self.live.statusChanged.disconnect(self._on_status)
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        self.state = None
        self._set_connection("offline")

    @Slot()
    def logout(self, notice: Notice | None = None, release: bool = True) -> None:
        """Leave the counter (best effort), forget the token, back to the login screen."""
        self.desk.leave_quietly(release=release)
        self.stop_live()
        client = self.client
        if client is not None:  # after the release, on the same thread
            self.tasks.submit(client.close)
        self.client = None
        self.who = None
        self.branch = None
        self.branches = []
        self.login.reset(notice)
        self.set_screen(Screen.LOGIN)

    def shutdown(self) -> None:
        """On quit: leave the counter, stop the stream and the tasks."""
        counter = self.desk.counter_id
        client = self.client
        if counter and client is not None:
            self.tasks.run_now(lambda: client.release(counter))
        self.stop_live()
        self.desk.stop_timers()
        self.tasks.close()
        if client is not None:
            client.close()
