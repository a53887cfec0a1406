"""The ticket's fixed words, read from the catalogue `config/translations/ticket.toml`.

The words live only there. A Danish or an English ticket gets its own words; a ticket in
another language gets its own words and the Danish ones (for the staff); a language the
catalogue lacks gets English and Danish. The service name and note come from the server.
"""

from __future__ import annotations

import functools
import logging
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CATALOGUE = Path(__file__).resolve().parents[1] / "config" / "translations" / "ticket.toml"
KEYS = (
    "ticket.your_number",
    "ticket.issued",
    "ticket.ahead",
    "ticket.next",
    "ticket.wait",
    "ticket.scan_status",
    "guide.scan",
)
REQUIRED = ("da", "en")
ALONE = ("da", "en")  # ticket languages printed without the Danish words too
FALLBACK = "en"  # for a language the catalogue lacks
STAFF = "da"


@dataclass(frozen=True)
class Labels:
    """Label texts by key, then language; every key has Danish and English."""

    texts: Mapping[str, Mapping[str, str]]

    def lines(self, language: str, key: str, /, **values: object) -> list[str]:
        """The label in `language` (else English), then in Danish unless `language` is da/en."""
        return distinct(self._text(side, key, values) for side in sides(language))

    def lines_each(self, language: str, key: str, /, **worded: Mapping[str, str]) -> list[str]:
        """Like `lines`, with values worded per language by the caller:
        `lines_each("pl", "ticket.wait", wait={"pl": "ok. 10–20 min", "da": "ca. 10–20 min."})`
        fills the Polish line with the Polish words and the Danish line with the Danish.
        ValueError when a line's words are missing."""
        out: list[str] = []
        for side in sides(language):
            values: dict[str, str] = {}
            for name, by_language in worded.items():
                if not by_language.get(side):
                    raise ValueError(f"{key}: no {{{name}}} in {side!r}")
                values[name] = by_language[side]
            out.append(self._text(side, key, values))
        return distinct(out)

    def _text(self, side: str, key: str, values: Mapping[str, object]) -> str:
        texts = self.texts[key]
        return texts[side if side in texts else FALLBACK].format(**values)

    def one(self, language: str, key: str, **values: object) -> str:
        """The label in `language` only, else in Danish (for a date, say)."""
        texts = self.texts[key]
        return texts.get(language, texts[STAFF]).format(**values)


def sides(language: str) -> list[str]:
    """The languages a label prints in: `language`, then Danish unless it is da or en."""
    return [language] if language in ALONE else [language, STAFF]


def distinct(texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if text not in out:
            out.append(text)
    return out


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@functools.lru_cache(maxsize=4)
def load_labels(path: Path = CATALOGUE) -> Labels:
    """The `KEYS` from the catalogue at `path`.

    OSError when it can't be read, ValueError when it isn't TOML or lacks a key or its
    Danish or English text. A text whose {placeholders} differ from the Danish one is
    left out (with a warning), so that language falls back to English.
    """
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    texts: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for key in KEYS:
        table: object = raw
        for part in key.split("."):
            table = table.get(part) if isinstance(table, dict) else None
        if not isinstance(table, dict):
            problems.append(f"{key}: missing")
            continue
        found = {lang: text for lang, text in table.items() if isinstance(text, str)}
        problems += [f"{key}: no {lang!r} text" for lang in REQUIRED if lang not in found]
        wanted = placeholders(found.get(STAFF, ""))
        for lang in [lang for lang, text in found.items() if placeholders(text) != wanted]:
            if lang in REQUIRED:
                problems.append(f"{key}: {lang!r} has other placeholders than 'da'")
            else:
                log.warning("%s: %s.%s has other placeholders than 'da'", path, key, lang)
            del found[lang]
        texts[key] = found
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Labels(texts)
