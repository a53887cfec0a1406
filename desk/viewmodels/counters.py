"""Picking a counter: the branch's counters, who holds them, which are paused; claim one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from queue_server.client.tasks import Done
from queue_server.shared import wire

from .. import queue
from .base import Notice, qproperty

if TYPE_CHECKING:
    from .app import DeskApp


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
