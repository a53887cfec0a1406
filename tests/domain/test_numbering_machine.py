"""Numbering under pressure, by a hypothesis state machine: rushes past 999, holes closed
at random, all 999 held at once, the next day (the model in branch_model.py)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from queue_server.domain.numbering import (
    MAX_NUMBER,
    display_number,
)
from queue_server.domain.tickets import (
    OPEN_STATES,
    Action,
    next_state,
)
from tests.domain.branch_model import (
    PREFIX,
    A,
    Numbers,
    Ticket,
    local_midnight,
)


class NumberingMachine(RuleBasedStateMachine):
    """Busy days: rushes past 999, holes closed at random, all 999 held, the next day."""

    def __init__(self) -> None:
        super().__init__()
        self.day = dt.date(2024, 10, 27)
        self.tickets: list[Ticket] = []
        self.numbers = Numbers()
        self.ids = itertools.count(1)

    def _issue(self, service: str) -> Ticket | None:
        ticket_id = f"n{next(self.ids):06d}"
        got = self.numbers.allocate((service, self.day), ticket_id)
        if got is None:
            return None
        serial, number = got
        t = Ticket(
            ticket_id,
            service,
            self.day,
            serial,
            number,
            display_number(PREFIX[service], number),
            local_midnight(self.day),
        )
        self.tickets.append(t)
        return t

    @initialize(
        n=st.sampled_from([40, 990, 999, 1000]),
        modulus=st.integers(1, 12),
        rest=st.integers(0, 11),
        more=st.sampled_from([0, 1, 7, 999]),
    )
    def busy_morning(self, n: int, modulus: int, rest: int, more: int) -> None:
        self.rush("pas", n)
        self.close_some("pas", modulus, rest, A.CANCEL)
        self.rush("pas", more)

    def _close(self, t: Ticket, action: Action) -> None:
        t.state = next_state(t.state, action)
        assert t.state not in OPEN_STATES
        self.numbers.release((t.service, t.day), t.number, t.id)

    @rule(
        service=st.sampled_from(["pas", "koer"]),
        n=st.sampled_from([1, 2, 17, 500, 998, 999, 1000, 1200]),
    )
    def rush(self, service: str, n: int) -> None:
        """Up to n tickets in a row; once all numbers are held, the next one is refused too."""
        held = len(self.numbers.open[(service, self.day)])
        before = self.numbers.exhausted
        issued = 0
        while issued < n and self._issue(service) is not None:
            issued += 1
        assert issued == min(n, MAX_NUMBER - held)
        if issued < n:
            assert self._issue(service) is None
            assert self.numbers.exhausted - before == 2

    @rule(
        service=st.sampled_from(["pas", "koer"]),
        modulus=st.integers(1, 12),
        rest=st.integers(0, 11),
        action=st.sampled_from([A.CANCEL, A.EXPIRE]),
    )
    def close_some(self, service: str, modulus: int, rest: int, action: Action) -> None:
        for t in self.tickets:
            mine = (t.service, t.day) == (service, self.day) and t.state in OPEN_STATES
            if mine and t.number % modulus == rest % modulus:
                self._close(t, action)

    @rule()
    def day_change(self) -> None:
        for t in self.tickets:
            if t.state in OPEN_STATES:
                self._close(t, A.EXPIRE)
        self.day += dt.timedelta(days=1)
        first = self._issue("pas")
        assert first is not None and first.serial == 1 and first.display == "P001"

    @invariant()
    def numbers_are_never_shared_while_open(self) -> None:
        self.numbers.check(self.tickets)


NumberingMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestNumbering = NumberingMachine.TestCase
