"""The web board and the ticket page in a real headless Chromium against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from dintur.browser import BOARD, PHONE, new_page
from tests.support.axe import axe_violations, describe
from tests.support.servers import LiveServer, start_server

#: count the chimes instead of playing them (there is no sound card here)
COUNT_CHIMES = """
window.__chimes = 0;
HTMLMediaElement.prototype.play = function () { window.__chimes += 1; return Promise.resolve(); };
"""
HERO = "document.querySelector('#hero .number').textContent"
WAIT_MS = 10_000  # for what the page must show (a live update, a reconnect takes longer)


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
def pages_closed(browser: Browser) -> Iterator[None]:
    """Each test's pages (each in a context of its own) close with the test."""
    yield
    for context in browser.contexts:
        context.close()


def opened(browser: Browser, device: dict[str, Any]) -> Page:
    page = new_page(browser, device)
    page.set_default_timeout(WAIT_MS)
    return page


@pytest.fixture
def page(browser: Browser) -> Page:
    """A waiting-room screen (1920×1080) that counts its chimes."""
    p = opened(browser, BOARD)
    p.add_init_script(COUNT_CHIMES)
    return p


@pytest.fixture
def phone(browser: Browser) -> Page:
    return opened(browser, PHONE)


def until(page: Page, expression: str, timeout_ms: int = WAIT_MS) -> None:
    """Wait (bounded) until the JavaScript `expression` is truthy in the page.

    As a function: a bare string would be eval()'d in the page, which its CSP forbids."""
    page.wait_for_function(f"() => ({expression})", timeout=timeout_ms, polling=20)


def hidden(page: Page, selector: str) -> bool:
    return bool(page.eval_on_selector(selector, "el => el.hidden"))


def test_a_call_appears_on_the_web_board_emphasised_with_the_chime(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server)
    issue(app_server, "korekort")
    page.goto(f"{app_server.url}/display/dokk1")
    until(page, "document.querySelector('#queues .queue') !== null")
    assert "Tag et nummer" in page.inner_text("#empty")
    assert page.evaluate("window.__chimes") == 0

    staff(app_server, "counters/dokk1-5/call-next")
    until(page, f"{HERO} === 'P001'")
    assert page.inner_text("#hero .counter") == "Skranke 5"
    until(page, "document.querySelector('#hero').classList.contains('flash')")
    assert page.evaluate("window.__chimes") == 1

    staff(app_server, "counters/dokk1-1/call-next")
    until(page, f"{HERO} === 'K001'")
    assert page.inner_text("#history").split() == ["P001", "→", "Skranke", "5"]
    assert page.evaluate("window.__chimes") == 2
    rows = page.locator("#queues .queue").all_inner_texts()
    assert any(r.startswith("Pas") and "Ingen kø" in r for r in rows)


def test_a_zone_board_in_english_shows_only_its_counters(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server, "korekort")
    issue(app_server, "bibliotek")
    page.goto(f"{app_server.url}/display/dokk1?zone=bibliotek&lang=en")
    until(page, "document.querySelector('#queues .queue') !== null")
    staff(app_server, "counters/dokk1-1/call-next")  # K001 at a borgerservice counter
    staff(app_server, "counters/dokk1-7/call-next")  # L001 at a library counter
    until(page, f"{HERO} === 'L001'")
    assert page.inner_text("#hero .counter") == "Counter 7"
    assert "K001" not in page.inner_text("body")
    assert page.locator(".queues h2").first.inner_text() == "Waiting now"


def test_the_board_marks_a_lost_connection_and_catches_up_after_a_restart(
    app_server: LiveServer, page: Page
) -> None:
    issue(app_server)
    issue(app_server)
    staff(app_server, "counters/dokk1-1/call-next")
    page.goto(f"{app_server.url}/display/dokk1")
    until(page, f"{HERO} === 'P001'")
    port = int(app_server.url.rsplit(":", 1)[1])
    app_server.stop()
    until(page, "document.querySelector('#status.offline') !== null")
    assert "Ingen forbindelse" in page.inner_text("#status")
    assert page.evaluate(HERO) == "P001"  # what was on screen stays

    restarted = start_server(app_server.settings, port)
    try:
        restarted.tokens = app_server.tokens
        staff(restarted, "counters/dokk1-2/call-next")
        until(page, f"{HERO} === 'P002'", timeout_ms=20_000)
        until(page, "document.querySelector('#status').hidden")
    finally:
        restarted.stop()


