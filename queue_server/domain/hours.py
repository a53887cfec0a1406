"""Opening hours: is a place open at an instant, and when does it open next."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .site import WeeklyHours

LOOKAHEAD_DAYS = 14


def is_open(hours: WeeklyHours, at: dt.datetime, tz: ZoneInfo) -> bool:
    """Open at the aware instant `at`, read on the local clock of `tz` (the branch's)."""
    if hours.always:
        return True
    local = at.astimezone(tz)
    return any(r.contains(local.time()) for r in hours.ranges_on(local.date()))


def next_opening(hours: WeeklyHours, at: dt.datetime, tz: ZoneInfo) -> dt.datetime | None:
    """The next instant after `at` when it opens, within two weeks; None if never."""
    if hours.always:
        return None
    after = at.astimezone(dt.UTC)  # compare instants: one tzinfo would compare wall clocks
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = after.astimezone(tz).date() + dt.timedelta(days=offset)
        for r in sorted(hours.ranges_on(day), key=lambda r: r.start):
            for fold in (0, 1):  # a start in the repeated autumn hour happens twice
                start = dt.datetime.combine(day, r.start, tzinfo=tz).replace(fold=fold)
                if start > after:
                    return start
    return None
