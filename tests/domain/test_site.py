"""The site as data: names per language, the hours of a date, lookups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.site import (
    ALWAYS_OPEN,
    Branch,
    BranchService,
    Counter,
    Service,
    Site,
    TimeRange,
    WeeklyHours,
)

TEN_TO_THREE = (TimeRange(dt.time(10), dt.time(15)),)
NOON = (TimeRange(dt.time(12), dt.time(13)),)
MONDAY, SATURDAY = dt.date(2024, 6, 10), dt.date(2024, 6, 15)


def test_ranges_on_uses_the_weekday_rule() -> None:
    hours = WeeklyHours(days=(TEN_TO_THREE,) * 5 + ((), ()))
    assert hours.ranges_on(MONDAY) == TEN_TO_THREE
    assert hours.ranges_on(SATURDAY) == ()


def test_ranges_on_a_special_date_then_a_closed_date_wins() -> None:
    hours = WeeklyHours(
        days=(TEN_TO_THREE,) * 7,
        closed_dates=frozenset({MONDAY}),
        extra=((MONDAY, NOON), (SATURDAY, NOON)),
    )
    assert hours.ranges_on(SATURDAY) == NOON
    assert hours.ranges_on(MONDAY) == ()
    assert hours.ranges_on(MONDAY + dt.timedelta(days=1)) == TEN_TO_THREE


def test_always_open_is_one_range_over_the_whole_day() -> None:
    (whole,) = ALWAYS_OPEN.ranges_on(MONDAY)
    assert whole.start == dt.time.min and whole.end == dt.time.max
    assert whole.contains(dt.time(0)) and whole.contains(dt.time(23, 59, 59))


def test_lookups_by_id() -> None:
    pas = Service("pas", "P", {"da": "Pas"})
    c1 = Counter("c1", {"da": "Skranke 1"}, ("pas",))
    branch = Branch(
        "dokk1",
        {"da": "Dokk1"},
        "Europe/Copenhagen",
        ALWAYS_OPEN,
        (BranchService("pas", ALWAYS_OPEN),),
        (c1,),
    )
    site = Site("Aarhus", ("da", "en"), {"pas": pas}, {"dokk1": branch})
    assert branch.tz == ZoneInfo("Europe/Copenhagen")
    assert branch.offers("pas") == BranchService("pas", ALWAYS_OPEN)
    assert branch.offers("koer") is None
    assert branch.counter("c1") is c1 and branch.counter("c2") is None
    assert site.branch("dokk1") is branch and site.branch("gellerup") is None
    assert site.counter("c1") == (branch, c1) and site.counter("c2") is None


def test_site_data_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ALWAYS_OPEN.always = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        TEN_TO_THREE[0].end = dt.time(16)  # type: ignore[misc]
