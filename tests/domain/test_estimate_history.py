"""Counter time per call and the other inputs history gives the wait estimates."""

from __future__ import annotations

import datetime as dt

import pytest

from queue_server.domain.estimate_history import (
    GAP_CAP_S,
    LOST_PRIOR_N,
    PRIOR_N,
    PRIOR_OVERHEAD_S,
    Call,
    counter_times,
    history_of,
    in_progress,
    lost_share,
    work_of,
)

T0 = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def call(counter: str, service: str, called: float, finished: float, issued: float) -> Call:
    return Call(counter, service, at(called), at(finished), at(issued))


def test_counter_time_runs_from_a_call_to_the_next_call_at_that_counter() -> None:
    calls = [
        call("c1", "a", 0, 7, -5),  # 7 min case, next called 1 min later: 8 min
        call("c1", "b", 8, 12, -3),
        call("c2", "a", 1, 4, -2),  # the last call of c2: up to its finish
        call("c1", "a", 13, 20, -1),  # the last of c1: up to its finish
    ]
    got = counter_times(calls)
    assert sorted(got["a"]) == [pytest.approx(180.0), pytest.approx(420.0), pytest.approx(480.0)]
    assert got["b"] == [pytest.approx(300.0)]


def test_idle_time_waiting_for_a_ticket_is_not_work() -> None:
    # finished at 5, the next ticket came at 30 and was called at 30.5
    calls = [call("c1", "a", 0, 5, -1), call("c1", "a", 30.5, 40, 30)]
    assert counter_times(calls)["a"][0] == pytest.approx(5.5 * 60)


def test_a_long_gap_counts_only_up_to_the_cap() -> None:
    # a lunch between two calls, with people waiting
    calls = [call("c1", "a", 0, 5, -10), call("c1", "a", 45, 50, -5)]
    assert counter_times(calls)["a"][0] == pytest.approx(5 * 60 + GAP_CAP_S)


def test_a_call_not_finished_ends_at_the_next_call() -> None:
    calls = [Call("c1", "a", at(0), None, at(-1)), call("c1", "a", 6, 9, -1)]
    assert counter_times(calls)["a"][0] == pytest.approx(360.0)


def test_a_call_still_going_adds_its_time_so_far_but_no_count() -> None:
    calls = [call("c1", "a", 0, 5, -1), Call("c1", "a", at(5), None, at(-1))]
    assert in_progress(calls, at(25)) == {"a": [pytest.approx(1200.0)]}
    h = history_of(calls, {"a": 300.0}, cancelled={}, issued={}, arrivals_window_s=60, now=at(25))
    ended = work_of([300.0], 300.0)
    assert h.work["a"].n == ended.n
    assert h.work["a"].mean_s == pytest.approx(ended.mean_s + 1200 / ended.n)


def test_the_prior_counts_as_a_few_observations_only() -> None:
    prior = work_of([], 300.0)
    assert prior.mean_s == pytest.approx(300.0 + PRIOR_OVERHEAD_S) and prior.n == PRIOR_N
    many = work_of([600.0] * 200, 300.0)
    assert many.mean_s == pytest.approx((PRIOR_N * 360 + 200 * 600) / (PRIOR_N + 200))
    assert many.var_s2 > 0 and many.n == PRIOR_N + 200


def test_lost_share_shrinks_toward_none() -> None:
    assert lost_share(0, 0) == 0
    assert lost_share(10, 90) == pytest.approx(10 / (100 + LOST_PRIOR_N))


def test_history_of_gathers_per_service() -> None:
    calls = [call("c1", "a", 0, 7, -5), call("c1", "a", 8, 12, -3)]
    h = history_of(
        calls,
        {"a": 300.0, "b": 200.0},
        cancelled={"a": 2},
        issued={"a": 6, "b": 3},
        arrivals_window_s=1800,
    )
    assert h.work["a"].n == PRIOR_N + 2 and h.work["b"].n == PRIOR_N
    assert h.lost["a"] == pytest.approx(2 / (2 + 2 + LOST_PRIOR_N)) and h.lost["b"] == 0
    assert h.arrivals_per_s == {"a": pytest.approx(6 / 1800), "b": pytest.approx(3 / 1800)}
