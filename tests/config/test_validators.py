"""The validators of single values: plain data in, the value or the files' own messages out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from queue_server.config import (
    ConfigError,
    Invalid,
    Where,
    check_counter_services,
    load_site,
    parse_cap,
    parse_dates,
    parse_hours,
    parse_names,
    parse_special,
)
from queue_server.domain.site import TimeRange

REPO = Path(__file__).resolve().parents[2] / "config"
HOURS = Where("admin", "services.pas.hours")
SERVES = Where("admin", "counters[0].services")


def messages(result: object) -> list[str]:
    assert isinstance(result, Invalid), result
    return [str(p) for p in result.problems]


def test_parse_hours_gives_seven_days() -> None:
    week = parse_hours({"mon": ["13:00-24:00", "08:00-12:00"], "tue": "closed"}, HOURS)
    morning = TimeRange(dt.time(8), dt.time(12))
    assert week == ((morning, TimeRange(dt.time(13), dt.time.max)), (), (), (), (), (), ())
    assert parse_hours(None, HOURS) is None  # absent: the branch's hours apply


def test_parse_hours_names_every_problem() -> None:
    raw = {"mon": ["10:00-13:00", "12:00-15:00"], "tue": "9:00-12:00", "mandag": "closed"}
    assert messages(parse_hours(raw, HOURS)) == [
        "admin: services.pas.hours.mon: time ranges overlap: 10:00-13:00 and 12:00-15:00",
        'admin: services.pas.hours.tue: expected "HH:MM-HH:MM" (or a list of them, or '
        "\"closed\"), got '9:00-12:00'",
        "admin: services.pas.hours.mandag: unknown day; use mon, tue, wed, thu, fri, sat, sun",
    ]
    assert messages(parse_hours("10:00-12:00", HOURS)) == [
        "admin: services.pas.hours: expected a table, got str '10:00-12:00'"
    ]


def test_check_counter_services_keeps_a_good_set() -> None:
    offered = {"pas", "korekort", "bibliotek"}
    assert check_counter_services(["pas", "korekort"], SERVES, offered) == ("pas", "korekort")


def test_check_counter_services_names_what_is_wrong() -> None:
    assert messages(check_counter_services(["pas", "skat"], SERVES, {"pas"})) == [
        "admin: counters[0].services: 'skat' is not offered at this branch"
    ]
    assert messages(check_counter_services([], SERVES, {"pas"})) == [
        "admin: counters[0].services: a counter must serve at least one service"
    ]
    assert messages(check_counter_services("pas", SERVES, {"pas"})) == [
        "admin: counters[0].services: expected a list of service ids, got str 'pas'",
        "admin: counters[0].services: a counter must serve at least one service",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (80, 80),
        (None, None),
        (0, "admin: services.pas.cap: must be at least 1, got 0"),
        (True, "admin: services.pas.cap: expected a whole number, got True"),
        (2.5, "admin: services.pas.cap: expected a whole number, got float 2.5"),
    ],
)
def test_parse_cap(raw: object, expected: object) -> None:
    result = parse_cap(raw, Where("admin", "services.pas.cap"))
    assert (str(result) if isinstance(result, Invalid) else result) == expected


def test_a_value_gets_the_same_message_as_in_its_file(tmp_path: Path) -> None:
    site_dir = Path(shutil.copytree(REPO / "demo", tmp_path / "demo"))
    dokk1 = site_dir / "branches/dokk1.toml"
    old = 'services = ["pas", "korekort", "digital-hjaelp"]'
    assert old in dokk1.read_text()
    offered = {o.service for o in load_site(site_dir).branches["dokk1"].services}
    dokk1.write_text(dokk1.read_text().replace(old, 'services = ["pas", "skat"]', 1))
    with pytest.raises(ConfigError) as info:
        load_site(site_dir)
    where = Where("demo/branches/dokk1.toml", "counters[0].services")
    assert messages(check_counter_services(["pas", "skat"], where, offered)) == [
        str(p) for p in info.value.problems
    ]


def test_closures_openings_and_notices_are_checked_alike() -> None:
    day = dt.date(2026, 12, 23)
    assert parse_dates(["2026-12-23", day], Where("admin", "closed")) == [day, day]
    assert messages(parse_dates(["2026-13-01"], Where("admin", "closed"))) == [
        "admin: closed[0]: expected a date like 2026-12-24, got '2026-13-01'"
    ]
    opening = parse_special({"2026-12-23": "10:00-13:00"}, Where("admin", "special"))
    assert opening == ((day, (TimeRange(dt.time(10), dt.time(13)),)),)
    assert messages(parse_special({"23-12-2026": "closed"}, Where("admin", "special"))) == [
        "admin: special.23-12-2026: expected a date like 2026-12-24, got '23-12-2026'"
    ]
    notice = Where("admin", "info")
    assert parse_names({"da": " Lukket kl. 12 ", "en": "Closes at 12"}, notice) == {
        "da": "Lukket kl. 12",
        "en": "Closes at 12",
    }
    assert parse_names(None, notice, required=False) == {}
    assert messages(parse_names({"en": "Closes at 12"}, notice)) == [
        "admin: info.da: missing; every text needs da"
    ]
