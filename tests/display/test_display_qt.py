"""The Qt display against a real server on loopback: what the board shows and says."""

from __future__ import annotations

from typing import Any

import httpx
from display_support import FakeChime, FakeSpeech
from PySide6.QtCore import QSize
from PySide6.QtQuick import QQuickItem

from display.announcer import SoundEffectChime
from display.app import DisplayApp
from tests.support.servers import LiveServer, start_server

WAIT_MS = 10_000


def issue(server: LiveServer, service: str = "pas", language: str = "da") -> dict[str, Any]:
    with server.client("kiosk") as kiosk:
        r = kiosk.post(
            "/api/v1/tickets", json={"branch": "dokk1", "service": service, "language": language}
        )
    assert r.status_code == 201, r.text
    return dict(r.json())


def desk(server: LiveServer, path: str, **body: Any) -> dict[str, Any]:
    with server.client("caseworker") as c:
        r = c.post(f"/api/v1/{path}", json=body or None)
    assert r.status_code == 200, r.text
    return dict(r.json())


def item(app: DisplayApp, name: str) -> QQuickItem:
    found = app.view.rootObject().findChild(QQuickItem, name)
    assert found is not None, f"no QML item {name!r}"
    return found


def hero_text(app: DisplayApp) -> str:
    return str(item(app, "heroNumber").property("text"))


def queue_row(app: DisplayApp, service: str) -> dict[str, Any] | None:
    return next((q for q in app.vm.property("queues") if q["service"] == service), None)


def test_a_call_appears_at_once_and_is_read_out_in_danish_then_the_tickets_language(
    qtbot, app_server: LiveServer, make_display
) -> None:
    speech, chime = FakeSpeech(languages=("da", "en")), FakeChime()
    app = make_display(speech=speech, chime=chime)
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    ticket = issue(app_server, "pas", language="en")
    qtbot.waitUntil(lambda: (queue_row(app, "pas") or {}).get("waiting") == 1, timeout=WAIT_MS)

    called = desk(app_server, "counters/dokk1-5/call-next")
    assert called["number"] == ticket["number"] == "P001"
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)
    assert item(app, "heroCounter").property("text") == "Skranke 5"
    assert queue_row(app, "pas") is None or queue_row(app, "pas")["waiting"] == 0  # type: ignore[index]
    assert app.vm.property("flashOn") is True  # the newest call is emphasised

    # the chime, then Danish; English waits until Danish has finished
    qtbot.waitUntil(lambda: speech.speaking is not None, timeout=WAIT_MS)
    assert chime.plays == 1
    assert speech.lines == [("Nummer P 1, Skranke 5", "da")]
    speech.finish()
    qtbot.waitUntil(lambda: len(speech.lines) == 2, timeout=WAIT_MS)
    assert speech.lines[1] == ("Number P 1, Counter 5", "en")
    speech.finish()
    qtbot.waitUntil(lambda: not app.announcer.busy, timeout=WAIT_MS)


def test_a_recall_moves_the_number_to_the_top_and_is_announced_again(
    qtbot, app_server: LiveServer, make_display
) -> None:
    speech = FakeSpeech(auto=True)
    app = make_display(speech=speech, chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    first, second = issue(app_server), issue(app_server)
    desk(app_server, "counters/dokk1-1/call-next")
    desk(app_server, "counters/dokk1-2/call-next")
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["P002", "P001"], timeout=WAIT_MS)

    desk(app_server, f"tickets/{first['id']}/recall")
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["P001", "P002"], timeout=WAIT_MS)
    assert hero_text(app) == "P001"
    qtbot.waitUntil(lambda: len(speech.lines) == 3, timeout=WAIT_MS)
    assert [text for text, _ in speech.lines] == [
        "Nummer P 1, Skranke 1",
        "Nummer P 2, Skranke 2",
        "Nummer P 1, Skranke 1",
    ]
    assert second["number"] == "P002"


