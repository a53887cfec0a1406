"""Run the kiosk from parsed arguments: its own demo server if none is given, then the UI."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger("dintur.kiosk")
REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    # never a traceback on screen: into the log, and the kiosk carries on
    log.error("unexpected error", exc_info=(kind, exc, tb))


def run(args: argparse.Namespace, *, started: float) -> int:
    from PySide6.QtGui import QGuiApplication

    from .app import KioskConfig, KioskError, build
    from .devserver import OwnServer, ServerFailed
    from .options import Options

    own: OwnServer | None = None
    kiosk = None
    hook = sys.excepthook
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        if args.screenshots is not None:
            from . import screenshots

            return screenshots.main(args)
        if args.demo:
            local = args.config or REPO_CONFIG / "demo"
            own = OwnServer(local, args.branch).start()
            server, token = own.url, own.token
            cache = args.cache_dir or own.folder / "cache"
            print(f"dintur kiosk: demo server on {server} ({local})", flush=True)
        else:
            local = args.config or REPO_CONFIG / "aarhus"
            cache = args.cache_dir
            if args.server and args.token:
                server, token = args.server, args.token
            else:  # find the server on the network and/or pair with a code on screen
                from queue_server.client.qt_pairing import obtain_device

                found = obtain_device(
                    app,
                    role="kiosk",
                    branch=args.branch,
                    server=args.server,
                    token=args.token,
                    windowed=args.windowed,
                )
                if found is None:
                    print("dintur kiosk: stopped before the kiosk was paired", file=sys.stderr)
                    return 1
                server, token = found
        if cache is None:
            from platformdirs import user_cache_dir

            cache = Path(user_cache_dir("dintur")) / f"kiosk-{args.branch}"

        sys.excepthook = _log_uncaught
        config = KioskConfig(
            server=server,
            token=token,
            branch=args.branch,
            printer=args.printer,
            paper_mm=args.paper,
            diagonal_in=args.diagonal,
            landscape=args.landscape,
            fullscreen=not args.windowed and not args.first_frame,
            device_id=args.device_id,
            cache_dir=cache,
            local_config=local,
            options=Options(idle_after_s=args.idle_seconds, idle_warn_s=args.idle_warning_seconds),
            speech_engine=args.speech_engine,
        )
        kiosk = build(config)
        if args.first_frame:

            def first_frame() -> None:
                kiosk.view.frameSwapped.disconnect(first_frame)
                out = {"first_frame_s": round(time.perf_counter() - started, 3), "rss_mb": rss_mb()}
                print(json.dumps(out), flush=True)
                app.quit()

            kiosk.view.frameSwapped.connect(first_frame)
        return int(app.exec())
    except (KioskError, ServerFailed) as exc:
        print(f"dintur kiosk: {exc}", file=sys.stderr)
        return 1
    finally:
        sys.excepthook = hook
        if kiosk is not None:
            kiosk.close()
        if own is not None:
            own.cleanup()
