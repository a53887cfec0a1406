"""What a board shows and says, decided in queue_server.shared.board (pure), and letter sizes."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import wave

import pytest

from display.sizing import sizes
from queue_server.shared import board, wire
from queue_server.shared.board import ClockSkew, Scope, UnknownZone
from queue_server.shared.i18n import Catalogue
from queue_server.shared.phrasing import WaitWords, spoken_number, wait_text, wait_words
from queue_server.web import chime

T0 = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
COUNTERS = [
    wire.CounterInfo(id="c1", names={"da": "Skranke 1"}, services=["pas", "korekort"], zone="bs"),
    wire.CounterInfo(id="c7", names={"da": "Skranke 7"}, services=["bibliotek"], zone="bib"),
    wire.CounterInfo(id="c9", names={"da": "Skranke 9"}, services=["pas"], zone=None),
]


def ticket(
    number: str, state: str, counter: str | None = None, service: str = "pas"
) -> wire.Ticket:
    return wire.Ticket(
        id=f"id-{number}",
        number=number,
        branch="b",
        service=service,
        state=state,  # type: ignore[arg-type]
        language="da",
        issued_at=T0,
        called_at=T0 if counter else None,
        counter=counter,
        status_url=f"http://x/t/secret-{number}",
    )


def service(
    sid: str, open_now: bool = True, wait: tuple[int, int] | None = (600, 1200)
) -> wire.ServiceInfo:
    return wire.ServiceInfo(
        id=sid,
        prefix=sid[0].upper(),
        names={"da": sid},
        open_now=open_now,
        waiting=0,
        estimated_wait=wire.WaitEstimate(low_s=wait[0], high_s=wait[1]) if wait else None,
    )


def test_a_zone_is_its_counters_and_their_services() -> None:
    scope = Scope.of(COUNTERS, "bs")
    assert scope.counters == frozenset({"c1"}) and scope.services == frozenset({"pas", "korekort"})
    assert scope.shows_counter("c1") and not scope.shows_counter("c7")
    assert Scope.of(COUNTERS, None).shows_counter("c7")  # no zone: the whole branch
    with pytest.raises(UnknownZone, match="bib, bs"):
        Scope.of(COUNTERS, "cellar")


def test_the_board_keeps_calls_at_or_past_the_counter_and_drops_the_rest() -> None:
    recent = [
        ticket("P005", "called", "c1"),
        ticket("P004", "no_show", "c1"),
        ticket("L001", "serving", "c7"),
        ticket("P003", "transferred", "c9"),
        ticket("P002", "done", "c9"),
        ticket("P001", "cancelled"),
    ]
    calls = board.calls_of(recent, Scope(), limit=10)
    assert [c.number for c in calls] == ["P005", "L001", "P002"]
    assert [c.number for c in board.calls_of(recent, Scope.of(COUNTERS, "bib"), 10)] == ["L001"]
    assert [c.number for c in board.calls_of(recent, Scope(), limit=2)] == ["P005", "L001"]
    opaque = board.calls_of(recent, Scope(), 1, key=lambda t: "k")
    assert opaque[0].key == "k"


def test_queues_show_open_services_and_closed_ones_people_still_wait_for() -> None:
    services = [
        service("pas"),
        service("korekort", open_now=False),
        service("bibliotek", open_now=False),
    ]
    waiting = board.waiting_counts(
        [
            ticket("P1", "waiting"),
            ticket("P2", "waiting"),
            ticket("K1", "waiting", service="korekort"),
            ticket("P3", "called", "c1"),
        ]
    )
    assert waiting == {"pas": 2, "korekort": 1}
    rows = board.queues_of(services, waiting, Scope())
    assert [(r.service, r.waiting, r.open_now) for r in rows] == [
        ("pas", 2, True),
        ("korekort", 1, False),
    ]
    assert rows[0].estimate == wire.WaitEstimate(low_s=600, high_s=1200)
    zone_rows = board.queues_of(services, waiting, Scope.of(COUNTERS, "bib"))
    assert zone_rows == ()  # the library counter's service is closed with nobody waiting


def test_waits_and_numbers_as_every_screen_says_them() -> None:
    """The display words a wait and reads a number by the shared rules (shared.phrasing)."""
    assert wait_words(0, 300) == WaitWords("wait.under", {"n": 5})
    assert wait_words(600, 1230) == WaitWords("wait.range", {"low": 10, "high": 20})
    assert wait_text(0, 300, "da") == "under 5 min."
    assert wait_text(600, 1230, "en") == "about 10–20 min"
    assert spoken_number("P017") == "P 17"
    assert spoken_number("K100") == "K 100"
    assert spoken_number("AB007") == "A B 7"
    assert spoken_number("P000") == "P 0"


def event(kind: str, t: wire.Ticket, at: dt.datetime = T0) -> wire.Event:
    return wire.Event(type=kind, seq=1, branch="b", at=at, ticket=t)


def test_only_fresh_calls_in_scope_are_announced() -> None:
    called = ticket("P1", "called", "c1")
    scope = Scope()
    assert board.announces(event("ticket.called", called), scope, T0)
    assert board.announces(event("ticket.recalled", called), scope, T0 + dt.timedelta(seconds=59))
    assert not board.announces(event("ticket.called", called), scope, T0 + dt.timedelta(minutes=5))
    assert not board.announces(event("ticket.started", ticket("P1", "serving", "c1")), scope, T0)
    assert not board.announces(event("ticket.called", called), Scope.of(COUNTERS, "bib"), T0)


def test_a_display_with_a_wrong_clock_still_announces_live_calls() -> None:
    skew = ClockSkew()
    ahead = dt.timedelta(minutes=7)  # this machine's clock runs 7 minutes fast
    for s in range(5):
        at = T0 + dt.timedelta(seconds=s)
        skew.observe(at, at + ahead + dt.timedelta(milliseconds=20))
    replayed_at = T0 - dt.timedelta(minutes=30)
    skew.observe(replayed_at, T0 + ahead)  # a replay after an outage: a long delay
    assert abs(skew.skew - ahead) < dt.timedelta(seconds=1)
    called = ticket("P1", "called", "c1")
    now = T0 + ahead + dt.timedelta(seconds=1)
    assert not board.announces(event("ticket.called", called), Scope(), now)
    assert board.announces(event("ticket.called", called), Scope(), now, skew.skew)
    assert not board.announces(event("ticket.called", called, replayed_at), Scope(), now, skew.skew)


def test_letters_for_8_m_on_a_55_inch_full_hd_screen() -> None:
    s = sizes(1920, 1080, diagonal_in=55, distance_m=8)
    assert 1.57 < s.px_per_mm < 1.58  # 1920 px across 1218 mm
    assert s.cap_mm(s.body) >= 32 and s.cap_mm(s.minimum) >= 26.6
    assert s.cap_mm(s.call) >= 50 and s.cap_mm(s.hero) >= 80
    assert s.minimum < s.body < s.call < s.hero
    assert sizes(1080, 1920) == s  # portrait: the same screen turned
    assert sizes(3840, 2160).body == pytest.approx(2 * s.body, abs=1)  # 4K: twice the pixels
    assert sizes(1920, 1080, distance_m=4).body < s.body


def test_the_shipped_chime_is_the_generated_two_tone() -> None:
    data = chime.wav_bytes()
    assert chime.PATH.read_bytes() == data  # regenerate with: python -m queue_server.web.chime
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, chime.RATE)
        assert 1.0 <= w.getnframes() / w.getframerate() <= 2.0
    samples = chime.samples()
    assert max(abs(v) for v in samples) == pytest.approx(chime.PEAK)  # never full scale
    assert abs(samples[-1]) < 1e-3 and abs(samples[0]) < 1e-3  # no click at either end

    def zero_crossings(start_s: float, length_s: float) -> float:
        a = samples[int(start_s * chime.RATE) : int((start_s + length_s) * chime.RATE)]
        return sum(1 for x, y in itertools.pairwise(a) if x < 0 <= y) / length_s

    assert zero_crossings(0.05, 0.3) == pytest.approx(659, rel=0.05)  # first tone: E5
    assert zero_crossings(0.9, 0.3) == pytest.approx(523, rel=0.05)  # then C5


def test_the_display_catalogue_is_complete_where_citizens_read_or_hear_it() -> None:
    cat = Catalogue.load("display")  # da and en for every key, or it fails to load
    citizen_languages = {"da", "en", "ar", "uk", "so", "tr", "pl"}
    for key, langs in cat.texts.items():
        if key.startswith(("page.", "speech.", "board.wait_")):
            assert set(langs) >= citizen_languages, f"{key} lacks {citizen_languages - set(langs)}"
        for lang, text in langs.items():
            assert text.strip() == text and text, f"{key}.{lang}"
    assert cat.tr("page.your_turn", "en", counter="Counter 5") == "It's your turn: go to Counter 5"
    assert (
        cat.tr("speech.call", "da", number="P 17", counter="Skranke 5") == "Nummer P 17, Skranke 5"
    )


def test_the_display_pulls_in_no_server_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys, display.app, display.run, queue_server.shared.board; "
        "print(','.join(m for m in ('fastapi', 'sqlalchemy', 'starlette', 'uvicorn') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
