"""The queue as a caseworker reads it: pure functions over the live branch state (no Qt).

Waiting tickets are listed in the order the server calls them (`call_order`, the call
policy's own key), so what a caseworker sees first is what "call next" gets. The
overview counts from the live tickets (pushed by events), not from the snapshot's
service totals, which only refresh on a resync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from queue_server.shared import wire
from queue_server.shared.order import call_key
from queue_server.shared.vocab import AT_COUNTER, PauseReason, TicketState


@dataclass(frozen=True)
class ServiceRow:
    id: str
    names: dict[str, str]
    prefix: str
    waiting: int
    longest_s: float  # the longest anyone in line has waited; 0 when nobody waits
    estimate: wire.WaitEstimate | None  # the wait the last in line was told
    open_now: bool
    mine: bool  # this counter serves it now


@dataclass(frozen=True)
class CounterRow:
    id: str
    names: dict[str, str]
    held_by: str | None
    paused: PauseReason | None
    ticket: wire.Ticket | None  # called or serving there now


def at_counter(tickets: Iterable[wire.Ticket], counter: str) -> wire.Ticket | None:
    for t in tickets:
        if t.counter == counter and t.state in AT_COUNTER:
            return t
    return None


def arrived(ticket: wire.Ticket) -> dt.datetime:
    """When the citizen came (kept across transfers; older servers only send `issued_at`)."""
    return ticket.arrived_at or ticket.issued_at


def call_order(
    tickets: Iterable[wire.Ticket], services: Mapping[str, wire.ServiceInfo], now: dt.datetime
) -> list[wire.Ticket]:
    """Tickets in the order the server calls them: the call policy's own key
    (`shared.order.call_key`: class, the wait times the service's weight, arrival, id)."""

    def key(t: wire.Ticket) -> tuple[int, float, dt.datetime, str]:
        info = services.get(t.service)
        return call_key(t.priority, arrived(t), t.id, info.weight if info else 1.0, now)

    return sorted(tickets, key=key)


def for_counter(
    tickets: Iterable[wire.Ticket],
    counter: str,
    serves: Iterable[str],
    services: Mapping[str, wire.ServiceInfo],
    now: dt.datetime,
) -> list[wire.Ticket]:
    """Waiting tickets this counter may take, in the order it would call them: those of
    the services it `serves` not reserved for another counter, and those reserved for it."""
    wanted = set(serves)
    mine = [
        t
        for t in tickets
        if t.state == TicketState.WAITING
        and (t.for_counter == counter or (t.for_counter is None and t.service in wanted))
    ]
    return call_order(mine, services, now)


def overview(
    tickets: Iterable[wire.Ticket],
    services: Mapping[str, wire.ServiceInfo],
    mine: Iterable[str],
    now: dt.datetime,
) -> list[ServiceRow]:
    """One row per service offered at the branch, in the configured order."""
    mine_set = set(mine)
    by_service: dict[str, list[wire.Ticket]] = {}
    waiting = [t for t in tickets if t.state == TicketState.WAITING]
    for t in call_order(waiting, services, now):
        by_service.setdefault(t.service, []).append(t)
    rows = []
    for info in services.values():
        line = by_service.get(info.id, [])
        longest = max((now - arrived(t)).total_seconds() for t in line) if line else 0.0
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
