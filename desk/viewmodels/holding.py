"""The ticket a counter shows: the action's own answer first, then the live state. No Qt.

An action's answer (the ticket just called, recalled, started) is shown at once. The
pushed events of that action arrive a moment later; until the live state agrees with
the answer, or `patience_s` has passed, the answer is kept, so the screen never flickers
back to what it showed before the click. After that the live state is the truth.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from queue_server.shared import wire

#: how long an action's own answer outranks a live state that has not caught up yet
PATIENCE_S = 3.0


def same_holding(a: wire.Ticket | None, b: wire.Ticket | None) -> bool:
    """Whether two views of a counter's ticket agree (the live state caught up)."""
    if a is None or b is None:
        return a is b
    return (a.id, a.state, a.recalls) == (b.id, b.state, b.recalls)


class Holding:
    """`ticket`: what the counter shows. Each method says whether it changed."""

    def __init__(
        self, patience_s: float = PATIENCE_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ticket: wire.Ticket | None = None
        self.patience_s = patience_s
        self.clock = clock
        self._expect: tuple[wire.Ticket | None, float] | None = None
        self._reason: tuple[str, str] | None = None  # (ticket id, why it was called)

    def clear(self) -> bool:
        """Nothing at the counter, nothing expected (the caseworker left)."""
        self._expect = None
        return self._show(None)

    def answered(self, ticket: wire.Ticket | None, live: wire.Ticket | None) -> bool:
        """An action's answer: show it, and keep it until `live` agrees (or a while)."""
        self._expect = (ticket, self.clock() + self.patience_s)
        changed = self._show(ticket)
        return self.follow(live) or changed

    def follow(self, live: wire.Ticket | None) -> bool:
        """The live state's ticket at the counter: shown unless an answer still outranks it."""
        if self._expect is not None:
            expected, deadline = self._expect
            if same_holding(live, expected) or self.clock() > deadline:
                self._expect = None
            else:
                return False  # the events of our own action are still on their way
        return self._show(live)

    def trust_live(self) -> None:
        """A fresh snapshot is the server's word: expect nothing more."""
        self._expect = None

    @property
    def overdue(self) -> bool:
        """An answer was kept past its patience: time to look at the live state again."""
        return self._expect is not None and self.clock() > self._expect[1]

    def _show(self, ticket: wire.Ticket | None) -> bool:
        if ticket is not None:  # events do not carry why it was called; the answer did
            if ticket.reason:
                self._reason = (ticket.id, ticket.reason)
            elif self._reason is not None and self._reason[0] == ticket.id:
                ticket = ticket.model_copy(update={"reason": self._reason[1]})
        if ticket == self.ticket:
            return False
        self.ticket = ticket
        return True
