"""What a waiting-room board shows, computed from the live queue. Pure: no I/O, no Qt.

Shared by the Qt display (`display/`) and the web board feed (`feed.py`), so both screens
show the same calls, the same waiting counts and the same wait ranges, and a zone means the
same thing on both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import wire
from .vocab import CALL_EVENTS, TicketState

#: a call stays on the board while its ticket is at the counter and after it is done;
#: no-show, transferred, cancelled and expired tickets leave the board
SHOWN_STATES = frozenset({TicketState.CALLED, TicketState.SERVING, TicketState.DONE})
#: a call older than this (e.g. replayed after a long outage) is shown but not announced
ANNOUNCE_WINDOW = dt.timedelta(seconds=60)


class UnknownZone(ValueError):
    """The zone names no counter of the branch."""


class CounterLike(Protocol):
    """A counter as the site config or the wire describes it."""

    @property
    def id(self) -> str: ...
    @property
    def zone(self) -> str | None: ...
    @property
    def services(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Scope:
    """The counters and services a board shows: a zone's, or (None) the whole branch's."""

    zone: str | None = None
    counters: frozenset[str] | None = None
    services: frozenset[str] | None = None

    @classmethod
    def of(cls, counters: Sequence[CounterLike], zone: str | None) -> Scope:
        if not zone:
            return cls()
        mine = [c for c in counters if c.zone == zone]
        if not mine:
            known = sorted({c.zone for c in counters if c.zone})
            raise UnknownZone(f"no counter is in zone {zone!r} (zones: {', '.join(known)})")
        return cls(
            zone=zone,
            counters=frozenset(c.id for c in mine),
            services=frozenset(s for c in mine for s in c.services),
        )

    def shows_counter(self, counter: str | None) -> bool:
        return self.counters is None or counter in self.counters

    def shows_service(self, service: str) -> bool:
        return self.services is None or service in self.services


@dataclass(frozen=True)
class Call:
    key: str  # the ticket's id (an opaque key on the public feed)
    number: str  # "P017"
    counter: str  # the counter's id
    state: str
    recalls: int
    language: str
    called_at: dt.datetime | None


@dataclass(frozen=True)
class QueueRow:
    service: str
    prefix: str
    names: Mapping[str, str]
    waiting: int
    estimate: wire.WaitEstimate | None  # for a newcomer; worded by shared.phrasing
    open_now: bool


@dataclass(frozen=True)
class Board:
    seq: int
    calls: tuple[Call, ...]
    queues: tuple[QueueRow, ...]


KeyOf = Callable[[wire.Ticket], str]


def calls_of(
    recent_calls: Iterable[wire.Ticket], scope: Scope, limit: int, key: KeyOf | None = None
) -> tuple[Call, ...]:
    """The board's calls, newest first: shown states only, in scope, at most `limit`."""
    keyer: KeyOf = key or (lambda t: t.id)
    numbers: set[str] = set()
    out: list[Call] = []
    for t in recent_calls:
        if t.state not in SHOWN_STATES or not t.counter or not scope.shows_counter(t.counter):
            continue
        if t.number in numbers:  # one number once: today's P001 hides yesterday's
            continue
        numbers.add(t.number)
        out.append(
            Call(
                key=keyer(t),
                number=t.number,
                counter=t.counter,
                state=t.state,
                recalls=t.recalls,
                language=t.language,
                called_at=t.called_at,
            )
        )
    return tuple(out[:limit])


def queues_of(
    services: Sequence[wire.ServiceInfo], waiting: Mapping[str, int], scope: Scope
) -> tuple[QueueRow, ...]:
    """One row per service in scope that is open now or still has people waiting."""
    rows = []
    for s in services:
        n = waiting.get(s.id, 0)
        if not scope.shows_service(s.id) or not (s.open_now or n):
            continue
        rows.append(
            QueueRow(
                service=s.id,
                prefix=s.prefix,
                names=dict(s.names),
                waiting=n,
                estimate=s.estimated_wait if n else None,
                open_now=s.open_now,
            )
        )
    return tuple(rows)


def waiting_counts(tickets: Iterable[wire.Ticket]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in tickets:
        if t.state == "waiting":
            counts[t.service] = counts.get(t.service, 0) + 1
    return counts


def build_board(
    *,
    seq: int,
    recent_calls: Iterable[wire.Ticket],
    open_tickets: Iterable[wire.Ticket],
    services: Sequence[wire.ServiceInfo],
    scope: Scope,
    limit: int = 10,
    key: KeyOf | None = None,
) -> Board:
    return Board(
        seq=seq,
        calls=calls_of(recent_calls, scope, limit, key),
        queues=queues_of(services, waiting_counts(open_tickets), scope),
    )


def announces(
    event: wire.Event, scope: Scope, now: dt.datetime, skew: dt.timedelta = dt.timedelta(0)
) -> bool:
    """True if this event is a call in scope, fresh enough to be read out.

    `skew` is how far this machine's clock runs ahead of the server's (see `ClockSkew`), so
    a display with a wrong clock still announces live calls and not week-old replays.
    """
    t = event.ticket
    return (
        event.type in CALL_EVENTS
        and t is not None
        and t.state == "called"
        and scope.shows_counter(t.counter)
        and now - skew - event.at <= ANNOUNCE_WINDOW
    )


class ClockSkew:
    """This clock minus the server's: the smallest (arrival - event time) seen lately.

    Delivery takes milliseconds, so the least delay among recent events is the offset
    between the clocks; a replay after an outage has a large delay and does not count.
    """

    def __init__(self, keep: int = 50) -> None:
        self._recent: list[dt.timedelta] = []
        self._keep = keep

    def observe(self, event_at: dt.datetime, arrived: dt.datetime) -> None:
        self._recent = [*self._recent[-(self._keep - 1) :], arrived - event_at]

    @property
    def skew(self) -> dt.timedelta:
        return min(self._recent, default=dt.timedelta(0))
