"""The statistics' words (config/translations/stats.toml): labels, column heads, the
open-data page. Danish and English are complete; other languages fall back."""

from __future__ import annotations

from functools import cache

from ..shared.i18n import Catalogue


@cache
def catalogue() -> Catalogue:
    return Catalogue.load("stats")


def text(key: str, language: str, /, **values: object) -> str:
    return catalogue().tr(key, language, **values)


def column(name: str, language: str) -> str:
    """The head of a report column in `language` (the field name if it has none)."""
    key = f"column.{name}"
    return text(key, language) if catalogue().has(key) else name


def language_or(lang: str | None, default: str = "da") -> str:
    return lang if lang and lang in catalogue().languages() else default
