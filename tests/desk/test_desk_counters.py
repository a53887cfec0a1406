"""Picking a counter: who sits where (live), a counter someone else holds, leaving."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desk_support import TIMEOUT_MS, Desks, counter, staff_client
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.support.servers import LiveServer


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


def test_counter_list_shows_holders_and_pauses_and_follows_them_live(
    desks: Desks, qtbot: QtBot
) -> None:
    desks.user("bo")
    with staff_client(desks.server, "bo") as bo:
        bo.claim("dokk1-1")
        bo.pause("dokk1-1", "phone")
        app = desks.app("da")
        window = desks.window(app)
        desks.login(app, "anna")
        desks.live(app)
        page = window.counter_page
        card = page.buttons["dokk1-1"]
        assert "Optaget af bo" in card.text() and "Pause: Telefon" in card.text()
        assert not card.isEnabled()
        assert page.buttons["dokk1-2"].isEnabled() and "Ledig" in page.buttons["dokk1-2"].text()
        row = next(r for r in app.counter_pick.rows() if r.id == "dokk1-1")
        assert (row.held_by, row.paused) == ("bo", "phone")
        # bo gets up: anna's list frees the counter by push, nobody polls
        bo.release("dokk1-1")
        qtbot.waitUntil(lambda: page.buttons["dokk1-1"].isEnabled(), timeout=TIMEOUT_MS)
        assert "Ledig" in page.buttons["dokk1-1"].text()
        app.setLanguage("en")
        assert "Free" in page.buttons["dokk1-1"].text()


def test_a_counter_someone_holds_is_refused_with_their_name(desks: Desks, qtbot: QtBot) -> None:
    desks.user("bo")
    app = desks.app("da")
    window = desks.window(app)
    desks.login(app, "anna")
    # bo sits down at dokk1-2 after anna's list was drawn: her click loses the race
    with staff_client(desks.server, "bo") as bo:
        bo.claim("dokk1-2")
    app.counter_pick.claim("dokk1-2")
    qtbot.waitUntil(lambda: bool(app.counter_pick.error), timeout=TIMEOUT_MS)
    assert app.counter_pick.error == "Skranken er optaget af bo. Vælg en anden."
    assert window.counter_page.error.isVisible()
    assert app.screen == "counters"
    assert counter(desks.server, "dokk1-2").held_by == "bo"
    # a free one works, and the server knows who sits there
    QTest.mouseClick(window.counter_page.buttons["dokk1-3"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.screen == "desk", timeout=TIMEOUT_MS)
    assert app.desk.counter_id == "dokk1-3"
    assert counter(desks.server, "dokk1-3").held_by == "anna"
    assert "Skranke 3" in window.context.text()


def test_changing_counter_releases_the_old_one(desks: Desks, qtbot: QtBot) -> None:
    app = desks.seated("anna", "dokk1-5")
    window = desks.window(app)
    assert window.stack.currentWidget() is window.desk_page
    window.leave.click()
    qtbot.waitUntil(lambda: app.screen == "counters", timeout=TIMEOUT_MS)
    assert counter(desks.server, "dokk1-5").held_by is None
    assert app.desk.counter is None
    app.counter_pick.claim("dokk1-6")
    qtbot.waitUntil(lambda: app.screen == "desk", timeout=TIMEOUT_MS)
    assert counter(desks.server, "dokk1-6").held_by == "anna"


def test_the_same_person_may_sit_down_again_after_a_restart_of_the_app(
    desks: Desks, qtbot: QtBot
) -> None:
    first = desks.seated("anna", "dokk1-7")
    first.stop_live()  # the app died without leaving: the server still has anna there
    second = desks.seated("anna", "dokk1-7")
    assert second.desk.counter_id == "dokk1-7"
    assert counter(desks.server, "dokk1-7").held_by == "anna"


def test_a_site_admin_chooses_the_branch_first(desks: Desks, qtbot: QtBot) -> None:
    desks.user("admin-ida", role="admin", branch=None)
    app = desks.app("en")
    window = desks.window(app)
    desks.login(app, "admin-ida")
    page = window.counter_page
    assert page.branch_choice.isVisible() and page.branch_choice.count() == 2
    assert app.branch is not None and app.branch.id == "dokk1"
    assert len(page.buttons) == 8
    page.branch_choice.setCurrentIndex(page.branch_choice.findData("gellerup"))
    page.branch_choice.activated.emit(page.branch_choice.currentIndex())
    qtbot.waitUntil(lambda: list(page.buttons) == ["gellerup-1"], timeout=TIMEOUT_MS)
    desks.live(app)
    app.counter_pick.claim("gellerup-1")
    qtbot.waitUntil(lambda: app.screen == "desk", timeout=TIMEOUT_MS)
    assert counter(desks.server, "gellerup-1", "gellerup").held_by == "admin-ida"
