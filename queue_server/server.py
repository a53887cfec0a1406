"""`create_app(settings)`: everything is built here, nothing at import time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from .api import openapi, problems
from .api.limits import BodyLimit
from .api.routes import (
    auth,
    branches,
    counters,
    devices,
    events,
    guides,
    open_data,
    pairing,
    stats,
    status,
    tickets,
)
from .config import load_site
from .db.engine import Database, open_database
from .db.migrate import upgrade
from .guard import redact
from .guard.throttle import LoginGuard
from .hub.events import EventHub
from .hub.pg_listen import PgListener
from .hub.snapshots import Snapshots
from .ledger import Ledger, utcnow
from .ledger.log import EventLog
from .settings import Settings
from .shared import wire
from .stats import fold
from .web import router as web_router
from .web.feed import BoardFeeds

VERSION = "1"
#: how often opening hours are looked at (a service opening is on screens this soon)
HOURS_EVERY_S = 5.0
PRUNE_EVERY_S = 3600.0
log = logging.getLogger("dintur.server")


def create_app(settings: Settings) -> FastAPI:
    redact.install()  # no token or citizen's link in any log line of this process
    site = load_site(settings.config_dir)  # a bad config fails here, before serving
    db: Database = open_database(settings.database_url)
    try:
        db.claim_for_server()  # a second server on this SQLite file is refused, clearly
    except ValueError:
        db.dispose()
        raise
    if settings.migrate:
        upgrade(db.url)
    log = EventLog(db)
    hub = EventHub(log, site.branches, db)
    ledger = Ledger(
        db,
        site,
        public_url=settings.public_url,
        clock=settings.clock or utcnow,
        on_commit=hub.notify,
        log=log,
    )
    feeds = BoardFeeds(ledger, hub)
    login_guard = LoginGuard()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(ledger.services.prime)
        await hub.start()
        listener = PgListener(db.url, hub.notify) if db.dialect == "postgresql" else None
        if listener is not None:
            listener.start()
        loops = [
            asyncio.create_task(_every(settings.expire_every_s, _expire, ledger)),
            asyncio.create_task(_every(HOURS_EVERY_S, _opening_hours, ledger)),
            asyncio.create_task(_every(PRUNE_EVERY_S, _prune(settings), ledger)),
            asyncio.create_task(_every(settings.stats_fold_every_s, _fold(settings), ledger)),
        ]
        try:
            yield
        finally:
            for loop in loops:
                loop.cancel()
            for loop in loops:
                with contextlib.suppress(asyncio.CancelledError):
                    await loop
            if listener is not None:
                listener.stop()
            await feeds.stop()
            await hub.stop()
            login_guard.hashing.close()
            db.dispose()

    app = FastAPI(
        title="DinTur queue server",
        version=VERSION,
        lifespan=lifespan,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.db = db
    app.state.ledger = ledger
    app.state.hub = hub
    app.state.web_feeds = feeds  # the web pages' live feeds, shared by every screen
    app.state.snapshots = Snapshots(ledger)  # one snapshot per seq for every socket
    app.state.site = site
    app.state.login_guard = login_guard
    problems.install(app)
    openapi.install(app)
    routers = (tickets, counters, branches, status, auth, events, devices, guides, pairing, stats)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(open_data.router)
    app.include_router(web_router)

    @app.get("/healthz", response_model=wire.Health, tags=["health"])
    def healthz() -> wire.Health:
        ledger.log.last_seq(next(iter(site.branches)))  # touches the database
        return wire.Health(version=VERSION, database=db.dialect)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


async def _every(every_s: float, job: Callable[[Ledger], None], ledger: Ledger) -> None:
    while True:
        try:
            await run_in_threadpool(job, ledger)
        except Exception:
            log.exception("%s failed; trying again later", job.__name__)
        await asyncio.sleep(every_s)


def _expire(ledger: Ledger) -> None:
    expired = ledger.tickets.expire_stale()
    if expired:
        log.info("expired %d tickets of past business days", expired)


def _prune(settings: Settings) -> Callable[[Ledger], None]:
    def prune_events(ledger: Ledger) -> None:
        gone = ledger.log.prune(ledger.clock() - settings.event_retention)
        if gone:
            log.info("forgot %d events older than %s", gone, settings.event_retention)

    return prune_events


def _fold(settings: Settings) -> Callable[[Ledger], None]:
    def fold_statistics(ledger: Ledger) -> None:
        """Fold the days that ended into statistics; purge those past the retention (the
        work falls in the first run after midnight: the rest of the day it finds none)."""
        done = fold(
            ledger.db, ledger.site, now=ledger.clock(), retention_days=settings.stats_retention_days
        )
        if done.days_folded or done.days_purged:
            log.info(
                "statistics: folded %d days (%d tickets), purged %d (%d tickets) in %.1f s",
                done.days_folded,
                done.tickets_folded,
                done.days_purged,
                done.tickets_deleted,
                done.seconds,
            )

    return fold_statistics


def _opening_hours(ledger: Ledger) -> None:
    """Tell the screens when a service opens or closes (no write does)."""
    ledger.services.tick()
