"""Kiosk budgets (design §11), printed as JSON.

- cold start: `dintur kiosk` in a fresh process, from launch to its first frame drawn
  (offscreen), against a running server; budget 3 s.
- tap → ticket bytes: a tap on "Print my number" (a real mouse event on the QML button)
  until the virtual printer has the cut of that ticket; budget 300 ms.
- RSS of the kiosk process; budget 250 MB.

    .venv/bin/python bench/kiosk.py [--runs 20] [--starts 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def cold_starts(url: str, token: str, printer: str, n: int, cache: Path) -> dict[str, Any]:
    wall, inside, rss = [], [], []
    for i in range(n):
        t0 = time.perf_counter()
        out = subprocess.run(
            [
                *(sys.executable, "-m", "kiosk.main", "--server", url, "--token", token),
                *("--printer", printer, "--first-frame", "--cache-dir", str(cache / str(i))),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        elapsed = time.perf_counter() - t0
        line = next((x for x in out.stdout.splitlines() if x.startswith("{")), None)
        if out.returncode != 0 or line is None:
            raise RuntimeError(f"kiosk did not start: {out.stderr[-500:]}")
        data = json.loads(line)
        wall.append(elapsed)
        inside.append(data["first_frame_s"])
        rss.append(data["rss_mb"])
    return {
        "cold_start_to_first_frame_s": {
            "median": round(statistics.median(wall), 3),
            "max": round(max(wall), 3),
            "runs": n,
        },
        "first_frame_after_main_import_s": round(statistics.median(inside), 3),
        "rss_at_first_frame_mb": max(rss),
    }


def taps(url: str, token: str, runs: int, tmp: Path) -> dict[str, Any]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from kiosk.app import KioskConfig, build
    from kiosk.options import Options
    from kiosk.run import rss_mb
    from kiosk.screenshots import Shooter
    from kiosk.speech import NullSpeech
    from printers.sim import VirtualPrinter

    app = QGuiApplication.instance() or QGuiApplication([])
    sim = VirtualPrinter(tmp / "printer", save_png=False)
    host, port = sim.start_tcp()
    kiosk = build(
        KioskConfig(
            server=url,
            token=token,
            printer=f"tcp://{host}:{port}",
            cache_dir=tmp / "cache",
            options=Options(tap_guard_s=0.0),
        ),
        speech=NullSpeech(),
    )
    s = Shooter(kiosk, tmp)
    vm: Any = kiosk.vm
    latencies: list[float] = []
    try:
        s.wait(lambda: vm.serverOk and vm.printerStatus == "ok", 20, "server and printer")
        for i in range(runs + 2):  # two warm-up taps
            vm.home()
            vm.chooseLanguage("da" if i % 2 else "en")
            vm.openTile("group:borgerservice")
            vm.openTile("service:korekort")
            kiosk.view.grabWindow()  # laid out and drawn, as the citizen sees it
            root = kiosk.view.rootObject()
            button = next(
                x for x in _items(root) if x.objectName() == "btn_print" and x.isVisible()
            )
            centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
            before = len(sim.tickets)
            t0 = time.perf_counter()
            QTest.mouseClick(
                kiosk.view,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                centre.toPoint(),
            )

            def printed(n: int = before) -> bool:
                return len(sim.tickets) > n

            if not s.wait(printed, 10, "the receipt"):
                raise RuntimeError("no receipt at the virtual printer")
            if i >= 2:
                latencies.append(sim.tickets[-1].received_at - t0)
            s.wait(lambda: vm.screen == "ticket", 5, "the ticket screen")
        return {
            "tap_to_ticket_bytes_ms": {
                "p50": round(1000 * statistics.median(latencies), 1),
                "p95": round(1000 * percentile(latencies, 0.95), 1),
                "max": round(1000 * max(latencies), 1),
                "runs": len(latencies),
            },
            "rss_after_tickets_mb": rss_mb(),
        }
    finally:
        kiosk.close()
        sim.stop()
        app.processEvents()


def _items(root: Any) -> Any:
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--starts", type=int, default=3)
    args = p.parse_args()

    from kiosk.devserver import OwnServer
    from printers.sim import VirtualPrinter

    tmp = Path(tempfile.mkdtemp(prefix="dintur-bench-kiosk-"))
    server = OwnServer(ROOT / "config" / "demo", "dokk1").start()
    try:
        with VirtualPrinter(tmp / "cold-printer", save_png=False) as cold_printer:
            host, port = cold_printer.start_tcp()
            result: dict[str, Any] = {"bench": "kiosk"}
            result.update(
                cold_starts(server.url, server.token, f"tcp://{host}:{port}", args.starts, tmp)
            )
        result.update(taps(server.url, server.token, args.runs, tmp))
        result["budgets"] = {
            "cold_start_s": 3.0,
            "tap_to_ticket_bytes_ms": 300,
            "rss_mb": 250,
        }
        result["within_budget"] = (
            result["cold_start_to_first_frame_s"]["median"] <= 3.0
            and result["tap_to_ticket_bytes_ms"]["p95"] <= 300
            and max(result["rss_at_first_frame_mb"], result["rss_after_tickets_mb"]) <= 250
        )
        print(json.dumps(result, indent=2))
        return 0
    finally:
        server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
