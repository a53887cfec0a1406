"""site.toml: the site's name, languages, default time zone and public holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import read_dates, read_timezone
from .table import LANG, Table


@dataclass(frozen=True)
class SiteFile:
    """What site.toml says; the defaults stand when it cannot be read."""

    name: str = ""
    languages: tuple[str, ...] = ("da",)
    timezone: str = "Europe/Copenhagen"
    holidays: frozenset[dt.date] = frozenset()


def read_site(t: Table) -> SiteFile:
    name = t.string("name", required=True) or ""
    langs = t.get("languages", list, "a list of language codes", default=["da"])
    languages = tuple(x for x in langs if isinstance(x, str) and LANG.match(x))
    if len(languages) != len(langs) or "da" not in languages or len(set(langs)) != len(langs):
        t.problem("languages", "must be distinct language codes and include 'da'")
    tz = read_timezone(t, "timezone") or SiteFile.timezone
    holidays = frozenset(read_dates(t, "holidays"))
    t.done()
    return SiteFile(name=name, languages=languages, timezone=tz, holidays=holidays)
