"""What recent history says about the work ahead: counter time per call, how often a
waiting ticket leaves uncalled, how fast tickets arrive. Pure: the ledger reads the rows.

Counter time per call is measured from a call to the same counter's next call, because
that is what a waiting citizen waits for: the walk-up, the case, the pause between
citizens, the recalls of someone who never came. Time a counter stood idle because
nobody was waiting is left out (the next ticket was issued after the last one finished),
and so is a long gap that is a break, not work (at most `GAP_CAP_S` of a gap counts).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: the most of a finish → next call gap that counts as work (more is a break)
GAP_CAP_S = 240.0
#: how many observations the configured prior counts as
PRIOR_N = 5.0
#: the prior's squared coefficient of variation (service times at a desk: about 1)
PRIOR_CV2 = 1.0
#: added to a service's configured mean case time for the walk-up and the pause
PRIOR_OVERHEAD_S = 60.0
#: how many uncalled departures the prior "no one leaves" counts as
LOST_PRIOR_N = 20.0


@dataclass(frozen=True)
class Call:
    """One call at a counter, as history has it (first call time, not a recall's)."""

    counter: str
    service: str
    called_at: dt.datetime
    finished_at: dt.datetime | None
    issued_at: dt.datetime


@dataclass(frozen=True)
class Work:
    """Counter time per call of one service: mean, variance, how many observations (the
    prior included)."""

    mean_s: float
    var_s2: float
    n: float

    @property
    def cv2(self) -> float:
        return self.var_s2 / (self.mean_s * self.mean_s) if self.mean_s > 0 else 1.0


@dataclass(frozen=True)
class History:
    """The slow-changing inputs of an estimate, per service."""

    work: Mapping[str, Work]
    #: the share of waiting tickets that leave without being called (cancelled)
    lost: Mapping[str, float]
    #: tickets issued per second, recently
    arrivals_per_s: Mapping[str, float]


def counter_times(calls: Iterable[Call]) -> dict[str, list[float]]:
    """Per service, the counter time of each call that has ended: up to the next call at
    its counter, or (its counter's last) up to its finish."""
    out: dict[str, list[float]] = defaultdict(list)
    for seq in _by_counter(calls).values():
        for this, after in itertools.pairwise(seq):
            out[this.service].append(_work_of(this, after))
        last = seq[-1]
        if last.finished_at is not None:
            out[last.service].append(max((last.finished_at - last.called_at).total_seconds(), 0))
    return dict(out)


def in_progress(calls: Iterable[Call], now: dt.datetime) -> dict[str, list[float]]:
    """Per service, how long each counter's current call has lasted so far: a long case
    still going counts (leaving it out would make the work look shorter than it is)."""
    out: dict[str, list[float]] = defaultdict(list)
    for seq in _by_counter(calls).values():
        last = seq[-1]
        if last.finished_at is None:
            out[last.service].append(max((now - last.called_at).total_seconds(), 0.0))
    return dict(out)


def _by_counter(calls: Iterable[Call]) -> dict[str, list[Call]]:
    by_counter: dict[str, list[Call]] = defaultdict(list)
    for c in calls:
        by_counter[c.counter].append(c)
    for seq in by_counter.values():
        seq.sort(key=lambda c: c.called_at)
    return by_counter


def _work_of(this: Call, after: Call) -> float:
    finished = this.finished_at or after.called_at
    finished = min(max(finished, this.called_at), after.called_at)
    case = (finished - this.called_at).total_seconds()
    # the counter had nothing to do until the next ticket came
    ready = max(finished, after.issued_at)
    gap = (after.called_at - ready).total_seconds()
    return case + min(max(gap, 0.0), GAP_CAP_S)


def work_of(samples: Sequence[float], prior_case_s: float, going: Sequence[float] = ()) -> Work:
    """Counter time per call from recent samples, blended with the configured case time
    (plus walk-up and pause), which counts as `PRIOR_N` observations. Calls still going
    add the time they have lasted but no count (the exponential's censored mean)."""
    prior = prior_case_s + PRIOR_OVERHEAD_S
    xs = [x for x in samples if x > 0]
    n = PRIOR_N + len(xs)
    ended = (PRIOR_N * prior + sum(xs)) / n
    second = (PRIOR_N * prior * prior * (1 + PRIOR_CV2) + sum(x * x for x in xs)) / n
    cv2 = max(second / (ended * ended) - 1.0, 0.0)
    mean = ended + sum(going) / n
    return Work(mean_s=mean, var_s2=cv2 * mean * mean, n=n)


def lost_share(cancelled: int, called: int) -> float:
    """The share of tickets that left the line without a call, shrunk toward none."""
    return max(0, cancelled) / (max(0, cancelled) + max(0, called) + LOST_PRIOR_N)


def history_of(
    calls: Sequence[Call],
    priors_s: Mapping[str, float],
    *,
    cancelled: Mapping[str, int],
    issued: Mapping[str, int],
    arrivals_window_s: float,
    now: dt.datetime | None = None,
) -> History:
    """The inputs of an estimate from recent history: the calls, the tickets cancelled
    while waiting (per service), and those issued in the last `arrivals_window_s`."""
    samples = counter_times(calls)
    going = in_progress(calls, now) if now is not None else {}
    called: dict[str, int] = defaultdict(int)
    for c in calls:
        called[c.service] += 1
    return History(
        work={
            sv: work_of(samples.get(sv, []), prior, going.get(sv, ()))
            for sv, prior in priors_s.items()
        },
        lost={sv: lost_share(cancelled.get(sv, 0), called.get(sv, 0)) for sv in priors_s},
        arrivals_per_s={
            sv: issued.get(sv, 0) / arrivals_window_s if arrivals_window_s > 0 else 0.0
            for sv in priors_s
        },
    )
