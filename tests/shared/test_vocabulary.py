"""One vocabulary: names, waits, spoken numbers and codes are said one way everywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from queue_server.shared.i18n import pick_name
from queue_server.shared.phrasing import spoken_number, wait_text, wait_words
from queue_server.shared.vocab import (
    TRANSITIONS,
    Action,
    CloseCode,
    ProblemCode,
    TicketState,
    allowed,
    can_finish,
)

ROOT = Path(__file__).resolve().parents[2]


def test_one_name_order_for_every_name() -> None:
    names = {"da": "Pas", "en": "Passport", "ar": "جواز السفر"}
    assert pick_name(names, "ar") == "جواز السفر"
    assert pick_name(names, "so") == "Passport"  # a visitor reads English before Danish
    assert pick_name({"da": "Pas"}, "so") == "Pas"
    assert pick_name({"pl": "Paszport"}, "so") == "Paszport"
    assert pick_name({"da": ""}, "da", fallback="pas") == "pas"
    assert pick_name(None, "da") == ""


@pytest.mark.parametrize(
    ("low", "high", "key", "values"),
    [
        (0, 300, "wait.under", {"n": 5}),
        (30, 1200, "wait.under", {"n": 20}),
        (600, 600, "wait.about", {"n": 10}),
        (600, 1200, "wait.range", {"low": 10, "high": 20}),
        (1500, 2700, "wait.range", {"low": 25, "high": 45}),
    ],
)
def test_a_wait_is_said_in_friendly_steps(
    low: int, high: int, key: str, values: dict[str, int]
) -> None:
    words = wait_words(low, high)
    assert (words.key, words.values) == (key, values)


def test_the_wait_words_exist_in_all_seven_languages() -> None:
    for lang in ("da", "en", "ar", "uk", "so", "tr", "pl"):
        text = wait_text(600, 1200, lang)
        assert "10" in text and "20" in text and "{" not in text
    assert wait_text(600, 1200, "da") == "ca. 10–20 min."


def test_numbers_are_spoken_letter_by_letter_without_leading_zeros() -> None:
    assert spoken_number("P017") == "P 17"
    assert spoken_number("AB007") == "A B 7"
    assert spoken_number("X") == "X"


def test_the_apps_buttons_follow_the_transition_table() -> None:
    for state in TicketState:
        for action in Action:
            assert allowed(state, action) == ((state, action) in TRANSITIONS)
    assert can_finish("called") and can_finish("serving") and not can_finish("waiting")
    assert not allowed("nonsense", Action.CALL)


def _server_sources() -> str:
    return "\n".join(p.read_text() for p in (ROOT / "queue_server").rglob("*.py"))


def test_every_problem_code_is_one_the_server_can_send() -> None:
    """Each ProblemCode is sent somewhere (by member or by its string) outside vocab.py, and
    every code the server spells out is a ProblemCode: no dead codes, no stray ones."""
    server = "\n".join(
        p.read_text() for p in (ROOT / "queue_server").rglob("*.py") if p.name != "vocab.py"
    )
    for code in ProblemCode:
        sent = f"ProblemCode.{code.name}" in server or f'"{code.value}"' in server
        assert sent, f"{code.value} is never sent"
    spelled = set(re.findall(r'code\s*=\s*"([a-z_]+)"', _server_sources()))
    spelled |= set(re.findall(r'"code":\s*"([a-z_]+)"', _server_sources()))
    assert spelled <= {c.value for c in ProblemCode}, spelled - {c.value for c in ProblemCode}


def test_the_apps_match_only_codes_the_server_sends() -> None:
    codes = {c.value for c in ProblemCode}
    for app in ("kiosk", "desk", "display"):
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                # `exc.code == "x"`, `code in {"x", …}`, KNOWN_CODES = {...}
                if isinstance(node, ast.Compare) and any(
                    isinstance(n, ast.Attribute) and n.attr == "code" for n in [node.left]
                ):
                    for c in ast.walk(node):
                        if isinstance(c, ast.Constant) and isinstance(c.value, str):
                            assert c.value in codes, f"{path}: matches unknown code {c.value!r}"


def test_close_codes_are_the_applications_own() -> None:
    assert all(4000 <= c < 5000 for c in CloseCode)
    assert len({int(c) for c in CloseCode}) == len(CloseCode)
