"""The kiosk's words: the catalogue (config/translations/kiosk.toml) and the formatting of
waits, counts and opening times in the citizen's language, on Copenhagen's clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from queue_server.shared.i18n import CATALOGUES, Catalogue, is_rtl
from queue_server.shared.phrasing import wait_text

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")

# the start screen's languages, Danish first, each named in itself
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("da", "Dansk"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("so", "Soomaali"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
)
LANGUAGE_CODES = tuple(code for code, _ in LANGUAGES)
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def pick(names: Mapping[str, str] | None, language: str) -> str:
    """A name in `language`; else English for a visitor, Danish for a Dane; else any."""
    if not names:
        return ""
    for lang in (language, "en", "da"):
        if names.get(lang):
            return names[lang]
    return next(iter(names.values()), "")


def has_own(names: Mapping[str, str] | None, language: str) -> bool:
    return bool(names and names.get(language))


class Texts:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    @classmethod
    def load(cls, folder: Path = CATALOGUES) -> Texts:
        return cls(Catalogue.load("kiosk", folder))

    def tr(self, key: str, language: str, /, **values: object) -> str:
        return self.catalogue.tr(key, language, **values)

    def all(self, language: str) -> dict[str, str]:
        """Every text in `language` (falling back per key), placeholders left in."""
        return {key: self.catalogue.tr(key, language) for key in self.catalogue.texts}

    def rtl(self, language: str) -> bool:
        return is_rtl(language)

    # --- formatting -------------------------------------------------------------------

    def minutes(self, language: str, low_s: int, high_s: int) -> str:
        """A wait as a plain range: "ca. 10–20 min", never a false precision."""
        return wait_text(low_s, high_s, language)

    def waiting(self, language: str, n: int) -> str:
        return (
            self.tr("count.waiting_none", language)
            if n == 0
            else self.tr("count.waiting", language, n=n)
        )

    def ahead(self, language: str, n: int | None) -> str:
        if n is None:
            return ""
        if n == 0:
            return self.tr("ticket.next", language)
        return self.tr("ticket.ahead", language, n=n)

    def clock(self, language: str, at: dt.datetime) -> str:
        local = at.astimezone(LOCAL_TZ)
        return self.tr("when.clock", language, h=f"{local:%H}", m=f"{local:%M}")

    def when(self, language: str, at: dt.datetime, now: dt.datetime | None = None) -> str:
        """When something opens: "i dag kl. 13.00", "i morgen kl. 10.00", "tirsdag kl. 10.00"."""
        now = (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL_TZ)
        local = at.astimezone(LOCAL_TZ)
        days = (local.date() - now.date()).days
        time = self.clock(language, local)
        if days <= 0:
            return self.tr("when.today", language, time=time)
        if days == 1:
            return self.tr("when.tomorrow", language, time=time)
        if days < 7:
            day = self.tr(f"day.{WEEKDAY_KEYS[local.weekday()]}", language)
            return self.tr("when.weekday", language, day=day, time=time)
        date = self.tr("when.date_format", language, d=local.day, m=local.month)
        return self.tr("when.date", language, date=date, time=time)
