"""A caseworker at a counter: the seat, the ticket shown there, the queue, the buttons.

`Seat` is what the desk page reads: which counter, which ticket (an action's answer
first, then the live state: `Holding`), what may be pressed (`buttons`), the queue
overview and the colleagues. What the caseworker does is in `DeskViewModel` (desk.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from queue_server.client.tasks import Done
from queue_server.shared import wire
from queue_server.shared.vocab import ProblemCode, TicketState

from .. import queue, texts
from .base import Notice, Screen, is_problem, qproperty
from .buttons import Buttons, buttons
from .holding import Holding

if TYPE_CHECKING:
    from .app import DeskApp


class Seat(QObject):
    """The counter a caseworker sits at and what the desk shows there (no actions)."""

    ticketChanged = Signal()
    queueChanged = Signal()
    actionsChanged = Signal()
    noticeChanged = Signal()
    tick = Signal()

    def __init__(self, app: DeskApp) -> None:
        super().__init__(app)
        self.app = app
        self.counter: wire.CounterInfo | None = None
        self.holding = Holding()
        self._served: list[str] = []
        self._cooling = False  # just called: "call next" rests a moment (double clicks)
        self._reclaiming = False
        self._leaving = False
        self._notice: Notice | None = None
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.timeout.connect(lambda: self._set_cooling(False))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_tick)
        app.liveChanged.connect(self._on_live)
        app.busyChanged.connect(lambda _: self.actionsChanged.emit())
        app.languageChanged.connect(lambda _: self._relabel())

    # --- the seat ---------------------------------------------------------------------

    @property
    def counter_id(self) -> str | None:
        return self.counter.id if self.counter else None

    def sit(self, counter: wire.CounterInfo) -> None:
        if self.counter is None or self.counter.id != counter.id:
            self._served = list(counter.services)
            self.holding.clear()
            self._notice = None
        self.counter = counter
        self._follow_live()
        self._timer.start()
        self.app.set_screen(Screen.DESK)
        self._relabel()

    @Slot()
    def leave(self) -> None:
        """Stand up: release the counter and pick another."""
        client, counter = self.app.client, self.counter_id
        if client is None or counter is None:
            return

        def done(result: Done[wire.CounterInfo]) -> None:
            self._leaving = False
            if result.error is not None and not is_problem(result.error, ProblemCode.COUNTER_TAKEN):
                self.set_notice("error", self.app.error(result.error))
                return
            if result.value is not None:
                self.app.counters[result.value.id] = result.value
            self.leave_quietly(release=False)
            self.app.counter_pick.changed.emit()
            self.app.set_screen(Screen.COUNTERS)

        self._leaving = True  # our own release event must not look like a lost seat
        self.app.tasks.submit(lambda: client.release(counter), done)

    def leave_quietly(self, release: bool) -> None:
        client, counter = self.app.client, self.counter_id
        if release and client is not None and counter is not None:
            self.app.tasks.submit(lambda: client.release(counter))
        self.counter = None
        self.holding.clear()
        self._timer.stop()
        self.ticketChanged.emit()
        self.actionsChanged.emit()

    def stop_timers(self) -> None:
        self._timer.stop()
        self._cooldown.stop()

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
                self._seated_as(result.value)

        self.app.tasks.submit(lambda: client.claim(counter), done)

    def _seated_as(self, info: wire.CounterInfo) -> None:
        """The server's word on our counter (claimed again, paused, resumed)."""
        self.counter = info
        self.app.counters[info.id] = info
        self.actionsChanged.emit()

    # --- what the page reads ----------------------------------------------------------

    @property
    def ticket(self) -> wire.Ticket | None:
        return self.holding.ticket

    def _number(self) -> str:
        return self.ticket.number if self.ticket else ""

    ticketNumber: str = qproperty(str, _number, notify=ticketChanged)

    def _recalls(self) -> int:
        return self.ticket.recalls if self.ticket else 0

    recalls: int = qproperty(int, _recalls, notify=ticketChanged)

    def _paused(self) -> str:
        return (self.counter.paused or "") if self.counter else ""

    paused: str = qproperty(str, _paused, notify=actionsChanged)

    def since(self) -> dt.datetime | None:
        """When the shown ticket was called, or when serving it started."""
        t = self.ticket
        if t is None:
            return None
        return t.started_at if t.state == TicketState.SERVING and t.started_at else t.called_at

    def elapsed_s(self) -> float:
        """Since the call, or since serving started."""
        since = self.since()
        return (self.app.clock() - since).total_seconds() if since else 0.0

    def _elapsed_text(self) -> str:
        return texts.clock_text(self.elapsed_s()) if self.ticket else ""

    elapsedText: str = qproperty(str, _elapsed_text, notify=tick)

    def served(self) -> list[str]:
        return list(self._served)

    def overview(self) -> list[queue.ServiceRow]:
        return queue.overview(self.app.tickets, self.app.services, self._served, self.app.clock())

    def waiting(self) -> list[wire.Ticket]:
        """Tickets this counter may call, in the order "call next" takes them."""
        if self.counter is None:
            return []
        c = self.counter
        return queue.for_counter(
            self.app.tickets, c.id, c.services, self.app.services, self.app.clock()
        )

    def colleagues(self) -> list[queue.CounterRow]:
        return queue.counter_rows(self.app.counters, self.app.tickets)

    def transfer_services(self) -> list[wire.ServiceInfo]:
        current = self.ticket.service if self.ticket else None
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

    # --- what may be pressed ----------------------------------------------------------

    def buttons(self) -> Buttons:
        return buttons(
            ready=self.counter is not None and self.app.client is not None and not self.app.busy,
            cooling=self._cooling,
            paused=bool(self._paused()),
            serves=bool(self._served),
            state=self.ticket.state if self.ticket else None,
        )

    canCallNext: bool = qproperty(bool, lambda s: s.buttons().call_next, notify=actionsChanged)
    canRecall: bool = qproperty(bool, lambda s: s.buttons().recall, notify=actionsChanged)
    canStart: bool = qproperty(bool, lambda s: s.buttons().start, notify=actionsChanged)
    canFinish: bool = qproperty(bool, lambda s: s.buttons().finish, notify=actionsChanged)
    canNoShow: bool = qproperty(bool, lambda s: s.buttons().no_show, notify=actionsChanged)
    canTransfer: bool = qproperty(bool, lambda s: s.buttons().transfer, notify=actionsChanged)
    canPause: bool = qproperty(bool, lambda s: s.buttons().pause, notify=actionsChanged)
    canCallSpecific: bool = qproperty(
        bool, lambda s: s.buttons().call_specific, notify=actionsChanged
    )

    # --- following the live state -----------------------------------------------------

    def _live_ticket(self) -> wire.Ticket | None:
        counter = self.counter_id
        if counter is None:
            return None
        state = self.app.state
        tickets = list(state.tickets.values()) if state is not None else self.app.tickets
        return queue.at_counter(tickets, counter)

    def _answered(self, ticket: wire.Ticket | None) -> None:
        """Show an action's answer now; keep it until the live state agrees (or a while)."""
        if self.holding.answered(ticket, self._live_ticket()):
            self.ticketChanged.emit()
            self.actionsChanged.emit()

    def _follow_live(self) -> None:
        if self.counter is not None and self.holding.follow(self._live_ticket()):
            self.ticketChanged.emit()
            self.actionsChanged.emit()

    def _on_live(self, kind: str) -> None:
        if self.counter is None:
            return
        if kind == "":
            self.holding.trust_live()
        mine = self.app.counters.get(self.counter.id)
        if mine is not None:
            if mine.held_by == self.app.username:
                if mine != self.counter:
                    self.counter = mine
                    self.actionsChanged.emit()
            elif kind == "" or kind.startswith("counter."):
                self._lost_seat(mine)
        self._follow_live()
        self.queueChanged.emit()

    def _on_tick(self) -> None:
        if self.holding.overdue:
            self._follow_live()
        self.tick.emit()

    def _set_cooling(self, cooling: bool) -> None:
        if cooling != self._cooling:
            self._cooling = cooling
            self.actionsChanged.emit()

    def _relabel(self) -> None:
        self.ticketChanged.emit()
        self.queueChanged.emit()
        self.actionsChanged.emit()
        self.noticeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        """An action's error: a sentence; a lost session or seat sends the caseworker back."""
        if self.app.session_lost(exc):
            return
        if is_problem(exc, ProblemCode.COUNTER_PAUSED) and self.counter is not None:
            self._follow_live()
        self.set_notice("error", self.app.error(exc))
        if is_problem(exc, ProblemCode.COUNTER_TAKEN):  # someone else sits here: pick again
            self.leave_quietly(release=False)
            self.app.counter_pick.set_notice(("error", self.app.error(exc)))
            self.app.set_screen(Screen.COUNTERS)
