"""The facts a branch is modelled by in the domain machines: one branch, its services
and counters, tickets and their numbers (numbering invariants in `Numbers.check`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from hypothesis import event

from queue_server.domain.numbering import (
    MAX_NUMBER,
    NumbersExhausted,
    next_serial,
    number_of,
)
from queue_server.domain.policy import Priority
from queue_server.domain.site import Branch, BranchService, Counter, Service, Site, WeeklyHours
from queue_server.domain.tickets import (
    OPEN_STATES,
    Action,
    TicketState,
)

S, A = TicketState, Action
#: design.md §2 (the same table as test_ticket_states.py, which checks it exhaustively)
DESIGN: dict[tuple[TicketState, Action], TicketState] = {
    (S.WAITING, A.CALL): S.CALLED,
    (S.CALLED, A.RECALL): S.CALLED,
    (S.CALLED, A.START): S.SERVING,
    (S.SERVING, A.FINISH): S.DONE,
    (S.CALLED, A.NO_SHOW): S.NO_SHOW,
    (S.WAITING, A.TRANSFER): S.TRANSFERRED,
    (S.CALLED, A.TRANSFER): S.TRANSFERRED,
    (S.SERVING, A.TRANSFER): S.TRANSFERRED,
    (S.WAITING, A.CANCEL): S.CANCELLED,
    (S.WAITING, A.EXPIRE): S.EXPIRED,
    (S.CALLED, A.EXPIRE): S.EXPIRED,
    (S.SERVING, A.EXPIRE): S.EXPIRED,
}
CPH = ZoneInfo("Europe/Copenhagen")
PREFIX = {"pas": "P", "koer": "K", "dig": "D"}
WEIGHTS = {"pas": 1.0, "koer": 2.0, "dig": 0.5}
COUNTERS = {"c1": ("pas",), "c2": ("pas", "koer"), "c3": ("dig",), "c4": ("koer", "dig")}
#: around both DST changes of 2024 and 2025, and an ordinary day
START_DAYS = [
    dt.date(2024, 3, 30),
    dt.date(2024, 3, 31),
    dt.date(2024, 10, 26),
    dt.date(2024, 10, 27),
    dt.date(2025, 3, 29),
    dt.date(2025, 10, 26),
    dt.date(2024, 6, 12),
]
Key = tuple[str, dt.date]  # (service, business day); one branch
BRANCH = Branch(
    id="b",
    names={"da": "B"},
    timezone="Europe/Copenhagen",
    hours=WeeklyHours(always=True),
    services=tuple(BranchService(s, WeeklyHours(always=True)) for s in PREFIX),
    counters=tuple(Counter(c, {"da": c}, services) for c, services in COUNTERS.items()),
)
SITE = Site(
    name="t",
    languages=("da",),
    services={s: Service(s, p, {"da": s}, weight=WEIGHTS[s]) for s, p in PREFIX.items()},
    branches={"b": BRANCH},
)


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=CPH).astimezone(dt.UTC)


@dataclass
class Ticket:
    id: str
    service: str
    day: dt.date
    serial: int
    number: int
    display: str
    arrived_at: dt.datetime
    priority: Priority = Priority.WALK_IN
    for_counter: str | None = None
    number_service: str = ""  # the service that gave the number ("" = `service`)
    state: TicketState = S.WAITING
    counter: str | None = None
    calls: int = 0
    recalls: int = 0


class Numbers:
    """The numbering facts of one branch: serials per (service, day) and who holds what."""

    def __init__(self) -> None:
        self.last_serial: dict[Key, int] = {}
        self.serials: dict[Key, list[int]] = defaultdict(list)
        self.open: dict[Key, dict[int, str]] = defaultdict(dict)  # number -> ticket id
        self.exhausted = 0

    def allocate(self, key: Key, ticket_id: str) -> tuple[int, int] | None:
        """(serial, number) as the ledger would store them; None when all are held."""
        last = self.last_serial.get(key, 0)
        held = self.open[key]
        if len(held) == MAX_NUMBER:
            with pytest.raises(NumbersExhausted):
                next_serial(last, held.keys())
            self.exhausted += 1
            event("numbering: all 999 numbers held")
            return None
        serial = next_serial(last, held.keys())
        number = number_of(serial)
        assert serial > last
        assert number not in held
        # the wrap skips held numbers only: no free number is passed over
        assert all(number_of(s) in held for s in range(last + 1, serial))
        self.last_serial[key] = serial
        if serial > MAX_NUMBER:
            event("numbering: wrapped past 999")
        if serial > last + 1:
            event("numbering: skipped a held number")
        self.serials[key].append(serial)
        held[number] = ticket_id
        return serial, number

    def release(self, key: Key, number: int, ticket_id: str) -> None:
        assert self.open[key].pop(number) == ticket_id

    def check(self, tickets: list[Ticket]) -> None:
        open_by_key: dict[Key, dict[int, str]] = defaultdict(dict)
        open_displays: set[tuple[dt.date, str]] = set()
        for t in tickets:
            assert 1 <= t.number <= MAX_NUMBER
            assert t.number == number_of(t.serial)
            assert t.display == PREFIX[t.number_service or t.service] + str(t.number).zfill(3)
            if t.state in OPEN_STATES:
                key = (t.number_service or t.service, t.day)
                # never two open tickets with one number in a branch/service/day
                assert t.number not in open_by_key[key], (key, t.number)
                open_by_key[key][t.number] = t.id
                assert (t.day, t.display) not in open_displays
                open_displays.add((t.day, t.display))
        assert {k: v for k, v in self.open.items() if v} == dict(open_by_key)
        for serials in self.serials.values():
            # serials rise, start at 1, and are 1, 2, 3 … until the 999 wrap
            assert serials == sorted(set(serials))
            below = [s for s in serials if s <= MAX_NUMBER]
            assert below == list(range(1, len(below) + 1))
