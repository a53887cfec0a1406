"""Opening hours: time ranges, the weekly table, dated special days.

`"HH:MM-HH:MM"`, a list of them, or `"closed"`; 24:00 may end a range. A service with hours
of its own sees a branch's special day only where both are open (`within`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from ..domain.site import WEEKDAYS, TimeRange
from .dates import read_date
from .problems import Invalid, Where
from .table import Table, check

HHMM = re.compile(r"^(\d{2}):(\d{2})$")

Ranges = tuple[TimeRange, ...]
Week = tuple[Ranges, ...]  # seven days, Monday first
Special = tuple[tuple[dt.date, Ranges], ...]  # sorted by date


def read_week(t: Table, name: str) -> Week | None:
    """Weekday table -> 7 tuples of ranges; None when the table is absent."""
    week = t.table(name)
    if week is None:
        return None
    days: list[Ranges] = []
    for day in WEEKDAYS:
        week.seen.add(day)
        days.append(read_ranges(week, day, week.data[day]) or () if day in week.data else ())
    for key in week.data:
        if key not in WEEKDAYS:
            week.problem(key, f"unknown day; use {', '.join(WEEKDAYS)}")
            week.seen.add(key)
    return tuple(days)


def read_special(t: Table, name: str) -> Special:
    s = t.table(name)
    if s is None:
        return ()
    out = []
    for key, value in s.data.items():
        s.seen.add(key)
        day = read_date(s, key, key)
        ranges = read_ranges(s, key, value)
        if day is not None and ranges is not None:
            out.append((day, ranges))
    return tuple(sorted(out))


def read_ranges(t: Table, key: str, value: object) -> Ranges | None:
    if value == "closed":
        return ()
    items = value if isinstance(value, list) else [value]
    out: list[TimeRange] = []
    for item in items:
        r = _range(item) if isinstance(item, str) else None
        if r is None:
            t.problem(key, f'expected "HH:MM-HH:MM" (or a list of them, or "closed"), got {item!r}')
            return None
        out.append(r)
    out.sort(key=lambda r: r.start)
    for a, b in itertools.pairwise(out):
        if b.start < a.end:
            t.problem(key, f"time ranges overlap: {_fmt(a)} and {_fmt(b)}")
            return None
    return tuple(out)


def within(special: Special, week: Week) -> Special:
    """A branch's special day as it applies to a service with its own hours: only where
    both are open (a short day at the library must not open a desk that is shut that day)."""
    out = []
    for day, ranges in special:
        both = [
            TimeRange(max(a.start, b.start), min(a.end, b.end))
            for a in ranges
            for b in week[day.weekday()]
            if max(a.start, b.start) < min(a.end, b.end)
        ]
        out.append((day, tuple(sorted(both, key=lambda r: r.start))))
    return tuple(out)


def parse_hours(raw: object, where: Where) -> Week | Invalid | None:
    """A weekly table `{"mon": "10:00-17:30", ...}` -> 7 days of ranges; None when absent."""
    return check(raw, where, read_week)


def parse_special(raw: object, where: Where) -> Special | Invalid:
    """Dated hours (extra openings, short days): `{"2026-12-23": "10:00-13:00"}`."""
    return check(raw, where, read_special)


def _range(text: str) -> TimeRange | None:
    parts = text.replace(" ", "").split("-")
    if len(parts) != 2:
        return None
    start, end = _clock(parts[0]), _clock(parts[1], end=True)
    if start is None or end is None or not start < end:
        return None
    return TimeRange(start, end)


def _clock(text: str, end: bool = False) -> dt.time | None:
    m = HHMM.match(text)
    if m is None:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if end and (h, mi) == (24, 0):
        return dt.time.max
    if h > 23 or mi > 59:
        return None
    return dt.time(h, mi)


def _fmt(r: TimeRange) -> str:
    end = "24:00" if r.end == dt.time.max else r.end.strftime("%H:%M")
    return f"{r.start:%H:%M}-{end}"
