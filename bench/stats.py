"""Statistics over a year of Aarhus-like history, on SQLite and PostgreSQL (prints JSON).

A generated year (≥ 500,000 tickets at Dokk1 and the local libraries, in each service's
own opening hours, with waits that grow towards midday, no-shows, cancels, day-end
expiries, transfers and guide sessions) is written straight into the tables. Measured:
the database size, a month by service and a year by hour before folding (the live
tables alone), the fold of the whole year with 90 days' retention, the size after, and
the same two reports again: p50 of 5 each; the budget is ≤ 1 s (design.md §12).

    python bench/stats.py [--postgres URL] [--scale 1.0] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from queue_server import stats  # noqa: E402
from queue_server.config import load_site  # noqa: E402
from queue_server.db.engine import Database, open_database  # noqa: E402
from queue_server.db.migrate import upgrade  # noqa: E402
from queue_server.domain.site import Branch, Site  # noqa: E402
from queue_server.stats.read import GUIDES, HISTORY, TICKETS  # noqa: E402

SITE = load_site(ROOT / "config" / "aarhus")
FIRST, LAST = dt.date(2025, 12, 1), dt.date(2026, 11, 30)  # a year, ending yesterday
NOW = dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
#: tickets per open day: Dokk1's hall on a weekday, its weekend, a local library
VOLUME = {"dokk1": 1750, "dokk1-weekend": 350, "library": 150}
Row = dict[str, Any]


def arrivals(
    rng: random.Random, branch: Branch, day: dt.date, n: int
) -> Iterator[tuple[str, dt.datetime]]:
    """`n` arrivals spread over the open hours of the branch's services, busier at midday."""
    tz = branch.tz
    slots = [
        (offered.service, r)
        for offered in branch.services
        for r in offered.hours.ranges_on(day)
        if branch.hours.ranges_on(day)
    ]
    if not slots:
        return
    for _ in range(n):
        service, r = rng.choice(slots)
        start = r.start.hour * 60 + r.start.minute
        end = 24 * 60 if r.end == dt.time.max else r.end.hour * 60 + r.end.minute
        minute = rng.triangular(start, end, (start + end) / 2)
        at = dt.datetime.combine(day, dt.time(0), tz) + dt.timedelta(minutes=minute)
        yield service, at


def one_day(
    rng: random.Random, branch: Branch, day: dt.date
) -> tuple[list[Row], list[Row], list[Row]]:
    if branch.id == "dokk1":
        n = VOLUME["dokk1"] if day.weekday() < 5 else VOLUME["dokk1-weekend"]
    else:
        n = VOLUME["library"]
    n = int(n * SCALE * rng.uniform(0.8, 1.2))
    tickets: list[Row] = []
    history: list[Row] = []
    serial: dict[str, int] = {}
    day_end = dt.datetime.combine(day, dt.time(23, 59), branch.tz)
    counters = {
        offered.service: [c.id for c in branch.counters if offered.service in c.services]
        for offered in branch.services
    }

    def ticket(
        service: str, arrived: dt.datetime, issued: dt.datetime, prio: int, origin: str | None
    ) -> Row:
        serial[service] = serial.get(service, 0) + 1
        prefix = SITE.services[service].prefix
        number = (serial[service] - 1) % 999 + 1
        row: Row = dict(
            id=uuid.UUID(int=rng.getrandbits(128)).hex,
            branch=branch.id,
            service=service,
            business_day=day,
            serial=serial[service],
            number=number,
            display=f"{prefix}{number:03d}",
            state="done",
            language=rng.choice(["da"] * 8 + ["en", "ar"]),
            paperless=rng.random() < 0.3,
            priority=prio,
            for_counter=None,
            arrived_at=arrived,
            issued_at=issued,
            called_at=None,
            started_at=None,
            finished_at=None,
            counter=None,
            recalls=0,
            transferred_from=origin,
            transferred_to=None,
            status_token=uuid.UUID(int=rng.getrandbits(128)).hex,
        )
        tickets.append(row)
        history.append(
            _h(row, "issue" if origin is None else "transfer_in", None, "waiting", issued, None)
        )
        return row

    def serve(row: Row, waited_s: float, transfer_ok: bool) -> None:
        service = row["service"]
        mean_s = SITE.services[service].mean_service_s
        called = row["issued_at"] + dt.timedelta(seconds=waited_s)
        roll = rng.random()
        if roll < 0.04 and row["transferred_from"] is None:  # cancelled while waiting
            row.update(
                state="cancelled", finished_at=row["issued_at"] + dt.timedelta(seconds=waited_s / 2)
            )
            history.append(_h(row, "cancel", "waiting", "cancelled", row["finished_at"], None))
            return
        if roll < 0.06 or called > day_end:  # still waiting at day end
            row.update(state="expired", finished_at=day_end)
            history.append(_h(row, "expire", "waiting", "expired", day_end, None))
            return
        counter = rng.choice(counters[service] or ["none"])
        row.update(called_at=called, counter=counter)
        history.append(_h(row, "call", "waiting", "called", called, counter))
        if roll < 0.11:  # no-show, a third of them after a recall
            if rng.random() < 0.33:
                row["recalls"] = 1
                row["called_at"] = called + dt.timedelta(seconds=60)
                history.append(_h(row, "recall", "called", "called", row["called_at"], counter))
            row.update(state="no_show", finished_at=called + dt.timedelta(seconds=180))
            history.append(_h(row, "no_show", "called", "no_show", row["finished_at"], counter))
            return
        started = called + dt.timedelta(seconds=rng.uniform(15, 60))
        took = rng.lognormvariate(math.log(mean_s), 0.5)
        row["started_at"] = started
        history.append(_h(row, "start", "called", "serving", started, counter))
        others = [s for s in counters if s != service and counters[s]]
        if roll < 0.14 and transfer_ok and others:  # transferred to another service
            moved_at = started + dt.timedelta(seconds=took / 2)
            row.update(state="transferred", finished_at=moved_at)
            history.append(_h(row, "transfer", "serving", "transferred", moved_at, counter))
            target = ticket(rng.choice(others), row["arrived_at"], moved_at, 1, row["id"])
            row["transferred_to"] = target["id"]
            serve(target, rng.expovariate(1 / 240), transfer_ok=False)
            return
        row.update(state="done", finished_at=started + dt.timedelta(seconds=took))
        history.append(_h(row, "finish", "serving", "done", row["finished_at"], counter))

    for service, at in arrivals(rng, branch, day, n):
        midday = 1.0 + 1.5 * math.exp(-(((at.astimezone(branch.tz).hour - 12) / 2.5) ** 2))
        row = ticket(service, at, at, 2, None)
        serve(row, rng.expovariate(1 / (420 * midday)), transfer_ok=True)
    guides = [
        dict(
            branch=branch.id,
            guide=rng.choice(list(SITE.guides)),
            outcome=rng.choice(["self_served", "self_served", "ticket", "printed"]),
            business_day=day,
            at=t["issued_at"],
        )
        for t in tickets[::20]
    ]
    return tickets, history, guides


