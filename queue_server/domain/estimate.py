"""Wait estimates (design.md §4): when will this ticket be called, as an honest range.

A pure function of the live queue, the counters and recent history; no clock, no DB.
The ledger gathers the inputs; every screen's figure comes from `estimate()`.

The model. A ticket of service *j* is called by one of the counters that serve *j* (its
pool) once every ticket the pool calls before it has been called, and then one more
counter has come free: it waits for *D = ahead + 1 − idle* departures of its pool, not
*ahead*. "Ahead" is counted across every line the pool serves, in the call policy's
order (`domain/policy.py`): a line of higher weight is ahead of a newcomer, and so are
the later arrivals that will overtake it before it is called; a line of lower weight
only with the tickets old enough to stay ahead. A shared counter counts once; another
line's tickets count by the share of that line the pool will take. Tickets ahead are
thinned by the share that leave uncalled (cancelled). The pool's capacity follows the
counters that are open now and the announced changes (a lunch, a shift end, a counter
opening later). The work per call is counter time per call (call → next call, see
`estimate_history`). The wait is the time *T* at which the pool has done *D* calls'
worth of work; since the count ahead depends on *T* (overtakers, lower weights), *T* is
the fixed point, found by bisection.

The range is the central band of a gamma distribution with that mean and a variance
from the departures' randomness, how well the work per call is known, the thinning, the
overtakers and a model error; rounded outwards to whole five minutes, because a citizen
trusts "10–20 min" that comes true more than "13 min" that does not.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .estimate_history import History, Work

ROUND_S = 300
#: the predictive distribution's band shown as the range
BAND = (0.20, 0.80)
#: the relative error of the model itself (staff who are slower today, breaks nobody
#: announced): the floor of the spread
MODEL_ERROR = 0.12
#: the least squared CV of the time between a pool's departures (random phases)
MIN_DEPARTURE_CV2 = 0.3
#: with no counter open, one is assumed (the wait is then very uncertain)
NO_COUNTER_ERROR = 0.5
DEFAULT_WORK = Work(mean_s=360.0, var_s2=360.0**2, n=5.0)
HORIZON_S = 24 * 3600.0
#: how close the fixed point is sought (the shown range is in five-minute steps)
PRECISION_S = 5.0


@dataclass(frozen=True)
class WaitRange:
    low_s: int
    high_s: int


@dataclass(frozen=True)
class Away:
    """A planned absence of a counter, in seconds from now: [start_s, end_s); an open
    end is the rest of the day."""

    start_s: float
    end_s: float | None = None


@dataclass(frozen=True)
class Seat:
    """A counter as the estimate sees it: open now (claimed, not paused), holding no
    ticket (idle), and what is announced for it."""

    counter: str
    services: frozenset[str]
    open_now: bool
    idle: bool = False
    away: tuple[Away, ...] = ()

    def open_at(self, t: float) -> bool:
        """Open `t` seconds from now, as far as anyone knows."""
        for a in self.away:
            if a.start_s <= t and (a.end_s is None or t < a.end_s):
                return False
        if self.open_now:
            return True
        # closed now: open again only where an announced absence ends (and none follows)
        return any(a.end_s is not None and a.start_s <= 0 < a.end_s <= t for a in self.away)


@dataclass(frozen=True)
class Line:
    """One service's waiting line: its weight and the ages (seconds waited) of its
    tickets, oldest first; a ticket of a higher class than walk-in has age inf."""

    service: str
    weight: float
    ages_s: tuple[float, ...] = ()

    @property
    def waiting(self) -> int:
        return len(self.ages_s)

    @functools.cached_property
    def _negated(self) -> list[float]:
        return [-age for age in self.ages_s]  # ascending, as the ages are oldest first

    def at_least(self, age_s: float) -> int:
        """How many have waited `age_s` or longer (a binary search: the line may be long)."""
        return bisect.bisect_right(self._negated, -age_s)


@dataclass(frozen=True)
class Target:
    """Whose wait: a ticket of `service` with `ahead` before it in its own line, who has
    waited `age_s` (a newcomer: everyone in the line, 0)."""

    service: str
    ahead: int
    age_s: float = 0.0


@dataclass(frozen=True)
class Prediction:
    mean_s: float
    sd_s: float
    departures: float = 0.0  # how many calls of the pool it waits for
    counters: float = 0.0  # the pool's effective counters over the wait
    detail: dict[str, float] = field(default_factory=dict, compare=False)

    def band(self, lo: float = BAND[0], hi: float = BAND[1]) -> tuple[float, float]:
        return gamma_quantile(self.mean_s, self.sd_s, lo), gamma_quantile(
            self.mean_s, self.sd_s, hi
        )


def estimate(
    target: Target, lines: Mapping[str, Line], seats: Sequence[Seat], history: History
) -> WaitRange:
    """The range shown for the target's wait."""
    return shown_range(predict(target, lines, seats, history))