def test_a_transfer_takes_the_number_off_and_counts_it_in_the_new_queue(
    qtbot, app_server: LiveServer, make_display
) -> None:
    app = make_display(speech=FakeSpeech(auto=True), chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    ticket = issue(app_server, "pas")
    desk(app_server, "counters/dokk1-5/call-next")
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)

    moved = desk(app_server, f"tickets/{ticket['id']}/transfer", service="korekort")
    assert moved["number"] == "K001"
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == [], timeout=WAIT_MS)
    assert not item(app, "hero").property("visible")
    qtbot.waitUntil(lambda: (queue_row(app, "korekort") or {}).get("waiting") == 1, timeout=WAIT_MS)

    desk(app_server, "counters/dokk1-1/call-next")  # serves korekort: the moved ticket is next
    qtbot.waitUntil(lambda: hero_text(app) == "K001", timeout=WAIT_MS)
    assert item(app, "heroCounter").property("text") == "Skranke 1"


def test_a_no_show_leaves_the_board_and_earlier_calls_move_up(
    qtbot, app_server: LiveServer, make_display
) -> None:
    app = make_display(speech=FakeSpeech(auto=True), chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    issue(app_server)
    second = issue(app_server)
    desk(app_server, "counters/dokk1-1/call-next")
    desk(app_server, "counters/dokk1-2/call-next")
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["P002", "P001"], timeout=WAIT_MS)

    desk(app_server, f"tickets/{second['id']}/no-show")
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["P001"], timeout=WAIT_MS)
    assert hero_text(app) == "P001"


def test_a_zone_display_shows_and_announces_only_its_own_counters(
    qtbot, app_server: LiveServer, make_display
) -> None:
    speech = FakeSpeech(auto=True)
    app = make_display(zone="bibliotek", speech=speech, chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.vm.property("queues") != [], timeout=WAIT_MS)
    # the library zone's counters (dokk1-7, dokk1-8) serve pas, digital-hjaelp, bibliotek
    assert {q["service"] for q in app.vm.property("queues")} == {
        "pas",
        "digital-hjaelp",
        "bibliotek",
    }
    issue(app_server, "korekort")
    issue(app_server, "bibliotek")
    desk(app_server, "counters/dokk1-1/call-next")  # borgerservice: K001
    desk(app_server, "counters/dokk1-7/call-next")  # bibliotek: L001
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["L001"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not app.announcer.busy and speech.lines != [], timeout=WAIT_MS)
    assert [text for text, _ in speech.lines] == ["Nummer L 1, Skranke 7"]


def test_an_unknown_zone_is_said_plainly_on_screen(qtbot, make_display) -> None:
    app = make_display(zone="kaelder", speech=None, chime=None)
    qtbot.waitUntil(lambda: app.vm.property("message") != "", timeout=WAIT_MS)
    assert app.vm.property("message") == "Ukendt zone: kaelder"
    assert item(app, "message").property("visible")


def test_a_refused_token_is_said_plainly_on_screen(qtbot, make_display) -> None:
    app = make_display(token="not-a-real-token", speech=None, chime=None)
    qtbot.waitUntil(lambda: app.vm.property("message") != "", timeout=WAIT_MS)
    assert app.vm.property("message").startswith("Skærmen er ikke godkendt")
    assert "Traceback" not in app.vm.property("message")


def test_after_a_server_restart_it_shows_offline_keeps_the_board_and_resyncs(
    qtbot, app_server: LiveServer, make_display
) -> None:
    app = make_display(speech=FakeSpeech(auto=True), chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    issue(app_server)
    issue(app_server)
    desk(app_server, "counters/dokk1-1/call-next")
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)

    port = int(app_server.url.rsplit(":", 1)[1])
    app_server.stop()
    qtbot.waitUntil(lambda: app.vm.property("status") == "offline", timeout=WAIT_MS)
    assert item(app, "offlineMark").property("visible")
    assert hero_text(app) == "P001"  # what was on screen stays

    restarted = start_server(app_server.settings, port)  # same port, same database
    try:
        restarted.tokens = app_server.tokens
        # a call made the moment the server is back, most likely before the display has
        # reconnected: it must arrive by the resync from the display's last seq
        with httpx.Client(base_url=restarted.url, timeout=10) as c:
            token = restarted.tokens["caseworker@dokk1"]
            r = c.post(
                "/api/v1/counters/dokk1-2/call-next", headers={"Authorization": f"Bearer {token}"}
            )
            assert r.status_code == 200 and r.json()["number"] == "P002"
        qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=20_000)
        qtbot.waitUntil(lambda: app.vm.shown_numbers() == ["P002", "P001"], timeout=WAIT_MS)
        assert not item(app, "offlineMark").property("visible")
    finally:
        app.stop()
        restarted.stop()


