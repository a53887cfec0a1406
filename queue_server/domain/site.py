"""The site as data: branches, services, counters, opening hours, guides.

Built by `queue_server.config` from TOML; immutable so the server can share one copy
between threads. Names are per language: `{"da": "Pas", "en": "Passport"}`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

Names = dict[str, str]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class TimeRange:
    start: dt.time
    end: dt.time  # exclusive; 24:00 is written as time.max

    def contains(self, t: dt.time) -> bool:
        # time.max stands for 24:00, so it contains the day's very last instant too
        return self.start <= t and (t < self.end or self.end == dt.time.max)


@dataclass(frozen=True)
class WeeklyHours:
    """Opening hours by weekday (0 = Monday) plus dated exceptions.

    `always` means around the clock (the demo site); `closed_dates` wins over the
    weekday rule, `extra` replaces the weekday rule on a given date.
    """

    days: tuple[tuple[TimeRange, ...], ...] = ((),) * 7
    closed_dates: frozenset[dt.date] = frozenset()
    extra: tuple[tuple[dt.date, tuple[TimeRange, ...]], ...] = ()
    always: bool = False

    def ranges_on(self, day: dt.date) -> tuple[TimeRange, ...]:
        if self.always:
            return (TimeRange(dt.time.min, dt.time.max),)
        if day in self.closed_dates:
            return ()
        for date, ranges in self.extra:
            if date == day:
                return ranges
        return self.days[day.weekday()]


ALWAYS_OPEN = WeeklyHours(always=True)


@dataclass(frozen=True)
class Service:
    id: str
    prefix: str  # one capital letter, unique within the site
    names: Names
    weight: float = 1.0
    cap: int | None = None  # most tickets waiting at once per branch; None = no cap
    mean_service_s: float = 300.0  # prior for wait estimates until history exists
    guide: str | None = None  # a guide to offer before the ticket
    group: str | None = None  # sub-menu: the group tile this service sits under
    note: Names = field(default_factory=dict)  # a short line for the ticket


@dataclass(frozen=True)
class Group:
    """A tile on the kiosk that opens a sub-menu of services."""

    id: str
    names: Names


@dataclass(frozen=True)
class Counter:
    id: str
    names: Names
    services: tuple[str, ...]
    zone: str | None = None


@dataclass(frozen=True)
class BranchService:
    """A service as offered at one branch: its hours there."""

    service: str
    hours: WeeklyHours


@dataclass(frozen=True)
class Branch:
    id: str
    names: Names
    timezone: str
    hours: WeeklyHours
    services: tuple[BranchService, ...]
    counters: tuple[Counter, ...]
    info: Names = field(default_factory=dict)  # the display's info line
    address: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def offers(self, service_id: str) -> BranchService | None:
        for offered in self.services:
            if offered.service == service_id:
                return offered
        return None

    def counter(self, counter_id: str) -> Counter | None:
        for c in self.counters:
            if c.id == counter_id:
                return c
        return None


@dataclass(frozen=True)
class Guide:
    id: str
    title: Names
    summary: Names
    steps: tuple[Names, ...]  # 3-6 short steps, each per language
    url: str  # the official self-service page, shown as a QR code
    service: str | None = None  # "I still need help" takes a ticket for this service


@dataclass(frozen=True)
class Site:
    name: str
    languages: tuple[str, ...]
    services: dict[str, Service]
    branches: dict[str, Branch]
    guides: dict[str, Guide] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    def branch(self, branch_id: str) -> Branch | None:
        return self.branches.get(branch_id)

    def counter(self, counter_id: str) -> tuple[Branch, Counter] | None:
        for branch in self.branches.values():
            found = branch.counter(counter_id)
            if found is not None:
                return branch, found
        return None
