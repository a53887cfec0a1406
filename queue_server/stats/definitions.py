"""The rules the statistics are computed by, as `docs/statistics.md` states them.

Durations are whole seconds, rounded down. Percentiles come from a histogram with the
fixed bins below, so a day folded into aggregates answers exactly as its tickets did: the
reported p50/p90 is the upper edge of the bin that holds the percentile's observation
(nearest rank), or the group's maximum if that is smaller. "p90 = 900 s" therefore reads
"at least 9 in 10 waited at most 15 minutes", a statement that is true, not a guess.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Sequence

from ..domain.site import Service


def _edges() -> tuple[int, ...]:
    half_minutes = range(30, 301, 30)  # 0:30 … 5:00
    minutes = range(360, 1201, 60)  # 6 … 20 min
    five_minutes = range(1500, 3601, 300)  # 25 … 60 min
    return (*half_minutes, *minutes, *five_minutes, 5400, 7200, 10800)


#: upper edges (inclusive) of the duration bins; one more bin holds everything above 3 h
EDGES: tuple[int, ...] = _edges()
BINS = len(EDGES) + 1
#: percentiles reported for waits and service times
PERCENTILES = (50, 90)
#: a day with a ticket still open is folded anyway once it is this many days old
STALE_OPEN_DAYS = 2
#: the open-data page: how far back, and the fewest tickets a cell may show
BUSY_WEEKS = 8
BUSY_MIN_TICKETS = 5


def seconds(start: dt.datetime, end: dt.datetime) -> int:
    """A duration in whole seconds, rounded down; never negative."""
    return max(0, math.floor((end - start).total_seconds()))


def bin_of(duration_s: int) -> int:
    """The histogram bin a duration falls in: the first whose upper edge is ≥ it."""
    return bisect_left(EDGES, duration_s)


def percentile(histogram: Sequence[int], p: int, maximum: int) -> int | None:
    """The nearest-rank p-th percentile read from `histogram`: the upper edge of the bin
    holding the observation of rank ⌈p/100 · n⌉, capped at the maximum; None if empty."""
    n = sum(histogram)
    if n == 0:
        return None
    rank = max(1, math.ceil(p * n / 100))
    seen = 0
    for index, count in enumerate(histogram):
        seen += count
        if seen >= rank:
            upper = EDGES[index] if index < len(EDGES) else maximum
            return min(upper, maximum)
    raise AssertionError("unreachable: the ranks add up to n")


def wait_target_s(service: Service | None) -> int | None:
    """The service's wait target in seconds, or None (then "within target" is omitted).

    The admin issue adds `target_wait_min` to services; until then no service has one.
    This is the one place that reads it."""
    minutes = getattr(service, "target_wait_min", None)
    if minutes is None:
        return None
    return int(float(minutes) * 60)


def share(part: int, whole: int) -> float | None:
    """part / whole to four decimals; None when nothing was counted."""
    return round(part / whole, 4) if whole else None


def mean(total: int, n: int) -> float | None:
    return round(total / n, 1) if n else None
