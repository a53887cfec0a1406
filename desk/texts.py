"""Words and numbers on the desk's screens: the catalogue, durations, times, error messages.

Every user-facing string comes from `config/translations/desk.toml`; a failure becomes a
plain sentence here, never a traceback. What every app says alike comes from
`queue_server.shared`: names by language (`pick_name`), an estimated wait (`wait_text`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from queue_server.client import ApiError, ClientError, ServerUnreachable
from queue_server.shared import wire
from queue_server.shared.i18n import Catalogue
from queue_server.shared.phrasing import wait_text
from queue_server.shared.vocab import ProblemCode

log = logging.getLogger("dintur.desk")

LANGUAGES = ("da", "en")

#: problem codes with a sentence of their own; others get `error.generic`
KNOWN_CODES: frozenset[ProblemCode] = frozenset(
    {
        ProblemCode.UNAUTHORIZED,
        ProblemCode.FORBIDDEN,
        ProblemCode.COUNTER_TAKEN,
        ProblemCode.COUNTER_PAUSED,
        ProblemCode.COUNTER_CLOSED,  # a transfer to a counter nobody holds
        ProblemCode.INVALID_TRANSITION,
        ProblemCode.TICKET_NOT_FOUND,
        ProblemCode.COUNTER_NOT_SERVING,
        ProblemCode.COUNTER_WRONG_BRANCH,
        ProblemCode.UNKNOWN_COUNTER,
        ProblemCode.UNKNOWN_SERVICE,
        ProblemCode.SERVICE_NOT_OFFERED,
        ProblemCode.INVALID_REQUEST,
        ProblemCode.RATE_LIMITED,  # the login throttle
    }
)


@cache
def catalogue() -> Catalogue:
    return Catalogue.load("desk")


def tr(key: str, language: str, /, **values: object) -> str:
    return catalogue().tr(key, language, **values)


def clock_text(seconds: float) -> str:
    """A running timer: 4:07, 1:02:09."""
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def minutes_text(seconds: float, language: str) -> str:
    """A wait as people say it: under a minute, 7 min, 1 t 05 min."""
    s = max(0, int(seconds))
    if s < 60:
        return tr("time.under_minute", language)
    m = s // 60
    if m < 60:
        return tr("time.minutes", language, m=m)
    return tr("time.hours_minutes", language, h=m // 60, m=f"{m % 60:02d}")


def estimate_text(estimate: wire.WaitEstimate | None, language: str) -> str:
    """An estimated wait in the words the kiosk, the ticket and the boards use; – if none."""
    if estimate is None:
        return "–"
    return wait_text(estimate.low_s, estimate.high_s, language)


@cache
def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r: showing times in UTC", name)
        return dt.UTC


def local_time(moment: dt.datetime, timezone: str) -> str:
    """HH:MM in the branch's own zone (`BranchInfo.timezone`), whatever the machine's."""
    return moment.astimezone(_zone(timezone)).strftime("%H:%M")


_REASON = re.compile(
    r"^(?P<kind>appointment due|transferred here|walk-in), waited (?P<min>\d+) min"
    r"(?:, service weight [\d.]+)?(?:; (?P<more>\d+) more waiting for this counter)?$"
)
_KINDS = {
    "appointment due": "reason.appointment",
    "transferred here": "reason.transferred",
    "walk-in": "reason.walk_in",
}


def reason_text(reason: str | None, language: str) -> str:
    """The server's 'why this ticket' in the caseworker's language ('' when unknown)."""
    if not reason:
        return ""
    if reason == "called out of order":
        return tr("reason.out_of_order", language)
    if reason == "subset":
        return tr("reason.subset", language)
    m = _REASON.match(reason)
    if m is None:
        return ""
    text = tr(_KINDS[m["kind"]], language, m=int(m["min"]))
    if m["more"]:
        text += " · " + tr("reason.more", language, n=int(m["more"]))
    return text


def error_text(exc: BaseException, language: str, *, server: str = "") -> str:
    """One plain sentence for any failure of a call to the server."""
    if isinstance(exc, ServerUnreachable):
        return tr("error.unreachable", language, server=server or "?")
    if isinstance(exc, ApiError):
        if exc.code in KNOWN_CODES:
            holder = _holder(exc.detail) if exc.code == "counter_taken" else ""
            if holder:
                return tr("error.counter_taken_by", language, holder=holder)
            return tr(f"error.{exc.code}", language)
        if exc.status >= 500:
            return tr("error.server", language)
        return tr("error.generic", language, code=exc.code)
    if isinstance(exc, ClientError):
        return tr("error.server", language)
    log.error("unexpected failure in the desk", exc_info=exc)
    return tr("error.unexpected", language)


def _holder(detail: str) -> str:
    m = re.search(r"held by (\S+)$", detail)
    return m.group(1) if m else ""
