"""How the server grows with the work (part of bench/server.py's JSON, `--growth`).

For each queue size (100, 2,000, 20,000 waiting tickets stored before the server starts):
call-next and issue latency, and the snapshot's size and build time (full, and the compact
kind boards and kiosks ask for); at 3,000 waiting, 200 screens connecting at once; and
issue/call-next on a database holding 200,000 finished tickets against an empty one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Callable
from typing import Any

import websockets
from benchlib import DEMO, KeepAlive, ServerProcess, pct, rss_mb
from sqlalchemy import insert

from queue_server.config import load_site
from queue_server.db.engine import Database
from queue_server.db.models import QueueLineRow, TicketHistoryRow, TicketRow

SERVICES = ["pas", "korekort", "sundhedskort", "digital-hjaelp", "bibliotek"]
COUNTERS = [f"dokk1-{i}" for i in range(1, 9)]
PREFIX = {"pas": "P", "korekort": "K", "sundhedskort": "S", "digital-hjaelp": "D", "bibliotek": "L"}
TZ = load_site(DEMO).branches["dokk1"].tz


def stored(waiting: int, finished: int = 0) -> Callable[[Database], None]:
    """A `prepare` hook: `waiting` tickets today (spread over the services, in the numbers'
    range) and `finished` done tickets of earlier days, written straight to the tables."""

    def prepare(db: Database) -> None:
        now = dt.datetime.now(dt.UTC)
        today = now.astimezone(TZ).date()
        rows: list[dict[str, Any]] = []
        lines: dict[str, int] = {}
        for i in range(waiting):
            service = SERVICES[i % len(SERVICES)]
            # 20,000 waiting in five lines repeats numbers (a real branch would need more
            # services): the database holds them all the same, which is what is measured
            serial = i // len(SERVICES) + 1
            lines[service] = lines.get(service, 0) + 1
            rows.append(ticket(service, today, serial, "waiting", now - dt.timedelta(seconds=i)))
        for i in range(finished):
            service = SERVICES[i % len(SERVICES)]
            day = today - dt.timedelta(days=1 + i // 2000)
            t = ticket(service, day, i % 2000 + 1, "done", now - dt.timedelta(days=1 + i // 2000))
            t.update(
                called_at=t["issued_at"], started_at=t["issued_at"], finished_at=t["issued_at"]
            )
            rows.append(t)
        with db.write() as s:
            for start in range(0, len(rows), 5000):
                s.execute(insert(TicketRow), rows[start : start + 5000])
            if finished:
                history = [
                    {
                        "ticket_id": r["id"],
                        "action": "finish",
                        "from_state": "serving",
                        "to_state": "done",
                        "at": r["issued_at"],
                        "actor": "bench",
                        "counter": "dokk1-1",
                    }
                    for r in rows
                    if r["state"] == "done"
                ]
                for start in range(0, len(history), 5000):
                    s.execute(insert(TicketHistoryRow), history[start : start + 5000])
            for service, n in lines.items():
                s.add(QueueLineRow(branch="dokk1", service=service, waiting=n))

    return prepare


def ticket(service: str, day: dt.date, serial: int, state: str, at: dt.datetime) -> dict[str, Any]:
    number = (serial - 1) % 999 + 1
    return {
        "id": uuid.uuid4().hex,
        "branch": "dokk1",
        "service": service,
        "number_service": service,
        "business_day": day,
        "serial": serial,
        "number": number,
        "display": f"{PREFIX[service]}{number:03d}",
        "state": state,
        "language": "da",
        "paperless": False,
        "priority": 2,
        "arrived_at": at,
        "issued_at": at,
        "status_token": uuid.uuid4().hex,
        "recalls": 0,
    }


async def latencies(srv: ServerProcess, calls: int = 40, issues: int = 200) -> dict[str, Any]:
    desk = {"Authorization": f"Bearer {srv.desk}"}
    kiosk = {"Authorization": f"Bearer {srv.kiosk}"}
    call: list[float] = []
    issue: list[float] = []
    async with KeepAlive(srv.port, desk) as c:
        for i in range(calls):
            t0 = time.perf_counter()
            status, _ = await c.post(f"/api/v1/counters/{COUNTERS[i % len(COUNTERS)]}/call-next")
            call.append(time.perf_counter() - t0)
            assert status in (200, 204), status
    async with KeepAlive(srv.port, kiosk) as c:
        for i in range(issues):
            t0 = time.perf_counter()
            body = {"branch": "dokk1", "service": SERVICES[i % len(SERVICES)]}
            status, _ = await c.post("/api/v1/tickets", body)
            issue.append(time.perf_counter() - t0)
            assert status == 201, status
    return {
        "call_next_p50_ms": pct(call, 50),
        "call_next_p99_ms": pct(call, 99),
        "issue_p50_ms": pct(issue, 50),
        "issue_p99_ms": pct(issue, 99),
    }


async def snapshot_cost(srv: ServerProcess) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for view in ("full", "compact"):
        query = "?view=compact" if view == "compact" else ""
        url = f"ws://127.0.0.1:{srv.port}/api/v1/branches/dokk1/events{query}"
        headers = {"Authorization": f"Bearer {srv.desk}"}
        times, size = [], 0
        for _ in range(3):  # after a write each time: a fresh build, not the shared one
            async with KeepAlive(srv.port, {"Authorization": f"Bearer {srv.kiosk}"}) as k:
                await k.post("/api/v1/tickets", {"branch": "dokk1", "service": "bibliotek"})
            t0 = time.perf_counter()
            async with websockets.connect(url, additional_headers=headers, max_size=None) as ws:
                text = await ws.recv()
            times.append(time.perf_counter() - t0)
            size = len(text)
        out[view] = {"bytes": size, "p50_ms": pct(times, 50)}
    return out


async def screens_connect(srv: ServerProcess, screens: int = 200) -> dict[str, Any]:
    url = f"ws://127.0.0.1:{srv.port}/api/v1/branches/dokk1/events?view=compact"
    headers = {"Authorization": f"Bearer {srv.display}"}
    peak = 0.0

    async def one() -> websockets.ClientConnection:
        ws = await websockets.connect(url, additional_headers=headers, max_size=None)
        await ws.recv()
        return ws

    t0 = time.perf_counter()
    sockets = await asyncio.wait_for(asyncio.gather(*(one() for _ in range(screens))), 60)
    took = time.perf_counter() - t0
    peak = rss_mb(srv.proc.pid)["rss_mb"]
    for ws in sockets:
        await ws.close()
    return {"screens": screens, "all_connected_s": round(took, 2), "server_rss_mb": peak}


def run(url_for: Callable[[str], str]) -> dict[str, Any]:
    """The growth runs on the engine `url_for(name)` gives a fresh database of."""
    out: dict[str, Any] = {}
    for waiting in (100, 2000, 20000):
        srv = ServerProcess(url_for(f"w{waiting}"), stored(waiting))
        try:
            out[f"waiting_{waiting}"] = {
                **asyncio.run(latencies(srv)),
                "snapshot": asyncio.run(snapshot_cost(srv)),
            }
        finally:
            srv.stop()
    srv = ServerProcess(url_for("w3000"), stored(3000))
    try:
        out["screens_connect_at_3000_waiting"] = asyncio.run(screens_connect(srv))
    finally:
        srv.stop()
    for name, finished in (("empty", 0), ("history_200000", 200_000)):
        srv = ServerProcess(url_for(name), stored(100, finished))
        try:
            out[name] = asyncio.run(latencies(srv))
        finally:
            srv.stop()
    return out
