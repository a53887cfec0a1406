"""`dintur demo`: the whole system on one machine.

For now: the queue server on SQLite with the Aarhus site, and ready-made tokens so a
kiosk, display or desk (or curl) can talk to it. The apps join as they land (issue 6).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from .settings import REPO_CONFIG, Settings


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dintur demo", description="Run the DinTur demo locally.")
    p.add_argument("--config", type=Path, default=REPO_CONFIG / "aarhus")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--database-url", help="default: SQLite in the user data dir")
    args = p.parse_args(argv)

    import uvicorn

    from . import auth
    from .api.app import create_app

    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    url = f"http://127.0.0.1:{args.port}"
    app = create_app(
        Settings.from_env(config_dir=args.config, database_url=args.database_url, public_url=url)
    )
    db = app.state.db
    branches = app.state.site.branches
    branch = "dokk1" if "dokk1" in branches else next(iter(branches))
    kiosk = auth.create_token(db, role="kiosk", branch=branch, label="demo kiosk")
    desk = auth.create_token(db, role="caseworker", branch=branch, label="demo desk")
    print(
        f"""
DinTur demo: {app.state.site.name}
  server      {url}   (API docs: {url}/docs)
  database    {db.url}
  branch      {branch}

Try it (a kiosk issues, a desk calls):
  curl -s -X POST {url}/api/v1/tickets -H 'Authorization: Bearer {kiosk}' \\
       -H 'content-type: application/json' -d '{{"branch": "{branch}", "service": "pas"}}'
  curl -s -X POST {url}/api/v1/counters/<counter id>/call-next -H 'Authorization: Bearer {desk}'
Services outside their opening hours answer 409 service_closed with the next opening.
Ctrl-C stops it.
""",
        flush=True,
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0
