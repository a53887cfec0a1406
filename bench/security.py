"""Hardening figures (JSON): a login flood and a slow-client run against a real server.

1. 200 wrong logins from 48 concurrent clients while a kiosk issues tickets: the server's
   memory before and after, how the logins were answered, and the issue latency meanwhile.
2. 400 slow clients sending a byte a second while a probe asks /healthz twice a second:
   how many probes were answered, how fast, and how many slow clients were cut off.

    .venv/bin/python bench/security.py
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import socket
import tempfile
import threading
import time
from collections import Counter
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx
from benchlib import KeepAlive, ServerProcess, pct, rss_mb

from queue_server import auth
from queue_server.db.engine import Database

FLOOD_LOGINS, FLOOD_CLIENTS = 200, 48
SLOW_CLIENTS, SLOW_SECONDS = 400, 12


def with_staff(db: Database) -> None:
    auth.add_staff(db, username="mette", password="a long password", role="admin", branch="dokk1")


def kiosk_loop(port: int, token: str, stop: Event, out: Queue[list[float]]) -> None:
    """Issue tickets until `stop`, in a process of its own (so the flood's client does
    not share its event loop or its GIL with the measurement); send back the latencies."""

    async def run() -> list[float]:
        times: list[float] = []
        async with KeepAlive(port, {"Authorization": f"Bearer {token}"}) as c:
            for _ in range(20):  # warmed up, as on a running server
                await c.post("/api/v1/tickets", {"branch": "dokk1", "service": "pas"})
            out.put([])  # ready
            while not stop.is_set():
                t0 = time.perf_counter()
                status, _ = await c.post("/api/v1/tickets", {"branch": "dokk1", "service": "pas"})
                times.append(time.perf_counter() - t0)
                assert status == 201, status
                await asyncio.sleep(0.01)
        return times

    out.put(asyncio.run(run()))


async def flood(srv: ServerProcess) -> tuple[Counter[int], float]:
    answers: Counter[int] = Counter()
    left = [FLOOD_LOGINS]

    async def attacker(n: int) -> None:
        async with KeepAlive(srv.port, {}) as c:
            while left[0] > 0:
                left[0] -= 1
                status, _ = await c.post(
                    "/api/v1/auth/login", {"username": f"user{n % 8}", "password": "guess-1234"}
                )
                answers[status] += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(attacker(n) for n in range(FLOOD_CLIENTS)))
    return answers, time.perf_counter() - t0


def login_flood(srv: ServerProcess) -> dict[str, object]:
    ctx = mp.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    kiosk = ctx.Process(target=kiosk_loop, args=(srv.port, srv.kiosk, stop, out))
    kiosk.start()
    out.get(timeout=60)  # warmed up
    before = rss_mb(srv.proc.pid)
    time.sleep(0.3)
    answers, took = asyncio.run(flood(srv))
    time.sleep(0.3)
    stop.set()
    issue_times = out.get(timeout=60)
    kiosk.join(30)
    after = rss_mb(srv.proc.pid)
    total = sum(answers.values())
    return {
        "wrong_logins": total,
        "clients": FLOOD_CLIENTS,
        "answers": dict(sorted(answers.items())),
        "share_429": round(answers[429] / total, 3),
        "seconds": round(took, 2),
        "rss_before_mb": before["rss_mb"],
        "rss_after_mb": after["rss_mb"],
        "peak_rss_mb": after["peak_rss_mb"],
        "rss_growth_mb": round(after["rss_mb"] - before["rss_mb"], 1),
        "issue_around_the_flood": {
            "tickets": len(issue_times),
            "p50_ms": pct(issue_times, 50),
            "p99_ms": pct(issue_times, 99),
            "max_ms": pct(issue_times, 100),
        },
    }


def slow_clients(srv: ServerProcess) -> dict[str, object]:
    stop = threading.Event()
    cut = [0]

    def slow() -> None:
        sockets = []
        for _ in range(SLOW_CLIENTS):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=2)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            sockets.append(s)
        while not stop.is_set():
            for s in list(sockets):
                try:
                    s.sendall(b"X")
                except OSError:
                    sockets.remove(s)
                    s.close()
                    cut[0] += 1
            stop.wait(1.0)
        for s in sockets:
            s.close()

    flood = threading.Thread(target=slow)
    flood.start()
    probes: list[float] = []
    failed = 0
    deadline = time.monotonic() + SLOW_SECONDS
    with httpx.Client(base_url=srv.base, timeout=2) as probe:
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                ok = probe.get("/healthz").status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                probes.append(time.perf_counter() - t0)
            else:
                failed += 1
            time.sleep(0.5)
    stop.set()
    flood.join()
    return {
        "slow_clients": SLOW_CLIENTS,
        "seconds": SLOW_SECONDS,
        "probes_answered": len(probes),
        "probes_failed": failed,
        "probe_p50_ms": pct(probes, 50),
        "probe_p99_ms": pct(probes, 99),
        "slow_clients_cut_off": cut[0],
        "rss_after_mb": rss_mb(srv.proc.pid)["rss_mb"],
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        srv = ServerProcess(f"sqlite:///{Path(folder) / 'sec.db'}", with_staff)
        try:
            result = {"login_flood": login_flood(srv)}
            result["slow_clients"] = slow_clients(srv)
        finally:
            srv.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
