"""Display benchmark: prints one JSON object.

How long after `call-next` returns does the number show on a waiting-room display?
Runs `dintur server` (SQLite, demo site) as its own process on 127.0.0.1 and connects
50 displays to branch dokk1:
  - 1 Qt display (this process, offscreen): done when its QML shows the number and the
    next frame has been rendered (QQuickWindow.frameSwapped);
  - 1 web display in headless Chromium (Playwright, dintur/browser.py): done when board.js
    has put the number on the page (it reports through a binding, window.dinturShown);
  - 24 display-token event sockets (what a Qt display listens to) and 24 public board
    feeds (what a web display listens to), which must each get every call.
Each run issues a ticket, calls it, and waits for all 50. Every loop is bounded.

    .venv/bin/python bench/display.py [--runs 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QSG_RENDER_LOOP", "basic")  # frames render (and are timed) on this thread
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

import httpx
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import ServerProcess as Server  # noqa: E402
from benchlib import pct  # noqa: E402
from PySide6.QtCore import QEventLoop, QSize  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402

from dintur.browser import BOARD, chromium, new_page  # noqa: E402
from display.app import DisplayApp, Options  # noqa: E402

COUNTERS = [f"dokk1-{i}" for i in range(1, 9)]
SERVICES_OF = {  # a service each demo counter serves
    "dokk1-1": "pas",
    "dokk1-2": "korekort",
    "dokk1-3": "pas",
    "dokk1-4": "korekort",
    "dokk1-5": "sundhedskort",
    "dokk1-6": "sundhedskort",
    "dokk1-7": "bibliotek",
    "dokk1-8": "digital-hjaelp",
}
RAW_SOCKETS = 24
BOARD_SOCKETS = 24
TIMEOUT_S = 10.0


def summary(values: list[float]) -> dict[str, float]:
    return {p: pct(values, q, 1) for p, q in (("p50_ms", 50), ("p99_ms", 99), ("max_ms", 100))}


class Listeners:
    """48 sockets on their own asyncio thread; counts, per number, who has seen it."""

    def __init__(self, srv: Server) -> None:
        self.srv = srv
        self.seen: dict[str, set[int]] = {}
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self.thread.start()
        if not self.ready.wait(30):
            raise RuntimeError(f"listeners did not connect: {self.errors}")

    def count(self, number: str) -> int:
        with self.lock:
            return len(self.seen.get(number, ()))

    def _mark(self, number: str, who: int) -> None:
        with self.lock:
            self.seen.setdefault(number, set()).add(who)

    async def _main(self) -> None:
        ws_base = f"ws://127.0.0.1:{self.srv.port}"
        raw = f"{ws_base}/api/v1/branches/dokk1/events?token={self.srv.display}"
        board = f"{ws_base}/api/v1/board/dokk1/events"
        connected = 0

        async def follow(who: int, url: str, is_board: bool) -> None:
            nonlocal connected
            async with websockets.connect(url, max_size=None) as ws:
                await ws.recv()  # snapshot / first board
                connected += 1
                if connected == RAW_SOCKETS + BOARD_SOCKETS:
                    self.ready.set()
                while not self.stop.is_set():
                    try:
                        message = json.loads(await asyncio.wait_for(ws.recv(), 0.5))
                    except TimeoutError:
                        continue
                    if is_board:
                        if message.get("calls"):
                            self._mark(message["calls"][0]["number"], who)
                    elif message.get("type") == "ticket.called":
                        self._mark(message["ticket"]["number"], who)

        tasks = [follow(i, raw, False) for i in range(RAW_SOCKETS)]
        tasks += [follow(RAW_SOCKETS + i, board, True) for i in range(BOARD_SOCKETS)]
        results = await asyncio.gather(*tasks, return_exceptions=True)
        self.errors += [repr(r) for r in results if isinstance(r, BaseException)]


class WebBoard:
    """The web board in headless Chromium, on a thread of its own.

    Playwright hands a binding call to Python only while its own loop runs, that is, inside
    a Playwright call on the thread that opened the browser; the main thread spins Qt. So
    this thread waits in Playwright, and `shown[number]` is stamped (perf_counter) the
    moment board.js's report of it reaches Python.
    """

    def __init__(self, url: str) -> None:
        self.shown: dict[str, float] = {}
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(url,), name="bench-web-board", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(60):
            raise RuntimeError("the web board did not open within 60 s")
        if self._error is not None:
            raise RuntimeError(f"the web board did not open: {self._error}")

    def _on_shown(self, payload: str) -> None:
        self.shown.setdefault(json.loads(payload)["number"], time.perf_counter())

    def _run(self, url: str) -> None:
        try:
            with chromium() as browser:
                page = new_page(browser, BOARD)
                page.expose_function("dinturShown", self._on_shown)
                page.goto(url)
                page.wait_for_function("() => document.querySelector('#queues') !== null")
                self._ready.set()
                while not self._stop.is_set():  # bounded by close()
                    page.wait_for_timeout(50)
                page.close()
        except BaseException as exc:
            self._error = exc
            self._ready.set()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(30)


_LOOP: QEventLoop | None = None


def spin_until(check: object, timeout_s: float) -> bool:
    """Run Qt's events until check() holds (or the time is up).

    QEventLoop().processEvents, not the static QCoreApplication.processEvents: in PySide6
    6.12 the static one drops a reference to None on every call, and the interpreter
    aborts ("deallocating None") after some ten thousand calls.
    """
    global _LOOP
    loop = _LOOP = _LOOP or QEventLoop()
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if check():  # type: ignore[operator]
            return True
    return False


def run(runs: int) -> dict[str, object]:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        srv = Server(f"sqlite:///{tmp}/bench.db")
        display: DisplayApp | None = None
        listeners: Listeners | None = None
        web: WebBoard | None = None
        try:
            display = DisplayApp(
                Options(server=srv.base, token=srv.display, branch="dokk1"),
                speech=None,
                chime=None,
                size=QSize(1920, 1080),
            )
            display.view.show()
            display.start()
            if not spin_until(lambda: display.vm.property("status") == "live", 15):
                raise RuntimeError("the Qt display did not connect")
            hero = display.view.rootObject().findChild(QQuickItem, "heroNumber")
            assert hero is not None, "the board has no heroNumber item"
            qt_shown: dict[str, float] = {}
            pending: dict[str, float] = {}

            def on_board() -> None:  # runs right after QML's bindings took the new value
                number = str(hero.property("text"))
                if number in pending:
                    pending[number] = time.perf_counter()

            def on_frame() -> None:
                now = time.perf_counter()
                for number, changed in list(pending.items()):
                    if changed:
                        qt_shown[number] = now
                        del pending[number]

            display.vm.boardChanged.connect(on_board)
            display.view.frameSwapped.connect(on_frame)

            web = WebBoard(f"{srv.base}/display/dokk1")
            web_shown = web.shown
            listeners = Listeners(srv)

            kiosk = httpx.Client(
                base_url=srv.base, headers={"Authorization": f"Bearer {srv.kiosk}"}, timeout=30
            )
            desk = httpx.Client(
                base_url=srv.base, headers={"Authorization": f"Bearer {srv.desk}"}, timeout=30
            )
            qt_delays: list[float] = []
            web_delays: list[float] = []
            missed = 0
            for i in range(runs):
                counter = COUNTERS[i % len(COUNTERS)]
                r = kiosk.post(
                    "/api/v1/tickets",
                    json={"branch": "dokk1", "service": SERVICES_OF[counter]},
                )
                r.raise_for_status()
                spin_until(lambda: False, 0.05)  # let the issue event settle everywhere
                pending_number = r.json()["number"]
                pending[pending_number] = 0.0
                called = desk.post(f"/api/v1/counters/{counter}/call-next")
                t0 = time.perf_counter()
                called.raise_for_status()
                number = called.json()["number"]
                assert number == pending_number, (number, pending_number)
                done = spin_until(
                    lambda n=number: (
                        n in qt_shown
                        and n in web_shown
                        and listeners.count(n) == RAW_SOCKETS + BOARD_SOCKETS
                    ),
                    TIMEOUT_S,
                )
                if not done:
                    missed += 1
                    pending.pop(number, None)
                    continue
                qt_delays.append(max(0.0, qt_shown[number] - t0))
                web_delays.append(max(0.0, web_shown[number] - t0))
            kiosk.close()
            desk.close()
            return {
                "displays": 2 + RAW_SOCKETS + BOARD_SOCKETS,
                "of_which": {
                    "qt_display": 1,
                    "web_display_chromium": 1,
                    "display_event_sockets": RAW_SOCKETS,
                    "public_board_sockets": BOARD_SOCKETS,
                },
                "runs": runs,
                "missed": missed,
                "call_next_to_qt_display_frame": summary(qt_delays),
                "call_next_to_web_display_dom": summary(web_delays),
                "target_p99_ms": 100,
                "engine": "sqlite",
                "cores": os.cpu_count(),
            }
        finally:
            if listeners is not None:
                listeners.stop.set()
                listeners.thread.join(5)
            if web is not None:
                web.close()
            if display is not None:
                display.stop()
            srv.stop()
            del app


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=60)
    args = p.parse_args()
    print(json.dumps(run(args.runs), indent=2))


if __name__ == "__main__":
    main()