def test_the_ticket_page_follows_the_ticket_live_until_its_your_turn(
    app_server: LiveServer, phone: Page
) -> None:
    issue(app_server)
    mine = issue(app_server, language="en")
    phone.goto(mine["status_url"])
    until(phone, "document.querySelector('#ahead').textContent === '1'")
    assert phone.inner_text("#number") == "P002" and phone.inner_text("#service") == "Passport"
    assert phone.inner_text("#live") == "This page updates by itself"

    staff(app_server, "counters/dokk1-1/call-next")
    until(phone, "document.querySelector('#ahead').textContent === 'You are next'")
    staff(app_server, "counters/dokk1-5/call-next")
    until(phone, "!document.querySelector('#turn').hidden")
    assert phone.inner_text("#turn") == "It's your turn: go to Counter 5"
    assert hidden(phone, "#waiting")
    assert hidden(phone, "#cancel-box")  # too late to cancel
    assert phone.title().startswith("▶ It's your turn")


def test_a_danish_ticket_hears_its_turn_in_danish(app_server: LiveServer, phone: Page) -> None:
    mine = issue(app_server, "sundhedskort")
    phone.goto(mine["status_url"])
    until(phone, "document.querySelector('#live').textContent.length > 0")
    staff(app_server, "counters/dokk1-5/call-next")
    until(phone, "!document.querySelector('#turn').hidden")
    assert phone.inner_text("#turn") == "Det er din tur: gå til Skranke 5"


def test_cancel_works_from_the_ticket_page(app_server: LiveServer, phone: Page) -> None:
    mine = issue(app_server, language="en")
    phone.goto(mine["status_url"])
    until(phone, "!document.querySelector('#cancel').hidden")
    phone.click("#cancel")
    until(phone, "!document.querySelector('#confirm').hidden")
    assert "lose your place" in phone.inner_text("#confirm")
    phone.click("#cancel-no")  # changed my mind
    assert hidden(phone, "#confirm")
    phone.click("#cancel")
    phone.click("#cancel-yes")
    until(phone, "!document.querySelector('#final').hidden")
    assert phone.inner_text("#final") == "Your ticket is cancelled"
    with app_server.client("display") as c:
        assert c.get(f"/api/v1/tickets/{mine['id']}").json()["state"] == "cancelled"
    assert hidden(phone, "#cancel-box")


def test_a_wrong_ticket_link_gets_a_friendly_404(app_server: LiveServer, phone: Page) -> None:
    response = phone.goto(f"{app_server.url}/t/this-is-not-a-ticket")
    until(phone, "document.querySelector('h1') !== null")
    assert response is not None and response.status == 404
    text = phone.inner_text("body")
    assert "Vi kan ikke finde dette nummer" in text and "We can't find this ticket" in text
    assert "Traceback" not in text and "{" not in text


def test_the_board_and_the_ticket_page_in_danish_pass_axe(
    app_server: LiveServer, page: Page, phone: Page
) -> None:
    """No serious or critical axe-core violation on either page, filled with live data."""
    issue(app_server)
    mine = issue(app_server, "korekort")
    staff(app_server, "counters/dokk1-5/call-next")
    page.goto(f"{app_server.url}/display/dokk1")
    until(page, f"{HERO} === 'P001'")
    phone.goto(mine["status_url"])
    until(phone, "document.querySelector('#live').textContent.length > 0")
    assert phone.evaluate("document.documentElement.lang") == "da"
    found = axe_violations(phone)
    assert not found, f"the ticket page:\n{describe(found)}"

    until(page, "!document.querySelector('#hero').classList.contains('flash')")  # steady colours
    assert page.evaluate("document.documentElement.lang") == "da"
    found = axe_violations(page)
    assert not found, f"the board:\n{describe(found)}"


def test_the_axe_check_finds_what_it_should(phone: Page) -> None:
    """The helper is not vacuous: a page without a language or a title, with an unnamed
    button and an image without text breaks four rules; the impact filter picks among them."""
    phone.set_content("<html><body><button></button><img src='data:,'></body></html>")
    found = {v["id"]: v["impact"] for v in axe_violations(phone)}
    assert found == {
        "html-has-lang": "serious",
        "document-title": "serious",
        "button-name": "critical",
        "image-alt": "critical",
    }
    assert {v["id"] for v in axe_violations(phone, impact=("critical",))} == {
        "button-name",
        "image-alt",
    }


def test_an_empty_board_shows_no_call_bar_until_the_first_call(
    app_server: LiveServer, page: Page
) -> None:
    page.goto(f"{app_server.url}/display/dokk1")
    until(page, "document.querySelector('#queues') !== null")
    page.wait_for_timeout(500)  # the first board message has arrived and been drawn
    hero = page.locator("#hero")
    assert hero.is_hidden(), "before the first call there is nothing to point at"
    assert page.eval_on_selector("#hero", "el => getComputedStyle(el).display") == "none"
    t = issue(app_server)
    staff(app_server, "counters/dokk1-1/call", ticket=t["id"])
    until(page, f"{HERO} === 'P001'")
    assert hero.is_visible()
