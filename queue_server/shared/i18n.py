"""The translation catalogue: every user-facing string of the apps, by key and language;
and how numbers, counts, times and dates are written in each language (CLDR, by Babel).

Catalogues are TOML files in `config/translations/` (one per app: kiosk.toml, display.toml,
desk.toml, ticket.toml, pairing.toml, and common.toml), each key a table of texts by
language:

    [start.title]
    da = "Velkommen til {branch}"
    en = "Welcome to {branch}"

A text that says a count may give one form per CLDR plural category instead of one string;
Babel picks the form for the number in `{n}` (in a range `{low}–{high}`, in `{high}`, the
number the noun follows), by the language's own CLDR rule, and `other` when no number is
given. A language needs only the forms its rule has (Danish: one, other; Arabic: zero,
one, two, few, many, other):

    [wait.about]
    da = "ca. {n} min."
    [wait.about.ar]
    one = "حوالي دقيقة واحدة"
    few = "حوالي {n} دقائق"
    other = "حوالي {n} دقيقة"

Danish and English must be complete (a test checks; tests/i18n checks all seven citizen
languages); other languages fall back to English, then Danish, so a citizen never sees a
raw key. Whole numbers filled into a text are written the language's way (`format_number`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TypeAlias

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_day_names
from babel.numbers import format_decimal

CATALOGUES = Path(__file__).resolve().parents[2] / "config" / "translations"
REQUIRED = ("da", "en")
FALLBACK = ("en", "da")
RTL = frozenset({"ar", "fa", "ur", "he"})
#: the languages a citizen can choose, Danish first (the sites' `languages`)
CITIZEN_LANGUAGES = ("da", "en", "ar", "uk", "so", "tr", "pl")
#: the CLDR plural categories, in CLDR's order
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
#: the placeholders whose number picks a plural form, first found wins
COUNT_NAMES = ("n", "high")
#: the CLDR locale a language is written with, where it is not the language itself:
#: English with a 24-hour clock and the day before the month, as in Europe
LOCALES = {"en": "en_GB"}

#: a text, or its forms by CLDR plural category ({"one": …, "other": …}), as in the TOML
Text: TypeAlias = str | Mapping[str, str]


class CatalogueError(Exception):
    pass


class Catalogue:
    """`texts`: key → language → text, where a text given in plural forms is its `other`
    form (the template a page fills); `plurals`: key → language → its forms by category."""

    def __init__(
        self,
        texts: Mapping[str, Mapping[str, str]],
        name: str = "",
        plurals: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
    ) -> None:
        self.texts = texts
        self.name = name
        self.plurals = plurals or {}

    @classmethod
    def load(cls, name: str, folder: Path = CATALOGUES) -> Catalogue:
        path = folder / f"{name}.toml"
        try:
            with path.open("rb") as f:
                raw = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise CatalogueError(f"{path}: {e}") from e
        found: dict[str, dict[str, Text]] = {}
        problems: list[str] = []
        _flatten(raw, "", found, problems)
        texts: dict[str, dict[str, str]] = {}
        plurals: dict[str, dict[str, Mapping[str, str]]] = {}
        for key, langs in found.items():
            problems += [f"{key}: missing {lang!r}" for lang in REQUIRED if lang not in langs]
            texts[key] = {}
            for lang, text in langs.items():
                if isinstance(text, str):
                    texts[key][lang] = text
                    continue
                problems += plural_problems(f"{key}.{lang}", lang, text)
                texts[key][lang] = str(text.get("other", ""))
                plurals.setdefault(key, {})[lang] = text
        if problems:
            raise CatalogueError(f"{path}:\n  " + "\n  ".join(problems))
        return cls(texts, name, plurals)

    def languages(self) -> set[str]:
        return {lang for langs in self.texts.values() for lang in langs}

    def has(self, key: str) -> bool:
        return key in self.texts

    def tr(self, key: str, language: str, /, **values: object) -> str:
        """The text for `key` in `language` (falling back to English, then Danish), in the
        plural form for its count, with `values` filled in."""
        langs = self.texts.get(key)
        if langs is None:
            raise KeyError(f"no text {key!r} in the {self.name or 'translation'} catalogue")
        for lang in (language, *FALLBACK):
            if lang in langs:
                return fill(self.plurals.get(key, {}).get(lang, langs[lang]), lang, values)
        raise KeyError(key)  # unreachable: load() requires da and en

    def forms(self, key: str, language: str) -> dict[str, str]:
        """The text for `key` by plural category, placeholders left in (a plain text is its
        own `other` form), for a page that picks the form itself; falls back like `tr`."""
        langs = self.texts.get(key)
        if langs is None:
            raise KeyError(f"no text {key!r} in the {self.name or 'translation'} catalogue")
        lang = next(lang for lang in (language, *FALLBACK, "da") if lang in langs)
        return dict(self.plurals.get(key, {}).get(lang, {"other": langs[lang]}))


def is_rtl(language: str) -> bool:
    return language in RTL


def pick_name(names: Mapping[str, str] | None, language: str, fallback: str = "") -> str:
    """A configured name (branch, service, counter, guide) in `language`; else English,
    which a visitor is likelier to read; else Danish; else any; else `fallback`.

    The one order every screen, ticket and page uses, so a ticket never names its branch
    in one language and its service in another."""
    if not names:
        return fallback
    for lang in (language, *FALLBACK):
        if names.get(lang):
            return names[lang]
    return next((n for n in names.values() if n), fallback)


# --- CLDR: plurals, numbers, times and dates --------------------------------------------


@cache
def locale(language: str) -> Locale:
    """The CLDR locale `language` is written with (Danish for a code CLDR does not know)."""
    try:
        return Locale.parse(LOCALES.get(language, language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("da")


def plural_form(language: str, n: float) -> str:
    """The CLDR plural category of `n` in `language`: "one", "few", "many", "other" …"""
    return str(locale(language).plural_form(n))


def plural_forms_of(language: str) -> frozenset[str]:
    """The plural categories `language` has (always "other")."""
    return frozenset(locale(language).plural_form.tags) | {"other"}


def format_number(n: float, language: str) -> str:
    """A number as `language` writes it ("1.234" in Danish, "1,234" in English), always in
    Latin digits like the ticket numbers on the same screen."""
    return str(format_decimal(n, locale=locale(language), numbering_system="latn"))


def format_time(at: dt.time | dt.datetime, language: str) -> str:
    """A time of day on the 24-hour clock, `language`'s way ("13.05" da, "13:05" en).
    An aware datetime is told on its own clock: convert it to the branch's zone first."""
    return str(format_skeleton("Hm", at, locale=locale(language)))


