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
import statistics
import tempfile
import threading
import time
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from queue_server import auth
from queue_server.client import ApiClient, ApiError, ClientError
from queue_server.config import load_site
from queue_server.domain.hours import is_open
from queue_server.domain.site import Site
from queue_server.settings import Settings
from queue_server.shared import wire
from queue_server.shared.i18n import pick_name

log = logging.getLogger("dintur.demo")
CPH = ZoneInfo("Europe/Copenhagen")

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


@dataclass
class SimClock:
    """Simulated time: `start` plus real elapsed time times `speed`."""

    start: dt.datetime
    speed: float
    t0: float = field(default_factory=time.monotonic)

    def __call__(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=(time.monotonic() - self.t0) * self.speed)

    def wait(self, sim_seconds: float, stop: threading.Event) -> bool:
        """Sleep `sim_seconds` of simulated time; True if told to stop meanwhile."""
        return stop.wait(max(0.0, sim_seconds) / self.speed)


@dataclass
class Issued:
    ticket: wire.Ticket
    printed: bool | None  # None: paperless


@dataclass
class Run:
    issued: list[Issued] = field(default_factory=list)
    print_failures: int = 0
    errors: Tally[str] = field(default_factory=Tally)
    lock: threading.Lock = field(default_factory=threading.Lock)


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
    start = opening_morning(site, dt.datetime.now(CPH).date())
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
        summary = _summary(site, url, admin, run, printers, clock, minutes, speed, start, branches)
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


def _summary(
    site: Site,
    url: str,
    admin: str,
    run: Run,
    printers: Printers,
    clock: SimClock,
    minutes: float,
    speed: float,
    start: dt.datetime,
    branches: list[Any],
) -> dict[str, Any]:
    waits: list[float] = []
    errors: list[float] = []
    within = 0
    states: Tally[str] = Tally()
    per_branch: Tally[str] = Tally()
    with ApiClient(url, admin, timeout=10) as api:
        for item in run.issued:
            t = api.ticket(item.ticket.id)
            states[t.state] += 1
            per_branch[t.branch] += 1
            if t.called_at is None:
                continue
            wait = (t.called_at - t.issued_at).total_seconds()
            waits.append(wait)
            est = item.ticket.estimated_wait
            if est is not None:
                errors.append((est.low_s + est.high_s) / 2 - wait)
                within += est.low_s <= wait <= est.high_s
    served = states["done"] + states["serving"]
    return {
        "site": site.name,
        "simulated_start": start.isoformat(),
        "simulated_minutes": minutes,
        "speed": speed,
        "branches": sorted(per_branch),
        "tickets_issued": len(run.issued),
        "tickets_by_branch": dict(per_branch),
        "printed": sum(1 for i in run.issued if i.printed),
        "paperless": sum(1 for i in run.issued if i.printed is None),
        "print_failures": run.print_failures,
        "served": served,
        "no_shows": states["no_show"],
        "still_waiting": states["waiting"],
        "states": dict(states),
        "wait_min": {
            "mean": _minutes(statistics.fmean(waits)) if waits else None,
            "p90": _minutes(_quantile(waits, 0.9)) if waits else None,
            "max": _minutes(max(waits)) if waits else None,
        },
        "prediction": {
            "tickets": len(errors),
            "mean_abs_error_min": _minutes(statistics.fmean(abs(e) for e in errors))
            if errors
            else None,
            "bias_min": _minutes(statistics.fmean(errors)) if errors else None,
            "within_range_pct": round(100 * within / len(errors), 1) if errors else None,
        },
        "errors": dict(run.errors),
        "ticket_pngs": printers.png_count(),
    }


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Printers:
    """One virtual printer per branch on loopback, each writing a PNG per ticket."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._printers: dict[str, Any] = {}
        self._devices: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.available = True
        try:
            import printers  # noqa: F401
        except ImportError:  # pragma: no cover - printers/ is part of the repo
            self.available = False

    def print_ticket(self, site: Site, ticket: wire.Ticket) -> bool:
        if not self.available:
            return False
        from kiosk.printing import ticket_print_from_wire
        from printers.device import TicketPrinter
        from printers.layout import render_ticket
        from printers.sim import VirtualPrinter

        branch = site.branches[ticket.branch]
        service = site.services[ticket.service]
        with self._lock:
            if ticket.branch not in self._devices:
                sim = VirtualPrinter(self.folder / ticket.branch)
                host, port = sim.start_tcp()
                self._printers[ticket.branch] = sim
                self._devices[ticket.branch] = TicketPrinter.from_uri(f"tcp://{host}:{port}")
            device = self._devices[ticket.branch]
        job = render_ticket(
            ticket_print_from_wire(
                ticket,
                pick_name(branch.names, ticket.language),
                service.names,
                pick_name(service.note, ticket.language) if service.note else None,
            )
        )
        return bool(device.print(job).printed)

    def png_count(self) -> int:
        return sum(1 for _ in self.folder.rglob("*.png")) if self.folder.exists() else 0

    def close(self) -> None:
        for device in self._devices.values():
            device.close()
        for sim in self._printers.values():
            sim.stop()


def default_out_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="dintur-demo-"))
