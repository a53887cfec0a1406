"""The order in which waiting tickets are called (design.md §3), as one sort key.

The call policy (`domain.policy`) sorts by it, storage reads each service's line in the
same order (`line_key` is its `ORDER BY`, a test proves the two agree) and the desk lists
the tickets a counter may take by it, so what a caseworker sees first is what is called.
"""

from __future__ import annotations

import datetime as dt


def line_key(
    priority: int, arrived_at: dt.datetime, ticket_id: str
) -> tuple[int, dt.datetime, str]:
    """The order within one service's line (one weight): class, then arrival, then id."""
    return (priority, arrived_at, ticket_id)


def call_key(
    priority: int, arrived_at: dt.datetime, ticket_id: str, weight: float, now: dt.datetime
) -> tuple[int, float, dt.datetime, str]:
    """The order across lines: class first (appointments due, transferred-in, walk-ins),
    then the longest wait times the service's weight; ties by arrival, then id."""
    weighted = (now - arrived_at).total_seconds() * weight
    return (priority, -weighted, arrived_at, ticket_id)