def format_date(day: dt.date, language: str, *, year: bool = False) -> str:
    """A day with the month named, so it cannot be misread: "24. nov." da, "24 Nov" en."""
    return str(format_skeleton("yMMMd" if year else "MMMd", day, locale=locale(language)))


def weekday_name(day: dt.date, language: str) -> str:
    """The weekday's name standing alone ("mandag", "Monday", "الاثنين", "понеділок")."""
    names = get_day_names("wide", context="stand-alone", locale=locale(language))
    return str(names[day.weekday()])


def count_of(values: Mapping[str, object]) -> int | float | None:
    """The number that picks a text's plural form (see COUNT_NAMES), if `values` has one."""
    for name in COUNT_NAMES:
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    return None


def fill(text: Text, language: str, values: Mapping[str, object]) -> str:
    """`text` (in `language`) in the plural form for its count, with `values` filled in;
    whole numbers written the language's way."""
    if not isinstance(text, str):
        n = count_of(values)
        form = "other" if n is None else plural_form(language, n)
        text = text.get(form) or text["other"]
    if not values:
        return text
    shown = {
        k: format_number(v, language) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in values.items()
    }
    return text.format(**shown)


def plural_problems(where: str, language: str, forms: Mapping[str, object]) -> list[str]:
    """What is wrong with a text's plural forms: not CLDR categories of `language`, no
    `other`, not strings."""
    problems: list[str] = []
    has = plural_forms_of(language)
    for form, text in forms.items():
        if form not in has:
            problems.append(
                f"{where}: {form!r} is not a plural form in {language!r} "
                f"(CLDR has {', '.join(f for f in PLURAL_FORMS if f in has)})"
            )
        if not isinstance(text, str):
            problems.append(f"{where}.{form}: expected a text")
    if "other" not in forms:
        problems.append(f"{where}: plural forms need 'other'")
    return problems


def _is_forms(value: object) -> bool:
    return isinstance(value, dict) and bool(value) and all(k in PLURAL_FORMS for k in value)


def _flatten(
    raw: Mapping[str, object], prefix: str, out: dict[str, dict[str, Text]], problems: list[str]
) -> None:
    """Nested TOML tables become dotted keys; a table whose values are strings (or plural
    forms: tables keyed by CLDR category) is one text."""
    for name, value in raw.items():
        key = f"{prefix}.{name}" if prefix else name
        if not isinstance(value, dict):
            problems.append(f"{key}: expected a table of texts by language")
        elif all(isinstance(v, str) or _is_forms(v) for v in value.values()):
            out[key] = dict(value)
        else:
            leaves = {k: v for k, v in value.items() if isinstance(v, str) or _is_forms(v)}
            if leaves:
                problems.append(f"{key}: mixes texts ({', '.join(leaves)}) and sub-keys")
            subs = {k: v for k, v in value.items() if isinstance(v, dict) and k not in leaves}
            _flatten(subs, key, out, problems)