def test_announcements_queue_in_order_and_never_cut_each_other_off(
    qtbot, app_server: LiveServer, make_display
) -> None:
    speech = FakeSpeech(languages=("da", "en", "uk"))
    app = make_display(speech=speech, chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    issue(app_server, "pas", "uk")
    issue(app_server, "korekort", "da")
    issue(app_server, "sundhedskort", "en")
    desk(app_server, "counters/dokk1-1/call-next")  # P001 (uk)
    desk(app_server, "counters/dokk1-2/call-next")  # K001 (da)
    desk(app_server, "counters/dokk1-5/call-next")  # S001 (en)
    qtbot.waitUntil(lambda: len(app.vm.shown_numbers()) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: speech.speaking is not None, timeout=WAIT_MS)
    assert app.announcer.pending() == 2  # the others wait their turn

    for _ in range(10):  # bounded: five lines in all
        if speech.speaking is None and not app.announcer.busy:
            break
        qtbot.waitUntil(lambda: speech.speaking is not None, timeout=WAIT_MS)
        speech.finish()  # FakeSpeech asserts that no line starts while another is spoken
    qtbot.waitUntil(lambda: not app.announcer.busy, timeout=WAIT_MS)
    assert speech.lines == [
        ("Nummer P 1, Skranke 1", "da"),
        ("Номер P 1, Skranke 1", "uk"),
        ("Nummer K 1, Skranke 2", "da"),
        ("Nummer S 1, Skranke 5", "da"),
        ("Number S 1, Counter 5", "en"),
    ]


def test_without_an_audio_device_the_board_still_shows_every_call(
    qtbot, app_server: LiveServer, make_display
) -> None:
    from display.announcer import DEFAULT_CHIME

    chime = SoundEffectChime(DEFAULT_CHIME)  # the real player: no sound card on this machine
    app = make_display(speech=None, chime=chime)
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    issue(app_server)
    started: list[str] = []
    app.announcer.started.connect(started.append)
    desk(app_server, "counters/dokk1-3/call-next")
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: started == ["P001@dokk1-3#0"] and not app.announcer.busy, timeout=WAIT_MS
    )


def test_chime_only_mode_never_speaks(qtbot, app_server: LiveServer) -> None:
    from display.app import Options

    speech, chime = FakeSpeech(auto=True), FakeChime()
    app = DisplayApp(
        Options(
            server=app_server.url,
            token=app_server.token("display"),
            branch="dokk1",
            chime_only=True,
        ),
        speech=speech,
        chime=chime,
        size=QSize(1920, 1080),
    )
    try:
        app.start()
        qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
        issue(app_server)
        desk(app_server, "counters/dokk1-1/call-next")
        qtbot.waitUntil(lambda: chime.plays == 1 and not app.announcer.busy, timeout=WAIT_MS)
        assert speech.lines == []
    finally:
        app.stop()


def test_the_qt_speech_adapter_finishes_lines_and_skips_languages_it_lacks(qtbot) -> None:
    from display.announcer import Announcement, Announcer, QtSpeech

    speech = QtSpeech("mock")  # Qt's own test engine: English and a few others, no Danish
    assert speech.usable() and speech.can_speak("en") and not speech.can_speak("da")
    announcer = Announcer(FakeChime(), speech)
    said: list[tuple[str, str]] = []
    announcer.said.connect(lambda text, lang: said.append((text, lang)))
    lines = (("Nummer P 1, Skranke 5", "da"), ("Number P 1, Counter 5", "en"))
    with qtbot.waitSignal(announcer.idle, timeout=WAIT_MS):
        announcer.announce(Announcement("P001", lines))
    assert said == [("Number P 1, Counter 5", "en")]
