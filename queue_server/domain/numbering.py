"""Ticket numbers: `P001`…`P999` per (branch, service, business day), then wrap.

Storage keeps a monotonically increasing `serial` per (branch, service, day) behind a
unique constraint; the printed number is derived from it. After 999 the numbers wrap,
skipping any number a still-open ticket holds, so two open tickets never share one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from zoneinfo import ZoneInfo

from ..shared.vocab import ProblemCode
from .errors import Rejected

MAX_NUMBER = 999


class NumbersExhausted(Rejected):
    """All 999 numbers of a service are held by open tickets: refuse, never reuse one."""

    code: str = ProblemCode.NUMBERS_EXHAUSTED


def business_day(at: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The local calendar date at the branch: numbering restarts at local midnight."""
    if at.tzinfo is None:
        raise ValueError("business_day needs an aware datetime")
    return at.astimezone(tz).date()


def number_of(serial: int) -> int:
    """Serial 1 → 1, 999 → 999, 1000 → 1 …"""
    return (serial - 1) % MAX_NUMBER + 1


def next_serial(last_serial: int, open_numbers: Collection[int]) -> int:
    """The next serial whose number no open ticket holds."""
    for step in range(1, MAX_NUMBER + 1):
        serial = last_serial + step
        if number_of(serial) not in open_numbers:
            return serial
    raise NumbersExhausted(f"all {MAX_NUMBER} numbers are held by open tickets")


def display_number(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"
