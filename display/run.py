"""Build the display from the command line's options and run it until closed."""

from __future__ import annotations

import argparse
import logging
import signal

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication

from .announcer import DEFAULT_CHIME, QtSpeech, SoundEffectChime, SpeechEngine
from .app import DisplayApp, Options

log = logging.getLogger("dintur.display")


def make_speech(choice: str) -> SpeechEngine | None:
    """The speech engine asked for, or None (silent) when it is missing or broken."""
    if choice == "none":
        return None
    engines = QtSpeech.available_engines()
    wanted = "speechd" if choice == "auto" else choice
    if wanted not in engines:
        log.warning(
            "no speech engine %r (have: %s); announcing with the chime only", wanted, engines
        )
        return None
    speech = QtSpeech(wanted)
    if not speech.usable():
        log.warning("speech engine %r does not work here; chime only", wanted)
        return None
    return speech


def run(app: QGuiApplication, args: argparse.Namespace) -> int:
    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    screen = app.primaryScreen()
    # windowed (the demo, a desktop): size letters for a full-HD screen, not this monitor
    size = (
        (QSize(1080, 1920) if args.portrait else QSize(1920, 1080))
        if args.windowed
        else (screen.size())
    )
    display = DisplayApp(
        Options(
            server=args.server,
            token=args.token,
            branch=args.branch,
            zone=args.zone,
            language=args.language,
            chime_only=args.chime_only,
            portrait=args.portrait,
            diagonal_in=args.inches,
            distance_m=args.distance,
        ),
        speech=None if args.chime_only else make_speech(args.speech),
        chime=SoundEffectChime(args.chime or DEFAULT_CHIME),
        size=size,
    )
    if args.windowed:
        display.view.show()
    else:
        display.view.showFullScreen()
    display.start()
    # Ctrl-C ends the app: Python only sees the signal when it runs now and then
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    pulse = QTimer()
    pulse.start(250)
    pulse.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        display.stop()
