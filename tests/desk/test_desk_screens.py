"""Screens and words: the screenshot command, the catalogue, the size, no traceback text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desk import texts
from desk.main import main
from desk.screenshots import MY_COUNTER, NOW, sample_branch
from desk.viewmodels import DeskApp
from desk.views.window import MainWindow
from queue_server.client import ApiClient, ApiError, ServerUnreachable
from queue_server.shared import wire
from queue_server.shared.vocab import PauseReason, Role, TicketState

DESK = Path(texts.__file__).resolve().parent
SCREENS = [
    "01-login",
    "02-login-bad-password",
    "03-counters",
    "04-desk-called",
    "05-queue-overview",
    "06-call-out-of-order",
    "07-transfer",
    "08-pause-reason",
    "09-paused",
    "10-offline",
    "11-compact",
]


def test_screenshots_command_renders_every_screen_in_both_languages(
    tmp_path: Path, qtbot: QtBot
) -> None:
    assert main(["--screenshots", str(tmp_path)]) == 0
    for lang in ("da", "en"):
        for screen in SCREENS:
            image = QImage(str(tmp_path / f"{lang}-{screen}.png"))
            assert not image.isNull(), f"{lang}-{screen}"
            if screen not in ("05-queue-overview", "11-compact"):
                assert image.size() == QSize(1366, 768), f"{lang}-{screen}: {image.size()}"
            # not blank: a real picture has many colours
            colours = {
                image.pixel(x, y)
                for x in range(0, image.width(), 23)
                for y in range(0, image.height(), 17)
            }
            assert len(colours) > 5, f"{lang}-{screen} looks empty"


def used_keys() -> tuple[set[str], set[str]]:
    """Literal catalogue keys in the desk's code, and f-string key prefixes."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    pattern = re.compile(r"^[a-z_]+\.[a-z_.]+$")
    for path in DESK.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if pattern.match(node.value) and node.value.split(".")[0] in PREFIXES:
                    keys.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and str(first.value).rstrip(".") in PREFIXES:
                    prefixes.add(str(first.value))
    return keys, prefixes


PREFIXES = {
    "app", "key", "login", "counters", "header", "connection", "banner", "desk", "col", "state",
    "colleague", "action", "compact", "dialog", "confirm", "transfer", "pause", "notice",
    "reason", "time", "error",
}  # fmt: skip


def test_every_text_the_desk_uses_is_in_danish_and_english() -> None:
    cat = texts.catalogue()
    keys, prefixes = used_keys()
    assert len(keys) > 80
    assert not [k for k in keys if not cat.has(k)]
    dynamic = {
        "state.": [f"state.{s}" for s in TicketState],
        "pause.": [f"pause.{r}" for r in PauseReason],
        "colleague.": ["colleague.called", "colleague.serving"],
        "connection.": [f"connection.{s}" for s in ("live", "connecting", "offline", "refused")],
        "error.": [f"error.{c}" for c in texts.KNOWN_CODES],
    }
    assert prefixes <= set(dynamic)
    for expanded in dynamic.values():
        assert not [k for k in expanded if not cat.has(k)]
    for key, langs in cat.texts.items():
        assert langs["da"].strip() and langs["en"].strip(), key
        # the same placeholders in both languages
        assert set(re.findall(r"{(\w+)}", langs["da"])) == set(
            re.findall(r"{(\w+)}", langs["en"])
        ), key


def test_failures_become_sentences() -> None:
    unreachable = texts.error_text(ServerUnreachable("boom"), "da", server="http://x:1")
    assert unreachable == "Serveren (http://x:1) svarer ikke. Tjek netværket og prøv igen."
    taken = ApiError(409, "counter_taken", "counter dokk1-1 is held by bo")
    assert texts.error_text(taken, "en") == "bo is at that counter. Choose another one."
    assert texts.error_text(ApiError(500, "internal_error", "x"), "da").startswith(
        "Serveren fejlede"
    )
    assert texts.error_text(ApiError(409, "brand_new_code", "x"), "en") == (
        "The server refused this (brand_new_code)."
    )
    odd = texts.error_text(ZeroDivisionError("division by zero"), "da")
    assert "ZeroDivision" not in odd and odd.startswith("Der skete en uventet fejl")
    assert texts.minutes_text(30, "da") == "under 1 min"
    assert texts.minutes_text(3 * 3600 + 5 * 60, "en") == "3 h 05 min"
    assert texts.clock_text(3725) == "1:02:05" and texts.clock_text(65) == "1:05"
    # the estimated wait in the words every screen uses (shared.phrasing.wait_text)
    assert texts.estimate_text(wire.WaitEstimate(low_s=300, high_s=900), "da") == "ca. 5–15 min."
    assert texts.reason_text(
        "transferred here, waited 7 min; 2 more waiting for this counter", "en"
    ) == ("Transferred here – waited 7 min · 2 more waiting")
    assert texts.reason_text("something new", "da") == ""
    assert texts.local_time(NOW, "Europe/Copenhagen") == "10:41"  # in March: UTC+1


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_desk_fits_1366_by_768(qtbot: QtBot, language: str) -> None:
    app = DeskApp("http://127.0.0.1:9", language, clock=lambda: NOW)
    window = MainWindow(app)
    qtbot.addWidget(window)
    branch, state = sample_branch()
    app.client = ApiClient("http://127.0.0.1:9")
    app.who = wire.TokenInfo(token="", role=Role.CASEWORKER, branch="dokk1", username="mette")
    app.branch = branch
    app.apply_state(state)
    app.desk.sit(state.counters[MY_COUNTER])
    window.resize(1366, 768)
    window.show()
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 740, hint
    page = window.desk_page
    # every button's text fits its button (no clipped labels)
    for b in [page.call_next, *page.action_buttons.values(), page.call_specific]:
        need = b.fontMetrics().boundingRect(b.rect(), 0, b.text()).size()
        assert need.width() <= b.width() and need.height() <= b.height(), b.text()
    assert page.number.text() == "P017"
    app.setCompact(True)
    assert window.compact.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    app.desk.stop_timers()
    app.tasks.close()
    app.client.close()


def test_no_display_is_a_message_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--server", "http://127.0.0.1:9"]) == 2
    assert "no display" in capsys.readouterr().err
