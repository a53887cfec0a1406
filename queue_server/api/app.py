"""`create_app(settings)`: everything is built here, nothing at import time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from .. import wire
from ..config import load_site
from ..db.engine import Database, open_database
from ..db.migrate import upgrade
from ..desks import Desks
from ..ledger import Ledger, utcnow
from ..settings import Settings
from ..web import router as web_router
from . import problems
from .events import EventHub
from .limits import BodyLimit
from .pg_listen import PgListener
from .routes import (
    auth,
    branches,
    counters,
    devices,
    events,
    guides,
    pairing,
    status,
    tickets,
)

VERSION = "1"
log = logging.getLogger("dintur.server")


def create_app(settings: Settings) -> FastAPI:
    site = load_site(settings.config_dir)  # a bad config fails here, before serving
    db: Database = open_database(settings.database_url)
    if settings.migrate:
        upgrade(db.url)
    ledger = Ledger(db, site, public_url=settings.public_url, clock=settings.clock or utcnow)
    hub = EventHub(ledger)
    ledger.on_commit = hub.notify

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await hub.start()
        listener = PgListener(db.url, hub.notify) if db.dialect == "postgresql" else None
        if listener is not None:
            listener.start()
        expiry = asyncio.create_task(_expire_loop(ledger, settings.expire_every_s))
        try:
            yield
        finally:
            expiry.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await expiry
            if listener is not None:
                listener.stop()
            await hub.stop()
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
    app.state.desks = Desks(ledger)
    app.state.site = site
    problems.install(app)
    routers = (tickets, counters, branches, status, auth, events, devices, guides, pairing)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(web_router)

    @app.get("/healthz", response_model=wire.Health, tags=["health"])
    def healthz() -> wire.Health:
        ledger.last_seq(next(iter(site.branches)))  # touches the database
        return wire.Health(version=VERSION, database=db.dialect)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


async def _expire_loop(ledger: Ledger, every_s: float) -> None:
    while True:
        try:
            expired = await run_in_threadpool(ledger.expire_stale)
            if expired:
                log.info("expired %d tickets of past business days", expired)
        except Exception:
            log.exception("expiring stale tickets failed; trying again later")
        await asyncio.sleep(every_s)
