"""The site loader: the shipped sites load, and every kind of mistake is named precisely."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from queue_server.config import ConfigError, load_site
from queue_server.domain.hours import is_open

REPO = Path(__file__).resolve().parents[2] / "config"
CPH = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A writable copy of the demo site to break in one place per test."""
    return Path(shutil.copytree(REPO / "demo", tmp_path / "demo"))


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_site(folder)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def test_demo_site_loads() -> None:
    site = load_site(REPO / "demo")
    dokk1 = site.branches["dokk1"]
    assert [c.id for c in dokk1.counters] == [f"dokk1-{i}" for i in range(1, 9)]
    assert all("pas" in c.services for c in dokk1.counters)
    assert site.services["pas"].prefix == "P" and site.services["pas"].mean_service_s == 480
    assert site.services["pas"].group == "borgerservice" and "borgerservice" in site.groups
    assert is_open(dokk1.hours, dt.datetime(2026, 12, 24, 3, 0, tzinfo=CPH), dokk1.tz)


def test_aarhus_site_loads_with_real_scale() -> None:
    site = load_site(REPO / "aarhus")
    dokk1 = site.branches["dokk1"]
    assert len(dokk1.counters) >= 10
    assert len(site.branches) >= 4 and len(site.guides) >= 12
    prefixes = [s.prefix for s in site.services.values()]
    assert len(prefixes) == len(set(prefixes))
    for guide in site.guides.values():
        assert {"da", "en"} <= guide.title.keys() and 3 <= len(guide.steps) <= 6
        assert guide.url.startswith("https://")
    # Christmas Eve is a holiday everywhere; a normal Thursday at 11 Dokk1 is open
    christmas = dt.datetime(2026, 12, 24, 11, 0, tzinfo=CPH)
    thursday = dt.datetime(2026, 11, 26, 11, 0, tzinfo=CPH)
    pas = dokk1.offers("pas")
    assert pas is not None
    assert not is_open(pas.hours, christmas, dokk1.tz) and is_open(pas.hours, thursday, dokk1.tz)
    # the local libraries offer citizen service only on some days
    partial = [
        b
        for b in site.branches.values()
        if b.id != "dokk1"
        and any(
            sum(1 for day in o.hours.days if day) < sum(1 for day in b.hours.days if day)
            for o in b.services
        )
    ]
    assert len(partial) >= 3


