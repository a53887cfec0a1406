"""The queue as a caseworker reads it: pure functions over the live branch state (no Qt).

The overview counts from the live tickets (pushed by events), not from the snapshot's
service totals, which only refresh on a resync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from queue_server.shared import wire
from queue_server.shared.vocab import AT_COUNTER, TicketState


@dataclass(frozen=True)
class ServiceRow:
    id: str
    names: dict[str, str]
    prefix: str
    waiting: int
    longest_s: float  # how long the first in line has waited; 0 when nobody waits
    estimate: wire.WaitEstimate | None  # the wait the last in line was told
    open_now: bool
    mine: bool  # this counter serves it now


@dataclass(frozen=True)
class CounterRow:
    id: str
    names: dict[str, str]
    held_by: str | None
    paused: str | None
    ticket: wire.Ticket | None  # called or serving there now


def at_counter(tickets: Iterable[wire.Ticket], counter: str) -> wire.Ticket | None:
    for t in tickets:
        if t.counter == counter and t.state in AT_COUNTER:
            return t
    return None


def waiting(
    tickets: Iterable[wire.Ticket], services: Iterable[str] | None = None
) -> list[wire.Ticket]:
    """Waiting tickets, longest waiting first (of `services` when given)."""
    wanted = None if services is None else set(services)
    out = [
        t
        for t in tickets
        if t.state == TicketState.WAITING and (wanted is None or t.service in wanted)
    ]
    return sorted(out, key=lambda t: (t.issued_at, t.id))


def reserved_for(ticket: wire.Ticket) -> str | None:
    """The counter a ticket was transferred to, if the server says (wire field `for_counter`,
    requested; until it lands every waiting ticket counts as open to all)."""
    value = getattr(ticket, "for_counter", None)
    return value if isinstance(value, str) else None


def for_counter(
    tickets: Iterable[wire.Ticket], counter: str, services: Iterable[str]
) -> list[wire.Ticket]:
    """Waiting tickets this counter may take, longest waiting first: those of `services`
    not reserved for another counter, and those reserved for this one."""
    wanted = set(services)
    out = []
    for t in tickets:
        if t.state != TicketState.WAITING:
            continue
        reserved = reserved_for(t)
        if reserved == counter or (reserved is None and t.service in wanted):
            out.append(t)
    return sorted(out, key=lambda t: (t.issued_at, t.id))


def next_in_line(
    tickets: Iterable[wire.Ticket], counter: str, services: Iterable[str]
) -> list[wire.Ticket]:
    """The order a desk serving only some services calls in, after the call policy's
    classes: transferred here or in first, then walk-ins, longest waiting first."""
    return sorted(
        for_counter(tickets, counter, services),
        key=lambda t: (t.transferred_from is None, t.issued_at, t.id),
    )


def overview(
    tickets: Iterable[wire.Ticket],
    services: Mapping[str, wire.ServiceInfo],
    mine: Iterable[str],
    now: dt.datetime,
) -> list[ServiceRow]:
    """One row per service offered at the branch, in the configured order."""
    mine_set = set(mine)
    by_service: dict[str, list[wire.Ticket]] = {}
    for t in waiting(tickets):
        by_service.setdefault(t.service, []).append(t)
    rows = []
    for info in services.values():
        line = by_service.get(info.id, [])
        longest = (now - line[0].issued_at).total_seconds() if line else 0.0
        last = line[-1].estimated_wait if line else None
        rows.append(
            ServiceRow(
                id=info.id,
                names=dict(info.names),
                prefix=info.prefix,
                waiting=len(line),
                longest_s=max(0.0, longest),
                estimate=last if last is not None else info.estimated_wait,
                open_now=info.open_now,
                mine=info.id in mine_set,
            )
        )
    return rows


def counter_rows(
    counters: Mapping[str, wire.CounterInfo], tickets: Iterable[wire.Ticket]
) -> list[CounterRow]:
    held = {t.counter: t for t in tickets if t.counter and t.state in AT_COUNTER}
    return [
        CounterRow(
            id=c.id, names=dict(c.names), held_by=c.held_by, paused=c.paused, ticket=held.get(c.id)
        )
        for c in counters.values()
    ]
