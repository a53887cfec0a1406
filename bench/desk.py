"""Caseworker desk benchmark: prints one JSON object.

Runs `dintur server` (demo site, SQLite in a temp dir) as a separate process on 127.0.0.1
and drives real desk view-models (offscreen Qt) against it, measuring:
  - cold start: a fresh interpreter importing the desk, building the window, first paint
  - login: submit → counter list
  - call next: press → the answer on screen, and → the pushed event agreeing with it
  - push: a kiosk issues a ticket → the desk's queue overview shows it
  - two desks pressing call next at the same instant: round time, and that they never
    got the same ticket
  - this process's RSS
Every loop is bounded by a count and a deadline; nothing leaves loopback.

    .venv/bin/python bench/desk.py [--calls 100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import ServerProcess, pct, rss_mb  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk.viewmodels import DeskApp  # noqa: E402
from queue_server import auth  # noqa: E402
from queue_server.client import ApiClient  # noqa: E402
from queue_server.db.engine import Database  # noqa: E402

PASSWORD = "bench-password"
COLD = """
import os, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from desk.views import style
from desk.viewmodels import DeskApp
from desk.views.window import MainWindow
qapp = QApplication([])
style.apply(qapp)
app = DeskApp("http://127.0.0.1:9")
w = MainWindow(app)
w.resize(1366, 768)
w.grab()
print(round((time.perf_counter() - t0) * 1000, 1))
app.tasks.close()
"""


def stats(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_ms": pct(values, 50), "p99_ms": pct(values, 99)}


class Server(ServerProcess):
    """The server, with two caseworkers (anna, bo) to log in as."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"sqlite:///{folder / 'bench.db'}", prepare=add_caseworkers)

    def issue(self, service: str, n: int) -> None:
        with ApiClient(self.base, self.kiosk) as k:
            for _ in range(n):
                k.issue("dokk1", service)


def add_caseworkers(db: Database) -> None:
    for name in ("anna", "bo"):
        auth.add_staff(db, username=name, password=PASSWORD, role="caseworker", branch="dokk1")


def spin(qapp: QApplication, until: Callable[[], bool], timeout: float = 10.0) -> float:
    """Process Qt events until `until()`; returns the seconds it took."""
    t0 = time.perf_counter()
    deadline = t0 + timeout
    while not until():
        qapp.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.0002)
    return time.perf_counter() - t0


def seat(qapp: QApplication, srv: Server, user: str, counter: str) -> tuple[DeskApp, float]:
    app = DeskApp(srv.base, "da", cooldown_ms=0)
    t0 = time.perf_counter()
    app.login.submit(srv.base, user, PASSWORD)
    spin(qapp, lambda: app.screen == "counters")
    login_s = time.perf_counter() - t0
    spin(qapp, lambda: app.connection == "live")
    app.counter_pick.claim(counter)
    spin(qapp, lambda: app.screen == "desk")
    return app, login_s


def cold_start() -> float:
    out = subprocess.run(
        [sys.executable, "-c", COLD], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--calls", type=int, default=100)
    args = p.parse_args()
    result: dict[str, object] = {"cold_start_ms": [cold_start() for _ in range(3)]}
    qapp = QApplication.instance() or QApplication([])
    assert isinstance(qapp, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        srv = Server(Path(tmp))
        try:
            anna, login_s = seat(qapp, srv, "anna", "dokk1-1")
            result["login_ms"] = round(login_s * 1000, 1)

            srv.issue("pas", args.calls)
            spin(qapp, lambda: len(anna.desk.waiting()) == args.calls)
            answer: list[float] = []
            pushed: list[float] = []
            for _ in range(args.calls):
                spin(qapp, lambda: anna.desk.canCallNext)
                before = anna.desk.ticket.id if anna.desk.ticket else None
                t0 = time.perf_counter()
                anna.desk.callNext()

                def answered(before: str | None = before) -> bool:
                    t = anna.desk.ticket
                    return t is not None and t.id != before and not anna.busy

                spin(qapp, answered)
                answer.append(time.perf_counter() - t0)
                mine = anna.desk.ticket.id if anna.desk.ticket else ""

                def pushed_here(mine: str = mine) -> bool:
                    return any(t.id == mine and t.state == "called" for t in anna.tickets)

                spin(qapp, pushed_here)
                pushed.append(time.perf_counter() - t0)
            result["call_next_to_screen"] = stats(answer)
            result["call_next_to_event"] = stats(pushed)

            push: list[float] = []
            with ApiClient(srv.base, srv.kiosk) as kiosk:
                for i in range(50):
                    t0 = time.perf_counter()
                    kiosk.issue("dokk1", "korekort")

                    def counted(i: int = i) -> bool:
                        rows = anna.desk.overview()
                        return any(r.id == "korekort" and r.waiting == i + 1 for r in rows)

                    spin(qapp, counted)
                    push.append(time.perf_counter() - t0)
            result["kiosk_issue_to_desk_overview"] = stats(push)

            bo, _ = seat(qapp, srv, "bo", "dokk1-2")
            srv.issue("pas", 2 * 50)
            spin(qapp, lambda: len(bo.desk.waiting()) >= 100 and len(anna.desk.waiting()) >= 100)
            barrier = threading.Barrier(2, timeout=10)

            def gate() -> None:
                barrier.wait()

            anna.tasks.gate = bo.tasks.gate = gate
            rounds: list[float] = []
            same = 0
            seen: set[str] = set()
            for _ in range(50):
                for a in (anna, bo):

                    def ready(a: Any = a) -> bool:
                        return bool(a.desk.canCallNext)

                    spin(qapp, ready)
                olds = [a.desk.ticket.id if a.desk.ticket else None for a in (anna, bo)]
                t0 = time.perf_counter()
                anna.desk.callNext()
                bo.desk.callNext()
                for a, old in zip((anna, bo), olds, strict=True):

                    def moved_on(a: Any = a, old: str | None = old) -> bool:
                        t = a.desk.ticket
                        return t is not None and t.id != old and not a.busy

                    spin(
                        qapp,
                        moved_on,
                    )
                rounds.append(time.perf_counter() - t0)
                ids = [a.desk.ticket.id for a in (anna, bo) if a.desk.ticket]
                same += ids[0] == ids[1]
                seen.update(ids)
            result["two_desks_same_instant"] = {
                **stats(rounds),
                "same_ticket": same,
                "distinct_tickets": len(seen),
            }
            for a in (anna, bo):
                a.tasks.gate = None
                a.shutdown()
            result["desk_process"] = rss_mb()
        finally:
            srv.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
