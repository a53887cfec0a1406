"""Drive a headless Chromium over the Chrome DevTools Protocol (tests, screenshots, bench).

Never used by the server. Needs only `websockets` and a `chromium` binary (apt-get install
chromium); nothing is downloaded. One `Chromium` process, any number of `Page`s:

    with Chromium() as browser:
        page = browser.new_page(width=1920, height=1080)
        page.goto("http://127.0.0.1:8000/display/dokk1")
        page.wait_for("document.querySelector('#hero .number')?.textContent === 'P001'")
        page.screenshot(Path("board.png"))
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--mute-audio",
    "--autoplay-policy=no-user-gesture-required",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)


class BrowserError(Exception):
    """Chromium is missing, did not start, or a DevTools call failed."""


def find_chromium() -> str | None:
    for candidate in (os.environ.get("DINTUR_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


class _Connection:
    """One DevTools WebSocket: calls by id, events to listeners, on a reader thread."""

    def __init__(self, url: str) -> None:
        self._stack = contextlib.ExitStack()
        self._ws: ClientConnection = self._stack.enter_context(
            connect(url, max_size=None, open_timeout=10)
        )
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[threading.Event, list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()
        self.listeners: dict[str, list[Callable[[dict[str, Any]], None]]] = {}
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()

    def call(self, method: str, timeout: float = 15.0, **params: Any) -> dict[str, Any]:
        msg_id = next(self._ids)
        done: tuple[threading.Event, list[dict[str, Any]]] = (threading.Event(), [])
        with self._lock:
            self._pending[msg_id] = done
        self._ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        if not done[0].wait(timeout):
            raise BrowserError(f"{method}: no answer within {timeout} s")
        reply = done[1][0]
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def on(self, event: str, callback: Callable[[dict[str, Any]], None]) -> None:
        self.listeners.setdefault(event, []).append(callback)

    def close(self) -> None:
        self._stack.close()
        self._reader.join(5)

    def _read(self) -> None:
        try:
            for raw in self._ws:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiter = self._pending.pop(message["id"], None)
                    if waiter is not None:
                        waiter[1].append(message)
                        waiter[0].set()
                else:
                    for callback in self.listeners.get(message.get("method", ""), ()):
                        callback(message.get("params", {}))
        except (ConnectionClosed, OSError):
            pass


class Page:
    target = ""  # the DevTools target id

    def __init__(self, url: str, width: int, height: int) -> None:
        self._conn = _Connection(url)
        self._loaded = threading.Event()
        self._conn.on("Page.loadEventFired", lambda _: self._loaded.set())
        self._conn.call("Page.enable")
        self._conn.call("Runtime.enable")
        self.resize(width, height)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self._conn.call(method, **params)

    def resize(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def emulate_phone(self, width: int = 390, height: int = 844) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=True,
        )

    def goto(self, url: str, timeout: float = 15.0) -> None:
        self._loaded.clear()
        self.call("Page.navigate", url=url)
        if not self._loaded.wait(timeout):
            raise BrowserError(f"{url} did not load within {timeout} s")

    def evaluate(self, expression: str) -> Any:
        reply = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            detail = reply["exceptionDetails"]
            text = detail.get("exception", {}).get("description") or detail.get("text")
            raise BrowserError(f"{expression[:60]}: {text}")
        return reply.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 10.0, every: float = 0.02) -> Any:
        """Evaluate until truthy (a bounded loop); the value, or BrowserError on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"still false after {timeout} s: {expression}")
            time.sleep(every)

    def add_init_script(self, source: str) -> None:
        """Run `source` in every document this page loads, before the page's own scripts."""
        self.call("Page.addScriptToEvaluateOnNewDocument", source=source)

    def text(self, selector: str = "body") -> str:
        """The rendered text of the first element matching `selector` ("" if none)."""
        value = self.evaluate(
            f"(document.querySelector({json.dumps(selector)}) || {{innerText: ''}}).innerText"
        )
        return str(value or "")

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def bind(self, name: str, callback: Callable[[str], None]) -> None:
        """window.<name>(string) in the page calls `callback(string)` here, on CDP's thread."""
        self._conn.on(
            "Runtime.bindingCalled",
            lambda p: callback(p["payload"]) if p.get("name") == name else None,
        )
        self.call("Runtime.addBinding", name=name)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self._conn.close()


class Chromium:
    def __init__(self, executable: str | None = None) -> None:
        exe = executable or find_chromium()
        if exe is None:
            raise BrowserError("no chromium found (apt-get install chromium, or DINTUR_CHROMIUM)")
        self._profile = tempfile.TemporaryDirectory(prefix="dintur-chromium-")
        self._proc = subprocess.Popen(
            [exe, *ARGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.port = self._devtools_port()
        self._browser = _Connection(self._browser_url())
        self._pages: list[Page] = []

    def _devtools_port(self) -> int:
        marker = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise BrowserError(f"chromium exited with {self._proc.returncode}")
            if marker.exists():
                first = marker.read_text().splitlines()[:1]
                if first and first[0].isdigit():
                    return int(first[0])
            time.sleep(0.05)
        self._proc.kill()
        raise BrowserError("chromium did not open its DevTools port within 20 s")

    def _browser_url(self) -> str:
        path = (Path(self._profile.name) / "DevToolsActivePort").read_text().splitlines()[1]
        return f"ws://127.0.0.1:{self.port}{path}"

    def new_page(self, width: int = 1280, height: int = 800) -> Page:
        target = self._browser.call("Target.createTarget", url="about:blank")["targetId"]
        page = Page(f"ws://127.0.0.1:{self.port}/devtools/page/{target}", width, height)
        page.target = target
        self._pages.append(page)
        return page

    def close_pages(self) -> None:
        """Close the pages opened so far (each has its own DevTools socket and thread)."""
        pages, self._pages = self._pages, []
        for page in pages:
            with contextlib.suppress(BrowserError):
                self._browser.call("Target.closeTarget", timeout=5, targetId=page.target)
            page.close()

    def close(self) -> None:
        self.close_pages()
        with contextlib.suppress(BrowserError):
            self._browser.call("Browser.close", timeout=5)
        self._browser.close()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(5)
        self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
