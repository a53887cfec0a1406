"""Wait estimates (design.md §4): the pool model, its range and its properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.estimate import (
    ROUND_S,
    Away,
    Line,
    Prediction,
    Seat,
    Target,
    WaitRange,
    estimate,
    gamma_quantile,
    predict,
    shown_range,
)
from queue_server.domain.estimate_history import History, Work

MIN = 60.0


def work(mean_s: float, cv2: float = 1.0, n: float = 200.0) -> Work:
    return Work(mean_s, cv2 * mean_s * mean_s, n)


def history(
    means: dict[str, float],
    *,
    n: float = 200.0,
    cv2: float = 1.0,
    lost: dict[str, float] | None = None,
    rates: dict[str, float] | None = None,
) -> History:
    return History(
        work={k: work(m, cv2, n) for k, m in means.items()},
        lost=lost or {},
        arrivals_per_s=rates or {k: 1 / 600 for k in means},
    )


def busy(n: int, services: tuple[str, ...] = ("a",), prefix: str = "c") -> list[Seat]:
    return [Seat(f"{prefix}{i}", frozenset(services), open_now=True) for i in range(n)]


def line(service: str, n: int, weight: float = 1.0, age: float = 60.0) -> Line:
    return Line(service, weight, tuple(age * (n - i) for i in range(n)))


A = history({"a": 6 * MIN})


# --- the mean ---------------------------------------------------------------------------


def test_a_newcomer_waits_for_one_more_departure_than_people_ahead() -> None:
    # 4 busy counters, 7 ahead: the 8th departure frees a counter for it
    p = predict(Target("a", 7), {"a": line("a", 7)}, busy(4), A)
    assert p.mean_s == pytest.approx(8 * 6 * MIN / 4, rel=1e-3)
    assert p.departures == pytest.approx(8)


def test_nobody_ahead_but_every_counter_busy_is_not_zero() -> None:
    p = predict(Target("a", 0), {"a": line("a", 0)}, busy(2), A)
    assert p.mean_s == pytest.approx(6 * MIN / 2, rel=1e-3)
    assert estimate(Target("a", 0), {"a": line("a", 0)}, busy(2), A).high_s >= 300


def test_an_idle_counter_calls_at_once() -> None:
    seats = [*busy(2), Seat("free", frozenset({"a"}), open_now=True, idle=True)]
    p = predict(Target("a", 0), {"a": line("a", 0)}, seats, A)
    assert p.mean_s == 0
    assert shown_range(p) == WaitRange(0, ROUND_S)


def test_a_paused_counter_does_not_count_and_an_open_one_does() -> None:
    lines = {"a": line("a", 6)}
    paused = [*busy(2), Seat("p", frozenset({"a"}), open_now=False)]
    assert predict(Target("a", 6), lines, paused, A).mean_s == pytest.approx(
        predict(Target("a", 6), lines, busy(2), A).mean_s
    )
    assert (
        predict(Target("a", 6), lines, busy(3), A).mean_s
        < predict(Target("a", 6), lines, busy(2), A).mean_s
    )


def test_a_shared_counter_counts_once_and_sees_both_lines() -> None:
    # two counters each serving a and b; 3 + 3 waiting: the newcomer in a waits for the
    # 7th departure of two counters, not the 4th
    h = history({"a": 6 * MIN, "b": 6 * MIN})
    lines = {"a": line("a", 3), "b": line("b", 3)}
    p = predict(Target("a", 3), lines, busy(2, ("a", "b")), h)
    assert p.mean_s == pytest.approx(7 * 6 * MIN / 2, rel=1e-3)


def test_another_lines_tickets_count_by_the_share_the_pool_takes() -> None:
    # b is served by the shared counter s and by two b-only counters: the shared one
    # takes a third of b's line at most
    h = history({"a": 6 * MIN, "b": 6 * MIN})
    lines = {"a": line("a", 0), "b": line("b", 9)}
    seats = [Seat("s", frozenset({"a", "b"}), open_now=True), *busy(2, ("b",), "b")]
    p = predict(Target("a", 0), lines, seats, h)
    only_own = predict(Target("a", 0), {"a": line("a", 0)}, [seats[0]], h)
    everyone = predict(Target("a", 0), lines, [seats[0]], h)
    assert only_own.mean_s < p.mean_s < everyone.mean_s
    assert p.detail["ahead"] == pytest.approx(9 * (0.5 / (0.5 + 2)), rel=1e-3)


def test_a_higher_weight_line_is_ahead_and_a_lower_only_when_old_enough() -> None:
    h = history({"a": 6 * MIN, "b": 6 * MIN}, rates={"a": 0.0, "b": 0.0})
    seats = busy(2, ("a", "b"))
    young_b = Line("b", 0.5, (10.0,) * 6)
    old_b = Line("b", 0.5, (7200.0,) * 6)
    high_b = Line("b", 2.0, (10.0,) * 6)
    empty_a = line("a", 0)

    def mean(b: Line) -> float:
        return predict(Target("a", 0), {"a": empty_a, "b": b}, seats, h).mean_s

    assert mean(young_b) == pytest.approx(6 * MIN / 2, rel=1e-3)  # they fall behind
    assert mean(old_b) == pytest.approx(7 * 6 * MIN / 2, rel=1e-3)  # they stay ahead
    assert mean(high_b) == pytest.approx(7 * 6 * MIN / 2, rel=1e-3)


def test_later_arrivals_of_a_higher_weight_overtake() -> None:
    seats = busy(2, ("a", "b"))
    lines = {"a": line("a", 8), "b": Line("b", 2.0, ())}
    still = history({"a": 6 * MIN, "b": 6 * MIN}, rates={"a": 0.0, "b": 0.0})
    busy_b = history({"a": 6 * MIN, "b": 6 * MIN}, rates={"a": 0.0, "b": 1 / 300})
    quiet = predict(Target("a", 8), lines, seats, still)
    overtaken = predict(Target("a", 8), lines, seats, busy_b)
    assert overtaken.mean_s > quiet.mean_s * 1.1


def test_cancellations_thin_the_line_ahead() -> None:
    lines = {"a": line("a", 10)}
    keep = predict(Target("a", 10), lines, busy(2), A)
    thin = predict(Target("a", 10), lines, busy(2), history({"a": 6 * MIN}, lost={"a": 0.2}))
    assert thin.mean_s == pytest.approx((10 * 0.8 + 1) * 6 * MIN / 2, rel=1e-3)
    assert thin.mean_s < keep.mean_s


def test_an_announced_shift_end_lengthens_and_a_counter_opening_later_shortens() -> None:
    lines = {"a": line("a", 10)}
    base = predict(Target("a", 10), lines, busy(2), A).mean_s  # 11 × 6 min / 2 = 33 min
    leaving = [*busy(1), Seat("x", frozenset({"a"}), open_now=True, away=(Away(10 * MIN),))]
    coming = [*busy(2), Seat("y", frozenset({"a"}), open_now=False, away=(Away(-MIN, 10 * MIN),))]
    lunch = [*busy(1), Seat("z", frozenset({"a"}), open_now=True, away=(Away(0, 30 * MIN),))]
    assert predict(Target("a", 10), lines, leaving, A).mean_s > base
    # one counter for 10 min, then 3: 66 min of work = 10 + 10 + 3·t → t = 15.3 min
    assert predict(Target("a", 10), lines, coming, A).mean_s == pytest.approx(
        (10 + (66 * MIN - 2 * 10 * MIN) / 3 / MIN) * MIN, rel=1e-3
    )
    # a lunch from now: one counter for 30 min, then both
    assert predict(Target("a", 10), lines, lunch, A).mean_s == pytest.approx(
        (30 + (66 - 30) / 2) * MIN, rel=1e-3
    )


def test_with_no_counter_open_one_is_assumed_and_the_range_is_wide() -> None:
    lines = {"a": line("a", 4)}
    nobody = predict(Target("a", 4), lines, [], A)
    one = predict(Target("a", 4), lines, busy(1), A)
    assert nobody.mean_s == pytest.approx(one.mean_s)
    assert nobody.sd_s > one.sd_s


def test_a_ticket_of_a_higher_class_sees_only_its_own_class_elsewhere() -> None:
    h = history({"a": 6 * MIN, "b": 6 * MIN})
    seats = busy(2, ("a", "b"))
    lines = {"a": line("a", 0), "b": Line("b", 1.0, (math.inf, 3000.0, 2000.0))}
    p = predict(Target("a", 0, age_s=math.inf), lines, seats, h)
    assert p.detail["ahead"] == pytest.approx(1)


# --- the spread and the range -----------------------------------------------------------


def test_fewer_observations_and_more_varied_work_widen_the_range() -> None:
    lines = {"a": line("a", 12)}
    sure = predict(Target("a", 12), lines, busy(3), history({"a": 6 * MIN}, n=400, cv2=0.3))
    unsure_n = predict(Target("a", 12), lines, busy(3), history({"a": 6 * MIN}, n=6, cv2=0.3))
    unsure_cv = predict(Target("a", 12), lines, busy(3), history({"a": 6 * MIN}, n=400, cv2=2))
    assert unsure_n.mean_s == pytest.approx(sure.mean_s)
    assert unsure_n.sd_s > sure.sd_s and unsure_cv.sd_s > sure.sd_s
    w = shown_range(sure)
    for other in (unsure_n, unsure_cv):
        r = shown_range(other)
        assert r.high_s - r.low_s >= w.high_s - w.low_s


def test_the_band_is_the_gammas_and_rounds_outwards() -> None:
    p = Prediction(mean_s=1500.0, sd_s=500.0)
    low, high = p.band()
    r = shown_range(p)
    assert r.low_s <= low < r.low_s + ROUND_S and r.high_s - ROUND_S < high <= r.high_s
    assert low < 1500 < high


@given(
    st.floats(min_value=1.0, max_value=1e5),
    st.floats(min_value=0.01, max_value=3.0),
    st.floats(min_value=0.01, max_value=0.99),
    st.floats(min_value=0.01, max_value=0.99),
)
def test_gamma_quantiles_grow_with_the_level(mean: float, cv: float, q1: float, q2: float) -> None:
    lo, hi = sorted((q1, q2))
    assert 0 <= gamma_quantile(mean, mean * cv, lo) <= gamma_quantile(mean, mean * cv, hi)


def test_gamma_quantile_matches_known_values() -> None:
    # exponential (shape 1): q90 = ln 10 · mean; shape 4, scale 1: median ≈ 3.672
    assert gamma_quantile(1.0, 1.0, 0.9) == pytest.approx(math.log(10), rel=0.03)
    assert gamma_quantile(4.0, 2.0, 0.5) == pytest.approx(3.672, rel=0.01)


# --- properties -------------------------------------------------------------------------

aheads = st.integers(min_value=0, max_value=120)
counts = st.integers(min_value=1, max_value=8)
means = st.floats(min_value=30.0, max_value=3600.0)
others = st.integers(min_value=0, max_value=40)
weights = st.sampled_from([0.5, 1.0, 1.2, 2.0])


@settings(max_examples=150)
@given(aheads, aheads, counts, means, others, weights)
def test_more_people_ahead_never_gives_a_lower_estimate(
    a: int, b: int, n: int, mean: float, other: int, w: float
) -> None:
    fewer, more = sorted((a, b))
    h = history({"a": mean, "b": mean * 0.5}, rates={"a": 1 / 400, "b": 1 / 300})
    seats = busy(n, ("a", "b"))

    def at(k: int) -> WaitRange:
        lines = {"a": line("a", k), "b": line("b", other, weight=w, age=45.0)}
        return estimate(Target("a", k), lines, seats, h)

    x, y = at(fewer), at(more)
    assert x.low_s <= y.low_s and x.high_s <= y.high_s


@settings(max_examples=150)
@given(aheads, counts, counts, means)
def test_more_counters_never_give_a_higher_estimate(ahead: int, a: int, b: int, m: float) -> None:
    fewer, more = sorted((a, b))
    lines = {"a": line("a", ahead)}
    h = history({"a": m})
    x, y = (
        estimate(Target("a", ahead), lines, busy(fewer), h),
        estimate(Target("a", ahead), lines, busy(more), h),
    )
    assert y.low_s <= x.low_s and y.high_s <= x.high_s


@settings(max_examples=150)
@given(aheads, counts, means, means)
def test_slower_work_never_gives_a_lower_estimate(ahead: int, n: int, m1: float, m2: float) -> None:
    quick, slow = sorted((m1, m2))
    lines = {"a": line("a", ahead)}
    x = estimate(Target("a", ahead), lines, busy(n), history({"a": quick}))
    y = estimate(Target("a", ahead), lines, busy(n), history({"a": slow}))
    assert x.low_s <= y.low_s and x.high_s <= y.high_s


@settings(max_examples=150)
@given(aheads, counts, means)
def test_the_range_is_whole_five_minutes_and_holds_the_mean(ahead: int, n: int, m: float) -> None:
    lines = {"a": line("a", ahead)}
    p = predict(Target("a", ahead), lines, busy(n), history({"a": m}))
    r = shown_range(p)
    assert r.low_s % ROUND_S == 0 and r.high_s % ROUND_S == 0
    assert 0 <= r.low_s < r.high_s
    assert r.low_s <= p.mean_s <= r.high_s
