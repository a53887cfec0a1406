"""The web board and the ticket page in a real headless Chromium against a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from queue_server.web.cdp import Chromium, Page
from tests.support.servers import LiveServer, start_server

#: count the chimes instead of playing them (there is no sound card here)
COUNT_CHIMES = """
window.__chimes = 0;
HTMLMediaElement.prototype.play = function () { window.__chimes += 1; return Promise.resolve(); };
"""
HERO = "document.querySelector('#hero .number').textContent"


def issue(server: LiveServer, service: str = "pas", language: str = "da") -> dict[str, Any]:
    with server.client("kiosk") as kiosk:
        r = kiosk.post(
            "/api/v1/tickets", json={"branch": "dokk1", "service": service, "language": language}
        )
    assert r.status_code == 201, r.text
    return dict(r.json())


def staff(server: LiveServer, path: str, **body: Any) -> dict[str, Any]:
    with server.client("caseworker") as c:
        r = c.post(f"/api/v1/{path}", json=body or None)
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture(autouse=True)
def pages_closed(browser: Chromium) -> Iterator[None]:
    """Each test's pages (a DevTools socket and thread each) close with the test."""
    yield
    browser.close_pages()


@pytest.fixture
def page(browser: Chromium) -> Page:
    p = browser.new_page(1920, 1080)
    p.add_init_script(COUNT_CHIMES)
    return p


def status_code(page: Page) -> int:
    return int(page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus"))


def test_a_call_appears_on_the_web_board_emphasised_with_the_chime(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server)
    issue(app_server, "korekort")
    page.goto(f"{app_server.url}/display/dokk1")
    page.wait_for("document.querySelector('#queues .queue') !== null")
    assert "Tag et nummer" in page.text("#empty")
    assert page.evaluate("window.__chimes") == 0

    staff(app_server, "counters/dokk1-5/call-next")
    page.wait_for(f"{HERO} === 'P001'")
    assert page.text("#hero .counter") == "Skranke 5"
    page.wait_for("document.querySelector('#hero').classList.contains('flash')")
    assert page.evaluate("window.__chimes") == 1

    staff(app_server, "counters/dokk1-1/call-next")
    page.wait_for(f"{HERO} === 'K001'")
    assert page.text("#history").split() == ["P001", "→", "Skranke", "5"]
    assert page.evaluate("window.__chimes") == 2
    rows = json.loads(
        page.evaluate(
            "JSON.stringify([...document.querySelectorAll('#queues .queue')].map(q => q.innerText))"
        )
    )
    assert any(r.startswith("Pas") and "Ingen kø" in r for r in rows)


def test_a_zone_board_in_english_shows_only_its_counters(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server, "korekort")
    issue(app_server, "bibliotek")
    page.goto(f"{app_server.url}/display/dokk1?zone=bibliotek&lang=en")
    page.wait_for("document.querySelector('#queues .queue') !== null")
    staff(app_server, "counters/dokk1-1/call-next")  # K001 at a borgerservice counter
    staff(app_server, "counters/dokk1-7/call-next")  # L001 at a library counter
    page.wait_for(f"{HERO} === 'L001'")
    assert page.text("#hero .counter") == "Counter 7"
    assert "K001" not in page.text()
    assert page.text(".queues h2") == "Waiting now"


def test_the_board_marks_a_lost_connection_and_catches_up_after_a_restart(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server)
    issue(app_server)
    staff(app_server, "counters/dokk1-1/call-next")
    page.goto(f"{app_server.url}/display/dokk1")
    page.wait_for(f"{HERO} === 'P001'")
    port = int(app_server.url.rsplit(":", 1)[1])
    app_server.stop()
    page.wait_for("document.querySelector('#status.offline') !== null")
    assert "Ingen forbindelse" in page.text("#status")
    assert page.evaluate(HERO) == "P001"  # what was on screen stays

    restarted = start_server(app_server.settings, port)
    try:
        restarted.tokens = app_server.tokens
        staff(restarted, "counters/dokk1-2/call-next")
        page.wait_for(f"{HERO} === 'P002'", timeout=20)
        page.wait_for("document.querySelector('#status').hidden")
    finally:
        restarted.stop()


def test_the_ticket_page_follows_the_ticket_live_until_its_your_turn(
    app_server: LiveServer, browser: Chromium
) -> None:
    issue(app_server)
    mine = issue(app_server, language="en")
    phone = browser.new_page()
    phone.emulate_phone()
    phone.goto(mine["status_url"])
    phone.wait_for("document.querySelector('#ahead').textContent === '1'")
    assert phone.text("#number") == "P002" and phone.text("#service") == "Passport"
    assert phone.text("#live") == "This page updates by itself"

    staff(app_server, "counters/dokk1-1/call-next")
    phone.wait_for("document.querySelector('#ahead').textContent === 'You are next'")
    staff(app_server, "counters/dokk1-5/call-next")
    phone.wait_for("!document.querySelector('#turn').hidden")
    assert phone.text("#turn") == "It's your turn: go to Counter 5"
    assert phone.evaluate("document.querySelector('#waiting').hidden")
    assert phone.evaluate("document.querySelector('#cancel-box').hidden")  # too late to cancel
    assert phone.evaluate("document.title").startswith("▶ It's your turn")


def test_a_danish_ticket_hears_its_turn_in_danish(
    app_server: LiveServer, browser: Chromium
) -> None:
    mine = issue(app_server, "sundhedskort")
    phone = browser.new_page()
    phone.emulate_phone()
    phone.goto(mine["status_url"])
    phone.wait_for("document.querySelector('#live').textContent.length > 0")
    staff(app_server, "counters/dokk1-5/call-next")
    phone.wait_for("!document.querySelector('#turn').hidden")
    assert phone.text("#turn") == "Det er din tur: gå til Skranke 5"


def test_cancel_works_from_the_ticket_page(app_server: LiveServer, browser: Chromium) -> None:
    mine = issue(app_server, language="en")
    phone = browser.new_page()
    phone.emulate_phone()
    phone.goto(mine["status_url"])
    phone.wait_for("!document.querySelector('#cancel').hidden")
    phone.click("#cancel")
    phone.wait_for("!document.querySelector('#confirm').hidden")
    assert "lose your place" in phone.text("#confirm")
    phone.click("#cancel-no")  # changed my mind
    assert phone.evaluate("document.querySelector('#confirm').hidden")
    phone.click("#cancel")
    phone.click("#cancel-yes")
    phone.wait_for("!document.querySelector('#final').hidden")
    assert phone.text("#final") == "Your ticket is cancelled"
    with app_server.client("display") as c:
        assert c.get(f"/api/v1/tickets/{mine['id']}").json()["state"] == "cancelled"
    assert phone.evaluate("document.querySelector('#cancel-box').hidden")


def test_a_wrong_ticket_link_gets_a_friendly_404(app_server: LiveServer, browser: Chromium) -> None:
    phone = browser.new_page()
    phone.emulate_phone()
    phone.goto(f"{app_server.url}/t/this-is-not-a-ticket")
    phone.wait_for("document.querySelector('h1') !== null")
    assert status_code(phone) == 404
    text = phone.text()
    assert "Vi kan ikke finde dette nummer" in text and "We can't find this ticket" in text
    assert "Traceback" not in text and "{" not in text
