"""Summaries: cells of folded days (summed in SQL) merged with cells of the days still in
the live tables (computed by `facts`), grouped as asked, made into rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from ..domain.site import Site
from ..shared.i18n import pick_name
from .cells import COLUMNS, MAXES, CellKey, add, empty, merged
from .facts import day_cells
from .labels import text
from .read import raw_days
from .rows import StatsRow, row_of
from .tables import CELLS, MONTHS

Dims = tuple[Any, ...]


class By(StrEnum):
    SERVICE = "service"
    COUNTER = "counter"
    HOUR = "hour"
    WEEKDAY = "weekday"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


#: the cell columns each grouping is summed by in SQL (the rest is grouped in Python)
SQL_DIMS: dict[By, tuple[str, ...]] = {
    By.SERVICE: ("service",),
    By.COUNTER: ("counter",),
    By.HOUR: ("hour",),
    By.WEEKDAY: ("day",),
    By.DAY: ("day",),
    By.WEEK: ("day",),
    By.MONTH: ("day",),
}


@dataclass(frozen=True)
class Summary:
    by: By
    branches: tuple[str, ...]
    start: dt.date
    end: dt.date
    rows: list[StatsRow]
    total: StatsRow


def cells_by(
    s: Session,
    site: Site,
    branches: Collection[str],
    start: dt.date,
    end: dt.date,
    dims: tuple[str, ...],
    services: Collection[str] | None = None,
) -> dict[Dims, list[int]]:
    """Merged cells per value of the cell columns `dims`, over folded and live days.

    Folded whole months come from `stats_months` (unless `dims` has the day), the rest
    of the folded days from `stats_cells`, the days not folded yet from the tickets."""
    out: dict[Dims, list[int]] = {}
    whole, parts = _months(start, end) if "day" not in dims else (None, [(start, end)])
    if whole is not None:
        _sum_into(out, s, MONTHS, MONTHS.c.month, whole, dims, branches, services)
    for part in parts:
        _sum_into(out, s, CELLS, CELLS.c.day, part, dims, branches, services)
    for (branch, day), raw in raw_days(s, site, branches, start, end).items():
        for key, cell in day_cells(site, branch, day, raw.tickets, raw.guides).rows().items():
            if services is not None and key.service not in services:
                continue
            at = _project(key, dims)
            if at not in out:
                out[at] = empty()
            add(out[at], cell)
    return out


def _months(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date] | None, list[Span]]:
    """The whole calendar months within [start, end] (as first days) and the days left."""
    first = start if start.day == 1 else _next_month(start)
    after = (
        _next_month(end) if _next_month(end) - dt.timedelta(days=1) == end else end.replace(day=1)
    )
    if first >= after:
        return None, [(start, end)]
    parts = [(start, first - dt.timedelta(days=1))] if start < first else []
    if after <= end:
        parts.append((after, end))
    last_month = (after - dt.timedelta(days=1)).replace(day=1)
    return (first, last_month), parts


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


Span = tuple[dt.date, dt.date]


def _sum_into(
    out: dict[Dims, list[int]],
    s: Session,
    table: Table,
    when: Any,
    span: Span,
    dims: tuple[str, ...],
    branches: Collection[str],
    services: Collection[str] | None,
) -> None:
    group = [table.c[d] for d in dims]
    sums = [func.max(table.c[n]) if n in MAXES else func.sum(table.c[n]) for n in COLUMNS]
    query = select(*group, *sums).where(table.c.branch.in_(list(branches)), when.between(*span))
    if services is not None:
        query = query.where(table.c.service.in_(list(services)))
    for row in s.execute(query.group_by(*group)):
        at = tuple(row[: len(dims)])
        if at not in out:
            out[at] = empty()
        add(out[at], [int(v or 0) for v in row[len(dims) :]])


def _project(key: CellKey, dims: tuple[str, ...]) -> Dims:
    return tuple(getattr(key, d) for d in dims)


def summary(
    s: Session,
    site: Site,
    *,
    branches: Sequence[str],
    start: dt.date,
    end: dt.date,
    by: By,
    services: Collection[str] | None = None,
    language: str = "da",
) -> Summary:
    """The typed rows of a report: what the API, the exports and the admin pages show."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    found = cells_by(s, site, branches, start, end, SQL_DIMS[by], services)
    keyed: dict[str, list[int]] = {}
    order: dict[str, Any] = {}
    for dims, cell in found.items():
        key, sort = _group(by, dims[0], site)
        if key not in keyed:
            keyed[key] = empty()
            order[key] = sort
        add(keyed[key], cell)
    rows = [
        row_of(key, _label(by, key, site, language), keyed[key])
        for key in sorted(keyed, key=lambda k: order[k])
    ]
    total = row_of("total", text("total", language), merged(keyed.values()))
    return Summary(by, tuple(branches), start, end, rows, total)


def _group(by: By, value: Any, site: Site) -> tuple[str, Any]:
    """(the row's key, its sort order) for one value of the SQL dimension."""
    if by is By.SERVICE:
        ids = list(site.services)
        return str(value), (ids.index(value) if value in ids else len(ids), str(value))
    if by is By.COUNTER:
        return str(value), (value == "", str(value))
    if by is By.HOUR:
        return f"{int(value):02d}", int(value)
    day: dt.date = value
    keys: dict[By, Callable[[dt.date], str]] = {
        By.DAY: dt.date.isoformat,
        By.WEEKDAY: lambda d: str(d.isoweekday()),
        By.WEEK: lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2]),
        By.MONTH: lambda d: f"{d.year}-{d.month:02d}",
    }
    key = keys[by](day)
    return key, key


def _label(by: By, key: str, site: Site, language: str) -> str:
    if by is By.SERVICE:
        service = site.services.get(key)
        if not key:
            return text("no_service", language)
        return pick_name(service.names, language, key) if service else key
    if by is By.COUNTER:
        if not key:
            return text("no_counter", language)
        found = site.counter(key)
        return pick_name(found[1].names, language, key) if found else key
    if by is By.HOUR:
        return f"{key}:00–{int(key) + 1:02d}:00"
    if by is By.WEEKDAY:
        return text(f"weekday.{key}", language)
    return key
