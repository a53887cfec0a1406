"""`dintur stats fold`: fold the days that ended into statistics and delete the tickets
older than the retention (docs/statistics.md, "Retention"). The server does this every
hour by itself; this is for a first run over old history, or a server that is off."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

from queue_server import stats
from queue_server.config import load_site
from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.settings import Settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dintur stats", description="Statistics upkeep.")
    sub = p.add_subparsers(dest="what", required=True)
    fold = sub.add_parser("fold", help="fold ended days into aggregates; purge old tickets")
    fold.add_argument("--database-url", default=os.environ.get("DINTUR_DATABASE_URL"))
    fold.add_argument("--config", type=Path, help="the site folder (default: as the server)")
    fold.add_argument(
        "--retention-days",
        type=int,
        default=None,
        help=f"keep tickets this many days (default {stats.DEFAULT_RETENTION_DAYS}, "
        "or DINTUR_STATS_RETENTION_DAYS)",
    )
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env(
        database_url=args.database_url,
        config_dir=args.config,
        stats_retention_days=args.retention_days,
    )
    site = load_site(settings.config_dir)
    db = open_database(settings.database_url)
    try:
        upgrade(db.url)
        report = stats.fold(
            db,
            site,
            now=dt.datetime.now(dt.UTC),
            retention_days=settings.stats_retention_days,
        )
    finally:
        db.dispose()
    print(json.dumps(dataclasses.asdict(report)))
    return 0
