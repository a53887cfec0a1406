"""The kiosk's words: the catalogue (config/translations/kiosk.toml) and the formatting of
counts and opening times in the citizen's language, on the branch's own clock.

Names (`pick_name`) and waits (`wait_text`) are said as everywhere else, by
queue_server.shared; only what is the kiosk's own is here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from queue_server.shared.i18n import CATALOGUES, Catalogue, is_rtl

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


def has_own(names: Mapping[str, str] | None, language: str) -> bool:
    return bool(names and names.get(language))


class Texts:
    """The catalogue, and times told on `zone`'s clock (None: the machine's own)."""

    def __init__(self, catalogue: Catalogue, zone: dt.tzinfo | None = None) -> None:
        self.catalogue = catalogue
        self.zone = zone

    @classmethod
    def load(cls, folder: Path = CATALOGUES, *, zone: dt.tzinfo | None = None) -> Texts:
        return cls(Catalogue.load("kiosk", folder), zone)

    def in_zone(self, zone: dt.tzinfo | None) -> Texts:
        """The same words, with times on another clock (the branch's, once it is known)."""
        return self if zone is self.zone else Texts(self.catalogue, zone)

    def tr(self, key: str, language: str, /, **values: object) -> str:
        return self.catalogue.tr(key, language, **values)

    def all(self, language: str) -> dict[str, str]:
        """Every text in `language` (falling back per key), placeholders left in."""
        return {key: self.catalogue.tr(key, language) for key in self.catalogue.texts}

    def rtl(self, language: str) -> bool:
        return is_rtl(language)

    # --- formatting -------------------------------------------------------------------

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
        local = at.astimezone(self.zone)
        return self.tr("when.clock", language, h=f"{local:%H}", m=f"{local:%M}")

    def when(self, language: str, at: dt.datetime, now: dt.datetime | None = None) -> str:
        """When something opens: "i dag kl. 13.00", "i morgen kl. 10.00", "tirsdag kl. 10.00"."""
        now = (now or dt.datetime.now(dt.UTC)).astimezone(self.zone)
        local = at.astimezone(self.zone)
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
