"""Fixtures for the display and web-page tests: fakes at the edges (speech, chime), a real
server (tests/support/servers.py) and, for browser tests, a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from display_support import FakeSpeech
from PySide6.QtCore import QSize

from display.announcer import ChimePlayer, SpeechEngine
from display.app import DisplayApp, Options
from queue_server.web.cdp import BrowserError, Chromium, find_chromium
from tests.support.servers import LiveServer


@pytest.fixture
def speech() -> FakeSpeech:
    return FakeSpeech(auto=True)


@pytest.fixture
def make_display(qtbot, app_server: LiveServer):  # type: ignore[no-untyped-def]
    """Build (and later stop) displays against the test server."""
    made: list[DisplayApp] = []

    def make(
        *,
        zone: str | None = None,
        speech: SpeechEngine | None = None,
        chime: ChimePlayer | None = None,
        token: str | None = None,
        size: QSize | None = None,
        language: str = "da",
        server: LiveServer = app_server,
    ) -> DisplayApp:
        app = DisplayApp(
            Options(
                server=server.url,
                token=token or server.token("display"),
                branch="dokk1",
                zone=zone,
                language=language,
            ),
            speech=speech,
            chime=chime,
            size=size or QSize(1920, 1080),
        )
        made.append(app)
        app.view.show()
        app.start()
        return app

    yield make
    for app in made:
        app.stop()
        app.view.close()
        app.view.deleteLater()


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if find_chromium() is None:
        pytest.skip("no chromium (apt-get install chromium)")
    try:
        chromium = Chromium()
    except BrowserError as exc:
        pytest.skip(f"chromium did not start: {exc}")
    yield chromium
    chromium.close()
