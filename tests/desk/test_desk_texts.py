"""The desk's words come from the shared vocabulary: problem codes, names, waits, zones."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from desk import texts
from desk.screenshots import MY_COUNTER, NOW, sample_branch
from desk.viewmodels import DeskApp
from queue_server.client import ApiClient, ApiError
from queue_server.shared import wire
from queue_server.shared.phrasing import wait_text
from queue_server.shared.vocab import ProblemCode, Role


def test_every_code_with_a_sentence_is_one_the_server_sends() -> None:
    assert texts.KNOWN_CODES
    for code in texts.KNOWN_CODES:
        assert isinstance(code, ProblemCode), code
        assert ProblemCode(code.value) is code
    # the login throttle: the server sends it, the desk says so in a sentence of its own
    assert ProblemCode.RATE_LIMITED in texts.KNOWN_CODES
    throttled = texts.error_text(ApiError(429, "rate_limited", "slow down"), "en")
    assert throttled == "Too many attempts in a row. Wait a moment and try again."


def test_the_estimated_wait_is_said_as_on_the_kiosk_and_the_ticket() -> None:
    for low, high in [(0, 120), (300, 900), (600, 600), (1200, 2700)]:
        estimate = wire.WaitEstimate(low_s=low, high_s=high)
        for lang in ("da", "en"):
            assert texts.estimate_text(estimate, lang) == wait_text(low, high, lang)
    assert texts.estimate_text(None, "da") == "–"


def test_times_are_in_the_branchs_own_zone() -> None:
    assert texts.local_time(NOW, "Europe/Copenhagen") == "10:41"
    assert texts.local_time(NOW, "Atlantic/Faroe") == "09:41"  # Tórshavn: UTC in March
    assert texts.local_time(NOW, "America/Nuuk") == "07:41"  # Nuuk: UTC-2
    assert texts.local_time(NOW, "Nowhere/Atlantis") == "09:41"  # unknown: UTC, no crash


def test_the_desk_shows_its_branchs_time_and_names_by_the_shared_fallback(qtbot: QtBot) -> None:
    app = DeskApp("http://127.0.0.1:9", "en", clock=lambda: NOW)
    branch, state = sample_branch()
    app.client = ApiClient("http://127.0.0.1:9")
    app.who = wire.TokenInfo(token="", role=Role.CASEWORKER, branch="dokk1", username="mette")
    app.branch = branch.model_copy(update={"timezone": "America/Nuuk"})
    state.services["pas"] = state.services["pas"].model_copy(update={"names": {"da": "Pas"}})
    state.services["korekort"] = state.services["korekort"].model_copy(
        update={"names": {"so": "Liisanka", "en": "Driving licence"}}
    )
    app.apply_state(state)
    app.desk.sit(state.counters[MY_COUNTER])
    called = app.desk.ticket
    assert called is not None and called.called_at is not None
    assert app.local_time(called.called_at) == (called.called_at - dt.timedelta(hours=2)).strftime(
        "%H:%M"
    )
    assert app.service_name("pas") == "Pas"  # no English name: Danish
    assert app.service_name("korekort", "so") == "Liisanka"
    assert app.service_name("korekort", "ar") == "Driving licence"  # language → en → da
    assert app.service_name("unknown") == "unknown"
    app.desk.stop_timers()
    app.tasks.close()
    app.client.close()
