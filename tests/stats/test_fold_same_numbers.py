"""Retention: the same history played twice, one copy folded and deleted, the other not;
every report over it gives the same numbers (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from queue_server import stats
from queue_server.config import load_site
from queue_server.db.engine import Database, open_database
from queue_server.db.models import GuideOutcomeRow, TicketHistoryRow, TicketRow
from queue_server.settings import REPO_CONFIG
from tests.stats.history import Clock, ledger_on, play_days
from tests.support.servers import PG_ENV, _drop_pg_database

SITE = load_site(REPO_CONFIG / "demo")
START = dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.UTC)
DAYS = 4


def copy_database(source: str, tmp_path: Path) -> Iterator[str]:
    """A copy of the database at `source` (closed), on the same engine."""
    if source.startswith("sqlite"):
        path = Path(make_url(source).database or "")
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                shutil.copy(f"{path}{suffix}", tmp_path / f"copy.db{suffix}")
        yield f"sqlite:///{tmp_path / 'copy.db'}"
        return
    base = os.environ[PG_ENV]
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        original = make_url(source).database
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{original}"'))
    admin.dispose()
    yield make_url(source).set(database=name).render_as_string(hide_password=False)
    _drop_pg_database(base, name)


@pytest.fixture
def two_copies(database_url: str, tmp_path: Path) -> Iterator[tuple[Database, Database, Clock]]:
    """One history played through the ledger, and a copy of it."""
    clock = Clock(START)
    db = open_database(database_url)
    play_days(ledger_on(db, SITE, clock), clock, DAYS, seed=11, per_day=60)
    db.dispose()
    copies = copy_database(database_url, tmp_path)
    kept, folded = open_database(database_url), open_database(next(copies))
    yield kept, folded, clock
    kept.dispose()
    folded.dispose()
    next(copies, None)


def report(
    db: Database,
    by: stats.By,
    services: list[str] | None = None,
    span: tuple[dt.date, dt.date] | None = None,
) -> stats.Summary:
    start, end = span or (
        START.date() - dt.timedelta(days=1),
        START.date() + dt.timedelta(days=DAYS + 1),
    )
    with db.read() as s:
        return stats.summary(
            s, SITE, branches=list(SITE.branches), start=start, end=end, by=by, services=services
        )


def count(db: Database, table: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_folded_and_unfolded_copies_give_the_same_numbers(
    two_copies: tuple[Database, Database, Clock],
) -> None:
    kept, folded, clock = two_copies
    assert count(kept, TicketRow) == count(folded, TicketRow) > 100
    later = clock.now + dt.timedelta(days=stats.definitions.STALE_OPEN_DAYS)
    done = stats.fold(folded, SITE, now=later, retention_days=1)
    assert done.days_folded == DAYS * len(SITE.branches) and done.days_skipped == 0
    assert count(folded, TicketRow) == count(folded, TicketHistoryRow) == 0
    assert count(folded, GuideOutcomeRow) == 0
    for by in stats.By:
        assert report(folded, by) == report(kept, by), by
    assert report(folded, stats.By.HOUR, ["pas"]) == report(kept, stats.By.HOUR, ["pas"])
    # a period of whole months: the folded copy reads March from stats_months
    months = (dt.date(2026, 2, 20), dt.date(2026, 3, 31))
    for by in (stats.By.SERVICE, stats.By.HOUR, stats.By.COUNTER):
        assert report(folded, by, span=months) == report(kept, by, span=months), by
        assert report(folded, by, span=months).total == report(kept, by).total
    total = report(kept, stats.By.SERVICE).total
    assert total.issued > 50 and total.transferred > 0 and total.wait_n > 0
    again = stats.fold(folded, SITE, now=later, retention_days=1)
    assert (again.days_folded, again.days_purged) == (0, 0)  # nothing twice
