"""`dintur demo --headless`: a working day in fast motion, with no windows.

The server runs in this process on a clock that goes `speed` times faster than real time,
starting at the next opening morning, so tickets, waits and the server's own estimates are
all in simulated time. Simulated citizens arrive by a time-of-day profile at every branch
that is open, take tickets over HTTP like a kiosk (printed on a virtual printer unless
paperless); simulated caseworkers claim the counters and call, serve, recall and mark
no-shows. It ends with a JSON summary and the ticket PNGs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import random
import threading
import time
from pathlib import Path
from typing import Any

from queue_server import auth
from queue_server.client import ApiClient, ApiError, ClientError
from queue_server.config import load_site
from queue_server.domain.hours import is_open
from queue_server.domain.site import Site
from queue_server.settings import Settings

from .model import Issued, Run, SimClock
from .printing import Printers
from .summary import summary as summarise

log = logging.getLogger("dintur.demo")

# arrivals per hour at the busiest branch at its busiest hour, scaled for the others
BASE_RATE_PER_H = {"dokk1": 70.0}
LOCAL_RATE_PER_H = 6.0
HOURLY = {8: 0.4, 9: 0.7, 10: 1.3, 11: 1.2, 12: 0.9, 13: 1.0, 14: 0.9, 15: 0.7, 16: 0.6, 17: 0.6}
MIX = {
    "pas": 25,
    "korekort": 15,
    "sundhedskort": 8,
    "flytning": 10,
    "mitid": 14,
    "betaling": 5,
    "international": 5,
    "pension": 4,
    "bibliotek": 8,
    "digital-hjaelp": 8,
}
LANGUAGES = {"da": 80, "en": 9, "ar": 4, "uk": 3, "tr": 2, "pl": 1, "so": 1}
PAPERLESS = 0.2
NO_SHOW = 0.05
WALK_S = 45.0  # from the waiting area to the counter
BETWEEN_S = 20.0  # a caseworker's breath between citizens


def opening_morning(site: Site, today: dt.date, hour: int = 10) -> dt.datetime:
    """The first day from `today` on which Dokk1 (or the first branch) is open at `hour`."""
    branch = site.branches.get("dokk1") or next(iter(site.branches.values()))
    for offset in range(30):
        day = today + dt.timedelta(days=offset)
        at = dt.datetime.combine(day, dt.time(hour), tzinfo=branch.tz)
        if _open_somewhere(site, branch.id, at):
            return at
    return dt.datetime.combine(today, dt.time(hour), tzinfo=branch.tz)


def run_headless(
    config_dir: Path,
    minutes: float,
    speed: float,
    out_dir: Path,
    *,
    seed: int = 7,
    stop: threading.Event | None = None,
) -> dict[str, Any]:
    from queue_server.api.thread import ServerThread, free_port
    from queue_server.server import create_app

    stop = stop or threading.Event()
    rng = random.Random(seed)
    site = load_site(config_dir)
    home = next(iter(site.branches.values())).tz  # the site's first branch's own zone
    start = opening_morning(site, dt.datetime.now(home).date())
    clock = SimClock(start.astimezone(dt.UTC), speed)
    out_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings = Settings(
        config_dir=config_dir,
        database_url=f"sqlite:///{out_dir / 'demo.db'}",
        public_url=url,
        clock=clock,
        expire_every_s=3600.0,
    )
    app = create_app(settings)
    server = ServerThread(app, port).start()
    printers = Printers(out_dir / "tickets")
    run = Run()
    t_real = time.monotonic()
    threads: list[threading.Thread] = []
    try:
        branches = [b for b in site.branches.values() if _open_somewhere(site, b.id, clock())]
        for branch in branches:
            kiosk = auth.create_token(app.state.db, role="kiosk", branch=branch.id, label="sim")
            desk = auth.create_token(
                app.state.db, role="caseworker", branch=branch.id, label="sim desk"
            )
            threads.append(
                threading.Thread(
                    target=_citizens,
                    args=(
                        site,
                        branch.id,
                        url,
                        kiosk,
                        clock,
                        minutes,
                        rng.random(),
                        run,
                        printers,
                        stop,
                    ),
                    name=f"citizens-{branch.id}",
                    daemon=True,
                )
            )
            for counter in branch.counters:
                threads.append(
                    threading.Thread(
                        target=_caseworker,
                        args=(site, counter.id, url, desk, clock, rng.random(), run, stop),
                        name=f"desk-{counter.id}",
                        daemon=True,
                    )
                )
        for t in threads:
            t.start()
        clock.wait(minutes * 60, stop)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        admin = auth.create_token(app.state.db, role="admin", branch=None, label="sim summary")
        summary = summarise(site, url, admin, run, printers, clock, minutes, speed, start, branches)
        summary["real_seconds"] = round(time.monotonic() - t_real, 1)
        summary["output"] = str(out_dir)
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
        return summary
    finally:
        stop.set()
        printers.close()
        server.stop()
        app.state.db.dispose()


def _open_somewhere(site: Site, branch_id: str, at: dt.datetime) -> bool:
    branch = site.branches[branch_id]
    return any(is_open(o.hours, at, branch.tz) for o in branch.services)


def _citizens(
    site: Site,
    branch_id: str,
    url: str,
    token: str,
    clock: SimClock,
    minutes: float,
    seed: float,
    run: Run,
    printers: Printers,
    stop: threading.Event,
) -> None:
    rng = random.Random(seed)
    branch = site.branches[branch_id]
    base = BASE_RATE_PER_H.get(branch_id, LOCAL_RATE_PER_H)
    with ApiClient(url, token, timeout=10) as api:
        while not stop.is_set():
            now = clock()
            rate = base * HOURLY.get(now.astimezone(branch.tz).hour, 0.3)
            if clock.wait(rng.expovariate(rate / 3600.0), stop):
                return
            now = clock()
            open_now = [
                o.service
                for o in branch.services
                if is_open(o.hours, now, branch.tz) and o.service in MIX
            ]
            if not open_now:
                continue
            service = rng.choices(open_now, weights=[MIX[s] for s in open_now])[0]
            language = rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
            paperless = rng.random() < PAPERLESS
            try:
                ticket = api.issue(branch_id, service, language, paperless)
            except ApiError as exc:
                with run.lock:
                    run.errors[exc.code] += 1  # e.g. service_full: the citizen comes back later
                continue
            except ClientError as exc:
                with run.lock:
                    run.errors[type(exc).__name__] += 1
                continue
            printed = None if paperless else printers.print_ticket(site, ticket)
            with run.lock:
                run.issued.append(Issued(ticket, printed))
                if printed is False:
                    run.print_failures += 1


def _caseworker(
    site: Site,
    counter_id: str,
    url: str,
    token: str,
    clock: SimClock,
    seed: float,
    run: Run,
    stop: threading.Event,
) -> None:
    rng = random.Random(seed)
    with ApiClient(url, token, timeout=10) as api:
        try:
            api.claim(counter_id)
        except ClientError:
            return
        while not stop.is_set():
            try:
                ticket = api.call_next(counter_id)
                if ticket is None:
                    if clock.wait(30, stop):
                        break
                    continue
                if rng.random() < NO_SHOW:
                    if clock.wait(60, stop):
                        break
                    api.act(ticket.id, "recall")
                    if clock.wait(90, stop):
                        break
                    api.act(ticket.id, "no-show")
                    continue
                if clock.wait(rng.uniform(0.5, 1.5) * WALK_S, stop):
                    break
                api.act(ticket.id, "start")
                mean = site.services[ticket.service].mean_service_s
                if clock.wait(rng.lognormvariate(0, 0.45) * mean * 0.9, stop):
                    break
                api.act(ticket.id, "finish")
                if clock.wait(BETWEEN_S, stop):
                    break
            except ClientError as exc:
                with run.lock:
                    run.errors[getattr(exc, "code", type(exc).__name__)] += 1
                if clock.wait(30, stop):
                    break
        with contextlib.suppress(ClientError):
            api.release(counter_id)
