"""`dintur kiosk`: the citizen touchscreen (or, with --screenshots, every screen to PNG)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dintur kiosk", description="The DinTur citizen kiosk.")
    p.add_argument("--branch", default="dokk1", help="the branch this kiosk stands in")
    p.add_argument(
        "--server",
        default=os.environ.get("DINTUR_SERVER"),
        help="queue server URL (default: find it on the local network)",
    )
    p.add_argument(
        "--token",
        default=os.environ.get("DINTUR_TOKEN"),
        help="kiosk token (default: the stored one, or pair with a code shown on screen)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="start a demo server of its own (config/demo) and use it",
    )
    p.add_argument("--printer", help="tcp://host:9100, serial:///dev/ttyUSB0, usb://, file://")
    p.add_argument("--paper", type=int, choices=(58, 80), default=80, help="paper width, mm")
    p.add_argument(
        "--screen-diagonal-inches",
        type=float,
        default=21.5,
        dest="diagonal",
        help="the screen's size: text and buttons are sized in millimetres on it",
    )
    p.add_argument(
        "--landscape", action="store_true", help="windowed: 1920x1080 instead of 1080x1920"
    )
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--config", type=Path, help="site folder (demo server; offline guides)")
    p.add_argument("--device-id", help="this kiosk's name in device health reports")
    p.add_argument("--cache-dir", type=Path, help="where the last good answers are kept")
    p.add_argument("--idle-seconds", type=int, default=60, help="quiet time before the warning")
    p.add_argument("--idle-warning-seconds", type=int, default=20, help="the warning's countdown")
    p.add_argument("--speech-engine", help="QtTextToSpeech engine (default: speechd)")
    p.add_argument("--screenshots", type=Path, metavar="DIR", help="render every screen, exit")
    p.add_argument("--languages", help="with --screenshots: only these, e.g. da,en,ar")
    p.add_argument("--compact", action="store_true", help="with --screenshots: 8-bit PNGs")
    p.add_argument("--first-frame", action="store_true", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.screenshots is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .run import run

    return run(args, started=STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
