"""What the benchmarks share: percentiles, memory, and a real server in its own process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from queue_server import auth  # noqa: E402
from queue_server.api.thread import free_port  # noqa: E402
from queue_server.db.engine import Database, open_database  # noqa: E402
from queue_server.db.migrate import upgrade  # noqa: E402

DEMO = ROOT / "config" / "demo"
__all__ = [
    "DEMO",
    "ROOT",
    "HttpxPoster",
    "KeepAlive",
    "ServerProcess",
    "free_port",
    "pct",
    "rss_mb",
]


def pct(values: list[float], p: float, digits: int = 2) -> float:
    """The p-th percentile of durations in seconds, in milliseconds."""
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k] * 1000, digits)


def rss_mb(pid: int | str = "self") -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


class ServerProcess:
    """`dintur server` with the demo site on 127.0.0.1, as its own process, with kiosk,
    caseworker and display tokens for dokk1; `prepare(db)` adds what a benchmark needs."""

    def __init__(self, url: str, prepare: Callable[[Database], None] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        db = open_database(url)
        upgrade(db.url)
        self.kiosk = auth.create_token(db, role="kiosk", branch="dokk1")
        self.desk = auth.create_token(db, role="caseworker", branch="dokk1")
        self.display = auth.create_token(db, role="display", branch="dokk1")
        if prepare is not None:
            prepare(db)
        db.dispose()
        cmd = [sys.executable, "-m", "dintur.cli", "server", "--config", str(DEMO)]
        cmd += ["--database-url", url, "--port", str(self.port), "--log-level", "warning"]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        for _ in range(300):  # bounded: 15 s
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class KeepAlive:
    """A minimal HTTP/1.1 keep-alive client for load (like wrk's, in Python).

    The load generator shares the machine's two cores with the server. httpx spent about
    1.8 ms of CPU per request here, as much as the server, so with it the numbers said
    more about the client than the server. This sends one request at a time on one
    connection and reads a Content-Length body: all our JSON API answers have one."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> KeepAlive:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.writer is not None
        self.writer.close()
        await self.writer.wait_closed()

    async def post(self, path: str, body: object | None = None) -> tuple[int, bytes]:
        assert self.reader is not None and self.writer is not None
        data = b"" if body is None else json.dumps(body).encode()
        request = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.head}"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        self.writer.write(request.encode() + data)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length) if length else b""


class HttpxPoster:
    """KeepAlive's interface over httpx (what the apps use), to show what the client costs."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.client = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30
        )

    async def __aenter__(self) -> HttpxPoster:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def post(self, path: str, body: object | None = None) -> tuple[int, bytes]:
        r = await self.client.post(path, json=body)
        return r.status_code, r.content
