"""A first wait estimate: people ahead × recent mean service time / counters serving.

Given as a range, rounded to whole minutes of five, because a citizen trusts "10–20 min"
that comes true more than "13 min" that does not. A better estimator can replace this
function; its inputs are the live queue and recent history, never the clock or the DB.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: how many recent service times the mean is taken over
RECENT = 20
ROUND_S = 300


@dataclass(frozen=True)
class WaitRange:
    low_s: int
    high_s: int


def mean_service_s(recent_durations_s: Sequence[float], prior_s: float) -> float:
    """Mean of the last RECENT service times, blended with the configured prior.

    The prior counts as three observations, so one odd case early in the day does not
    swing the estimate.
    """
    recent = [d for d in recent_durations_s[-RECENT:] if d > 0]
    if not recent:
        return prior_s
    weight_prior = 3
    return (prior_s * weight_prior + sum(recent)) / (weight_prior + len(recent))


def estimate_wait(people_ahead: int, mean_s: float, counters_serving: int) -> WaitRange:
    """The wait for someone with `people_ahead` before them."""
    if people_ahead <= 0:
        return WaitRange(0, ROUND_S)
    servers = max(1, counters_serving)
    expected = people_ahead * mean_s / servers
    # the spread grows with the square root of the queue (sum of independent services)
    spread = mean_s * math.sqrt(people_ahead) / servers * 0.8
    low = max(0.0, expected - spread)
    high = expected + spread
    low_s = int(low // ROUND_S) * ROUND_S
    high_s = max(low_s + ROUND_S, math.ceil(high / ROUND_S) * ROUND_S)
    return WaitRange(low_s, high_s)
