"""The Qt display against a real server on loopback: what the board shows and says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from display_support import (
    FakeChime,
    FakeSpeech,
    Request,
    asked_by,
    desk,
    hero_text,
    issue,
    item,
    queue,
    queue_row,
    start_logged_server,
    waiting,
)
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from display.announcer import SoundEffectChime
from display.app import DisplayApp
from queue_server.shared.phrasing import wait_text
from tests.support.servers import AARHUS_CONFIG, LiveServer, start_server

MakeDisplay = Callable[..., DisplayApp]
Aarhus = tuple[LiveServer, list[dt.datetime]]  # the server and its clock

WAIT_MS = 10_000


def test_a_call_appears_at_once_and_is_read_out_in_danish_then_the_tickets_language(
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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
    assert queue_row(app, "pas") is None or queue_row(app, "pas")["waiting"] == 0
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
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
) -> None:
    app = make_display(speech=FakeSpeech(auto=True), chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    ticket = issue(app_server, "pas")
    desk(app_server, "counters/dokk1-5/call-next")
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)

    moved = desk(app_server, f"tickets/{ticket['id']}/transfer", service="korekort")
    assert moved["number"] == "P001"  # the citizen keeps their number through a transfer
    qtbot.waitUntil(lambda: app.vm.shown_numbers() == [], timeout=WAIT_MS)
    assert not item(app, "hero").property("visible")
    qtbot.waitUntil(lambda: (queue_row(app, "korekort") or {}).get("waiting") == 1, timeout=WAIT_MS)

    desk(app_server, "counters/dokk1-1/call-next")  # serves korekort: the moved ticket is next
    qtbot.waitUntil(lambda: hero_text(app) == "P001", timeout=WAIT_MS)
    assert item(app, "heroCounter").property("text") == "Skranke 1"


def test_a_no_show_leaves_the_board_and_earlier_calls_move_up(
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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


def test_an_unknown_zone_is_said_plainly_on_screen(qtbot: QtBot, make_display: MakeDisplay) -> None:
    app = make_display(zone="kaelder", speech=None, chime=None)
    qtbot.waitUntil(lambda: app.vm.property("message") != "", timeout=WAIT_MS)
    assert app.vm.property("message") == "Ukendt zone: kaelder"
    assert item(app, "message").property("visible")


def test_a_refused_token_is_said_plainly_on_screen(qtbot: QtBot, make_display: MakeDisplay) -> None:
    app = make_display(token="not-a-real-token", speech=None, chime=None)
    qtbot.waitUntil(lambda: app.vm.property("message") != "", timeout=WAIT_MS)
    assert app.vm.property("message").startswith("Skærmen er ikke godkendt")
    assert "Traceback" not in app.vm.property("message")


def test_after_a_server_restart_it_shows_offline_keeps_the_board_and_resyncs(
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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


def test_announcements_queue_in_order_never_cut_each_other_off_and_each_one_flashes(
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
) -> None:
    speech = FakeSpeech(languages=("da", "en", "uk"))
    app = make_display(speech=speech, chime=FakeChime())
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    flashed: list[str] = []  # the number on top each time a flash starts

    def on_flash() -> None:
        key = app.vm.property("emphasised")
        if app.vm.property("flashOn") and key not in flashed:
            flashed.append(key)

    app.vm.flashChanged.connect(on_flash)
    announced: list[str] = []
    app.announcer.started.connect(announced.append)
    tickets = [
        issue(app_server, "pas", "uk"),
        issue(app_server, "korekort", "da"),
        issue(app_server, "sundhedskort", "en"),
    ]
    desk(app_server, "counters/dokk1-1/call-next")  # P001 (uk)
    desk(app_server, "counters/dokk1-2/call-next")  # K001 (da)
    desk(app_server, "counters/dokk1-5/call-next")  # S001 (en)
    qtbot.waitUntil(lambda: len(app.vm.shown_numbers()) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: speech.speaking is not None, timeout=WAIT_MS)
    assert app.announcer.pending() == 2  # the others wait their turn

    for _ in range(10):  # bounded: five lines in all
        qtbot.waitUntil(
            lambda: speech.speaking is not None or not app.announcer.busy, timeout=WAIT_MS
        )
        if speech.speaking is None:
            break
        speech.finish()  # FakeSpeech asserts that no line starts while another is spoken
    qtbot.waitUntil(lambda: not app.announcer.busy, timeout=WAIT_MS)
    assert speech.lines == [
        ("Nummer P 1, Skranke 1", "da"),
        ("Номер P 1, Віконце 1", "uk"),  # the counter named in Ukrainian (config/demo)
        ("Nummer K 1, Skranke 2", "da"),
        ("Nummer S 1, Skranke 5", "da"),
        ("Number S 1, Counter 5", "en"),
    ]
    assert speech.stopped == 0  # no line was given up on
    # every call read out was also shown as a flash, the moment it came
    assert announced == ["P001@dokk1-1#0", "K001@dokk1-2#0", "S001@dokk1-5#0"]
    assert [key.split("#")[0] for key in flashed] == [t["id"] for t in tickets]


def test_without_an_audio_device_the_board_still_shows_every_call(
    qtbot: QtBot, app_server: LiveServer, make_display: MakeDisplay
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


def test_chime_only_mode_never_speaks(qtbot: QtBot, app_server: LiveServer) -> None:
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


def test_the_qt_speech_adapter_finishes_lines_and_skips_languages_it_lacks(qtbot: QtBot) -> None:
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


@pytest.fixture
def requests_seen() -> list[Request]:
    return []


@pytest.fixture
def logged_server(tmp_path: Path, requests_seen: list[Request]) -> Iterator[LiveServer]:
    server = start_logged_server(tmp_path, requests_seen)
    yield server
    server.stop()


def test_the_queues_follow_the_events_with_no_refetch_of_the_branch(
    qtbot: QtBot,
    logged_server: LiveServer,
    requests_seen: list[Request],
    make_display: MakeDisplay,
) -> None:
    """20 tickets issued and called: the waiting counts and the wait move with every
    event, and the display asks the server nothing after its start."""
    app = make_display(speech=FakeSpeech(auto=True), chime=FakeChime(), server=logged_server)
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: queue(app, "pas") != {}, timeout=WAIT_MS)
    token = logged_server.token("display")
    assert asked_by(requests_seen, token) == [
        ("GET", "/api/v1/branches/dokk1"),
        ("GET", "/api/v1/branches/dokk1/events"),  # the event socket
    ]
    started = len(requests_seen)
    waits: set[str] = set()
    app.vm.boardChanged.connect(lambda: waits.add(queue(app, "pas")["wait"]))

    for n in range(1, 21):
        issue(logged_server, "pas")
        qtbot.waitUntil(waiting(app, "pas", n), timeout=WAIT_MS)
    with logged_server.client("admin") as admin:  # what the server says now
        pas = next(
            s for s in admin.get("/api/v1/branches/dokk1").json()["services"] if s["id"] == "pas"
        )
    assert queue(app, "pas")["wait"] == wait_text(**pas["estimated_wait"], language="da")

    for n in range(1, 21):
        desk(logged_server, "counters/dokk1-1/call-next")
        qtbot.waitUntil(waiting(app, "pas", 20 - n), timeout=WAIT_MS)
    assert hero_text(app) == "P020"
    assert queue(app, "pas")["wait"] == "Ingen kø"
    assert len(waits) >= 3  # the wait grew with the queue and shrank with it

    assert asked_by(requests_seen[started:], token) == []  # not one GET /branches


def test_a_resync_fetches_the_branch_again(
    qtbot: QtBot, logged_server: LiveServer, requests_seen: list[Request], make_display: MakeDisplay
) -> None:
    app = make_display(speech=None, chime=None, server=logged_server)
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    token = logged_server.token("display")
    started = len(asked_by(requests_seen, token))
    app.live.changed.emit(app.live.state, None)  # a fresh snapshot, as after a resync
    qtbot.waitUntil(lambda: len(asked_by(requests_seen, token)) > started, timeout=WAIT_MS)
    assert asked_by(requests_seen, token)[started:] == [("GET", "/api/v1/branches/dokk1")]


@pytest.fixture
def aarhus(tmp_path: Path, requests_seen: list[Request]) -> Iterator[Aarhus]:
    """Aarhus's site on a server with a clock the test sets: Tuesday 14:59:50 there."""
    clock = [dt.datetime(2026, 3, 10, 13, 59, 50, tzinfo=dt.UTC)]
    server = start_logged_server(
        tmp_path, requests_seen, config=AARHUS_CONFIG, clock=lambda: clock[0]
    )
    yield server, clock
    server.stop()


def test_a_service_closing_reaches_the_board_as_an_event(
    qtbot: QtBot, aarhus: Aarhus, requests_seen: list[Request], make_display: MakeDisplay
) -> None:
    """Dokk1 serves passports until 15:00: then the queue says closed, told by the server's
    `services.changed` (it looks at the hours every few seconds), not by the display asking."""
    aarhus_server, aarhus_clock = aarhus
    app = make_display(speech=None, chime=None, server=aarhus_server)
    qtbot.waitUntil(lambda: app.vm.property("status") == "live", timeout=WAIT_MS)
    issue(aarhus_server, "pas")
    qtbot.waitUntil(lambda: queue(app, "pas").get("waiting") == 1, timeout=WAIT_MS)
    assert queue(app, "pas")["open"] is True
    token = aarhus_server.token("display")
    started = len(requests_seen)

    aarhus_clock[0] += dt.timedelta(seconds=20)  # 15:00:10
    qtbot.waitUntil(lambda: queue(app, "pas").get("open") is False, timeout=WAIT_MS)
    assert queue(app, "pas").get("wait") == "Lukket"
    assert asked_by(requests_seen[started:], token) == []
