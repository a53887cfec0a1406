"""Screenshots of the web board and the ticket page, from a real server and Chromium.

    .venv/bin/python -m dintur.web_screenshots docs/screenshots/display

Starts the demo site on a throwaway SQLite database on 127.0.0.1, plays a Dokk1 morning
(tickets in several languages, calls at several counters), and captures the pages in
the system's headless Chromium (dintur/browser.py, Playwright). Nothing leaves loopback.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import Page

from queue_server import auth
from queue_server.server import create_app
from queue_server.settings import REPO_CONFIG, Settings

from .browser import BOARD, PHONE, chromium, new_page

DEMO = REPO_CONFIG / "demo"
#: (service, language) of the morning's tickets, in order of arrival
MORNING = [
    ("pas", "da"),
    ("korekort", "da"),
    ("digital-hjaelp", "ar"),
    ("sundhedskort", "da"),
    ("pas", "en"),
    ("bibliotek", "da"),
    ("pas", "da"),
    ("pas", "uk"),
    ("korekort", "da"),
    ("pas", "en"),
    ("digital-hjaelp", "da"),
    ("korekort", "tr"),
    ("pas", "da"),
    ("bibliotek", "pl"),
    ("pas", "so"),
    ("digital-hjaelp", "da"),
    ("sundhedskort", "ar"),
]
CALLS = ["dokk1-1", "dokk1-2", "dokk1-7", "dokk1-6", "dokk1-3", "dokk1-8", "dokk1-5"]


class _Server:
    def __init__(self, folder: Path) -> None:
        with __import__("socket").socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(
            Settings(
                config_dir=DEMO,
                database_url=f"sqlite:///{folder / 'shots.db'}",
                public_url=self.url,
            )
        )
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)

    def client(self, role: str) -> httpx.Client:
        token = auth.create_token(self.app.state.db, role=role, branch="dokk1", label="shots")
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def _settle(page: Page, expression: str) -> None:
    # a function, not a bare string: the pages' CSP forbids eval()
    page.wait_for_function(f"() => ({expression})", timeout=10_000)
    page.wait_for_timeout(300)  # fonts and layout


def _shot(page: Page, path: Path) -> Path:
    page.screenshot(path=path)
    return path


def _size(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})


def capture(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        srv = _Server(Path(tmp))
        try:
            kiosk, desk = srv.client("kiosk"), srv.client("caseworker")
            tickets = [
                kiosk.post(
                    "/api/v1/tickets", json={"branch": "dokk1", "service": s, "language": lang}
                ).json()
                for s, lang in MORNING
            ]
            for counter in CALLS:
                desk.post(f"/api/v1/counters/{counter}/call-next")
            with chromium() as browser:
                page = new_page(browser, BOARD)
                shown = "document.querySelector('#hero .number')?.textContent.length > 0"
                for lang in ("da", "en"):
                    _size(page, 1920, 1080)
                    page.goto(f"{srv.url}/display/dokk1?lang={lang}")
                    _settle(page, shown)
                    out.append(_shot(page, folder / f"web-board-landscape-{lang}.png"))
                _size(page, 1080, 1920)
                page.goto(f"{srv.url}/display/dokk1")
                _settle(page, shown)
                out.append(_shot(page, folder / "web-board-portrait-da.png"))
                _size(page, 1920, 1080)
                page.goto(f"{srv.url}/display/dokk1?zone=bibliotek")
                _settle(page, shown)
                out.append(_shot(page, folder / "web-board-zone-bibliotek.png"))
                page.goto(f"{srv.url}/display/dokk1")
                _settle(page, shown)
                desk.post("/api/v1/counters/dokk1-4/call-next")
                _settle(page, "document.querySelector('#hero.flash') !== null")
                out.append(_shot(page, folder / "web-board-new-call.png"))

                phone = new_page(browser, PHONE)
                waiting = [t for t in tickets if t["service"] == "pas"][-1]
                for name, ticket in [
                    ("waiting-so", waiting),
                    ("waiting-da", [t for t in tickets if t["language"] == "da"][-1]),
                    ("waiting-ar", [t for t in tickets if t["language"] == "ar"][-1]),
                ]:
                    phone.goto(ticket["status_url"])
                    _settle(phone, "document.querySelector('#live').textContent.length > 0")
                    out.append(_shot(phone, folder / f"web-ticket-{name}.png"))
                phone.goto(waiting["status_url"])
                _settle(phone, "document.querySelector('#live').textContent.length > 0")
                phone.click("#cancel")
                _settle(phone, "!document.querySelector('#confirm').hidden")
                out.append(_shot(phone, folder / "web-ticket-cancel-confirm-so.png"))
                danish = [t for t in tickets if t["language"] == "da" and t["service"] == "pas"]
                phone.goto(danish[-1]["status_url"])
                _settle(phone, "document.querySelector('#live').textContent.length > 0")
                desk.post(
                    f"/api/v1/tickets/{danish[-1]['id']}/transfer", json={"service": "korekort"}
                )
                _settle(phone, "!document.querySelector('#moved').hidden")
                out.append(_shot(phone, folder / "web-ticket-moved-da.png"))
                english = [t for t in tickets if t["language"] == "en"][-1]
                phone.goto(english["status_url"] + "?lang=en")
                _settle(phone, "document.querySelector('#live').textContent.length > 0")
                desk.post("/api/v1/counters/dokk1-5/call", json={"ticket": english["id"]})
                _settle(phone, "!document.querySelector('#turn').hidden")
                phone.wait_for_timeout(3200)  # after the pulse
                out.append(_shot(phone, folder / "web-ticket-called-en.png"))
                phone.goto(f"{srv.url}/t/no-such-ticket-here")
                _settle(phone, "document.querySelector('h1') !== null")
                out.append(_shot(phone, folder / "web-ticket-not-found.png"))

                page.goto(f"{srv.url}/display/dokk1")
                _settle(page, shown)
                srv.stop()
                _settle(page, "document.querySelector('#status.offline') !== null")
                out.append(_shot(page, folder / "web-board-offline.png"))
        finally:
            srv.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("docs/screenshots/display")
    for path in capture(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
