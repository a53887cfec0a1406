"""Logging in at the desk: the form, a wrong password, a server that does not answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desk_support import PASSWORD, TIMEOUT_MS, Desks
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk import texts
from queue_server.api.thread import free_port
from tests.support.servers import LiveServer


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


def test_login_form_reaches_the_counter_list(desks: Desks, qtbot: QtBot) -> None:
    desks.user("mette")
    app = desks.app("da")
    window = desks.window(app)
    page = window.login_page
    assert page.server.text() == desks.server.url
    QTest.keyClicks(page.username, "mette")
    QTest.keyClicks(page.password, PASSWORD)
    QTest.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.screen == "counters", timeout=TIMEOUT_MS)
    assert window.stack.currentWidget() is window.counter_page
    assert app.who is not None and app.who.username == "mette" and app.who.role == "caseworker"
    assert "mette" in window.context.text()
    assert len(window.counter_page.buttons) == 8  # the demo's dokk1-1..8
    desks.live(app)
    assert texts.tr("connection.live", "da") in window.connection.text()


def test_wrong_password_is_a_plain_sentence_in_both_languages(desks: Desks, qtbot: QtBot) -> None:
    desks.user("mette")
    app = desks.app("da")
    window = desks.window(app)
    page = window.login_page
    page.username.setText("mette")
    page.password.setText("forkert-kode")
    QTest.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=TIMEOUT_MS)
    assert page.error.text() == "Forkert brugernavn eller adgangskode."
    assert page.error.isVisible()
    assert page.password.text() == ""  # type it again
    assert app.screen == "login" and app.client is None
    app.setLanguage("en")
    assert page.error.text() == "Wrong username or password."
    assert page.submit.text() == "Log in"
    # an unknown user gets the very same answer (no hint which of the two was wrong)
    page.username.setText("nobody")
    page.password.setText("whatever-123")
    page.submit.click()
    qtbot.waitUntil(lambda: not app.busy and bool(page.error.text()), timeout=TIMEOUT_MS)
    assert page.error.text() == "Wrong username or password."


def test_unreachable_server_is_a_sentence_not_a_traceback(desks: Desks, qtbot: QtBot) -> None:
    app = desks.app("da")
    window = desks.window(app)
    page = window.login_page
    dead = f"http://127.0.0.1:{free_port()}"
    page.server.setText(dead)
    page.username.setText("mette")
    page.password.setText(PASSWORD)
    page.submit.click()
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=TIMEOUT_MS)
    message = page.error.text()
    assert message == f"Serveren ({dead}) svarer ikke. Tjek netværket og prøv igen."
    assert "Traceback" not in message and "Error" not in message
    assert app.screen == "login"


def test_missing_fields_and_a_bad_address_are_caught_before_asking(
    desks: Desks, qtbot: QtBot
) -> None:
    app = desks.app("en")
    app.login.submit(desks.server.url, "", "")
    assert app.login.error == "Enter your username and password."
    app.login.submit("127.0.0.1:8000", "mette", PASSWORD)
    assert app.login.error == "The server address must start with http:// or https://."
    assert not app.busy


def test_logout_releases_the_counter_and_returns_to_login(desks: Desks, qtbot: QtBot) -> None:
    from desk_support import counter

    app = desks.seated("mette", "dokk1-4")
    assert counter(desks.server, "dokk1-4").held_by == "mette"
    window = desks.window(app)
    window.logout.click()
    assert app.screen == "login"
    qtbot.waitUntil(lambda: counter(desks.server, "dokk1-4").held_by is None, timeout=TIMEOUT_MS)
    assert app.live is None and app.client is None


def test_a_revoked_login_sends_the_desk_back_to_the_login_screen(
    desks: Desks, qtbot: QtBot
) -> None:
    from queue_server import auth

    app = desks.seated("mette", "dokk1-8")
    assert app.client is not None and app.client.token
    who = auth.authenticate(desks.server.db, app.client.token)
    assert auth.revoke_token(desks.server.db, who.token_id)
    qtbot.waitUntil(lambda: app.desk.canCallNext, timeout=TIMEOUT_MS)
    app.desk.callNext()
    qtbot.waitUntil(lambda: app.screen == "login", timeout=TIMEOUT_MS)
    assert app.login.error == "Dit login er ikke gyldigt længere. Log ind igen."
    assert app.client is None
