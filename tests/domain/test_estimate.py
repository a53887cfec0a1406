"""Wait estimates (design.md §4): a range in whole five minutes that behaves sensibly."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.estimate import (
    RECENT,
    ROUND_S,
    WaitRange,
    estimate_wait,
    mean_service_s,
)

people = st.integers(min_value=0, max_value=400)
means = st.floats(min_value=1.0, max_value=3600.0, allow_nan=False, allow_infinity=False)
counters = st.integers(min_value=0, max_value=30)
durations = st.lists(st.floats(min_value=-60.0, max_value=7200.0, allow_nan=False), max_size=40)


# --- mean_service_s -------------------------------------------------------------------


@given(st.floats(min_value=1.0, max_value=36000.0))
def test_the_prior_is_used_when_there_is_no_history(prior: float) -> None:
    assert mean_service_s([], prior) == pytest.approx(prior, rel=1e-12)


def test_the_prior_counts_as_three_observations() -> None:
    assert mean_service_s([600.0], 300.0) == pytest.approx((3 * 300 + 600) / 4)
    assert mean_service_s([100.0, 200.0, 300.0], 600.0) == pytest.approx((1800 + 600) / 6)


def test_only_the_last_recent_service_times_count() -> None:
    old = [10_000.0] * 15
    recent = [120.0] * RECENT
    assert mean_service_s(old + recent, 120.0) == pytest.approx(120.0)
    assert mean_service_s(recent + old, 120.0) > 120.0


def test_times_of_zero_or_less_are_ignored() -> None:
    assert mean_service_s([0.0, -5.0], 300.0) == pytest.approx(300.0)
    assert mean_service_s([0.0, 600.0], 300.0) == pytest.approx(375.0)


@given(durations, st.floats(min_value=1.0, max_value=3600.0))
def test_the_mean_lies_between_the_prior_and_the_recent_times(
    recent: list[float], prior: float
) -> None:
    used = [d for d in recent[-RECENT:] if d > 0]
    mean = mean_service_s(recent, prior)
    lo, hi = min([prior, *used]), max([prior, *used])
    assert lo * (1 - 1e-9) <= mean <= hi * (1 + 1e-9)


# --- estimate_wait --------------------------------------------------------------------


def test_nobody_ahead_is_zero_to_five_minutes() -> None:
    assert estimate_wait(0, 300.0, 1) == WaitRange(0, ROUND_S)
    assert estimate_wait(0, 3000.0, 0) == WaitRange(0, 300)


def test_worked_example() -> None:
    # 4 ahead × 300 s / 1 counter = 1200 s ± 0.8 × 300 × √4 = 480 s -> 720…1680 s
    assert estimate_wait(4, 300.0, 1) == WaitRange(600, 1800)
    # the same queue with two counters: 600 s ± 240 s -> 360…840 s
    assert estimate_wait(4, 300.0, 2) == WaitRange(300, 900)


def test_no_counter_serving_counts_as_one() -> None:
    assert estimate_wait(7, 240.0, 0) == estimate_wait(7, 240.0, 1)


@settings(max_examples=200)
@given(people, means, counters)
def test_the_range_is_in_whole_five_minutes_and_holds_the_expected_wait(
    ahead: int, mean: float, n: int
) -> None:
    r = estimate_wait(ahead, mean, n)
    assert r.low_s % ROUND_S == 0 and r.high_s % ROUND_S == 0
    assert r.low_s >= 0 and r.low_s + ROUND_S <= r.high_s
    expected = ahead * mean / max(1, n)
    assert r.low_s <= expected <= r.high_s
    if ahead > 0:  # rounded outwards from expected ± spread, no further than 5 min
        spread = 0.8 * mean * math.sqrt(ahead) / max(1, n)
        assert r.low_s > expected - spread - ROUND_S
        assert r.high_s < max(expected + spread, r.low_s) + ROUND_S + 1e-6


@settings(max_examples=200)
@given(people, people, means, counters)
def test_more_people_ahead_never_gives_a_lower_estimate(
    a: int, b: int, mean: float, n: int
) -> None:
    fewer, more = sorted((a, b))
    x, y = estimate_wait(fewer, mean, n), estimate_wait(more, mean, n)
    assert x.low_s <= y.low_s and x.high_s <= y.high_s


@settings(max_examples=200)
@given(people, means, counters, counters)
def test_more_counters_never_give_a_higher_estimate(
    ahead: int, mean: float, a: int, b: int
) -> None:
    fewer, more = sorted((a, b))
    x, y = estimate_wait(ahead, mean, fewer), estimate_wait(ahead, mean, more)
    assert y.low_s <= x.low_s and y.high_s <= x.high_s


@settings(max_examples=200)
@given(people, means, means, counters)
def test_slower_service_never_gives_a_lower_estimate(
    ahead: int, m1: float, m2: float, n: int
) -> None:
    quick, slow = sorted((m1, m2))
    x, y = estimate_wait(ahead, quick, n), estimate_wait(ahead, slow, n)
    assert x.low_s <= y.low_s and x.high_s <= y.high_s
