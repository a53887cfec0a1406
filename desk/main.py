"""`dintur desk [--server URL] [--lang da|en] [--compact] [--screenshots DIR]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

FALLBACK_SERVER = "http://127.0.0.1:8000"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dintur desk", description="the caseworker desk")
    p.add_argument(
        "--server",
        default=os.environ.get("DINTUR_SERVER"),
        help="server URL (default: $DINTUR_SERVER, else found on the local network)",
    )
    p.add_argument("--lang", choices=("da", "en"), default="da", help="language (da)")
    p.add_argument("--compact", action="store_true", help="start in compact always-on-top mode")
    p.add_argument("--screenshots", type=Path, metavar="DIR", help="render every screen, exit")
    p.add_argument(
        "--user",
        help="log in as this user at start, with the password from $DINTUR_DESK_PASSWORD "
        "(the demo uses it; at a real desk people type their own)",
    )
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.screenshots is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not (
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    ):
        print("dintur desk: no display (set DISPLAY, or use --screenshots DIR)", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from .views import style

    qapp = QApplication.instance() or QApplication(["dintur-desk"])
    assert isinstance(qapp, QApplication)
    style.apply(qapp)
    if args.screenshots is not None:
        from .screenshots import render

        for path in render(args.screenshots):
            print(path)
        return 0
    from .viewmodels import DeskApp
    from .views.window import MainWindow

    app = DeskApp(args.server or FALLBACK_SERVER, args.lang, compact=args.compact)
    window = MainWindow(app)
    qapp.aboutToQuit.connect(app.shutdown)
    window.show_app()
    if args.server is None:
        app.login.discover()
    password = os.environ.get("DINTUR_DESK_PASSWORD")
    if args.user and password and args.server:
        app.login.submit(args.server, args.user, password)
    return int(qapp.exec())


if __name__ == "__main__":
    raise SystemExit(main())
