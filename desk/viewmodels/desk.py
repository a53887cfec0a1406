"""What a caseworker does at the counter: call, recall, start, finish, no-show, transfer,
call out of turn, pause, and choose the services to call from.

Each action is guarded by the same `buttons()` the page draws (so a key press can do no
more than a click), runs on the app's tasks, and ends in a sentence (`set_notice`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot

from queue_server.client.tasks import Done
from queue_server.shared import wire
from queue_server.shared.vocab import AT_COUNTER, Action, PauseReason

from .. import queue, texts
from .base import said
from .seat import Seat


def _path(action: Action) -> str:
    """An action as the ticket's URL names it: no_show → no-show."""
    return action.value.replace("_", "-")


class DeskViewModel(Seat):
    """One caseworker at one counter: the seat and what it shows (`Seat`), and the actions."""

    # --- calling ----------------------------------------------------------------------

    @Slot()
    def callNext(self) -> None:
        if not self.buttons().call_next:
            return
        client, counter = self.app.client, self.counter
        assert client is not None and counter is not None
        self._set_cooling(True)
        # serving only some services: the server's call policy still decides among them
        served = None if set(self._served) >= set(counter.services) else list(self._served)
        job: Callable[[], wire.Ticket | None] = lambda: client.call_next(counter.id, served)  # noqa: E731
        self.app.tasks.submit(job, self._after_call)

    @Slot(str)
    def callTicket(self, ticket_id: str) -> None:
        """Call one waiting ticket out of order (the view asks for confirmation first)."""
        if not self.buttons().call_specific:
            return
        client, counter = self.app.client, self.counter_id
        assert client is not None and counter is not None
        self._set_cooling(True)
        self.app.tasks.submit(lambda: client.call(counter, ticket_id), self._after_call)

    def _after_call(self, done: Done[wire.Ticket | None]) -> None:
        self._cooldown.start(self.app.cooldown_ms)
        if done.error is not None:
            self._failed(done.error)
            return
        ticket = done.value
        self._answered(ticket)
        if ticket is None:
            self.set_notice("info", said("notice.nobody_waiting"))
        else:
            number, counter = ticket.number, ticket.counter or ""
            self.set_notice(
                "ok",
                lambda lang: texts.tr(
                    "notice.called",
                    lang,
                    number=number,
                    counter=self.app.counter_name(counter, lang),
                ),
            )

    def confirm_text(self, ticket_id: str) -> str:
        """The question before a call out of turn: how long it waited, how many it skips
        (those "call next" would take before it)."""
        line = self.waiting()
        ahead = next((i for i, t in enumerate(line) if t.id == ticket_id), None)
        if ahead is None:
            return ""
        t = line[ahead]
        waited = (self.app.clock() - queue.arrived(t)).total_seconds()
        return self.app.text(
            "confirm.out_of_order",
            number=t.number,
            service=self.app.service_name(t.service),
            waited=texts.minutes_text(waited, self.lang),
            ahead=ahead,
        )

    # --- the ticket at the counter ----------------------------------------------------

    @Slot()
    def recall(self) -> None:
        self._act(Action.RECALL, "notice.recalled")

    @Slot()
    def start(self) -> None:
        self._act(Action.START, "notice.started")

    @Slot()
    def finish(self) -> None:
        self._act(Action.FINISH, "notice.finished")

    @Slot()
    def noShow(self) -> None:
        self._act(Action.NO_SHOW, "notice.no_show")

    def _act(self, action: Action, notice: str) -> None:
        ticket = self.ticket
        if ticket is None or not self.buttons().allows(action):
            return
        client = self.app.client
        assert client is not None
        # finish from called or serving is one atomic "done" on the server (the citizen
        # came and was helped); the other actions are one step each
        path = "done" if action is Action.FINISH else _path(action)

        def job() -> wire.Ticket:
            return client.act(ticket.id, path)

        def done(result: Done[wire.Ticket]) -> None:
            if result.error is not None:
                self._failed(result.error)
                return
            after = result.value
            assert after is not None
            self._answered(after if after.state in AT_COUNTER else None)
            self.set_notice("ok", said(notice, number=after.number))

        self.app.tasks.submit(job, done)

    @Slot(str)
    def transferToService(self, service: str) -> None:
        self._transfer(service=service)

    @Slot(str)
    def transferToCounter(self, counter: str) -> None:
        self._transfer(counter=counter)

    def _transfer(self, *, service: str | None = None, counter: str | None = None) -> None:
        ticket = self.ticket
        if ticket is None or not self.buttons().transfer:
            return
        client = self.app.client
        assert client is not None

        def done(result: Done[wire.Ticket]) -> None:
            if result.error is not None:
                self._failed(result.error)
                return
            new = result.value
            assert new is not None
            self._answered(None)
            old, sid = ticket.number, new.service  # the number is kept through a transfer
            if counter is not None:
                self.set_notice(
                    "ok",
                    lambda lang: texts.tr(
                        "notice.transferred_counter",
                        lang,
                        old=old,
                        counter=self.app.counter_name(counter, lang),
                    ),
                )
            else:
                self.set_notice(
                    "ok",
                    lambda lang: texts.tr(
                        "notice.transferred_service",
                        lang,
                        old=old,
                        service=self.app.service_name(sid, lang),
                    ),
                )

        self.app.tasks.submit(
            lambda: client.transfer(ticket.id, service=service, counter=counter), done
        )

    # --- the counter ------------------------------------------------------------------

    @Slot(str)
    def pause(self, reason: str) -> None:
        if not self.buttons().pause or reason not in set(PauseReason):
            return
        client, counter = self.app.client, self.counter_id
        assert client is not None and counter is not None
        self.app.tasks.submit(lambda: client.pause(counter, reason), self._after_pause)

    @Slot()
    def resume(self) -> None:
        if not self.buttons().pause:
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
        self._seated_as(info)
        if info.paused:
            reason = info.paused
            self.set_notice(
                "warn",
                lambda lang: texts.tr(
                    "notice.paused", lang, reason=texts.tr(f"pause.{reason}", lang)
                ),
            )
        else:
            self.set_notice("ok", said("notice.resumed"))
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

    @property
    def lang(self) -> str:
        return self.app.language
