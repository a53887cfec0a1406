"""Fixtures for the display and web-page tests: fakes at the edges (speech, chime), a real
server (tests/support/servers.py) and, for browser tests, a real headless Chromium."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from display_support import FakeSpeech
from playwright.sync_api import Browser
from PySide6.QtCore import QSize

from dintur.browser import NoChromium, chromium
from display.announcer import ChimePlayer, SpeechEngine
from display.app import DisplayApp, Options
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
def browser() -> Iterator[Browser]:
    """The system Chromium under Playwright (dintur/browser.py), one per module: its driver
    and its thread start here, before any test, and stop after the module's last."""
    with contextlib.ExitStack() as stack:
        try:
            launched = stack.enter_context(chromium())
        except NoChromium as exc:
            pytest.skip(f"browser tests: {exc}")
        yield launched
