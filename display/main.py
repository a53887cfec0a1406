"""`dintur display --branch dokk1 [--zone NAME] [--server URL] [--token TOKEN] ...`"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

#: the languages the board's own texts are in (config/translations/display.toml)
LANGUAGES = ["da", "en", "ar"]


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dintur display", description="The waiting-room screen.")
    p.add_argument("--branch", default="dokk1")
    p.add_argument("--zone", help="show only the counters (and their services) of this zone")
    p.add_argument(
        "--server",
        default=os.environ.get("DINTUR_SERVER"),
        help="the server's URL (default: find it on the local network)",
    )
    p.add_argument(
        "--token",
        default=os.environ.get("DINTUR_TOKEN"),
        help="a display token (default: the stored one, or pair with a code on screen)",
    )
    p.add_argument("--language", default="da", choices=LANGUAGES, help="the board's language")
    p.add_argument("--chime", type=Path, help="a WAV file played before each announcement")
    p.add_argument("--chime-only", action="store_true", help="chime, but no speech")
    p.add_argument("--speech", default="auto", help="speech engine: auto, speechd, mock or none")
    p.add_argument("--portrait", action="store_true", help="a screen mounted on its side")
    p.add_argument("--inches", type=float, default=55.0, help="screen diagonal (letter sizes)")
    p.add_argument("--distance", type=float, default=8.0, help="reading distance in metres")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--screenshots", type=Path, metavar="DIR", help="render sample PNGs and exit")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv[:1])
    if args.screenshots:
        from .screenshots import render_all

        for path in render_all(args.screenshots):
            print(path)
        return 0
    if not (args.server and args.token):
        from queue_server.client.qt_pairing import obtain_device

        found = obtain_device(
            app,
            role="display",
            branch=args.branch,
            server=args.server,
            token=args.token,
            windowed=args.windowed,
            language=args.language,
        )
        if found is None:
            print("dintur display: stopped before the screen was paired", file=sys.stderr)
            return 1
        args.server, args.token = found
    from .run import run

    return run(app, args)


if __name__ == "__main__":
    raise SystemExit(main())
