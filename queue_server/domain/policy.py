"""Which waiting ticket a counter gets next (design.md §3), and why.

Among the waiting tickets of the services the counter serves: first the highest
priority class (appointments due, then transferred-in, then walk-ins), then the longest
wait multiplied by the service's weight. A ticket transferred to one counter waits for
that counter only. Ties go to the earlier arrival, then the lower id, so the choice is
deterministic and every counter computes the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..shared.order import call_key
from ..shared.vocab import Priority

__all__ = ["Choice", "Priority", "Waiting", "choose", "eligible", "order"]


@dataclass(frozen=True)
class Waiting:
    id: str
    service: str
    arrived_at: dt.datetime  # kept across transfers: a transfer never sends you back
    priority: Priority = Priority.WALK_IN
    for_counter: str | None = None  # transferred to this counter only


@dataclass(frozen=True)
class Choice:
    ticket: Waiting
    reason: str


def eligible(tickets: Iterable[Waiting], counter_id: str, services: Iterable[str]) -> list[Waiting]:
    wanted = set(services)
    return [
        t
        for t in tickets
        if t.service in wanted and (t.for_counter is None or t.for_counter == counter_id)
    ]


def _key(
    t: Waiting, now: dt.datetime, weights: Mapping[str, float]
) -> tuple[int, float, dt.datetime, str]:
    return call_key(int(t.priority), t.arrived_at, t.id, weights.get(t.service, 1.0), now)


def order(
    tickets: Iterable[Waiting], now: dt.datetime, weights: Mapping[str, float]
) -> list[Waiting]:
    """Tickets in the order the policy would call them."""
    return sorted(tickets, key=lambda t: _key(t, now, weights))


def choose(
    tickets: Iterable[Waiting],
    *,
    counter_id: str,
    services: Iterable[str],
    now: dt.datetime,
    weights: Mapping[str, float],
    eligible_count: int | None = None,
) -> Choice | None:
    """The next ticket for `counter_id`, with a reason a caseworker can read; None if none wait.

    `eligible_count` is how many tickets the counter could take in all, when `tickets`
    holds only the first of each line (storage reads no more than that)."""
    candidates = order(eligible(tickets, counter_id, services), now, weights)
    if not candidates:
        return None
    first = candidates[0]
    waited_min = int((now - first.arrived_at).total_seconds() // 60)
    reasons = {
        Priority.APPOINTMENT: "appointment due",
        Priority.TRANSFERRED: "transferred here",
        Priority.WALK_IN: "walk-in",
    }
    why = f"{reasons[first.priority]}, waited {waited_min} min"
    weight = weights.get(first.service, 1.0)
    if weight != 1.0:
        why += f", service weight {weight:g}"
    more = (len(candidates) if eligible_count is None else eligible_count) - 1
    if more > 0:
        why += f"; {more} more waiting for this counter"
    return Choice(first, why)