def _h(
    row: Row, action: str, before: str | None, after: str, at: dt.datetime, counter: str | None
) -> Row:
    return dict(
        ticket_id=row["id"],
        action=action,
        from_state=before,
        to_state=after,
        at=at,
        actor="bench",
        counter=counter,
    )


def fill(db: Database, seed: int = 2026) -> int:
    rng = random.Random(seed)
    total = 0
    day = FIRST
    while day <= LAST:
        tickets: list[Row] = []
        history: list[Row] = []
        guides: list[Row] = []
        for branch in SITE.branches.values():
            t, h, g = one_day(rng, branch, day)
            tickets += t
            history += h
            guides += g
        if tickets:
            with db.writer.begin() as conn:
                conn.execute(insert(TICKETS), tickets)
                conn.execute(insert(HISTORY), history)
                if guides:
                    conn.execute(insert(GUIDES), guides)
        total += len(tickets)
        day += dt.timedelta(days=1)
    return total


def size_mb(db: Database) -> float:
    if db.dialect == "sqlite":
        path = make_url(db.url).database or ""
        files = [path, f"{path}-wal"]
        return round(sum(os.path.getsize(f) for f in files if os.path.exists(f)) / 2**20, 1)
    with db.reader.connect() as conn:
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    return round(size / 2**20, 1)


def maintain(db: Database, statement: str) -> None:
    """ANALYZE, VACUUM: outside any transaction."""
    engine = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(statement)
    engine.dispose()


def timed(work: Callable[[], object], runs: int = 5) -> float:
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        took.append(time.perf_counter() - started)
    return round(statistics.median(took), 3)


def reports(db: Database, site: Site, runs: int = 5) -> dict[str, float]:
    branches = list(site.branches)

    def month() -> object:
        with db.read() as s:
            return stats.summary(
                s,
                site,
                branches=branches,
                start=dt.date(2026, 11, 1),
                end=LAST,
                by=stats.By.SERVICE,
            )

    def year() -> object:
        with db.read() as s:
            return stats.summary(
                s, site, branches=branches, start=FIRST, end=LAST, by=stats.By.HOUR
            )

    return {"month_by_service_s": timed(month, runs), "year_by_hour_s": timed(year, runs)}


def run(url: str) -> dict[str, Any]:
    db = open_database(url)
    upgrade(db.url)
    started = time.perf_counter()
    tickets = fill(db)
    out: dict[str, Any] = {
        "tickets": tickets,
        "generate_s": round(time.perf_counter() - started, 1),
    }
    maintain(db, "ANALYZE")
    out["size_before_mb"] = size_mb(db)
    out["unfolded"] = reports(db, SITE, runs=1)
    report = stats.fold(db, SITE, now=NOW, retention_days=stats.DEFAULT_RETENTION_DAYS)
    out["fold"] = {
        "seconds": report.seconds,
        "days_folded": report.days_folded,
        "days_purged": report.days_purged,
        "tickets_deleted": report.tickets_deleted,
        "history_deleted": report.history_deleted,
    }
    out["size_after_mb"] = size_mb(db)
    maintain(db, "VACUUM" if db.dialect == "sqlite" else "VACUUM FULL ANALYZE")
    out["size_after_vacuum_mb"] = size_mb(db)
    nightly = stats.fold(db, SITE, now=NOW + dt.timedelta(days=1), retention_days=90)
    out["nightly_fold_s"] = nightly.seconds
    out["folded"] = reports(db, SITE)
    out["budget_ok"] = max(out["folded"].values()) <= 1.0
    db.dispose()
    return out


def main() -> int:
    global SCALE
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--postgres", default=os.environ.get("DINTUR_TEST_POSTGRES_URL"))
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--no-sqlite", action="store_true")
    args = p.parse_args()
    SCALE = args.scale
    result: dict[str, Any] = {
        "period": [FIRST.isoformat(), LAST.isoformat()],
        "branches": list(SITE.branches),
    }
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            result["sqlite"] = run(f"sqlite:///{Path(folder) / 'bench.db'}")
    if args.postgres:
        name = f"bench_stats_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            result["postgresql"] = run(
                make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
            )
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(json.dumps(result, indent=2))
    return 0


SCALE = 1.0

if __name__ == "__main__":
    raise SystemExit(main())
