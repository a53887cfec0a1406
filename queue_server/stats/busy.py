"""Open data: when a branch is busy, per weekday and hour, over the last weeks.

Public (no token): only counts and waits of cells with at least `BUSY_MIN_TICKETS`
tickets; a smaller cell is suppressed, so no single visit can be read out of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ..domain.site import Site
from .cells import HIST_AT, INDEX, add, empty
from .definitions import BINS, BUSY_MIN_TICKETS, BUSY_WEEKS, percentile
from .query import cells_by


@dataclass(frozen=True)
class BusyCell:
    weekday: int  # ISO: 1 Monday … 7 Sunday
    hour: int  # local
    suppressed: bool
    tickets: int | None  # visits that arrived in this hour over the period
    tickets_per_day: float | None  # … per day the branch had visitors on that weekday
    wait_p50_s: int | None
    wait_p90_s: int | None


@dataclass(frozen=True)
class Busy:
    branch: str
    start: dt.date
    end: dt.date
    weeks: int
    min_tickets: int
    cells: list[BusyCell]


def busy(s: Session, site: Site, branch: str, now: dt.datetime) -> Busy:
    """The last BUSY_WEEKS whole weeks before today at `branch`."""
    today = now.astimezone(ZoneInfo(site.branches[branch].timezone)).date()
    start, end = today - dt.timedelta(weeks=BUSY_WEEKS), today - dt.timedelta(days=1)
    found = cells_by(s, site, [branch], start, end, ("day", "hour"))
    slots: dict[tuple[int, int], list[int]] = {}
    open_days: dict[int, set[dt.date]] = {}
    for (day, hour), cell in found.items():
        visits = cell[INDEX["issued"]]
        if visits == 0:
            continue
        slot = (day.isoweekday(), int(hour))
        add(slots.setdefault(slot, empty()), cell)
        open_days.setdefault(day.isoweekday(), set()).add(day)
    cells = []
    for (weekday, hour), cell in sorted(slots.items()):
        n = cell[INDEX["issued"]]
        if n < BUSY_MIN_TICKETS:
            cells.append(BusyCell(weekday, hour, True, None, None, None, None))
            continue
        waits = cell[HIST_AT["wait"] : HIST_AT["wait"] + BINS]
        top = cell[INDEX["wait_max"]]
        shown = cell[INDEX["wait_n"]] >= BUSY_MIN_TICKETS  # the waits obey the rule too
        cells.append(
            BusyCell(
                weekday,
                hour,
                False,
                n,
                round(n / len(open_days[weekday]), 1),
                percentile(waits, 50, top) if shown else None,
                percentile(waits, 90, top) if shown else None,
            )
        )
    return Busy(branch, start, end, BUSY_WEEKS, BUSY_MIN_TICKETS, cells)
