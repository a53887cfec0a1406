"""How a wait and a ticket number are said, once for every screen, ticket and voice.

A wait is a range in friendly steps ("ca. 10–20 min."), never a false precision; what to
say is decided here (`wait_words`) and worded by the shared catalogue
(`config/translations/common.toml`), so the kiosk, the printed ticket, the boards, the desk
and the citizen's page say the same for the same estimate. Web pages get the words'
key and values from the server and only fill the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .i18n import Catalogue


@dataclass(frozen=True)
class WaitWords:
    """Which sentence (`wait.under`, `wait.about`, `wait.range`) and its numbers."""

    key: str
    values: dict[str, int]


def friendly_minutes(seconds: int) -> int:
    """Minutes rounded to a friendly step: 1..10 by 1, then by 5."""
    m = round(seconds / 60)
    return m if m <= 10 else int(5 * round(m / 5))


def wait_words(low_s: int, high_s: int) -> WaitWords:
    """What to say of a wait between `low_s` and `high_s` seconds."""
    low = friendly_minutes(low_s)
    high = max(friendly_minutes(high_s), 1)
    if low_s < 60 or low == 0:
        return WaitWords("wait.under", {"n": max(high, 5)})
    if low >= high:
        return WaitWords("wait.about", {"n": high})
    return WaitWords("wait.range", {"low": low, "high": high})


@cache
def common() -> Catalogue:
    return Catalogue.load("common")


def wait_text(low_s: int, high_s: int, language: str) -> str:
    """The wait as a citizen reads it, in `language`."""
    words = wait_words(low_s, high_s)
    return common().tr(words.key, language, **words.values)


def spoken_number(number: str) -> str:
    """How a number is read out: "P017" → "P 17" (letters apart, no leading zeros)."""
    m = re.fullmatch(r"([A-Za-z]*)0*(\d+)", number)
    if m is None:
        return number
    letters, digits = m.groups()
    return f"{' '.join(letters)} {digits}".strip()
