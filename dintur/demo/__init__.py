"""`dintur demo`: the whole system on one machine.

With windows: the server on SQLite, a virtual printer, and a kiosk, a display and a desk
window, all wired to Dokk1. `--headless`: a fast-motion working day with simulated
citizens and caseworkers, ending with a JSON summary (see headless.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from queue_server.settings import REPO_CONFIG, Settings

APPS = ("kiosk", "display", "desk")
DEMO_USER, DEMO_PASSWORD = "demo", "demo-kode"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dintur demo", description="Run the DinTur demo locally.")
    p.add_argument(
        "--config",
        type=Path,
        help="site folder (windows: config/demo, open around the clock; "
        "headless: config/aarhus with its real opening hours)",
    )
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--branch", default="dokk1")
    p.add_argument("--out", type=Path, help="folder for the database and ticket PNGs")
    p.add_argument("--headless", action="store_true", help="no windows: simulate a day")
    p.add_argument("--minutes", type=float, default=60.0, help="simulated minutes (headless)")
    p.add_argument("--speed", type=float, default=60.0, help="simulated seconds per second")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-apps", action="store_true", help="only the server and the printer")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level="WARNING", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    out = args.out or Path(tempfile.mkdtemp(prefix="dintur-demo-"))
    if args.headless:
        return _headless(args, out)
    return _windows(args, out)


def _headless(args: argparse.Namespace, out: Path) -> int:
    from queue_server.config import ConfigError

    from .headless import run_headless

    if args.minutes <= 0 or args.speed <= 0:
        print("dintur demo: --minutes and --speed must be positive", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    config = args.config or REPO_CONFIG / "aarhus"
    print(
        f"DinTur headless demo: {args.minutes:g} simulated minutes at {args.speed:g}x "
        f"(about {args.minutes * 60 / args.speed:.0f} s); output in {out}",
        file=sys.stderr,
        flush=True,
    )
    try:
        summary = run_headless(config, args.minutes, args.speed, out, seed=args.seed, stop=stop)
    except ConfigError as exc:
        print(f"dintur demo: the site config has errors:\n{exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, indent=2, ensure_ascii=False), flush=True)
    return 0


def _windows(args: argparse.Namespace, out: Path) -> int:
    from queue_server import auth
    from queue_server.api.thread import ServerThread
    from queue_server.client import ApiClient
    from queue_server.server import create_app

    config = args.config or REPO_CONFIG / "demo"
    url = f"http://127.0.0.1:{args.port}"
    app = create_app(
        Settings(config_dir=config, database_url=f"sqlite:///{out / 'demo.db'}", public_url=url)
    )
    site = app.state.site
    if args.branch not in site.branches:
        print(f"dintur demo: no branch {args.branch!r} in {config}", file=sys.stderr)
        return 2
    db = app.state.db
    try:
        server = ServerThread(app, args.port).start()
    except RuntimeError:
        print(f"dintur demo: port {args.port} is taken; try --port 8010", file=sys.stderr)
        return 1
    printer, printer_uri = _printer(out / "tickets")
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        branch = args.branch
        kiosk = auth.create_token(db, role="kiosk", branch=branch, label="demo kiosk")
        display = auth.create_token(db, role="display", branch=branch, label="demo display")
        auth.add_staff(
            db, username=DEMO_USER, password=DEMO_PASSWORD, role="caseworker", branch=branch
        )
        with ApiClient(url, kiosk) as api:
            sample = api.issue(branch, next(iter(site.branches[branch].services)).service)
        windows = _has_screen() and not args.no_apps
        if windows:
            procs = _start_apps(url, branch, kiosk, display, printer_uri)
        print(
            f"""
DinTur demo: {site.name} ({config.name}), branch {branch}
  server         {url}   (API docs {url}/docs)
  web display    {url}/display/{branch}?token={display}
  a ticket page  {sample.status_url}   ({sample.number}, issued for you to try)
  printer        virtual, {printer_uri}; receipts as PNG in {out / "tickets"}
  desk login     {DEMO_USER} / {DEMO_PASSWORD}
  windows        {", ".join(a for a, _ in procs) if windows else _no_windows_reason(args)}
  database       {out / "demo.db"}
Ctrl-C stops everything.
""",
            flush=True,
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(0.5):
                if procs and all(p.poll() is not None for _, p in procs):
                    print("all windows were closed; stopping", flush=True)
                    break
        except KeyboardInterrupt:
            pass
    finally:
        for _, p in procs:
            if p.poll() is None:
                p.terminate()
        for _, p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        if printer is not None:
            printer.stop()
        server.stop()
        db.dispose()
        print("DinTur demo stopped; nothing is left running.", flush=True)
    return 0


def _printer(folder: Path) -> tuple[Any, str]:
    try:
        from printers.sim import VirtualPrinter
    except ImportError:
        return None, "none"
    sim = VirtualPrinter(folder)
    host, port = sim.start_tcp()
    return sim, f"tcp://{host}:{port}"


def _has_screen() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or platform)


def _no_windows_reason(args: argparse.Namespace) -> str:
    if args.no_apps:
        return "none (--no-apps)"
    return "none: no screen here (no DISPLAY); try --headless, or run on a desktop"


def _start_apps(
    url: str, branch: str, kiosk: str, display: str, printer: str
) -> list[tuple[str, subprocess.Popen[bytes]]]:
    """Each app in its own process, side by side on the screen."""
    commands = {
        "kiosk": [
            "--branch",
            branch,
            "--server",
            url,
            "--token",
            kiosk,
            "--printer",
            printer,
            "--windowed",
        ],
        "display": ["--branch", branch, "--server", url, "--token", display, "--windowed"],
        "desk": ["--server", url, "--user", DEMO_USER],
    }
    procs = []
    for name in APPS:
        if importlib.util.find_spec(name) is None:
            continue
        cmd = [sys.executable, "-m", "dintur.cli", name, *commands[name]]
        env = {**os.environ, "DINTUR_DESK_PASSWORD": DEMO_PASSWORD}
        procs.append((name, subprocess.Popen(cmd, env=env)))
    return procs
