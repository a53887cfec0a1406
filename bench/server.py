"""Queue server benchmark: prints one JSON object.

Runs `dintur server` as a separate process on 127.0.0.1 (SQLite, and PostgreSQL when
DINTUR_TEST_POSTGRES_URL is set or a throwaway cluster can be started) and measures,
from this process:
  - tickets/s and p50/p99 issue latency with 1 and 16 concurrent HTTP clients (a
    lean keep-alive client, so the load generator does not eat the server's CPU; the
    same load from httpx is reported beside it)
  - call-next latency with 8 counters calling at once
  - time from a call-next until all of 200 WebSocket subscribers have the event
  - the server's RSS (current and peak)
Every loop is bounded by a count; nothing leaves loopback.

    .venv/bin/python bench/server.py [--engines sqlite,postgresql] [--tickets 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from functools import partial

import growth
import httpx
import websockets
from benchlib import ROOT, HttpxPoster, KeepAlive, pct, rss_mb
from benchlib import ServerProcess as Server

COUNTERS = [f"dokk1-{i}" for i in range(1, 9)]
Poster = KeepAlive | HttpxPoster
SERVICES = ["pas", "korekort", "sundhedskort", "digital-hjaelp", "bibliotek"]


async def issue_load(
    srv: Server, clients: int, total: int, client: type[Poster] = KeepAlive
) -> dict[str, object]:
    latencies: list[float] = []
    numbers: list[tuple[str, str]] = []
    errors = 0
    per_client = total // clients
    headers = {"Authorization": f"Bearer {srv.kiosk}"}

    async def one(n: int) -> None:
        nonlocal errors
        async with client(srv.port, headers) as c:
            for i in range(per_client):
                # spread over the services: one service holds at most 999 open numbers
                service = SERVICES[(n + i) % len(SERVICES)]
                t0 = time.perf_counter()
                status, body = await c.post(
                    "/api/v1/tickets", {"branch": "dokk1", "service": service}
                )
                latencies.append(time.perf_counter() - t0)
                if status == 201:
                    numbers.append((service, json.loads(body)["number"]))
                else:
                    errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(clients)))
    elapsed = time.perf_counter() - t0
    dup = sum(c - 1 for c in Counter(numbers).values() if c > 1)
    return {
        "clients": clients,
        "tickets": len(latencies),
        "tickets_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(latencies, 50),
        "p99_ms": pct(latencies, 99),
        "errors": errors,
        "duplicate_numbers": dup,
    }


async def call_load(srv: Server, calls_per_counter: int) -> dict[str, object]:
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {srv.desk}"}

    async def counter(cid: str) -> None:
        async with KeepAlive(srv.port, headers) as c:
            for _ in range(calls_per_counter):
                t0 = time.perf_counter()
                status, _body = await c.post(f"/api/v1/counters/{cid}/call-next")
                latencies.append(time.perf_counter() - t0)
                if status == 204:
                    return

    await asyncio.gather(*(counter(cid) for cid in COUNTERS))
    return {
        "counters": len(COUNTERS),
        "calls": len(latencies),
        "p50_ms": pct(latencies, 50),
        "p99_ms": pct(latencies, 99),
    }


async def fanout(srv: Server, subscribers: int, rounds: int) -> dict[str, object]:
    url = f"ws://127.0.0.1:{srv.port}/api/v1/branches/dokk1/events?token={srv.display}"
    sockets = []
    for _ in range(subscribers):
        ws = await websockets.connect(url, max_size=None)
        await ws.recv()  # the snapshot
        sockets.append(ws)
    headers = {"Authorization": f"Bearer {srv.desk}"}
    kiosk = {"Authorization": f"Bearer {srv.kiosk}"}
    delays: list[float] = []
    # this process holds 200 sockets and every earlier phase's garbage: its collector's
    # pauses (not the server's) made the slowest round, so it waits until the end
    gc.collect()
    gc.disable()
    try:
        async with httpx.AsyncClient(base_url=srv.base, timeout=30) as c:
            for _ in range(rounds):
                await c.post(
                    "/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}, headers=kiosk
                )
                for ws in sockets:  # drain the issued event everywhere (never hang: 10 s)
                    await asyncio.wait_for(ws.recv(), 10)
                t0 = time.perf_counter()
                r = await c.post("/api/v1/counters/dokk1-1/call-next", headers=headers)
                wanted = r.json()["id"]

                async def until_called(
                    ws: websockets.ClientConnection, wanted: str = wanted
                ) -> None:
                    while True:
                        event = json.loads(await ws.recv())
                        if event.get("type") == "ticket.called" and event["ticket"]["id"] == wanted:
                            return

                await asyncio.wait_for(asyncio.gather(*(until_called(ws) for ws in sockets)), 10)
                delays.append(time.perf_counter() - t0)
    finally:
        gc.enable()
    for ws in sockets:
        await ws.close()
    return {
        "subscribers": subscribers,
        "rounds": rounds,
        "p50_ms": pct(delays, 50),
        "p99_ms": pct(delays, 99),
    }


async def run_engine(url: str, tickets: int) -> dict[str, object]:
    srv = Server(url)
    try:
        out: dict[str, object] = {}
        print(f"bench: {url.split(':')[0]} issue", file=sys.stderr, flush=True)
        out["issue_1_client"] = await issue_load(srv, 1, min(500, tickets))
        out["issue_16_clients"] = await issue_load(srv, 16, tickets)
        # the same from httpx: here the client costs as much CPU as the server
        out["issue_16_httpx_clients"] = await issue_load(srv, 16, tickets // 2, HttpxPoster)
        out["call_next_8_counters"] = await call_load(srv, calls_per_counter=100)
        print("bench: fan-out to 200", file=sys.stderr, flush=True)
        out["call_to_200_subscribers"] = await fanout(srv, 200, rounds=100)
        out["server"] = rss_mb(srv.proc.pid)
        return out
    finally:
        srv.stop()


async def two_instances(url: str, tickets: int) -> dict[str, object]:
    """Two servers on one PostgreSQL database: issue load split over both, and a screen
    on each that must get every event once, in order."""
    a, b = Server(url), Server(url)
    try:
        seqs: dict[str, list[int]] = {"a": [], "b": []}

        async def watch(srv: Server, name: str, stop: asyncio.Event) -> None:
            ws_url = f"ws://127.0.0.1:{srv.port}/api/v1/branches/dokk1/events?view=compact"
            headers = {"Authorization": f"Bearer {srv.display}"}
            async with websockets.connect(ws_url, additional_headers=headers) as ws:
                first = json.loads(await ws.recv())
                last = first["snapshot"]["seq"]
                while not stop.is_set() or last < target[0]:
                    event = json.loads(await asyncio.wait_for(ws.recv(), 15))
                    seqs[name].append(event["seq"])
                    last = event["seq"]

        stop, target = asyncio.Event(), [0]
        watchers = [asyncio.create_task(watch(srv, n, stop)) for srv, n in ((a, "a"), (b, "b"))]
        await asyncio.sleep(0.5)
        t0 = time.perf_counter()
        loads = await asyncio.gather(issue_load(a, 8, tickets // 2), issue_load(b, 8, tickets // 2))
        took = time.perf_counter() - t0
        with httpx.Client(base_url=a.base, headers={"Authorization": f"Bearer {a.desk}"}) as c:
            target[0] = c.get("/api/v1/branches/dokk1/queue").json()["seq"]
        stop.set()
        await asyncio.wait_for(asyncio.gather(*watchers), 60)
        issued = sum(int(str(load["tickets"])) for load in loads)
        in_order = all(s == list(range(s[0], s[0] + len(s))) for s in seqs.values() if s)
        return {
            "tickets": issued,
            "tickets_per_s": round(issued / took, 1),
            "errors": sum(int(str(load["errors"])) for load in loads),
            "events_seen": {k: len(v) for k, v in seqs.items()},
            "every_event_once_in_order_on_both": in_order and seqs["a"] == seqs["b"],
        }
    finally:
        a.stop()
        b.stop()


def postgres(durable: bool) -> tuple[str | None, bool]:
    """A database URL (the environment's, else a throwaway cluster) and whether we started it."""
    url = os.environ.get("DINTUR_TEST_POSTGRES_URL")
    if url and not durable:
        return url, False
    env = {**os.environ, "DINTUR_PG_DURABLE": "1" if durable else ""}
    r = subprocess.run(
        [ROOT / "scripts" / "pg-throwaway", "start"], capture_output=True, text=True, env=env
    )
    return (r.stdout.strip(), True) if r.returncode == 0 else (None, False)


def fresh_pg_database(base: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--engines", default="sqlite,postgresql")
    p.add_argument("--tickets", type=int, default=2000)
    p.add_argument("--growth", action="store_true", help="the growth runs too (minutes)")
    args = p.parse_args()
    result: dict[str, object] = {"cores": os.cpu_count()}
    for engine in args.engines.split(","):
        if engine == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                result["sqlite"] = asyncio.run(
                    run_engine(f"sqlite:///{tmp}/bench.db", args.tickets)
                )
                if args.growth:
                    print("bench: growth (sqlite)", file=sys.stderr, flush=True)
                    result["sqlite_growth"] = growth.run(
                        partial("sqlite:///{0}/{1}.db".format, tmp)
                    )
        elif engine == "postgresql":
            url, started = postgres(durable=True)
            if url is None:
                result["postgresql"] = "skipped: PostgreSQL is not installed"
                continue
            try:
                result["postgresql_durable"] = "fsync=on, synchronous_commit=on"
                result["postgresql"] = asyncio.run(
                    run_engine(fresh_pg_database(url, "bench_one"), args.tickets)
                )
                print("bench: two PostgreSQL instances", file=sys.stderr, flush=True)
                result["postgresql_two_instances"] = asyncio.run(
                    two_instances(fresh_pg_database(url, "bench_two"), args.tickets)
                )
                if args.growth:
                    print("bench: growth (postgresql)", file=sys.stderr, flush=True)
                    result["postgresql_growth"] = growth.run(partial(fresh_pg_database, url))
            finally:
                if started:
                    subprocess.run([ROOT / "scripts" / "pg-throwaway", "stop"], check=False)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
