"""Business days on the Copenhagen clock, and P001…P999 with the wrap."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.numbering import (
    MAX_NUMBER,
    NumbersExhausted,
    business_day,
    display_number,
    next_serial,
    number_of,
)

CPH = ZoneInfo("Europe/Copenhagen")
UTC = dt.UTC


def utc(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, s, us, tzinfo=UTC)


# --- business_day ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "day"),
    [
        # winter (CET, +1): local midnight is 23:00 UTC the day before
        (utc(2024, 1, 15, 22, 59, 59), dt.date(2024, 1, 15)),
        (utc(2024, 1, 15, 23, 0, 0), dt.date(2024, 1, 16)),
        # summer (CEST, +2): local midnight is 22:00 UTC the day before
        (utc(2024, 7, 1, 21, 59, 59, 999999), dt.date(2024, 7, 1)),
        (utc(2024, 7, 1, 22, 0, 0), dt.date(2024, 7, 2)),
        # 2024-03-31, the last Sunday of March: clocks go 02:00 CET -> 03:00 CEST
        (utc(2024, 3, 30, 22, 59, 59), dt.date(2024, 3, 30)),
        (utc(2024, 3, 30, 23, 0, 0), dt.date(2024, 3, 31)),  # midnight still CET
        (utc(2024, 3, 31, 0, 59, 59), dt.date(2024, 3, 31)),  # 01:59:59 CET
        (utc(2024, 3, 31, 1, 0, 0), dt.date(2024, 3, 31)),  # 03:00 CEST
        (utc(2024, 3, 31, 21, 59, 59), dt.date(2024, 3, 31)),  # 23:59:59 CEST
        (utc(2024, 3, 31, 22, 0, 0), dt.date(2024, 4, 1)),  # midnight now CEST
        # 2024-10-27, the last Sunday of October: 03:00 CEST -> 02:00 CET (25 h long)
        (utc(2024, 10, 26, 21, 59, 59), dt.date(2024, 10, 26)),
        (utc(2024, 10, 26, 22, 0, 0), dt.date(2024, 10, 27)),  # midnight still CEST
        (utc(2024, 10, 27, 0, 30), dt.date(2024, 10, 27)),  # 02:30 CEST
        (utc(2024, 10, 27, 1, 30), dt.date(2024, 10, 27)),  # 02:30 CET, the second time
        (utc(2024, 10, 27, 22, 59, 59), dt.date(2024, 10, 27)),  # 23:59:59 CET
        (utc(2024, 10, 27, 23, 0, 0), dt.date(2024, 10, 28)),  # midnight now CET
        # 2025: 30 March and 26 October
        (utc(2025, 3, 29, 23, 0), dt.date(2025, 3, 30)),
        (utc(2025, 3, 30, 22, 0), dt.date(2025, 3, 31)),
        (utc(2025, 10, 25, 22, 0), dt.date(2025, 10, 26)),
        (utc(2025, 10, 26, 23, 0), dt.date(2025, 10, 27)),
    ],
    ids=str,
)
def test_business_day_turns_at_local_midnight(at: dt.datetime, day: dt.date) -> None:
    assert business_day(at, CPH) == day


def test_business_day_does_not_depend_on_the_zone_of_the_instant() -> None:
    at = utc(2024, 10, 26, 22, 30)  # 00:30 CEST on the 27th in Copenhagen
    assert business_day(at, CPH) == dt.date(2024, 10, 27)
    assert business_day(at.astimezone(ZoneInfo("America/New_York")), CPH) == dt.date(2024, 10, 27)
    assert business_day(at.astimezone(ZoneInfo("Asia/Tokyo")), CPH) == dt.date(2024, 10, 27)


def test_business_day_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        business_day(dt.datetime(2024, 3, 31, 12, 0), CPH)


def test_the_days_of_the_dst_changes_are_23_and_25_hours_long() -> None:
    def length(day: dt.date) -> dt.timedelta:
        """From the first instant of `day` to the first of the next, found by bisection."""

        def first_instant(d: dt.date) -> dt.datetime:
            hi = utc(d.year, d.month, d.day)  # already d in Copenhagen
            lo = hi - dt.timedelta(hours=4)  # still the day before
            while hi - lo > dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if business_day(mid, CPH) >= d:
                    hi = mid
                else:
                    lo = mid
            return hi

        return first_instant(day + dt.timedelta(days=1)) - first_instant(day)

    assert length(dt.date(2024, 3, 31)) == dt.timedelta(hours=23)
    assert length(dt.date(2024, 10, 27)) == dt.timedelta(hours=25)
    assert length(dt.date(2024, 6, 12)) == dt.timedelta(hours=24)


local_days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(local_days, st.times())
def test_business_day_is_the_local_date_of_any_wall_clock_time(day: dt.date, wall: dt.time) -> None:
    """Any wall-clock time of a day (even one the spring change skips) belongs to that day."""
    at = dt.datetime.combine(day, wall, tzinfo=CPH).astimezone(UTC)
    assert business_day(at, CPH) == day


@given(
    st.datetimes(
        min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 1, 1), timezones=st.just(UTC)
    ),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3)),
)
def test_business_days_never_go_backwards_and_move_by_whole_days(
    at: dt.datetime, later: dt.timedelta
) -> None:
    first, second = business_day(at, CPH), business_day(at + later, CPH)
    assert first <= second
    # a day is 23-25 hours: more than 25 h later is always another day, less than 23 h
    # later is at most the next one
    if later > dt.timedelta(hours=25):
        assert second > first
    if later < dt.timedelta(hours=23):
        assert (second - first).days <= 1


# --- number_of, next_serial, display_number ---------------------------------------------


@pytest.mark.parametrize(
    ("serial", "number"),
    [(1, 1), (2, 2), (998, 998), (999, 999), (1000, 1), (1001, 2), (1998, 999), (1999, 1)],
)
def test_number_of_wraps_after_999(serial: int, number: int) -> None:
    assert number_of(serial) == number


@given(st.integers(min_value=1, max_value=10**7))
def test_number_of_is_in_range_and_steps_by_one(serial: int) -> None:
    n = number_of(serial)
    assert 1 <= n <= MAX_NUMBER
    assert number_of(serial + 1) == (n + 1 if n < MAX_NUMBER else 1)
    assert number_of(serial + MAX_NUMBER) == n


@pytest.mark.parametrize(
    ("prefix", "number", "text"),
    [("P", 1, "P001"), ("P", 17, "P017"), ("K", 100, "K100"), ("D", 999, "D999")],
)
def test_display_number_is_prefix_and_three_digits(prefix: str, number: int, text: str) -> None:
    assert display_number(prefix, number) == text


def test_display_number_after_the_wrap_starts_again_at_001() -> None:
    assert display_number("P", number_of(999)) == "P999"
    assert display_number("P", number_of(1000)) == "P001"


@given(st.sampled_from("ABDKPZ"), st.integers(min_value=1, max_value=MAX_NUMBER))
def test_display_number_round_trips(prefix: str, number: int) -> None:
    text = display_number(prefix, number)
    assert len(text) == 4 and text[0] == prefix and text[1:].isdigit()
    assert int(text[1:]) == number


def test_next_serial_counts_up_before_the_wrap() -> None:
    assert next_serial(0, set()) == 1
    assert next_serial(41, {1, 2, 41}) == 42
    assert next_serial(998, set()) == 999


def test_wrap_starts_again_at_1_when_it_is_free() -> None:
    assert next_serial(999, set()) == 1000
    assert number_of(next_serial(999, {500})) == 1


def test_wrap_skips_numbers_open_tickets_hold() -> None:
    assert next_serial(999, {1, 2}) == 1002  # P003
    assert next_serial(999, {1, 3}) == 1001  # P002: only held numbers are skipped
    # skipping goes round past 999 again when it must
    assert next_serial(1997, {999, 1, 2}) == 2001  # 1998=P999 held, 1999=P001 held …


def test_only_the_one_free_number_is_given() -> None:
    held = set(range(1, MAX_NUMBER + 1)) - {123}
    assert number_of(next_serial(999, held)) == 123
    assert number_of(next_serial(5000, held)) == 123
    # the free number may be the one the last ticket had: a whole round later
    assert next_serial(1122, held) == 1122 + MAX_NUMBER


def test_all_999_held_is_numbers_exhausted() -> None:
    held = set(range(1, MAX_NUMBER + 1))
    with pytest.raises(NumbersExhausted, match="999"):
        next_serial(999, held)
    with pytest.raises(NumbersExhausted):
        next_serial(0, held)


numbers = st.integers(min_value=1, max_value=MAX_NUMBER)
ALL_NUMBERS = frozenset(range(1, MAX_NUMBER + 1))
held_numbers = st.one_of(
    st.sets(numbers, max_size=50),  # a normal day
    st.sets(numbers, max_size=5).map(lambda free: set(ALL_NUMBERS - free)),  # nearly all held
    st.integers(1, MAX_NUMBER).map(lambda k: set(range(1, k))),  # a run from 1
)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=5 * MAX_NUMBER), held_numbers)
def test_next_serial_is_the_first_later_serial_with_a_free_number(
    last: int, held: set[int]
) -> None:
    if len(held) == MAX_NUMBER:
        with pytest.raises(NumbersExhausted):
            next_serial(last, held)
        return
    serial = next_serial(last, held)
    assert last < serial <= last + MAX_NUMBER
    assert number_of(serial) not in held
    assert all(number_of(s) in held for s in range(last + 1, serial))
