"""Every action at the desk against a real server: by button, by key, and what the server says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from desk_support import (
    TIMEOUT_MS,
    Clock,
    Desks,
    counter,
    issue,
    kiosk,
    staff_client,
    ticket,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk.viewmodels import DeskApp
from desk.views.dialogs import ConfirmCallDialog, PauseDialog, TransferDialog
from tests.support.servers import LiveServer


@pytest.fixture
def desks(app_server: LiveServer, qtbot: QtBot) -> Iterator[Desks]:
    d = Desks(app_server, qtbot)
    yield d
    d.shutdown()


def holding(app: DeskApp, number: str) -> bool:
    """The desk shows `number` and has the answer of its own call (not only the event)."""
    t = app.desk.ticket
    return t is not None and t.number == number and not app.busy


def serving(app: DeskApp) -> bool:
    t = app.desk.ticket
    return t is not None and t.state == "serving" and not app.busy


def test_call_recall_start_finish_and_the_double_click_guard(desks: Desks, qtbot: QtBot) -> None:
    p1, p2 = issue(desks.server, "pas", "pas")
    clock = Clock()
    app = desks.seated("anna", "dokk1-1", cooldown_ms=400, clock=clock)
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    assert page.number.text() == "—" and not page.action_buttons["recall"].isEnabled()
    assert "F1" in page.call_next.text() and "Mellemrum" in page.call_next.text()

    QTest.mouseClick(page.call_next, Qt.MouseButton.LeftButton)
    assert not page.call_next.isEnabled()  # at once: a second click does nothing
    page.call_next.click()
    qtbot.waitUntil(lambda: holding(app, "P001"), timeout=TIMEOUT_MS)
    desks.settle(app)
    assert not vm.canCallNext  # still cooling down after the answer
    assert page.number.text() == "P001"
    assert "Har ventet længst" in page.reason.text()
    assert ticket(desks.server, p1.id).state == "called"
    assert ticket(desks.server, p2.id).state == "waiting"  # the double click called nobody
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    assert page.call_next.isEnabled()

    clock.offset = dt.timedelta(minutes=2, seconds=5)
    vm.tick.emit()
    assert page.timer.text() in ("2:05", "2:06")

    page.action_buttons["recall"].click()
    qtbot.waitUntil(lambda: vm.recalls == 1, timeout=TIMEOUT_MS)
    desks.settle(app)  # while an answer is out, the buttons wait for it
    assert "Kaldt igen 1×" in page.recalls.text()
    assert ticket(desks.server, p1.id).recalls == 1
    page.action_buttons["recall"].click()
    qtbot.waitUntil(lambda: vm.recalls == 2, timeout=TIMEOUT_MS)
    desks.settle(app)

    page.action_buttons["start"].click()
    qtbot.waitUntil(lambda: serving(app), timeout=TIMEOUT_MS)
    desks.settle(app)
    assert ticket(desks.server, p1.id).state == "serving"
    assert (
        not page.action_buttons["recall"].isEnabled()
        and not page.action_buttons["no_show"].isEnabled()
    )
    assert page.action_buttons["finish"].isEnabled() and page.action_buttons["transfer"].isEnabled()

    page.action_buttons["finish"].click()
    qtbot.waitUntil(lambda: vm.ticket is None and not app.busy, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p1.id).state == "done"
    assert page.notice.text() == "P001 er færdig."
    assert page.number.text() == "—"


def test_no_show_finish_from_called_and_nobody_waiting(desks: Desks, qtbot: QtBot) -> None:
    p1, p2 = issue(desks.server, "korekort", "korekort")
    app = desks.seated("anna", "dokk1-2", cooldown_ms=50)
    vm = app.desk
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: holding(app, "K001"), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: vm.canNoShow, timeout=TIMEOUT_MS)
    vm.noShow()
    qtbot.waitUntil(lambda: vm.ticket is None, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p1.id).state == "no_show"
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: holding(app, "K002"), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: vm.canFinish, timeout=TIMEOUT_MS)
    vm.finish()  # straight from called: the citizen came, was served, is done
    qtbot.waitUntil(lambda: vm.ticket is None, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p2.id).state == "done"
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(
        lambda: vm.noticeText == "Ingen venter i dine køer lige nu.", timeout=TIMEOUT_MS
    )
    assert vm.ticket is None


def test_every_action_has_its_key(desks: Desks, qtbot: QtBot) -> None:
    p1, p2, p3 = issue(desks.server, "pas", "pas", "pas")
    app = desks.seated("anna", "dokk1-3", cooldown_ms=50)
    window = desks.window(app)
    vm = app.desk
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)

    def press(key: Qt.Key) -> None:
        qtbot.waitUntil(lambda: not app.busy, timeout=TIMEOUT_MS)
        QTest.keyClick(window, key)

    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: holding(app, "P001"), timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: vm.recalls == 1, timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: serving(app), timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: vm.ticket is None, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p1.id).state == "done"
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: holding(app, "P002"), timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: vm.ticket is None, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p2.id).state == "no_show"
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: holding(app, "P003"), timeout=TIMEOUT_MS)
    press(Qt.Key.Key_F6)  # transfer: a dialog, keys go to it now
    assert isinstance(window.desk_page.dialog, TransferDialog)
    window.desk_page.dialog.reject()
    press(Qt.Key.Key_F7)  # pause: a dialog with the reasons
    assert isinstance(window.desk_page.dialog, PauseDialog)
    window.desk_page.dialog.reject()
    press(Qt.Key.Key_F9)  # compact and back
    assert app.compact and window.compact.isVisible() and not window.isVisible()
    assert window.compact.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.waitUntil(window.compact.isActiveWindow, timeout=TIMEOUT_MS)
    QTest.keyClick(window.compact, Qt.Key.Key_F4)  # the keys work in compact mode too
    qtbot.waitUntil(lambda: vm.ticket is None, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p3.id).state == "done"
    QTest.keyClick(window.compact, Qt.Key.Key_F9)
    assert not app.compact and window.isVisible()
    app.setCompact(True)
    window.compact.close()  # closing the small window brings the full one back
    assert not app.compact and window.isVisible() and not window.compact.isVisible()


def test_call_out_of_order_asks_first(desks: Desks, qtbot: QtBot) -> None:
    p1, _, p2 = issue(desks.server, "pas", "digital-hjaelp", "pas")
    app = desks.seated("anna", "dokk1-4")
    window = desks.window(app)
    page = window.desk_page
    qtbot.waitUntil(lambda: page.waiting.rowCount() == 3, timeout=TIMEOUT_MS)
    assert [page.waiting.item(i, 0).text() for i in range(3)] == ["P001", "D001", "P002"]
    page.waiting.selectRow(2)
    assert page.call_specific.isEnabled()
    page.call_specific.click()
    dlg = page.dialog
    assert isinstance(dlg, ConfirmCallDialog)
    assert "P002" in dlg.text.text() and "2 har ventet længere" in dlg.text.text()
    dlg.cancel.click()  # changed her mind: nothing happens
    assert page.dialog is None and not app.busy
    assert ticket(desks.server, p2.id).state == "waiting"

    page.waiting.selectRow(2)
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)
    QTest.keyClick(window, Qt.Key.Key_F8)
    dlg = page.dialog
    assert isinstance(dlg, ConfirmCallDialog)
    assert dlg.ok.text() == "Kald P002"
    dlg.ok.click()
    qtbot.waitUntil(lambda: holding(app, "P002"), timeout=TIMEOUT_MS)
    called = ticket(desks.server, p2.id)
    assert called.state == "called" and called.counter == "dokk1-4"
    assert ticket(desks.server, p1.id).state == "waiting"
    assert page.reason.text() == "Kaldt uden for tur"
    qtbot.waitUntil(lambda: page.waiting.rowCount() == 2, timeout=TIMEOUT_MS)


def test_transfer_to_another_service_and_to_a_counter(desks: Desks, qtbot: QtBot) -> None:
    p1, p2 = issue(desks.server, "pas", "pas")
    app = desks.seated("anna", "dokk1-5", cooldown_ms=50)
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: holding(app, "P001"), timeout=TIMEOUT_MS)
    desks.settle(app)
    page.action_buttons["transfer"].click()
    dlg = page.dialog
    assert isinstance(dlg, TransferDialog)
    assert ("service", "pas") not in dlg.options  # not to where it is already
    assert ("counter", "dokk1-5") not in dlg.options
    assert not dlg.ok.isEnabled()
    dlg.choose("service", "korekort")
    assert dlg.ok.isEnabled()
    dlg.ok.click()
    qtbot.waitUntil(lambda: vm.ticket is None and not app.busy, timeout=TIMEOUT_MS)
    old = ticket(desks.server, p1.id)
    assert old.state == "transferred" and old.transferred_to
    new = ticket(desks.server, old.transferred_to)
    # the citizen keeps their number (the slip in their hand is still called)
    assert new.service == "korekort" and new.state == "waiting" and new.number == "P001"
    assert page.notice.text() == "P001 er overført til Kørekort og beholder sit nummer."

    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()  # dokk1-5 serves pas, not kørekort: P002 is next
    qtbot.waitUntil(lambda: holding(app, "P002"), timeout=TIMEOUT_MS)
    desks.settle(app)
    vm.start()
    qtbot.waitUntil(lambda: serving(app), timeout=TIMEOUT_MS)
    six = desks.seated("carl", "dokk1-6", cooldown_ms=50)  # a counter someone holds
    vm.transferToCounter("dokk1-6")
    qtbot.waitUntil(lambda: vm.ticket is None and not app.busy, timeout=TIMEOUT_MS)
    moved = ticket(desks.server, ticket(desks.server, p2.id).transferred_to or "")
    assert moved.state == "waiting"
    assert vm.noticeText == "P002 er overført til Skranke 6 og beholder sit nummer."
    # only dokk1-6 gets it, even though dokk1-1 serves pas too
    colleague = desks.seated("bo", "dokk1-1", cooldown_ms=50)
    colleague.desk.callNext()
    qtbot.waitUntil(lambda: bool(colleague.desk.noticeText), timeout=TIMEOUT_MS)
    assert colleague.desk.ticket is None or colleague.desk.ticket.id != moved.id
    six.desk.callNext()
    qtbot.waitUntil(lambda: six.desk.ticket is not None, timeout=TIMEOUT_MS)
    assert six.desk.ticket is not None and six.desk.ticket.id == moved.id


def test_pause_is_refused_calls_and_shown_to_colleagues(desks: Desks, qtbot: QtBot) -> None:
    issue(desks.server, "pas")
    app = desks.seated("anna", "dokk1-7")
    colleague = desks.seated("bo", "dokk1-8")
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    assert not page.pause_banner.isVisible()
    page.action_buttons["pause"].click()
    dlg = page.dialog
    assert isinstance(dlg, PauseDialog)
    dlg.reasons["phone"].click()
    qtbot.waitUntil(lambda: vm.paused == "phone", timeout=TIMEOUT_MS)
    assert counter(desks.server, "dokk1-7").paused == "phone"
    assert page.pause_banner.isVisible() and "Telefon" in page.pause_text.text()
    assert not page.call_next.isEnabled() and not vm.canCallNext
    assert "Genoptag" in page.action_buttons["pause"].text()
    # the colleague's desk shows it, pushed
    qtbot.waitUntil(
        lambda: any(r.id == "dokk1-7" and r.paused == "phone" for r in colleague.desk.colleagues()),
        timeout=TIMEOUT_MS,
    )
    # even if the button were pressed, the server refuses a call at a paused counter
    with staff_client(desks.server, "anna") as anna:
        from queue_server.client import ApiError

        with pytest.raises(ApiError) as info:
            anna.call_next("dokk1-7")
        assert info.value.code == "counter_paused"
    desks.settle(app)
    page.resume_button.click()
    qtbot.waitUntil(lambda: vm.paused == "", timeout=TIMEOUT_MS)
    assert counter(desks.server, "dokk1-7").paused is None
    assert not page.pause_banner.isVisible()
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: holding(app, "P001"), timeout=TIMEOUT_MS)


def test_queue_overview_is_live_and_serving_a_subset_skips_the_rest(
    desks: Desks, qtbot: QtBot
) -> None:
    app = desks.seated("anna", "dokk1-1", cooldown_ms=50)
    window = desks.window(app)
    page, vm = window.desk_page, app.desk
    rows = {r.id: r for r in vm.overview()}
    assert set(rows) == {"pas", "korekort", "sundhedskort", "digital-hjaelp", "bibliotek"}
    assert all(r.waiting == 0 for r in rows.values())
    assert rows["pas"].mine and not rows["sundhedskort"].mine
    k1, p1 = issue(desks.server, "korekort", "pas")  # a kiosk, elsewhere: pushed here
    qtbot.waitUntil(  # both pushed (K001's event can come before P001's)
        lambda: all(
            page.overview.item(row, 1) is not None and page.overview.item(row, 1).text() == "1"
            for row in (0, 1)
        ),
        timeout=TIMEOUT_MS,
    )
    assert (
        page.overview.item(0, 0).text().endswith("Pas") and page.overview.item(0, 1).text() == "1"
    )
    assert page.overview.item(0, 3).text() != "–"  # an expected wait range
    # serve only pas: K001 waited longer but is not called
    page.served["korekort"].click()
    assert vm.served() == ["pas", "digital-hjaelp"]
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: holding(app, "P001"), timeout=TIMEOUT_MS)
    assert ticket(desks.server, k1.id).state == "waiting"
    assert page.reason.text().startswith("Har ventet længst")  # the server's policy chose
    qtbot.waitUntil(lambda: page.overview.item(0, 1).text() == "0", timeout=TIMEOUT_MS)
    # with nothing left in the chosen services, call next finishes the current one
    qtbot.waitUntil(lambda: vm.canCallNext, timeout=TIMEOUT_MS)
    vm.callNext()
    qtbot.waitUntil(lambda: vm.ticket is None and not app.busy, timeout=TIMEOUT_MS)
    assert ticket(desks.server, p1.id).state == "done"
    assert ticket(desks.server, k1.id).state == "waiting"
    # the last service cannot be unticked
    page.served["pas"].click()
    page.served["digital-hjaelp"].click()
    assert vm.served() == ["digital-hjaelp"] and page.served["digital-hjaelp"].isChecked()
    page.served["korekort"].click()
    assert vm.served() == ["korekort", "digital-hjaelp"]


def test_a_kiosk_printer_fault_is_shown_at_the_desk(desks: Desks, qtbot: QtBot) -> None:
    with kiosk(desks.server) as k:
        k.report_health("kiosk-1", "paper_out")  # before the desk starts: from the snapshot
    app = desks.seated("clara", "dokk1-5")
    window = desks.window(app)
    page = window.desk_page
    qtbot.waitUntil(lambda: page.printer_banner.isVisible(), timeout=TIMEOUT_MS)
    assert page.printer_text.text() == "Printer ved kiosk-1: papiret er sluppet op"
    with kiosk(desks.server) as k:
        k.report_health("kiosk-1", "ok")  # pushed as it is fixed
    qtbot.waitUntil(lambda: not page.printer_banner.isVisible(), timeout=TIMEOUT_MS)