def test_missing_folder_is_named(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: site folder not found"]


def test_broken_toml_names_file_and_line(site_dir: Path) -> None:
    (site_dir / "services.toml").write_text("[services.pas\nprefix = 'P'\n")
    [problem] = problems_of(site_dir)
    assert problem.startswith("demo/services.toml: not valid TOML") and "line 1" in problem


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "services.toml",
            'prefix = "K"',
            'prefix = "P"',
            "demo/services.toml: services.korekort.prefix: 'P' is already used by service 'pas'",
        ),
        (
            "services.toml",
            'prefix = "K"',
            'prefix = "k2"',
            "demo/services.toml: services.korekort.prefix: must be one capital letter A-Z",
        ),
        (
            "services.toml",
            "mean_service_min = 10",
            "mean_service_min = -1",
            "demo/services.toml: services.korekort.mean_service_min: must be greater than 0",
        ),
        (
            "services.toml",
            "mean_service_min = 10",
            'mean_service_min = "ten"',
            "demo/services.toml: services.korekort.mean_service_min: expected a number",
        ),
        (
            "services.toml",
            "mean_service_min = 10",
            "mean_servise_min = 10",
            "demo/services.toml: services.korekort.mean_servise_min: unknown key",
        ),
        (
            "services.toml",
            'names = { da = "Kørekort", ',
            "names = { ",
            "demo/services.toml: services.korekort.names.da: missing",
        ),
        (
            "services.toml",
            'group = "bibliotek"',
            'group = "biblotek"',
            "demo/services.toml: services.digital-hjaelp.group: no group 'biblotek'",
        ),
        (
            "services.toml",
            'guide = "pas"',
            'guide = "passport"',
            "demo/services.toml: services.pas.guide: no guide 'passport' in guides/",
        ),
        (
            "branches/dokk1.toml",
            'services = ["pas", "korekort", "digital-hjaelp"]',
            'services = ["pas", "skat"]',
            "demo/branches/dokk1.toml: counters[0].services: 'skat' is not offered at this branch",
        ),
        (
            "branches/dokk1.toml",
            'id = "dokk1-2"',
            'id = "dokk1-1"',
            "demo/branches/dokk1.toml: counters[1].id: counter 'dokk1-1' appears twice",
        ),
        (
            "branches/dokk1.toml",
            'id = "dokk1-2"',
            'id = "Skranke 2"',
            "demo/branches/dokk1.toml: counters[1].id: 'Skranke 2' is not a valid id",
        ),
        (
            "branches/gellerup.toml",
            'id = "gellerup-1"',
            'id = "dokk1-1"',
            "demo/branches/gellerup.toml: counters: counter id 'dokk1-1' is also used in "
            "demo/branches/dokk1.toml",
        ),
        (
            "branches/dokk1.toml",
            "[services.bibliotek]",
            "[services.bibliotek]\n[services.skat]",
            "demo/branches/dokk1.toml: services.skat: no such service in services.toml",
        ),
        (
            "branches/dokk1.toml",
            "always_open = true",
            'always_open = true\ntimezone = "Europe/Aarhus"',
            "demo/branches/dokk1.toml: timezone: unknown time zone 'Europe/Aarhus'",
        ),
        (
            "branches/dokk1.toml",
            "always_open = true",
            'always_open = "yes"',
            "demo/branches/dokk1.toml: always_open: expected true or false",
        ),
        (
            "branches/dokk1.toml",
            "always_open = true",
            'always_open = false\nclosed = ["2026-13-01"]\n[hours]\nmon = "10:00-15:00"',
            "demo/branches/dokk1.toml: closed[0]: expected a date like 2026-12-24",
        ),
        (
            "guides/pas.toml",
            'url = "https://www.borger.dk/internationalt/pas-og-id"',
            'url = "http://borger.dk"',
            "demo/guides/pas.toml: url: must be an https:// address",
        ),
        (
            "guides/pas.toml",
            'en = "Bring your old passport if you have one."',
            "",
            "demo/guides/pas.toml: steps[0].en: missing",
        ),
        (
            "guides/pas.toml",
            '[[steps]]\nda = "Tag dit gamle pas med, hvis du har et."',
            "[[stepz]]\nda = 'x'",
            "demo/guides/pas.toml: steps: a guide has 3 to 6 steps, found 2",
        ),
        (
            "site.toml",
            'languages = ["da", ',
            'languages = ["dk", ',
            "demo/site.toml: languages: must be distinct language codes and include 'da'",
        ),
    ],
)
def test_each_mistake_names_file_key_and_problem(
    site_dir: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(site_dir / file, old, new)
    problems = problems_of(site_dir)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ('mon = "10:00-9:00"', 'hours.mon: expected "HH:MM-HH:MM"'),
        ('mon = "15:00-10:00"', 'hours.mon: expected "HH:MM-HH:MM"'),
        ('mon = "10:00-24:30"', 'hours.mon: expected "HH:MM-HH:MM"'),
        ('mon = ["10:00-13:00", "12:00-15:00"]', "hours.mon: time ranges overlap"),
        ('mandag = "10:00-15:00"', "hours.mandag: unknown day"),
        ("mon = 10", 'hours.mon: expected "HH:MM-HH:MM"'),
        ('mon = "closed"', "hours: the branch is never open"),
    ],
)
def test_bad_hours_are_named(site_dir: Path, hours: str, expected: str) -> None:
    edit(site_dir / "branches/gellerup.toml", "always_open = true", f"[hours]\n{hours}")
    problems = problems_of(site_dir)
    assert any(p.startswith(f"demo/branches/gellerup.toml: {expected}") for p in problems), problems


def test_hours_with_midnight_end_special_days_and_service_hours(site_dir: Path) -> None:
    edit(
        site_dir / "branches/gellerup.toml",
        "always_open = true\n\n[services.pas]",
        'closed = [2026-12-28]\n[hours]\nmon = ["08:00-12:00", "13:00-24:00"]\n'
        '[special]\n"2026-12-23" = "10:00-11:00"\n'
        '[services.pas]\nhours = { tue = "10:00-14:00" }',
    )
    gellerup = load_site(site_dir).branches["gellerup"]
    tz = gellerup.tz
    monday = dt.datetime(2026, 11, 23, tzinfo=tz)
    assert is_open(gellerup.hours, monday.replace(hour=23, minute=59), tz)
    assert not is_open(gellerup.hours, monday.replace(hour=12, minute=30), tz)
    assert not is_open(gellerup.hours, dt.datetime(2026, 12, 28, 9, tzinfo=tz), tz)  # closed
    assert is_open(gellerup.hours, dt.datetime(2026, 12, 23, 10, 30, tzinfo=tz), tz)  # special
    pas = gellerup.offers("pas")
    bib = gellerup.offers("bibliotek")
    assert pas is not None and bib is not None
    assert is_open(pas.hours, dt.datetime(2026, 11, 24, 11, tzinfo=tz), tz)  # Tuesday
    assert not is_open(pas.hours, monday.replace(hour=9), tz)
    assert is_open(bib.hours, monday.replace(hour=9), tz)
    # the short day (a Wednesday) does not open the passport desk, which is Tuesdays only
    assert not is_open(pas.hours, dt.datetime(2026, 12, 23, 10, 30, tzinfo=tz), tz)


def test_all_problems_are_reported_at_once(site_dir: Path) -> None:
    edit(site_dir / "services.toml", 'prefix = "K"', 'prefix = "P"')
    edit(site_dir / "guides/pas.toml", "https://www", "http://www")
    edit(site_dir / "branches/dokk1.toml", "always_open = true", "always_open = 1")
    problems = problems_of(site_dir)
    assert len(problems) == 3
    with pytest.raises(ConfigError, match="3 problems"):
        load_site(site_dir)