def shown_range(p: Prediction) -> WaitRange:
    """The band, rounded outwards to whole five minutes (at least five minutes wide)."""
    if p.mean_s <= 0:
        return WaitRange(0, ROUND_S)
    low, high = p.band()
    low_s = int(low // ROUND_S) * ROUND_S
    high_s = max(low_s + ROUND_S, math.ceil(high / ROUND_S) * ROUND_S)
    return WaitRange(low_s, high_s)


def predict(
    target: Target, lines: Mapping[str, Line], seats: Sequence[Seat], history: History
) -> Prediction:
    """The predictive mean and spread of the target's wait (see the module's model)."""
    j = target.service
    pool = [c for c in seats if j in c.services]
    present = [c for c in seats if c.open_now or any(a.end_s is not None for a in c.away)]
    if not any(c.open_now or c.away for c in pool):
        # nobody serves it nor is announced to: assume one counter, and say so
        pool = [Seat("?", frozenset({j}), open_now=True)]
        present = [*present, pool[0]]
        unknown = True
    else:
        unknown = False
    served = {k for c in pool for k in c.services}
    share = _shares(j, served, lines, present, pool)
    idle = sum(1 for c in pool if c.open_now and c.idle)
    w_j = _weight(lines, j)
    pool_mean = _pool_mean(served, history)

    def count(t: float) -> _Ahead:
        return _ahead(target, w_j, t, lines, share, history)

    schedule = _schedule(pool)

    def wait_for(t: float) -> tuple[float, float, _Ahead]:
        a = count(t)
        d = max(0.0, a.n + 1.0 - idle)
        work = d * (a.work + pool_mean) / (a.n + 1.0)
        return _time_for(work, schedule), d, a

    hi = _fixed_point(lambda t: wait_for(t)[0])
    t, d, a = wait_for(hi)
    if d <= 0 or t <= 0:
        return Prediction(0.0, 0.0, 0.0, float(len(pool)))
    per_call = (a.work + pool_mean) / (a.n + 1.0)
    k_eff = d * per_call / t
    step = per_call / k_eff  # mean time between the pool's departures
    cv2 = max(_pool_cv2(served, history, a), MIN_DEPARTURE_CV2)
    n_seen = sum(history.work.get(k, DEFAULT_WORK).n for k in served)
    rel2 = cv2 / n_seen + MODEL_ERROR**2 + (NO_COUNTER_ERROR**2 if unknown else 0.0)
    var = step * step * (d * cv2 + a.thinning_var + a.overtakers) + t * t * rel2
    return Prediction(
        t,
        math.sqrt(var),
        d,
        k_eff,
        {"ahead": a.n, "idle": float(idle), "per_call_s": per_call, "cv2": cv2},
    )


def _fixed_point(g: Callable[[float], float]) -> float:
    """The wait T with T = g(T), to 1 % (the range is rounded to five minutes anyway).

    g grows with T (the longer the wait, the more overtake) but slower than T while the
    pool keeps up, so from T = 0 the steps T → g(T) climb to the one root: usually in two
    or three. Where they crawl (heavy overtaking), bisection finishes; a pool that cannot
    keep up is waited for until the horizon."""
    t = g(0.0)
    for _ in range(8):
        nxt = g(t)
        if nxt - t < max(PRECISION_S, 0.01 * t):
            return max(t, nxt)
        t = nxt
    lo, hi = t, max(t * 2, PRECISION_S)
    while g(hi) > hi and hi < HORIZON_S:
        lo, hi = hi, hi * 2
    for _ in range(40):
        if hi - lo < max(PRECISION_S, 0.01 * hi):
            break
        mid = (lo + hi) / 2
        if g(mid) > mid:
            lo = mid
        else:
            hi = mid
    return hi


@dataclass(frozen=True)
class _Ahead:
    n: float  # tickets the pool calls before the target (thinned)
    work: float  # their work, seconds
    thinning_var: float
    overtakers: float


def _ahead(
    target: Target,
    w_j: float,
    t: float,
    lines: Mapping[str, Line],
    share: Mapping[str, float],
    history: History,
) -> _Ahead:
    """Who the pool calls before the target if the target is called `t` from now."""
    n = work = thin = over = 0.0
    for k, sigma in share.items():
        if sigma <= 0:
            continue
        line = lines.get(k)
        w_k = line.weight if line else 1.0
        lost = history.lost.get(k, 0.0)
        if k == target.service:
            waiting = float(target.ahead)
            later = 0.0
        else:
            # at the call: (age + t)·w_k ≥ (age_j + t)·w_j
            need = (target.age_s + t) * w_j / w_k - t
            waiting = float(line.at_least(need)) if line else 0.0
            # arrivals after now that are ahead by then (higher weight only)
            rate = history.arrivals_per_s.get(k, 0.0)
            later = rate * max(0.0, t - (target.age_s + t) * w_j / w_k) if w_k > w_j else 0.0
        kept = waiting * (1.0 - lost)
        calls = sigma * (kept + later)
        n += calls
        work += calls * history.work.get(k, DEFAULT_WORK).mean_s
        thin += sigma * sigma * waiting * lost * (1.0 - lost)
        over += sigma * sigma * later
    return _Ahead(n, work, thin, over)


def _shares(
    j: str,
    served: set[str],
    lines: Mapping[str, Line],
    present: Sequence[Seat],
    pool: Sequence[Seat],
) -> dict[str, float]:
    """Per line the pool serves, the share of it the pool will call: each counter splits
    its calls evenly over the lines it serves that have someone waiting."""
    busy = {k for k, line in lines.items() if line.waiting > 0} | {j}
    in_pool = {c.counter for c in pool}
    out: dict[str, float] = {}
    for k in served:
        total = mine = 0.0
        for c in present:
            if k not in c.services:
                continue
            part = 1.0 / max(1, len(c.services & busy))
            total += part
            if c.counter in in_pool:
                mine += part
        out[k] = 1.0 if k == j or total <= 0 else mine / total
    return out


#: the pool's open counters over time: (from, until, how many), from now on
Schedule = tuple[tuple[float, float, float], ...]


def _schedule(pool: Sequence[Seat]) -> Schedule:
    """When how many of the pool's counters are open, as announced (worked out once per
    estimate: the search for the wait asks `_time_for` a dozen times)."""
    cuts = sorted({0.0, *(x for c in pool for a in c.away for x in (a.start_s, a.end_s) if x)})
    cuts = [x for x in cuts if x >= 0] + [math.inf]
    return tuple(
        (start, end, float(sum(1 for c in pool if c.open_at(start))))
        for start, end in itertools.pairwise(cuts)
    )


def _time_for(work: float, schedule: Schedule) -> float:
    """When the pool's open counters have done `work` seconds of calls."""
    if work <= 0:
        return 0.0
    done, last_rate, last_start = 0.0, 0.0, 0.0
    for start, end, rate in schedule:
        if rate > 0:
            last_rate, last_start = rate, start
            if done + rate * (end - start) >= work:
                return start + (work - done) / rate
            done += rate * (end - start)
    # nobody left to call it today, as announced: as if the last counters stayed
    rate = last_rate or 1.0
    end_of_plan = schedule[-1][0] if schedule else last_start
    return end_of_plan + (work - done) / rate


def _weight(lines: Mapping[str, Line], service: str) -> float:
    line = lines.get(service)
    return line.weight if line else 1.0


def _pool_mean(served: set[str], history: History) -> float:
    """The mean work of the case a counter of the pool is on now, by recent arrivals."""
    rates = {k: history.arrivals_per_s.get(k, 0.0) for k in served}
    total = sum(rates.values())
    works = {k: history.work.get(k, DEFAULT_WORK).mean_s for k in served}
    if total <= 0:
        return sum(works.values()) / len(works)
    return sum(rates[k] * works[k] for k in served) / total


def _pool_cv2(served: set[str], history: History, a: _Ahead) -> float:
    """The squared CV of the work per call over the pool's mix (a mix of short and long
    errands varies more than either)."""
    rates = {k: history.arrivals_per_s.get(k, 0.0) for k in served}
    total = sum(rates.values())
    weights = {k: (rates[k] / total if total > 0 else 1.0 / len(served)) for k in served}
    works = {k: history.work.get(k, DEFAULT_WORK) for k in served}
    mean = sum(weights[k] * works[k].mean_s for k in served)
    second = sum(weights[k] * (works[k].var_s2 + works[k].mean_s ** 2) for k in served)
    return max(second / (mean * mean) - 1.0, 0.0) if mean > 0 else 1.0


def gamma_quantile(mean: float, sd: float, q: float) -> float:
    """The q-quantile of a gamma distribution with this mean and sd (Wilson–Hilferty;
    exact enough for a range in whole five minutes)."""
    if mean <= 0:
        return 0.0
    if sd <= 0:
        return mean
    shape = (mean / sd) ** 2
    z = _normal_quantile(q)
    c = 1.0 / (9.0 * shape)
    x = mean * max(1.0 - c + z * math.sqrt(c), 0.0) ** 3
    return max(x, 0.0)


def _normal_quantile(q: float) -> float:
    """The standard normal quantile (Acklam's rational approximation)."""
    if not 0.0 < q < 1.0:
        raise ValueError("q must lie strictly between 0 and 1")
    a = (
        -39.69683028665376,
        220.9460984245205,
        -275.9285104469687,
        138.3577518672690,
        -30.66479806614716,
        2.506628277459239,
    )
    b = (
        -54.47609879822406,
        161.5858368580409,
        -155.6989798598866,
        66.80131188771972,
        -13.28068155288572,
    )
    c = (
        -7.784894002430293e-03,
        -0.3223964580411365,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    )
    d = (7.784695709041462e-03, 0.3224671290700398, 2.445134137142996, 3.754408661907416)
    if q < 0.02425:
        r = math.sqrt(-2 * math.log(q))
        num = ((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]
        return num / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    if q > 1 - 0.02425:
        return -_normal_quantile(1 - q)
    r = q - 0.5
    s = r * r
    num = (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r
    return num / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1)
