"""A branch driven through the domain core by hypothesis state machines.

The model keeps only the facts and asks the real domain functions what the ledger asks
(number allocation, call-next, which counter may call, what calling the next does to the
held ticket, the fields each action sets, where a transfer goes, day-end expiry); the
invariants check the promises of design.md §2-3 on those facts. The same moves through
the real ledger and storage: tests/ledger/test_ledger_machine.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from queue_server.domain import counters as counter_rules
from queue_server.domain import policy
from queue_server.domain.errors import CounterMismatch, InvalidTransition, Rejected
from queue_server.domain.numbering import (
    business_day,
    display_number,
)
from queue_server.domain.policy import Priority, Waiting
from queue_server.domain.tickets import (
    AT_COUNTER,
    OPEN_STATES,
    Action,
    TicketState,
    changes,
    next_state,
)
from queue_server.domain.transfer import transfer_target
from tests.domain.branch_model import (
    BRANCH,
    COUNTERS,
    CPH,
    DESIGN,
    PREFIX,
    SITE,
    START_DAYS,
    WEIGHTS,
    A,
    Numbers,
    S,
    Ticket,
    local_midnight,
)

pick = st.integers(min_value=0, max_value=10**6)
where = st.sampled_from(["any", "open", "counter"])


class BranchMachine(RuleBasedStateMachine):
    """Issue, call, recall, start, finish, no-show, cancel, transfer, expire, day change."""

    def __init__(self) -> None:
        super().__init__()
        self.now = local_midnight(dt.date(2024, 6, 12))
        self.tickets: list[Ticket] = []
        self.numbers = Numbers()
        self.ids = itertools.count(1)

    @property
    def today(self) -> dt.date:
        return business_day(self.now, CPH)

    @initialize(day=st.sampled_from(START_DAYS), minute=st.integers(0, 22 * 60))
    def open_branch(self, day: dt.date, minute: int) -> None:
        self.now = local_midnight(day) + dt.timedelta(minutes=minute)
        assert self.today == day

    # --- the model's plumbing, as the ledger does it ----------------------------------

    def _issue(
        self,
        service: str,
        day: dt.date,
        arrived_at: dt.datetime,
        priority: Priority = Priority.WALK_IN,
        for_counter: str | None = None,
    ) -> Ticket | None:
        ticket_id = f"t{next(self.ids):05d}"
        got = self.numbers.allocate((service, day), ticket_id)
        if got is None:
            return None
        serial, number = got
        t = Ticket(
            id=ticket_id,
            service=service,
            day=day,
            serial=serial,
            number=number,
            display=display_number(PREFIX[service], number),
            arrived_at=arrived_at,
            priority=priority,
            for_counter=for_counter,
        )
        self.tickets.append(t)
        return t

    def _pick(self, n: int, where: str) -> Ticket | None:
        """Any ticket, an open one, or one a counter holds: the n-th of them, wrapping."""
        states = {"any": set(TicketState), "open": OPEN_STATES, "counter": AT_COUNTER}[where]
        pool = [t for t in self.tickets if t.state in states]
        return pool[n % len(pool)] if pool else None

    def _release_counter(self, counter: str) -> None:
        """Calling the next means the last one is done, as the domain says."""
        held = {t.id: t for t in self.tickets if t.counter == counter and t.state in AT_COUNTER}
        steps = counter_rules.release_steps((t.id, t.state) for t in held.values())
        for ticket_id, action in steps:
            event("call: the counter's last ticket finished first")
            assert self._apply(held[ticket_id], action)
        assert all(t.state is S.DONE for t in held.values())

    def _apply(self, t: Ticket, action: Action, counter: str | None = None) -> bool:
        """Move `t` as next_state says; False (and nothing changed) when it refuses."""
        before = t.state
        try:
            values = changes(before, action, self.now, recalls=t.recalls, counter=counter)
        except InvalidTransition:
            assert (before, action) not in DESIGN
            return False
        after = TicketState(values["state"])
        assert DESIGN.get((before, action)) is after, f"{before} --{action}--> {after}"
        if action is A.CALL:
            assert counter is not None and values["counter"] == counter
            self._release_counter(counter)
            t.counter = counter
            t.calls += 1
        elif action is A.RECALL:
            assert values["recalls"] == t.recalls + 1
            t.recalls += 1
        stamp = {A.CALL: "called_at", A.RECALL: "called_at", A.START: "started_at"}
        assert values[stamp.get(action, "finished_at")] == self.now
        t.state = after
        if before in OPEN_STATES and after not in OPEN_STATES:
            self.numbers.release((t.number_service or t.service, t.day), t.number, t.id)
        return True

    # --- rules ------------------------------------------------------------------------

    @rule(minutes=st.integers(0, 120))
    def time_passes(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)

    @rule(service=st.sampled_from(sorted(PREFIX)))
    def issue(self, service: str) -> None:
        t = self._issue(service, self.today, self.now)
        assert t is not None and t.state is S.WAITING and t.day == self.today

    @rule(service=st.sampled_from(sorted(PREFIX)), n=st.integers(1, 25))
    def rush(self, service: str, n: int) -> None:
        for _ in range(n):
            self._issue(service, self.today, self.now)

    @rule(counter=st.sampled_from(sorted(COUNTERS)))
    def call_next(self, counter: str) -> None:
        waiting = [t for t in self.tickets if t.state is S.WAITING]
        choice = policy.choose(
            [Waiting(t.id, t.service, t.arrived_at, t.priority, t.for_counter) for t in waiting],
            counter_id=counter,
            services=COUNTERS[counter],
            now=self.now,
            weights=WEIGHTS,
        )
        mine = [
            t
            for t in waiting
            if t.service in COUNTERS[counter] and t.for_counter in (None, counter)
        ]
        if not mine:
            assert choice is None
            return
        assert choice is not None and choice.reason
        chosen = next(t for t in waiting if t.id == choice.ticket.id)
        assert chosen in mine
        assert chosen.priority == min(t.priority for t in mine)
        rivals = [t for t in mine if t.priority == chosen.priority and t.service == chosen.service]
        assert chosen.arrived_at == min(t.arrived_at for t in rivals)
        event(f"call-next: {chosen.priority.name}")
        assert self._apply(chosen, A.CALL, counter)
        assert chosen.state is S.CALLED and chosen.counter == counter

    @rule(counter=st.sampled_from(sorted(COUNTERS)), n=pick, where=where)
    def call(self, counter: str, n: int, where: str) -> None:
        t = self._pick(n, where)
        if t is None:
            return
        found = BRANCH.counter(counter)
        assert found is not None
        try:
            counter_rules.check_may_call(
                BRANCH,
                found,
                number=t.display,
                ticket_branch="b",
                service=t.service,
                for_counter=t.for_counter,
            )
        except CounterMismatch:
            assert t.service not in COUNTERS[counter] and t.for_counter != counter
            return
        was = (t.state, t.counter)
        if not self._apply(t, A.CALL, counter):
            assert (t.state, t.counter) == was

    def _act(self, action: Action, n: int, where: str) -> None:
        t = self._pick(n, where)
        if t is None:
            return
        was = t.state
        if self._apply(t, action):
            event(f"{action.value}: from {was.value}")
            assert t.state is DESIGN[(was, action)]
        else:
            event("refused: a move outside the machine")
            assert t.state is was

    @rule(n=pick, where=where)
    def recall(self, n: int, where: str) -> None:
        self._act(A.RECALL, n, where)

    @rule(n=pick, where=where)
    def start(self, n: int, where: str) -> None:
        self._act(A.START, n, where)

    @rule(n=pick, where=where)
    def finish(self, n: int, where: str) -> None:
        self._act(A.FINISH, n, where)

    @rule(n=pick, where=where)
    def no_show(self, n: int, where: str) -> None:
        self._act(A.NO_SHOW, n, where)

    @rule(n=pick, where=where)
    def cancel(self, n: int, where: str) -> None:
        self._act(A.CANCEL, n, where)

    @rule(n=pick, where=where)
    def expire(self, n: int, where: str) -> None:
        self._act(A.EXPIRE, n, where)

    @rule(
        n=pick,
        where=where,
        to=st.one_of(
            st.tuples(st.just("service"), st.sampled_from(sorted(PREFIX))),
            st.tuples(st.just("counter"), st.sampled_from(sorted(COUNTERS))),
        ),
        held=st.booleans(),  # somebody sits at the target counter
    )
    def transfer(self, n: int, where: str, to: tuple[str, str], held: bool) -> None:
        old = self._pick(n, where)
        if old is None:
            return
        kind, dest = to
        try:
            target = transfer_target(
                SITE,
                BRANCH,
                old.service,
                service=dest if kind == "service" else None,
                counter=dest if kind == "counter" else None,
                counter_held=held,
            )
        except Rejected as refused:
            assert kind == "counter" and not held and refused.code == "counter_closed"
            event("transfer: refused, nobody at that counter")
            return
        service, for_counter = target.service, target.for_counter
        if kind == "counter":
            assert for_counter == dest and service in COUNTERS[dest]
            assert service == old.service or old.service not in COUNTERS[dest]
        try:
            next_state(old.state, A.TRANSFER)
        except InvalidTransition:
            assert old.state not in OPEN_STATES
            return
        was = old.state
        assert self._apply(old, A.TRANSFER)  # its number is handed on, not freed
        assert old.state is S.TRANSFERRED
        new = Ticket(
            id=f"t{next(self.ids):05d}",
            service=service,
            day=old.day,
            serial=old.serial,
            number=old.number,
            display=old.display,
            arrived_at=old.arrived_at,
            priority=Priority.TRANSFERRED,
            for_counter=for_counter,
            number_service=old.number_service or old.service,
        )
        self.numbers.open[(new.number_service, new.day)][new.number] = new.id
        self.tickets.append(new)
        event(f"transfer: from {was.value} to a {kind}")
        assert new.display == old.display, "the citizen keeps their number"
        assert new.arrived_at == old.arrived_at and new.day == old.day

    @rule(minute=st.integers(0, 22 * 60))
    def day_change(self, minute: int) -> None:
        today = self.today
        self.now = local_midnight(today + dt.timedelta(days=1)) + dt.timedelta(minutes=minute)
        assert self.today == today + dt.timedelta(days=1)
        for t in self.tickets:
            if t.state in OPEN_STATES and t.day < self.today:
                assert self._apply(t, A.EXPIRE)
                assert t.state is S.EXPIRED
        issued = self._issue("pas", self.today, self.now)
        assert issued is not None and issued.serial == 1 and issued.display == "P001"

    # --- invariants -------------------------------------------------------------------

    @invariant()
    def numbers_are_never_shared_while_open(self) -> None:
        self.numbers.check(self.tickets)

    @invariant()
    def one_counter_per_ticket_and_one_ticket_per_counter(self) -> None:
        held: dict[str, list[str]] = defaultdict(list)
        for t in self.tickets:
            assert t.calls <= 1  # a ticket is claimed once, by one counter
            if t.state in AT_COUNTER:
                assert t.counter in COUNTERS
                held[t.counter].append(t.id)
            if t.state is S.WAITING:
                assert t.counter is None and t.calls == 0
            if t.recalls:
                assert t.calls == 1
        assert all(len(ids) == 1 for ids in held.values()), dict(held)


BranchMachine.TestCase.settings = settings(
    max_examples=80,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestBranch = BranchMachine.TestCase
