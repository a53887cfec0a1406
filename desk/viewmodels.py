"""The desk's state and actions as QObjects: no widgets here, the views only bind to them.

    DeskApp              which screen, language, login, the live branch, the tasks
    ├── LoginViewModel   server address, username + password → a staff token
    ├── CounterViewModel the branch's counters (who sits where, paused) → claim one
    └── DeskViewModel    the current ticket and every action on it, the queue overview

Every server call runs on the app's `Tasks` (one thread, in order); its answer comes
back here on the GUI thread. The live branch (pushed events) is the truth about the
queue; an action's own answer is shown at once and kept until the events catch up.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from queue_server.client import ApiClient, ApiError, BranchState
from queue_server.client.qt import LiveBranch
from queue_server.client.tasks import Done, Tasks
from queue_server.shared import wire

from . import queue, texts

STAFF_ROLES = ("caseworker", "admin")
PAUSE_REASONS = ("break", "phone", "admin", "other")
SCREENS = ("login", "counters", "desk")
#: how long an action's own answer outranks a live state that has not caught up yet
EXPECT_S = 3.0


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def qproperty(
    kind: type,
    getter: Callable[[Any], Any],
    setter: Callable[[Any, Any], None] | None = None,
    *,
    notify: Signal,
) -> Any:
    """A Qt property (for bindings) that type checkers read as its value: annotate it."""
    if setter is None:
        return Property(kind, getter, notify=notify)
    return Property(kind, getter, setter, notify=notify)


Notice = tuple[str, Callable[[str], str]]  # level (info, warn, error), text by language
LoginResult = tuple[ApiClient, wire.TokenInfo, wire.BranchInfo | None, list[wire.BranchInfo]]


class DeskApp(QObject):
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
        self._screen = "login"
        self._language = language if language in texts.LANGUAGES else "da"
        self._connection = "offline"
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

    def set_screen(self, screen: str) -> None:
        assert screen in SCREENS, screen
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

    def text(self, key: str, /, **values: object) -> str:
        return texts.tr(key, self._language, **values)

    def error(self, exc: BaseException) -> Callable[[str], str]:
        server = self.client.base_url if self.client else self.server_url
        return lambda lang: texts.error_text(exc, lang, server=server)

    def service_name(self, service_id: str) -> str:
        info = self.services.get(service_id)
        if info is None and self.branch is not None:
            info = next((s for s in self.branch.services if s.id == service_id), None)
        return texts.name_of(info.names, self._language, service_id) if info else service_id

    def counter_name(self, counter_id: str) -> str:
        info = self.counters.get(counter_id)
        return texts.name_of(info.names, self._language, counter_id) if info else counter_id

    # --- session ----------------------------------------------------------------------

    def logged_in(self, client: ApiClient, who: wire.TokenInfo, branch: wire.BranchInfo) -> None:
        self.client, self.who = client, who
        self.use_branch(branch)
        self.set_screen("counters")

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
            self.logout(
                notice=("error", lambda lang: texts.tr("error.session_refused", lang)),
                release=False,
            )

    def session_lost(self, exc: BaseException) -> bool:
        """A 401 while logged in: the token was revoked or the database replaced. Back to
        the login screen with a sentence saying so (not 'wrong password')."""
        if isinstance(exc, ApiError) and exc.status == 401 and self.client is not None:
            self.logout(
                notice=("error", lambda lang: texts.tr("error.session_refused", lang)),
                release=False,
            )
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
            self.tasks.submit(client.close, lambda _: None)
        self.client = None
        self.who = None
        self.branch = None
        self.branches = []
        self.login.reset(notice)
        self.set_screen("login")

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
                self.reset(("info", lambda lang: texts.tr("login.not_found", lang)))

        self.app.tasks.submit(job, done)

    @Slot(str, str, str)
    def submit(self, server_url: str, username: str, password: str) -> None:
        server_url = server_url.strip() or self.app.server_url
        username = username.strip()
        if not username or not password:
            self.reset(("error", lambda lang: texts.tr("login.missing", lang)))
            return
        if not server_url.startswith(("http://", "https://")):
            self.reset(("error", lambda lang: texts.tr("login.bad_url", lang)))
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
            self.reset(("error", lambda lang: texts.tr("login.not_staff", lang)))
            return
        self.app.branches = branches
        self.app.logged_in(client, who, branch)
        self.loggedIn.emit()


class CounterViewModel(QObject):
    """The counters of the branch: which are free, who holds the others, which are paused."""

    changed = Signal()
    claimed = Signal(str)

    def __init__(self, app: DeskApp) -> None:
        super().__init__(app)
        self.app = app
        self._notice: Notice | None = None
        app.liveChanged.connect(self._on_live)

    def _on_live(self, kind: str) -> None:
        if kind == "" or kind.startswith(("counter.", "ticket.")):
            self.changed.emit()

    def _get_error(self) -> str:
        return self._notice[1](self.app.language) if self._notice else ""

    error: str = qproperty(str, _get_error, notify=changed)

    def set_notice(self, notice: Notice | None) -> None:
        self._notice = notice
        self.changed.emit()

    def rows(self) -> list[queue.CounterRow]:
        return queue.counter_rows(self.app.counters, self.app.tickets)

    @Slot(str)
    def chooseBranch(self, branch_id: str) -> None:
        """A site admin picks the branch whose counters to see."""
        client = self.app.client
        current = self.app.branch.id if self.app.branch else None
        if client is None or self.app.busy or branch_id == current:
            return
        self.set_notice(None)

        def done(result: Done[wire.BranchInfo]) -> None:
            if result.error is not None:
                if not self.app.session_lost(result.error):
                    self.set_notice(("error", self.app.error(result.error)))
                return
            assert result.value is not None
            self.app.use_branch(result.value)
            self.changed.emit()

        self.app.tasks.submit(lambda: client.branch(branch_id), done)

    def is_mine(self, row: queue.CounterRow) -> bool:
        return row.held_by is not None and row.held_by == self.app.username

    def is_free(self, row: queue.CounterRow) -> bool:
        return row.held_by is None or self.is_mine(row)

    @Slot(str)
    def claim(self, counter_id: str) -> None:
        client = self.app.client
        if client is None or self.app.busy:
            return
        self.set_notice(None)
        self.app.tasks.submit(lambda: client.claim(counter_id), self._done)

    def _done(self, done: Done[wire.CounterInfo]) -> None:
        if done.error is not None:
            if not self.app.session_lost(done.error):
                self.set_notice(("error", self.app.error(done.error)))
            return
        assert done.value is not None
        self.app.counters[done.value.id] = done.value
        self.app.desk.sit(done.value)
        self.claimed.emit(done.value.id)


class DeskViewModel(QObject):
    """One caseworker at one counter: the current ticket, the actions, the queue."""

    ticketChanged = Signal()
    queueChanged = Signal()
    actionsChanged = Signal()
    noticeChanged = Signal()
    tick = Signal()

    def __init__(self, app: DeskApp) -> None:
        super().__init__(app)
        self.app = app
        self.counter: wire.CounterInfo | None = None
        self._served: list[str] = []
        self._ticket: wire.Ticket | None = None
        self._expect: tuple[wire.Ticket | None, float] | None = None
        self._reason: tuple[str, str] | None = None  # (ticket id, why it was called)
        self._cooling = False
        self._reclaiming = False
        self._leaving = False
        self._notice: Notice | None = None
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.timeout.connect(self._cooled)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_tick)
        app.liveChanged.connect(self._on_live)
        app.busyChanged.connect(lambda _: self.actionsChanged.emit())
        app.languageChanged.connect(lambda _: self._relabel())

    # --- seat -------------------------------------------------------------------------

    @property
    def counter_id(self) -> str | None:
        return self.counter.id if self.counter else None

    def sit(self, counter: wire.CounterInfo) -> None:
        changed_counter = self.counter is None or self.counter.id != counter.id
        self.counter = counter
        if changed_counter:
            self._served = list(counter.services)
            self._ticket = None
            self._expect = None
            self._notice = None
        self._refresh_from_live()
        self._timer.start()
        self.app.set_screen("desk")
        self.ticketChanged.emit()
        self.queueChanged.emit()
        self.actionsChanged.emit()
        self.noticeChanged.emit()

    @Slot()
    def leave(self) -> None:
        """Stand up: release the counter and pick another."""
        client, counter = self.app.client, self.counter_id
        if client is None or counter is None:
            return

        def done(result: Done[wire.CounterInfo]) -> None:
            self._leaving = False
            if result.error is not None and not _is(result.error, "counter_taken"):
                self.set_notice("error", self.app.error(result.error))
                return
            if result.value is not None:
                self.app.counters[result.value.id] = result.value
            self.leave_quietly(release=False)
            self.app.counter_pick.changed.emit()
            self.app.set_screen("counters")

        self._leaving = True  # our own release event must not look like a lost seat
        self.app.tasks.submit(lambda: client.release(counter), done)

    def leave_quietly(self, release: bool) -> None:
        client, counter = self.app.client, self.counter_id
        if release and client is not None and counter is not None:
            self.app.tasks.submit(lambda: client.release(counter), lambda _: None)
        self.counter = None
        self._ticket = None
        self._expect = None
        self._timer.stop()
        self.ticketChanged.emit()
        self.actionsChanged.emit()

    def stop_timers(self) -> None:
        self._timer.stop()
        self._cooldown.stop()

    # --- read-outs --------------------------------------------------------------------

    @property
    def ticket(self) -> wire.Ticket | None:
        return self._ticket

    def _number(self) -> str:
        return self._ticket.number if self._ticket else ""

    ticketNumber: str = qproperty(str, _number, notify=ticketChanged)

    def _recalls(self) -> int:
        return self._ticket.recalls if self._ticket else 0

    recalls: int = qproperty(int, _recalls, notify=ticketChanged)

    def _paused(self) -> str:
        return (self.counter.paused or "") if self.counter else ""

    paused: str = qproperty(str, _paused, notify=actionsChanged)

    def elapsed_s(self) -> float:
        t = self._ticket
        if t is None:
            return 0.0
        since = t.started_at if t.state == "serving" and t.started_at else t.called_at
        return (self.app.clock() - since).total_seconds() if since else 0.0

    def _elapsed_text(self) -> str:
        return texts.clock_text(self.elapsed_s()) if self._ticket else ""

    elapsedText: str = qproperty(str, _elapsed_text, notify=tick)

    def served(self) -> list[str]:
        return list(self._served)

    def overview(self) -> list[queue.ServiceRow]:
        return queue.overview(self.app.tickets, self.app.services, self._served, self.app.clock())

    def waiting(self) -> list[wire.Ticket]:
        """Tickets this counter could call out of order, longest waiting first."""
        if self.counter is None:
            return []
        return queue.for_counter(self.app.tickets, self.counter.id, self.counter.services)

    def colleagues(self) -> list[queue.CounterRow]:
        return queue.counter_rows(self.app.counters, self.app.tickets)

    def transfer_services(self) -> list[wire.ServiceInfo]:
        current = self._ticket.service if self._ticket else None
        return [s for s in self.app.services.values() if s.id != current]

    def transfer_counters(self) -> list[wire.CounterInfo]:
        return [c for c in self.app.counters.values() if c.id != self.counter_id]

    def _get_notice(self) -> str:
        return self._notice[1](self.app.language) if self._notice else ""

    noticeText: str = qproperty(str, _get_notice, notify=noticeChanged)

    @property
    def notice_level(self) -> str:
        return self._notice[0] if self._notice else ""

    def set_notice(self, level: str, text: Callable[[str], str]) -> None:
        self._notice = (level, text)
        self.noticeChanged.emit()

    # --- what may be pressed now ------------------------------------------------------

    def _seated(self) -> bool:
        return self.counter is not None and self.app.client is not None

    def _ready(self) -> bool:
        return self._seated() and not self.app.busy

    def _can_call_next(self) -> bool:
        return self._ready() and not self._cooling and not self._paused() and bool(self._served)

    canCallNext: bool = qproperty(bool, _can_call_next, notify=actionsChanged)

    def _state_is(self, *states: str) -> bool:
        return self._ready() and self._ticket is not None and self._ticket.state in states

    def _can_recall(self) -> bool:
        return self._state_is("called")

    canRecall: bool = qproperty(bool, _can_recall, notify=actionsChanged)

    def _can_start(self) -> bool:
        return self._state_is("called")

    canStart: bool = qproperty(bool, _can_start, notify=actionsChanged)

    def _can_finish(self) -> bool:
        return self._state_is("called", "serving")

    canFinish: bool = qproperty(bool, _can_finish, notify=actionsChanged)

    def _can_no_show(self) -> bool:
        return self._state_is("called")

    canNoShow: bool = qproperty(bool, _can_no_show, notify=actionsChanged)

    def _can_transfer(self) -> bool:
        return self._state_is("called", "serving")

    canTransfer: bool = qproperty(bool, _can_transfer, notify=actionsChanged)

    def _can_pause(self) -> bool:
        return self._ready()

    canPause: bool = qproperty(bool, _can_pause, notify=actionsChanged)

    def _can_call_specific(self) -> bool:
        return self._ready() and not self._paused()

    canCallSpecific: bool = qproperty(bool, _can_call_specific, notify=actionsChanged)

    # --- actions ----------------------------------------------------------------------

    @Slot()
    def callNext(self) -> None:
        if not self._can_call_next():
            return
        client, counter = self.app.client, self.counter
        assert client is not None and counter is not None
        self._set_cooling(True)
        # serving only some services: the server's call policy still decides among them
        served = None if set(self._served) >= set(counter.services) else list(self._served)
        job: Callable[[], wire.Ticket | None] = lambda: client.call_next(counter.id, served)  # noqa: E731
        self.app.tasks.submit(job, self._after_call)

    def _after_call(self, done: Done[wire.Ticket | None]) -> None:
        self._cooldown.start(self.app.cooldown_ms)
        if done.error is not None:
            self._failed(done.error)
            return
        ticket = done.value
        self._hold(ticket)
        if ticket is None:
            self.set_notice("info", lambda lang: texts.tr("notice.nobody_waiting", lang))
        else:
            number, counter = ticket.number, ticket.counter or ""
            self.set_notice(
                "ok",
                lambda lang: texts.tr(
                    "notice.called", lang, number=number, counter=self._counter_label(counter, lang)
                ),
            )

    @Slot()
    def recall(self) -> None:
        self._act("recall", "notice.recalled", self._can_recall())

    @Slot()
    def start(self) -> None:
        self._act("start", "notice.started", self._can_start())

    @Slot()
    def finish(self) -> None:
        self._act("finish", "notice.finished", self._can_finish())

    @Slot()
    def noShow(self) -> None:
        self._act("no-show", "notice.no_show", self._can_no_show())

    def _act(self, action: str, notice: str, allowed: bool) -> None:
        if not allowed or self._ticket is None:
            return
        client, ticket = self.app.client, self._ticket
        assert client is not None

        def job() -> wire.Ticket:
            if action == "finish" and ticket.state == "called":
                client.act(ticket.id, "start")  # a finish straight from the call: they came
            return client.act(ticket.id, action)

        def done(result: Done[wire.Ticket]) -> None:
            if result.error is not None:
                self._failed(result.error)
                return
            after = result.value
            assert after is not None
            self._hold(after if after.state in queue.AT_COUNTER else None)
            number = after.number
            self.set_notice("ok", lambda lang: texts.tr(notice, lang, number=number))

        self.app.tasks.submit(job, done)

    @Slot(str)
    def transferToService(self, service: str) -> None:
        self._transfer(service=service)

    @Slot(str)
    def transferToCounter(self, counter: str) -> None:
        self._transfer(counter=counter)

    def _transfer(self, *, service: str | None = None, counter: str | None = None) -> None:
        if not self._can_transfer() or self._ticket is None:
            return
        client, ticket = self.app.client, self._ticket
        assert client is not None

        def done(result: Done[wire.Ticket]) -> None:
            if result.error is not None:
                self._failed(result.error)
                return
            new = result.value
            assert new is not None
            self._hold(None)
            old, number = ticket.number, new.number
            if counter is not None:
                self.set_notice(
                    "ok",
                    lambda lang: texts.tr(
                        "notice.transferred_counter",
                        lang,
                        old=old,
                        number=number,
                        counter=self._counter_label(counter, lang),
                    ),
                )
            else:
                sid = new.service
                self.set_notice(
                    "ok",
                    lambda lang: texts.tr(
                        "notice.transferred_service",
                        lang,
                        old=old,
                        number=number,
                        service=self._service_label(sid, lang),
                    ),
                )

        self.app.tasks.submit(
            lambda: client.transfer(ticket.id, service=service, counter=counter), done
        )

    @Slot(str)
    def callTicket(self, ticket_id: str) -> None:
        """Call one waiting ticket out of order (the view asks for confirmation first)."""
        if not self._can_call_specific():
            return
        client, counter = self.app.client, self.counter_id
        assert client is not None and counter is not None
        self._set_cooling(True)
        self.app.tasks.submit(lambda: client.call(counter, ticket_id), self._after_call)

    def confirm_text(self, ticket_id: str) -> str:
        t = next((t for t in self.app.tickets if t.id == ticket_id), None)
        if t is None:
            return ""
        waited = texts.minutes_text((self.app.clock() - t.issued_at).total_seconds(), self.lang)
        return self.app.text(
            "confirm.out_of_order",
            number=t.number,
            service=self.app.service_name(t.service),
            waited=waited,
            ahead=sum(1 for w in self.waiting() if w.issued_at < t.issued_at),
        )

    @Slot(str)
    def pause(self, reason: str) -> None:
        if not self._can_pause() or reason not in PAUSE_REASONS:
            return
        client, counter = self.app.client, self.counter_id
        assert client is not None and counter is not None
        self.app.tasks.submit(lambda: client.pause(counter, reason), self._after_pause)

    @Slot()
    def resume(self) -> None:
        if not self._can_pause():
            return
        client, counter = self.app.client, self.counter_id
        assert client is not None and counter is not None
        self.app.tasks.submit(lambda: client.resume(counter), self._after_pause)

    def _after_pause(self, done: Done[wire.CounterInfo]) -> None:
        if done.error is not None:
            self._failed(done.error)
            return
        info = done.value
        assert info is not None
        self.counter = info
        self.app.counters[info.id] = info
        if info.paused:
            reason = info.paused
            self.set_notice(
                "warn",
                lambda lang: texts.tr(
                    "notice.paused", lang, reason=texts.tr(f"pause.{reason}", lang)
                ),
            )
        else:
            self.set_notice("ok", lambda lang: texts.tr("notice.resumed", lang))
        self.actionsChanged.emit()
        self.queueChanged.emit()

    @Slot(list)
    def setServed(self, services: Sequence[str]) -> None:
        """Serve only some of the counter's services (at least one)."""
        if self.counter is None:
            return
        chosen = [s for s in self.counter.services if s in set(services)]
        if chosen and chosen != self._served:
            self._served = chosen
            self.queueChanged.emit()
            self.actionsChanged.emit()

    # --- plumbing ---------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.app.language

    def _counter_label(self, counter_id: str, lang: str) -> str:
        info = self.app.counters.get(counter_id)
        return texts.name_of(info.names, lang, counter_id) if info else counter_id

    def _service_label(self, service_id: str, lang: str) -> str:
        info = self.app.services.get(service_id)
        return texts.name_of(info.names, lang, service_id) if info else service_id

    def service_label(self, service_id: str) -> str:
        return self._service_label(service_id, self.lang)

    def _failed(self, exc: BaseException) -> None:
        if self.app.session_lost(exc):
            return
        if _is(exc, "counter_paused") and self.counter is not None:
            self._refresh_from_live()
        self.set_notice("error", self.app.error(exc))
        if _is(exc, "counter_taken"):  # someone else sits here now: pick again
            self.leave_quietly(release=False)
            self.app.counter_pick.set_notice(("error", self.app.error(exc)))
            self.app.set_screen("counters")

    def _set_cooling(self, cooling: bool) -> None:
        if cooling != self._cooling:
            self._cooling = cooling
            self.actionsChanged.emit()

    def _cooled(self) -> None:
        self._set_cooling(False)

    def _hold(self, ticket: wire.Ticket | None) -> None:
        """Show an action's answer now; keep it until the live state agrees (or a while)."""
        self._expect = (ticket, time.monotonic() + EXPECT_S)
        self._set_ticket(ticket)
        self._refresh_from_live()

    def _set_ticket(self, ticket: wire.Ticket | None) -> None:
        if ticket is not None:  # events do not carry why it was called; the answer did
            if ticket.reason:
                self._reason = (ticket.id, ticket.reason)
            elif self._reason is not None and self._reason[0] == ticket.id:
                ticket = ticket.model_copy(update={"reason": self._reason[1]})
        if ticket != self._ticket:
            self._ticket = ticket
            self.ticketChanged.emit()
            self.actionsChanged.emit()

    def _live_ticket(self) -> wire.Ticket | None:
        counter = self.counter_id
        if counter is None:
            return None
        state = self.app.state
        tickets = list(state.tickets.values()) if state is not None else self.app.tickets
        return queue.at_counter(tickets, counter)

    def _refresh_from_live(self) -> None:
        if self.counter is None:
            return
        live = self._live_ticket()
        if self._expect is not None:
            expected, deadline = self._expect
            if queue.same_holding(live, expected) or time.monotonic() > deadline:
                self._expect = None
            else:
                return  # the events of our own action are still on their way
        self._set_ticket(live)

    def _on_live(self, kind: str) -> None:
        if self.counter is None:
            return
        if kind == "":
            self._expect = None  # a fresh snapshot is the server's word
        mine = self.app.counters.get(self.counter.id)
        if mine is not None:
            if mine.held_by == self.app.username:
                if mine != self.counter:
                    self.counter = mine
                    self.actionsChanged.emit()
            elif kind == "" or kind.startswith("counter."):
                self._lost_seat(mine)
        self._refresh_from_live()
        self.queueChanged.emit()

    def _lost_seat(self, mine: wire.CounterInfo) -> None:
        """The live state says we no longer hold our counter (a restart, a stale snapshot,
        an admin). Ask the server: claiming again is harmless when it is still ours, and a
        `counter_taken` answer sends us back to the counter list."""
        if self._reclaiming or self._leaving or self.app.client is None:
            return
        client, counter = self.app.client, mine.id
        self._reclaiming = True

        def done(result: Done[wire.CounterInfo]) -> None:
            self._reclaiming = False
            if result.error is not None:
                self._failed(result.error)
            elif result.value is not None and self.counter is not None:
                self.counter = result.value
                self.app.counters[result.value.id] = result.value
                self.actionsChanged.emit()

        self.app.tasks.submit(lambda: client.claim(counter), done)

    def _on_tick(self) -> None:
        if self._expect is not None and time.monotonic() > self._expect[1]:
            self._refresh_from_live()
        self.tick.emit()

    def _relabel(self) -> None:
        self.ticketChanged.emit()
        self.queueChanged.emit()
        self.actionsChanged.emit()
        self.noticeChanged.emit()


def _is(exc: BaseException, code: str) -> bool:
    return isinstance(exc, ApiError) and exc.code == code
