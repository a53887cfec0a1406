"""16 kiosks issuing and 8 counters calling at once, against a real server, on both engines.

Bounded: a fixed number of tickets, and a deadline after which the test fails rather
than loops.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import httpx
from sqlalchemy import func, select

from queue_server.db.models import TicketHistoryRow, TicketRow
from tests.support.servers import LiveServer

ISSUERS = 16
PER_ISSUER = 12
COUNTERS = [f"dokk1-{i}" for i in range(1, 9)]
SERVICES = ["pas", "digital-hjaelp"]


def test_concurrent_issue_and_call_lose_nothing_and_never_double(server: LiveServer) -> None:
    issued: list[dict[str, Any]] = []
    errors: list[str] = []
    lock = threading.Lock()
    issuing_done = threading.Event()
    start = threading.Barrier(ISSUERS + len(COUNTERS))
    kiosk_token, cw_token = server.token("kiosk"), server.token("caseworker")

    def kiosk(n: int) -> None:
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {kiosk_token}"}, timeout=30
        ) as c:
            start.wait()
            for i in range(PER_ISSUER):
                r = c.post(
                    "/api/v1/tickets", json={"branch": "dokk1", "service": SERVICES[(n + i) % 2]}
                )
                with lock:
                    if r.status_code == 201:
                        issued.append(r.json())
                    else:
                        errors.append(f"issue {r.status_code} {r.text}")

    called: list[tuple[str, str]] = []

    def counter(counter_id: str) -> None:
        deadline = time.monotonic() + 60
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {cw_token}"}, timeout=30
        ) as c:
            start.wait()
            while time.monotonic() < deadline:
                r = c.post(f"/api/v1/counters/{counter_id}/call-next")
                if r.status_code == 200:
                    with lock:
                        called.append((r.json()["id"], counter_id))
                elif r.status_code == 204:
                    if issuing_done.is_set():
                        return
                    time.sleep(0.005)
                else:
                    with lock:
                        errors.append(f"call {r.status_code} {r.text}")
                    return

    kiosks = [threading.Thread(target=kiosk, args=(n,)) for n in range(ISSUERS)]
    counters = [threading.Thread(target=counter, args=(cid,)) for cid in COUNTERS]
    for t in kiosks + counters:
        t.start()
    for t in kiosks:
        t.join(timeout=90)
    issuing_done.set()
    for t in counters:
        t.join(timeout=90)
    assert not any(t.is_alive() for t in kiosks + counters), "a worker hung"

    assert errors == []
    assert len(issued) == ISSUERS * PER_ISSUER
    # every number unique per service and day
    numbers = Counter((t["service"], t["number"]) for t in issued)
    assert max(numbers.values()) == 1
    # every ticket called exactly once, by one counter
    assert sorted(tid for tid, _ in called) == sorted(t["id"] for t in issued)
    with server.db.read() as s:
        calls = dict(
            s.execute(
                select(TicketHistoryRow.ticket_id, func.count())
                .where(TicketHistoryRow.action == "call")
                .group_by(TicketHistoryRow.ticket_id)
            ).all()
        )
        stored = s.scalar(select(func.count()).select_from(TicketRow))
    assert stored == len(issued)
    assert set(calls.values()) == {1} and len(calls) == len(issued)
