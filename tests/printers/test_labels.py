"""The ticket's fixed words come from config/translations/ticket.toml, in all seven languages."""

from __future__ import annotations

import ast
import logging
import re
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from printers.labels import CATALOGUE, KEYS, load_labels, placeholders
from printers.layout import compose_ticket
from printers.profile import PAPER_58MM, PAPER_80MM, PaperProfile
from printers.samples import sample_ticket
from printers.sim.decoder import Decoder

LANGUAGES = ("da", "en", "ar", "uk", "so", "tr", "pl")
OTHERS = ("ar", "uk", "so", "tr", "pl")  # printed with the Danish words too
PACKAGE = Path(__file__).resolve().parents[2] / "printers"


def shipped(key: str) -> dict[str, str]:
    with CATALOGUE.open("rb") as f:
        table = tomllib.load(f)
    for part in key.split("."):
        table = table[part]
    return table


@pytest.mark.parametrize("key", KEYS)
def test_every_label_key_is_in_the_catalogue_in_all_seven_languages(key: str) -> None:
    texts = shipped(key)
    assert set(LANGUAGES) <= set(texts), f"{key} lacks {sorted(set(LANGUAGES) - set(texts))}"
    for lang in LANGUAGES:
        assert texts[lang].strip(), f"{key}.{lang} is empty"
        assert placeholders(texts[lang]) == placeholders(texts["da"]), f"{key}.{lang}"


def test_the_label_keys_printers_uses_are_exactly_the_listed_ones() -> None:
    key = re.compile(r"(ticket|guide)\.[a-z_]+")
    used = {
        node.value
        for path in PACKAGE.rglob("*.py")
        if path.name != "labels.py"  # where KEYS lists them
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if key.fullmatch(node.value)
    }
    assert used == set(KEYS)
    assert set(load_labels().texts) == set(KEYS)


@pytest.mark.parametrize("profile", [PAPER_80MM, PAPER_58MM], ids=lambda p: p.name)
@pytest.mark.parametrize("language", OTHERS)
def test_a_ticket_prints_its_own_words_and_the_danish(language: str, profile: PaperProfile) -> None:
    job = compose_ticket(sample_ticket(language), profile)
    lines = job.text_lines + job.raster_lines
    labels = load_labels()
    for key, values in (("ticket.your_number", {}), ("ticket.ahead", {"n": 3})):
        own, danish = labels.lines(language, key, **values)
        assert any(own in line for line in lines), f"{own!r} not printed"
        assert any(danish in line for line in lines), f"{danish!r} not printed"
    assert labels.one(language, "ticket.issued", date="24.11.2025", time="09.15") in lines
    assert not any("Your number" in line or "Ahead of you" in line for line in lines)


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_arabic_and_ukrainian_labels_are_drawn_as_images(language: str) -> None:
    job = compose_ticket(sample_ticket(language), PAPER_58MM)
    labels = load_labels()
    assert labels.one(language, "ticket.your_number") in job.raster_lines
    assert labels.one(language, "ticket.ahead", n=3) in job.raster_lines
    images = [c for c in Decoder().feed(job.data) if c.name == "raster"]
    assert len(images) == len(job.raster_lines)
    for cmd in images:
        image = Image.frombytes("1", (cmd.x * 8, cmd.y), cmd.data, "raw", "1;I")
        assert image.width <= PAPER_58MM.width_dots
        assert image.convert("L").point(lambda v: 255 - v).getbbox() is not None  # ink


def test_a_language_without_a_text_gets_english_and_danish() -> None:
    labels = load_labels()
    assert labels.lines("de", "ticket.next") == ["You are next", "Du er den næste"]
    assert labels.lines("en", "ticket.next") == ["You are next"]
    assert labels.lines("da", "ticket.next") == ["Du er den næste"]
    assert labels.lines("pl", "ticket.next") == [shipped("ticket.next")["pl"], "Du er den næste"]
    assert labels.one("de", "ticket.issued", date="1.1.2026", time="09.00") == "1.1.2026 kl. 09.00"


def catalogue(tmp_path: Path, extra: str = "", skip: str = "") -> Path:
    parts = [extra]
    for key in KEYS:
        if key != skip:
            texts = shipped(key)
            parts.append(f'[{key}]\nda = "{texts["da"]}"\nen = "{texts["en"]}"\n')
    path = tmp_path / "ticket.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_a_catalogue_without_a_key_or_its_english_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"ticket\.ahead: missing"):
        load_labels(catalogue(tmp_path, skip="ticket.ahead"))
    (tmp_path / "b").mkdir()
    no_english = catalogue(tmp_path / "b", skip="ticket.next", extra='[ticket.next]\nda = "x"\n')
    with pytest.raises(ValueError, match=r"ticket\.next: no 'en' text"):
        load_labels(no_english)
    broken = tmp_path / "broken.toml"
    broken.write_text("[ticket\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.toml"):
        load_labels(broken)
    with pytest.raises(OSError):
        load_labels(tmp_path / "missing.toml")


def test_a_translation_with_other_placeholders_falls_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    extra = '[ticket.ahead]\nda = "Foran dig: {n}"\nen = "Ahead: {n}"\npl = "Przed: {m}"\n'
    with caplog.at_level(logging.WARNING, logger="printers.labels"):
        labels = load_labels(catalogue(tmp_path, extra=extra, skip="ticket.ahead"))
    assert "ticket.ahead.pl" in caplog.text
    assert labels.lines("pl", "ticket.ahead", n=2) == ["Ahead: 2", "Foran dig: 2"]


def test_a_value_worded_per_language_fills_each_line_in_its_language() -> None:
    labels = load_labels()
    wait = {"pl": "ok. 10–20 min", "de": "about 10–20 min", "da": "ca. 10–20 min."}
    both = labels.lines_each("pl", "ticket.wait", wait=wait)
    assert both == ["Czas oczekiwania ok. 10–20 min", "Ventetid ca. 10–20 min."]
    assert labels.lines_each("da", "ticket.wait", wait=wait) == ["Ventetid ca. 10–20 min."]
    unknown = labels.lines_each("de", "ticket.wait", wait=wait)  # English words, and Danish
    assert unknown == ["Waiting time about 10–20 min", "Ventetid ca. 10–20 min."]
    with pytest.raises(ValueError, match=r"ticket\.wait: no \{wait\} in 'uk'"):
        labels.lines_each("uk", "ticket.wait", wait=wait)
