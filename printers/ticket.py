"""What a printed ticket shows, independent of the server's types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class TicketPrint:
    """One queue ticket as printed; names are already in the right language."""

    branch_name: str
    number: str  # "P017"
    service_name: str  # in the citizen's language
    service_name_da: str  # printed too when it differs from service_name
    language: str
    issued_at: dt.datetime  # aware
    timezone: str  # the branch's own, "Europe/Copenhagen": the issue time is printed in it
    people_ahead: int | None
    # the wait as the caller words it ("ca. 10–20 min."), by language: the ticket's and Danish
    wait: Mapping[str, str] | None
    status_url: str
    note: str | None = None  # a short line, e.g. "Husk gyldigt billed-ID"

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {self.timezone!r}") from None
        if not self.number.strip():
            raise ValueError("a ticket needs a number")
        if self.wait is not None:
            lacking = [lang for lang in (self.language, "da") if not self.wait.get(lang)]
            if lacking:
                raise ValueError(f"the wait needs a text in {', '.join(lacking)}")
        if self.people_ahead is not None and self.people_ahead < 0:
            raise ValueError("people_ahead can't be negative")


class TicketLike(Protocol):
    """The fields a printed ticket needs; `TicketPrint` is the checked implementation."""

    @property
    def branch_name(self) -> str: ...

    @property
    def number(self) -> str: ...

    @property
    def service_name(self) -> str: ...

    @property
    def service_name_da(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def issued_at(self) -> dt.datetime: ...

    @property
    def timezone(self) -> str: ...

    @property
    def people_ahead(self) -> int | None: ...

    @property
    def wait(self) -> Mapping[str, str] | None: ...

    @property
    def status_url(self) -> str: ...

    @property
    def note(self) -> str | None: ...


@dataclass(frozen=True)
class GuidePrint:
    """A self-service guide as printed; every text is already in the right language."""

    title: str
    summary: str  # "" for none
    steps: tuple[str, ...]
    url: str
