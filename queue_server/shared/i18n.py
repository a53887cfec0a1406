"""The translation catalogue: every user-facing string of the apps, by key and language.

Catalogues are TOML files in `config/translations/` (one per app: kiosk.toml, display.toml,
desk.toml, ticket.toml), each key a table of texts by language:

    [start.title]
    da = "Velkommen til {branch}"
    en = "Welcome to {branch}"

Danish and English must be complete (a test checks); other languages may be partial and
fall back to English, then Danish, so a citizen never sees a raw key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parents[2] / "config" / "translations"
REQUIRED = ("da", "en")
FALLBACK = ("en", "da")
RTL = frozenset({"ar", "fa", "ur", "he"})


class CatalogueError(Exception):
    pass


class Catalogue:
    def __init__(self, texts: Mapping[str, Mapping[str, str]], name: str = "") -> None:
        self.texts = texts
        self.name = name

    @classmethod
    def load(cls, name: str, folder: Path = CATALOGUES) -> Catalogue:
        path = folder / f"{name}.toml"
        try:
            with path.open("rb") as f:
                raw = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise CatalogueError(f"{path}: {e}") from e
        texts: dict[str, dict[str, str]] = {}
        problems: list[str] = []
        _flatten(raw, "", texts, problems)
        for key, langs in texts.items():
            problems += [f"{key}: missing {lang!r}" for lang in REQUIRED if lang not in langs]
        if problems:
            raise CatalogueError(f"{path}:\n  " + "\n  ".join(problems))
        return cls(texts, name)

    def languages(self) -> set[str]:
        return {lang for langs in self.texts.values() for lang in langs}

    def has(self, key: str) -> bool:
        return key in self.texts

    def tr(self, key: str, language: str, /, **values: object) -> str:
        """The text for `key` in `language` (falling back to English, then Danish)."""
        langs = self.texts.get(key)
        if langs is None:
            raise KeyError(f"no text {key!r} in the {self.name or 'translation'} catalogue")
        for lang in (language, *FALLBACK):
            if lang in langs:
                text = langs[lang]
                return text.format(**values) if values else text
        raise KeyError(key)  # unreachable: load() requires da and en


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


def _flatten(
    raw: Mapping[str, object], prefix: str, out: dict[str, dict[str, str]], problems: list[str]
) -> None:
    """Nested TOML tables become dotted keys; a table whose values are strings is one text."""
    for name, value in raw.items():
        key = f"{prefix}.{name}" if prefix else name
        if not isinstance(value, dict):
            problems.append(f"{key}: expected a table of texts by language")
        elif all(isinstance(v, str) for v in value.values()):
            out[key] = dict(value)
        else:
            leaves = {k: v for k, v in value.items() if isinstance(v, str)}
            if leaves:
                problems.append(f"{key}: mixes texts ({', '.join(leaves)}) and sub-keys")
            _flatten({k: v for k, v in value.items() if isinstance(v, dict)}, key, out, problems)
