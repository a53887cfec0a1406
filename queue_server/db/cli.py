"""`dintur db upgrade|current`."""

from __future__ import annotations

import argparse
import os

from .engine import open_database
from .migrate import current, upgrade


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dintur db", description="Database migrations.")
    p.add_argument("action", choices=["upgrade", "current"])
    p.add_argument("--database-url", default=os.environ.get("DINTUR_DATABASE_URL"))
    args = p.parse_args(argv)
    db = open_database(args.database_url)
    try:
        if args.action == "upgrade":
            upgrade(db.url)
            print(f"database at head: {db.url.split('@')[-1]}")
        else:
            current(db.url)
    finally:
        db.dispose()
    return 0
