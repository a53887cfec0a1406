"""Opening hours on the branch's clock: ranges, 24:00, closed and special dates, DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.hours import LOOKAHEAD_DAYS, is_open, next_opening
from queue_server.domain.site import ALWAYS_OPEN, TimeRange, WeeklyHours

CPH = ZoneInfo("Europe/Copenhagen")
UTC = dt.UTC


def hm(text: str) -> dt.time:
    return dt.time.max if text == "24:00" else dt.time.fromisoformat(text)


def rng(start: str, end: str) -> TimeRange:
    return TimeRange(hm(start), hm(end))


def weekly(*ranges: TimeRange, weekend: bool = False, **kw: object) -> WeeklyHours:
    day = tuple(ranges)
    days = (day,) * 5 + ((day, day) if weekend else ((), ()))
    return WeeklyHours(days=days, **kw)  # type: ignore[arg-type]


def local(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, s, us, tzinfo=CPH)


def utc(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, s, us, tzinfo=UTC)


OFFICE = weekly(rng("10:00", "15:00"))  # Monday to Friday 10-15
EVERY_DAY = weekly(rng("10:00", "15:00"), weekend=True)


# --- is_open --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(2024, 6, 12, 9, 59, 59, 999999), False),
        (local(2024, 6, 12, 10, 0), True),  # the start is inclusive
        (local(2024, 6, 12, 14, 59, 59, 999999), True),
        (local(2024, 6, 12, 15, 0), False),  # the end is exclusive
        (local(2024, 6, 15, 12, 0), False),  # a Saturday
    ],
    ids=str,
)
def test_a_range_includes_its_start_and_excludes_its_end(at: dt.datetime, expected: bool) -> None:
    assert is_open(OFFICE, at, CPH) is expected


def test_is_open_reads_the_branch_clock_whatever_zone_the_instant_is_in() -> None:
    at = utc(2024, 6, 12, 8, 30)  # 10:30 CEST
    assert is_open(OFFICE, at, CPH)
    assert is_open(OFFICE, at.astimezone(ZoneInfo("America/New_York")), CPH)
    assert not is_open(OFFICE, at, ZoneInfo("Europe/London"))  # 09:30 there


def test_several_ranges_a_day() -> None:
    split = weekly(rng("09:00", "12:00"), rng("13:00", "16:00"))
    assert is_open(split, local(2024, 6, 12, 11, 59), CPH)
    assert not is_open(split, local(2024, 6, 12, 12, 30), CPH)
    assert is_open(split, local(2024, 6, 12, 13, 0), CPH)


def test_a_range_to_24_00_is_open_until_midnight() -> None:
    late = weekly(rng("20:00", "24:00"), weekend=True)
    assert is_open(late, local(2024, 6, 12, 23, 59, 59), CPH)
    assert not is_open(late, local(2024, 6, 13, 0, 0), CPH)
    # 24:00 is the end of the day, so every instant before it is inside the range
    assert is_open(late, local(2024, 6, 12, 23, 59, 59, 999999), CPH)


def test_a_closed_date_closes_the_whole_day() -> None:
    hours = weekly(rng("10:00", "15:00"), closed_dates=frozenset({dt.date(2024, 12, 24)}))
    assert not is_open(hours, local(2024, 12, 24, 12, 0), CPH)
    assert is_open(hours, local(2024, 12, 23, 12, 0), CPH)


def test_a_special_date_replaces_the_weekday_rule() -> None:
    hours = weekly(
        rng("10:00", "15:00"),
        extra=(
            (dt.date(2024, 6, 15), (rng("10:00", "13:00"),)),  # an open Saturday
            (dt.date(2024, 6, 12), (rng("12:00", "13:00"),)),  # a short Wednesday
            (dt.date(2024, 6, 13), ()),  # a Thursday closed this way
        ),
    )
    assert is_open(hours, local(2024, 6, 15, 11, 0), CPH)
    assert not is_open(hours, local(2024, 6, 15, 14, 0), CPH)
    assert not is_open(hours, local(2024, 6, 12, 10, 30), CPH)
    assert is_open(hours, local(2024, 6, 12, 12, 30), CPH)
    assert not is_open(hours, local(2024, 6, 13, 12, 0), CPH)
    assert is_open(hours, local(2024, 6, 14, 12, 0), CPH)  # the rule again


def test_a_closed_date_wins_over_a_special_date() -> None:
    day = dt.date(2024, 6, 15)
    hours = weekly(closed_dates=frozenset({day}), extra=((day, (rng("10:00", "13:00"),)),))
    assert not is_open(hours, local(2024, 6, 15, 11, 0), CPH)


@given(st.datetimes(timezones=st.just(UTC)))
def test_always_open_is_open_at_any_instant(at: dt.datetime) -> None:
    assert is_open(ALWAYS_OPEN, at, CPH)
    assert is_open(WeeklyHours(always=True, closed_dates=frozenset({at.date()})), at, CPH)


@pytest.mark.parametrize(
    "at",
    [
        utc(2024, 3, 31, 8, 30),  # 10:30 CEST, the spring change day
        utc(2024, 10, 27, 9, 30),  # 10:30 CET, the autumn change day
        utc(2025, 3, 30, 8, 30),
        utc(2025, 10, 26, 9, 30),
    ],
    ids=str,
)
def test_open_at_10_30_local_on_both_dst_change_days(at: dt.datetime) -> None:
    assert at.astimezone(CPH).time() == dt.time(10, 30)
    assert is_open(EVERY_DAY, at, CPH)
    assert not is_open(EVERY_DAY, at - dt.timedelta(hours=1), CPH)  # 09:30 local
    assert not is_open(EVERY_DAY, at + dt.timedelta(hours=4, minutes=30), CPH)  # 15:00


def test_on_the_dst_days_the_opening_hour_moves_in_utc() -> None:
    # 10:00 local is 09:00 UTC the day before the spring change and 08:00 UTC on it
    assert is_open(EVERY_DAY, utc(2024, 3, 30, 9, 0), CPH)
    assert not is_open(EVERY_DAY, utc(2024, 3, 31, 7, 59), CPH)
    assert is_open(EVERY_DAY, utc(2024, 3, 31, 8, 0), CPH)
    # and back: 08:00 UTC on 26 Oct, 09:00 UTC on 27 Oct
    assert is_open(EVERY_DAY, utc(2024, 10, 26, 8, 0), CPH)
    assert not is_open(EVERY_DAY, utc(2024, 10, 27, 8, 59), CPH)
    assert is_open(EVERY_DAY, utc(2024, 10, 27, 9, 0), CPH)


# --- next_opening ---------------------------------------------------------------------


def test_next_opening_later_the_same_day() -> None:
    assert next_opening(OFFICE, local(2024, 6, 12, 7, 15), CPH) == local(2024, 6, 12, 10, 0)


def test_next_opening_after_closing_is_tomorrow() -> None:
    assert next_opening(OFFICE, local(2024, 6, 12, 15, 0), CPH) == local(2024, 6, 13, 10, 0)


def test_next_opening_at_the_opening_instant_is_the_one_after() -> None:
    assert next_opening(OFFICE, local(2024, 6, 12, 10, 0), CPH) == local(2024, 6, 13, 10, 0)


def test_next_opening_across_a_weekend() -> None:
    friday_evening = local(2024, 6, 14, 16, 0)
    assert next_opening(OFFICE, friday_evening, CPH) == local(2024, 6, 17, 10, 0)


def test_next_opening_across_a_weekend_and_a_closed_monday() -> None:
    hours = weekly(rng("10:00", "15:00"), closed_dates=frozenset({dt.date(2024, 5, 20)}))
    opens = next_opening(hours, local(2024, 5, 17, 16, 0), CPH)  # Friday before Whit Monday
    assert opens == local(2024, 5, 21, 10, 0)


def test_next_opening_across_the_dst_weekends_is_10_00_on_the_new_clock() -> None:
    spring = next_opening(OFFICE, utc(2024, 3, 29, 15, 0), CPH)  # Friday 16:00 CET
    assert spring == utc(2024, 4, 1, 8, 0)  # Monday 10:00 CEST
    autumn = next_opening(OFFICE, utc(2024, 10, 25, 14, 0), CPH)  # Friday 16:00 CEST
    assert autumn == utc(2024, 10, 28, 9, 0)  # Monday 10:00 CET


def test_next_opening_on_a_special_date() -> None:
    saturday = dt.date(2024, 6, 15)
    hours = weekly(rng("10:00", "15:00"), extra=((saturday, (rng("11:00", "13:00"),)),))
    assert next_opening(hours, local(2024, 6, 14, 16, 0), CPH) == local(2024, 6, 15, 11, 0)


def test_next_opening_of_the_second_range_of_the_day() -> None:
    split = weekly(rng("13:00", "16:00"), rng("09:00", "12:00"))  # unsorted on purpose
    assert next_opening(split, local(2024, 6, 12, 8, 0), CPH) == local(2024, 6, 12, 9, 0)
    assert next_opening(split, local(2024, 6, 12, 12, 30), CPH) == local(2024, 6, 12, 13, 0)


def test_next_opening_looks_two_weeks_ahead_only() -> None:
    at = local(2024, 6, 1, 12, 0)
    within = WeeklyHours(
        extra=((dt.date(2024, 6, 1) + dt.timedelta(LOOKAHEAD_DAYS), (rng("10:00", "11:00"),)),)
    )
    assert next_opening(within, at, CPH) == local(2024, 6, 15, 10, 0)
    beyond = WeeklyHours(
        extra=((dt.date(2024, 6, 1) + dt.timedelta(LOOKAHEAD_DAYS + 1), (rng("10:00", "11:00"),)),)
    )
    assert next_opening(beyond, at, CPH) is None
    assert next_opening(WeeklyHours(), at, CPH) is None


def test_next_opening_of_always_open_is_none() -> None:
    assert next_opening(ALWAYS_OPEN, utc(2024, 6, 12, 12, 0), CPH) is None


def test_next_opening_is_after_the_instant_in_the_repeated_autumn_hour() -> None:
    """On 27 Oct 2024 the wall clock shows 02:00-03:00 twice (CEST, then CET)."""
    night = weekly(rng("02:30", "04:00"), weekend=True)
    at = utc(2024, 10, 27, 1, 20)  # 02:20 CET, the second time round; 02:30 CEST has passed
    assert not is_open(night, at, CPH)
    opens = next_opening(night, at, CPH)
    assert opens is not None and opens > at
    # 02:30 CET, when it opens again (compared in UTC: Python never finds an instant in
    # the repeated hour equal to one in another zone, PEP 495)
    assert opens.astimezone(UTC) == utc(2024, 10, 27, 1, 30)


# --- properties -----------------------------------------------------------------------

QUARTER = dt.timedelta(minutes=15)


def quarters(start_q: int, length_q: int) -> TimeRange:
    """From quarter hour `start_q` of the day for `length_q` quarters, at most to 24:00."""
    end_q = start_q + length_q
    end = dt.time.max if end_q >= 24 * 4 else dt.time(end_q // 4, end_q % 4 * 15)
    return TimeRange(dt.time(start_q // 4, start_q % 4 * 15), end)


day_rules = st.one_of(
    st.just(()),
    st.builds(lambda s, n: (quarters(s, n),), st.integers(6 * 4, 21 * 4), st.integers(1, 16)),
    st.builds(
        lambda s, n, gap, m: (quarters(s, n), quarters(s + n + gap, m)),
        st.integers(6 * 4, 12 * 4),
        st.integers(1, 12),
        st.integers(1, 8),
        st.integers(1, 24),
    ),
)
#: around the spring and the autumn change of 2024
windows = [
    (dt.date(2024, 3, 20), dt.date(2024, 4, 20)),
    (dt.date(2024, 10, 15), dt.date(2024, 11, 15)),
]
dates = st.one_of(*[st.dates(min_value=a, max_value=b) for a, b in windows])
hours_s = st.builds(
    WeeklyHours,
    days=st.tuples(*[day_rules] * 7),
    closed_dates=st.frozensets(dates, max_size=6),
    extra=st.lists(st.tuples(dates, day_rules), max_size=4, unique_by=lambda e: e[0]).map(tuple),
)
instants = st.one_of(
    *[
        st.datetimes(
            min_value=dt.datetime.combine(a, dt.time()),
            max_value=dt.datetime.combine(b, dt.time()) - dt.timedelta(days=LOOKAHEAD_DAYS),
            timezones=st.just(UTC),
        )
        for a, b in windows
    ]
)


def first_opening_by_scan(hours: WeeklyHours, at: dt.datetime) -> dt.datetime | None:
    """The first quarter hour after `at` that is open after a closed one (a brute force)."""
    t = at.replace(minute=at.minute // 15 * 15, second=0, microsecond=0)
    for _ in range((LOOKAHEAD_DAYS + 1) * 24 * 4 + 8):
        t += QUARTER
        if is_open(hours, t, CPH) and not is_open(hours, t - QUARTER, CPH):
            return t
    return None


@settings(max_examples=60, deadline=None)
@given(hours_s, instants)
def test_next_opening_is_the_first_opening_after_the_instant(
    hours: WeeklyHours, at: dt.datetime
) -> None:
    opens = next_opening(hours, at, CPH)
    scanned = first_opening_by_scan(hours, at)
    if opens is None:
        assert scanned is None or scanned > at + dt.timedelta(days=LOOKAHEAD_DAYS)
        return
    assert opens > at
    assert is_open(hours, opens, CPH)
    assert scanned is not None and opens.astimezone(UTC) == scanned
