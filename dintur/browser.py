"""The system Chromium under Playwright: one launch for the tests, the bench and the screenshots.

Never used by the server: nothing under queue_server imports Playwright (a dev dependency).
Nothing is downloaded either: this runs the installed Chromium (apt-get install chromium,
or DINTUR_CHROMIUM=/path), never the browsers of `playwright install`.

    with chromium() as browser:
        board = new_page(browser, BOARD)
        board.goto("http://127.0.0.1:8000/display/dokk1")
        board.screenshot(path="board.png")

Playwright's sync API runs its own event loop on the calling thread (between calls it marks
it as running, so asyncio.run() fails there) and one `asyncio-waitpid` thread while open:
use a browser from one thread only.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ENV = "DINTUR_CHROMIUM"
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: a waiting-room screen, landscape
BOARD: dict[str, Any] = {"viewport": {"width": 1920, "height": 1080}, "device_scale_factor": 1}
#: a citizen's phone
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


class NoChromium(Exception):
    """No Chromium is installed, or it did not start."""


def find_chromium() -> str | None:
    """$DINTUR_CHROMIUM if set (a path or a command), else the system Chromium."""
    override = os.environ.get(ENV)
    candidates = (override,) if override else ("chromium", "chromium-browser", "/usr/bin/chromium")
    for candidate in candidates:
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Browser]:
    """A headless system Chromium, closed (with Playwright's driver) on the way out."""
    exe = executable or find_chromium()
    if exe is None:
        where = f"{ENV}={os.environ[ENV]} is not an executable" if os.environ.get(ENV) else ""
        raise NoChromium(where or f"no chromium found (apt-get install chromium, or set {ENV})")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=exe, args=list(ARGS))
        except PlaywrightError as exc:
            raise NoChromium(f"{exe} did not start: {exc.message.splitlines()[0]}") from exc
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser, device: dict[str, Any] = BOARD, **options: Any) -> Page:
    """A page in a context of its own (no cookies or storage shared); closing it ends both."""
    return browser.new_page(**device, **options)
