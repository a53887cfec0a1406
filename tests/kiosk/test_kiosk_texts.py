"""The kiosk's words: every text in seven languages, placeholders that match, no raw keys,
and waits and opening times said plainly on the branch's clock (here Copenhagen's)."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk import theme
from kiosk.geometry import Screen
from kiosk.texts import LANGUAGE_CODES, Texts
from queue_server.shared.i18n import pick_name
from queue_server.shared.phrasing import wait_text

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
TEXTS = Texts.load(zone=ZoneInfo("Europe/Copenhagen"))  # BranchInfo.timezone of the demo
UTC = dt.UTC


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_text_is_in_every_kiosk_language(language: str) -> None:
    for key, langs in TEXTS.catalogue.texts.items():
        assert langs.get(language, "").strip(), f"{key} has no {language!r} text"
        assert fields(langs[language]) == fields(langs["da"]), f"{key}: {language} placeholders"


def test_every_key_the_kiosk_uses_exists() -> None:
    used: set[str] = set()
    for qml in (KIOSK / "qml").glob("*.qml"):
        used |= set(re.findall(r't\["([a-z_.]+)"\]', qml.read_text()))
    for py in KIOSK.glob("*.py"):
        used |= set(re.findall(r'\b(?:tr|words)\(\s*"([a-z_]+\.[a-z_.]+)"', py.read_text()))
    assert len(used) > 60
    missing = sorted(k for k in used if not TEXTS.catalogue.has(k))
    assert not missing, f"keys used but not in kiosk.toml: {missing}"


def test_theme_keys_used_by_the_qml_exist_and_colours_are_colours() -> None:
    palette = set(theme.CALM)
    assert palette == set(theme.HIGH_CONTRAST)
    sizes = set(theme.sizes(Screen(1080, 1920), False).as_map())
    layout = set(theme.layout(Screen(1080, 1920), theme.sizes(Screen(1080, 1920), False)).as_map())
    known = palette | sizes | layout | {"portrait", "width", "height", "font", "large", "contrast"}
    assert not palette & (sizes | layout), "a colour and a size share a name"
    for qml in (KIOSK / "qml").glob("*.qml"):
        source = qml.read_text()
        for key in re.findall(r"\bth\.([A-Za-z_]+)", source):
            assert key in known, f"{qml.name}: th.{key}"
        for key in re.findall(r"(?:color|border\.color)\s*:[^\n]*?\bth\.([A-Za-z_]+)", source):
            assert key in palette, f"{qml.name}: th.{key} is not a colour"
        for key in re.findall(r"border\.width:\s*th\.([A-Za-z_]+)", source):
            assert key in sizes, f"{qml.name}: th.{key} is not a size"


def test_waits_are_ranges_not_false_precision() -> None:
    assert wait_text(30, 240, "da") == "under 5 min."
    assert wait_text(600, 1200, "da") == "ca. 10–20 min."
    assert wait_text(1390, 2690, "en") == "about 25–45 min"  # 23 → 25, 44.8 → 45
    assert wait_text(600, 600, "en") == "about 10 min"
    assert TEXTS.waiting("da", 0) == "Ingen venter"
    assert TEXTS.waiting("pl", 3) == "W kolejce: 3"
    assert TEXTS.ahead("da", 0) == "Du er den næste"
    assert TEXTS.ahead("en", 4) == "Ahead of you in the queue: 4"


def test_opening_times_on_copenhagen_time() -> None:
    now = dt.datetime(2026, 3, 28, 20, 0, tzinfo=UTC)  # Saturday 21.00 in Copenhagen (CET)
    tomorrow = dt.datetime(2026, 3, 29, 8, 0, tzinfo=UTC)  # Sunday 10.00 CEST (DST began)
    assert TEXTS.when("da", tomorrow, now) == "i morgen kl. 10.00"
    assert TEXTS.when("en", tomorrow, now) == "tomorrow at 10:00"
    tuesday = dt.datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    assert TEXTS.when("da", tuesday, now) == "tirsdag kl. 10.00"
    assert TEXTS.when("uk", tuesday, now) == "у вівторок о 10:00"
    later = dt.datetime(2026, 4, 14, 7, 30, tzinfo=UTC)
    assert TEXTS.when("da", later, now) == "den 14.4. kl. 09.30"
    today = dt.datetime(2026, 3, 28, 21, 30, tzinfo=UTC)
    assert TEXTS.when("ar", today, now) == "اليوم الساعة 22:30"


def test_names_fall_back_to_english_then_danish() -> None:
    names = {"da": "Pas", "en": "Passport"}
    assert pick_name(names, "so") == "Passport"
    assert pick_name({"da": "Pas"}, "so") == "Pas"
    assert pick_name(names, "da") == "Pas"
    assert pick_name({}, "da") == ""
