"""Dates and time zones: public holidays (site.toml), closed dates and zones (branches)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problems import Invalid, Where
from .table import Table, check


def read_date(t: Table, key: str, value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # TOML's own local date: 2026-12-24
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    t.problem(key, f"expected a date like 2026-12-24, got {value!r}")
    return None


def read_dates(t: Table, name: str) -> list[dt.date]:
    raw = t.get(name, list, "a list of dates", default=[])
    found = (read_date(t, f"{name}[{i}]", v) for i, v in enumerate(raw))
    return [d for d in found if d is not None]


def read_timezone(t: Table, name: str) -> str | None:
    tz = t.string(name)
    if tz is None:
        return None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        t.problem(name, f"unknown time zone {tz!r} (like Europe/Copenhagen)")
        return None
    return tz


def parse_dates(raw: object, where: Where) -> list[dt.date] | Invalid:
    """Closed dates or holidays: a list of dates (`date`s or "2026-12-24"); absent = none."""
    return check(raw, where, read_dates)
