"""Folding: each past business day becomes cells (`stats_cells`), and once it is older
than the retention its tickets, their history and its guide outcomes are deleted.

A day is folded the first night after it ends, when none of its tickets is open any more
(or, if one was left open, once it is `STALE_OPEN_DAYS` old: it counts as open). Reports
read folded days from the cells and the rest from the tickets, through the same
definitions, so folding changes no number. Each day is one transaction of its own.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, delete, func, insert, select, union, update
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import NumberCounterRow
from ..domain.site import Site
from ..shared.vocab import OPEN_STATES
from .cells import COLUMNS, MAXES
from .definitions import STALE_OPEN_DAYS
from .facts import day_cells
from .read import GUIDES, HISTORY, TICKETS, raw_days
from .tables import CELLS, DAYS, MONTHS

DEFAULT_RETENTION_DAYS = 90
KEY = ("branch", "service", "counter", "hour")  # a cell's key besides its day
NUMBERS = cast(Table, NumberCounterRow.__table__)
_t, _g = TICKETS.c, GUIDES.c


@dataclass
class FoldReport:
    days_folded: int = 0
    tickets_folded: int = 0
    days_skipped: int = 0  # past days with a ticket still open (folded later)
    days_purged: int = 0
    tickets_deleted: int = 0
    history_deleted: int = 0
    guides_deleted: int = 0
    seconds: float = 0.0


def fold(
    db: Database,
    site: Site,
    *,
    now: dt.datetime,
    retention_days: int = DEFAULT_RETENTION_DAYS,
) -> FoldReport:
    """Fold every past day not folded yet, then purge folded days past the retention."""
    if retention_days < 1:
        raise ValueError("keep tickets at least one day (retention_days ≥ 1)")
    started = time.perf_counter()
    report = FoldReport()
    for branch_id, branch in site.branches.items():
        today = now.astimezone(ZoneInfo(branch.timezone)).date()
        with db.read() as s:
            days = _unfolded_days(s, branch_id, today)
        for day in days:
            with db.write() as s:
                folded = _fold_day(s, site, branch_id, day, today, now)
            if folded is None:
                report.days_skipped += 1
            else:
                report.days_folded += 1
                report.tickets_folded += folded
        cutoff = today - dt.timedelta(days=retention_days)
        with db.read() as s:
            old = list(
                s.scalars(
                    select(DAYS.c.day)
                    .where(DAYS.c.branch == branch_id, DAYS.c.day < cutoff)
                    .where(DAYS.c.purged_at.is_(None))
                    .order_by(DAYS.c.day)
                )
            )
        for day in old:
            with db.write() as s:
                _purge_day(s, branch_id, day, now, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _unfolded_days(s: Session, branch: str, today: dt.date) -> list[dt.date]:
    folded = select(DAYS.c.day).where(DAYS.c.branch == branch)
    ticket_days = select(_t.business_day.label("day")).where(
        _t.branch == branch, _t.business_day < today, _t.business_day.not_in(folded)
    )
    guide_days = select(_g.business_day.label("day")).where(
        _g.branch == branch, _g.business_day < today, _g.business_day.not_in(folded)
    )
    both = union(ticket_days, guide_days).subquery()
    return sorted(s.scalars(select(both.c.day)))


def _fold_day(
    s: Session, site: Site, branch: str, day: dt.date, today: dt.date, now: dt.datetime
) -> int | None:
    """Fold one day in the caller's transaction; None if it must wait (a ticket is open)."""
    if s.scalar(select(DAYS.c.day).where(DAYS.c.branch == branch, DAYS.c.day == day)):
        return 0  # another run folded it meanwhile
    still_open = s.scalar(
        select(func.count())
        .select_from(TICKETS)
        .where(
            _t.branch == branch,
            _t.business_day == day,
            _t.state.in_([state.value for state in OPEN_STATES]),
        )
    )
    if still_open and (today - day).days < STALE_OPEN_DAYS:
        return None
    raw = raw_days(s, site, [branch], day, day).get((branch, day))
    tickets, guides = (raw.tickets, raw.guides) if raw is not None else ([], [])
    rows: list[dict[str, Any]] = []
    for key, cell in day_cells(site, branch, day, tickets, guides).rows().items():
        row: dict[str, Any] = dict(zip(COLUMNS, cell, strict=True))
        row.update(
            branch=key.branch, day=key.day, service=key.service, counter=key.counter, hour=key.hour
        )
        rows.append(row)
    if rows:
        s.execute(insert(CELLS), rows)
        s.execute(_add_to_month(s), [{**r, "day": day.replace(day=1)} for r in rows])
    s.execute(insert(DAYS).values(branch=branch, day=day, folded_at=now, tickets=len(tickets)))
    return len(tickets)


_MONTH_ADD: dict[str, Any] = {}  # per dialect: INSERT … ON CONFLICT DO UPDATE (add)


def _add_to_month(s: Session) -> Any:
    """Add a day's cells to its month's: sums add, maxima take the larger."""
    dialect = s.get_bind().dialect.name
    statement = _MONTH_ADD.get(dialect)
    if statement is None:
        from sqlalchemy.dialects import postgresql, sqlite

        upsert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        base = upsert(MONTHS).values(
            {"month": bindparam("day"), **{c: bindparam(c) for c in (*KEY, *COLUMNS)}}
        )
        grow = {
            c: func.max(MONTHS.c[c], base.excluded[c])
            if dialect == "sqlite"
            else func.greatest(MONTHS.c[c], base.excluded[c])
            for c in MAXES
        }
        add = {c: MONTHS.c[c] + base.excluded[c] for c in COLUMNS if c not in MAXES}
        statement = base.on_conflict_do_update(
            index_elements=[MONTHS.c[c] for c in ("branch", "month", *KEY[1:])],
            set_={**add, **grow},
        )
        _MONTH_ADD[dialect] = statement
    return statement


def _purge_day(s: Session, branch: str, day: dt.date, now: dt.datetime, report: FoldReport) -> None:
    of_day = select(_t.id).where(_t.branch == branch, _t.business_day == day)
    report.history_deleted += _count(
        s.execute(delete(HISTORY).where(HISTORY.c.ticket_id.in_(of_day)))
    )
    report.tickets_deleted += _count(
        s.execute(delete(TICKETS).where(_t.branch == branch, _t.business_day == day))
    )
    report.guides_deleted += _count(
        s.execute(delete(GUIDES).where(_g.branch == branch, _g.business_day == day))
    )
    s.execute(delete(NUMBERS).where(NUMBERS.c.branch == branch, NUMBERS.c.business_day == day))
    s.execute(update(DAYS).where(DAYS.c.branch == branch, DAYS.c.day == day).values(purged_at=now))
    report.days_purged += 1


def _count(result: Any) -> int:
    return int(result.rowcount or 0)


def folded_days(s: Session, branches: Iterable[str]) -> set[tuple[str, dt.date]]:
    """Which (branch, day)s are folded."""
    query = select(DAYS.c.branch, DAYS.c.day).where(DAYS.c.branch.in_(list(branches)))
    return {(b, d) for b, d in s.execute(query)}
