"""Plural forms and number/date formats from CLDR (Babel), not hand rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from queue_server.shared.i18n import (
    Catalogue,
    CatalogueError,
    format_date,
    format_number,
    format_time,
    plural_form,
    weekday_name,
)
from queue_server.shared.phrasing import wait_text

MINUTES = """
[wait.about]
da = "ca. {n} min."
en = "about {n} min"
[wait.about.ar]
zero = "حوالي {n} دقيقة"
one = "حوالي دقيقة واحدة"
two = "حوالي دقيقتين"
few = "حوالي {n} دقائق"
many = "حوالي {n} دقيقة"
other = "حوالي {n} دقيقة"
[wait.about.pl]
one = "ok. {n} minuta"
few = "ok. {n} minuty"
many = "ok. {n} minut"
other = "ok. {n} minuty"

[wait.range]
da = "ca. {low}–{high} min."
en = "about {low}–{high} min"
[wait.range.ar]
few = "من {low} إلى {high} دقائق"
other = "من {low} إلى {high} دقيقة"
"""


@pytest.fixture
def minutes(tmp_path: Path) -> Catalogue:
    (tmp_path / "m.toml").write_text(MINUTES, encoding="utf-8")
    return Catalogue.load("m", tmp_path)


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (10, "few"),
        (11, "many"),
        (15, "many"),
        (99, "many"),
        (100, "other"),
        (102, "other"),
        (103, "few"),
        (111, "many"),
    ],
)
def test_arabic_has_six_forms_by_cldr(n: int, form: str) -> None:
    assert plural_form("ar", n) == form


def test_arabic_minutes_agree_with_the_number(minutes: Catalogue) -> None:
    # the bug: "15 دقائق"; 3–10 take the plural, 11–99 the singular
    assert minutes.tr("wait.about", "ar", n=15) == "حوالي 15 دقيقة"
    assert minutes.tr("wait.about", "ar", n=5) == "حوالي 5 دقائق"
    assert minutes.tr("wait.about", "ar", n=10) == "حوالي 10 دقائق"
    assert minutes.tr("wait.about", "ar", n=2) == "حوالي دقيقتين"
    assert minutes.tr("wait.about", "ar", n=1) == "حوالي دقيقة واحدة"
    assert minutes.tr("wait.about", "ar", n=100) == "حوالي 100 دقيقة"


def test_a_range_agrees_with_its_upper_end(minutes: Catalogue) -> None:
    assert minutes.tr("wait.range", "ar", low=5, high=10) == "من 5 إلى 10 دقائق"
    assert minutes.tr("wait.range", "ar", low=10, high=15) == "من 10 إلى 15 دقيقة"


def test_slavic_forms_follow_the_last_digits(minutes: Catalogue) -> None:
    said = {n: minutes.tr("wait.about", "pl", n=n) for n in (1, 2, 5, 12, 22, 25)}
    assert said == {
        1: "ok. 1 minuta",
        2: "ok. 2 minuty",
        5: "ok. 5 minut",
        12: "ok. 12 minut",
        22: "ok. 22 minuty",
        25: "ok. 25 minut",
    }
    assert [plural_form("uk", n) for n in (1, 21, 11, 3, 14, 5)] == [
        "one",
        "one",
        "many",
        "few",
        "many",
        "many",
    ]


def test_a_language_without_forms_falls_back_and_counts_in_its_own_rule(
    minutes: Catalogue,
) -> None:
    assert minutes.tr("wait.about", "so", n=15) == "about 15 min"  # English, then Danish
    assert minutes.tr("wait.about", "da", n=1) == "ca. 1 min."


def test_without_a_count_the_other_form_is_the_template(minutes: Catalogue) -> None:
    assert minutes.tr("wait.about", "ar") == "حوالي {n} دقيقة"
    assert minutes.forms("wait.about", "ar")["few"] == "حوالي {n} دقائق"
    assert minutes.forms("wait.about", "da") == {"other": "ca. {n} min."}
    assert minutes.languages() == {"da", "en", "ar", "pl"}


def test_wrong_plural_forms_are_named(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[a]\nen = "{n} waiting"\n[a.da]\none = "{n} venter"\nfew = "{n} venter"\n'
        '[b]\nda = "x"\nen = "x"\n[b.ar]\none = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as info:
        Catalogue.load("bad", tmp_path)
    message = str(info.value)
    assert "a.da: 'few' is not a plural form in 'da' (CLDR has one, other)" in message
    assert "a.da: plural forms need 'other'" in message
    assert "b.ar: plural forms need 'other'" in message


def test_numbers_are_written_the_languages_way_in_latin_digits() -> None:
    assert format_number(1234, "da") == "1.234"
    assert format_number(1234, "en") == "1,234"
    assert format_number(1234, "ar") == "1,234"
    assert format_number(15, "ar") == "15"
    assert format_number(12345, "pl") == "12\xa0345"  # a no-break space groups in Polish


def test_whole_numbers_in_a_text_are_formatted(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        '[count]\nda = "{n} venter"\nen = "{n} waiting"\n', encoding="utf-8"
    )
    cat = Catalogue.load("c", tmp_path)
    assert cat.tr("count", "da", n=1500) == "1.500 venter"
    assert cat.tr("count", "en", n=1500) == "1,500 waiting"


def test_times_and_dates_by_cldr() -> None:
    at = dt.datetime(2026, 11, 24, 12, 5, tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/Copenhagen"))
    assert format_time(at, "da") == "13.05"
    assert format_time(at, "en") == "13:05"  # 24-hour clock for English too
    assert format_time(dt.time(9, 0), "pl") == "09:00"
    assert format_date(at.date(), "da") == "24. nov."
    assert format_date(at.date(), "en") == "24 Nov"
    assert format_date(at.date(), "uk", year=True).startswith("24 лист. 2026")
    assert weekday_name(at.date(), "da") == "tirsdag"
    assert weekday_name(at.date(), "ar") == "الثلاثاء"
    assert weekday_name(at.date(), "so") == "Talaado"


def test_an_unknown_language_is_written_as_danish() -> None:
    assert plural_form("xx", 1) == "one"
    assert format_number(1234, "xx") == "1.234"


@pytest.mark.parametrize(
    ("low_s", "high_s", "said"),
    [
        (0, 300, "أقل من 5 دقائق"),
        (0, 900, "أقل من 15 دقيقة"),
        (60, 60, "حوالي دقيقة واحدة"),
        (120, 120, "حوالي دقيقتين"),
        (600, 600, "حوالي 10 دقائق"),
        (900, 900, "حوالي 15 دقيقة"),
        (300, 600, "من 5 إلى 10 دقائق تقريبًا"),
        (600, 1200, "من 10 إلى 20 دقيقة تقريبًا"),
    ],
)
def test_the_shared_wait_is_said_in_good_arabic(low_s: int, high_s: int, said: str) -> None:
    assert wait_text(low_s, high_s, "ar") == said
