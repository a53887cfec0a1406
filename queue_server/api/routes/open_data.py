"""Open data, no token: when each branch is busy, as JSON and as a small public page.

    GET /open/v1/busy/{branch}        per weekday and hour: tickets and typical wait
    GET /busy/{branch}[?lang=en]      "Hvornår er der kortest ventetid?" (on the board host),
                                      in the seven citizen languages (busy.toml)
    GET /busy/static/busy.css

Cells with fewer than 5 tickets are suppressed (docs/statistics.md, "Open data").
"""

from __future__ import annotations

import datetime as dt
import html
import math
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from ...ledger import Ledger
from ...shared.i18n import Catalogue, format_number, is_rtl, pick_name, weekday_name
from ...stats import Busy, BusyCell, busy
from ..deps import LedgerDep

router = APIRouter(tags=["open data"])
STATIC = Path(__file__).resolve().parent.parent / "static"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=3600",  # it changes once a night
}


def _busy(ledger: Ledger, branch: str) -> Busy:
    ledger.branch(branch)  # unknown_branch (404)
    with ledger.db.read() as s:
        return busy(s, ledger.site, branch, ledger.clock())


@router.get("/open/v1/busy/{branch}")
def busy_json(branch: str, ledger: LedgerDep) -> dict[str, Any]:
    found = _busy(ledger, branch)
    return {
        "branch": found.branch,
        "from": found.start.isoformat(),
        "to": found.end.isoformat(),
        "weeks": found.weeks,
        "min_tickets": found.min_tickets,
        "definitions": "docs/statistics.md#open-data",
        "cells": [vars(c) for c in found.cells],
    }


#: the page's languages, each named in itself (the kiosk's seven)
LANGUAGES = {
    "da": "Dansk",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "so": "Soomaali",
    "tr": "Türkçe",
    "pl": "Polski",
}
#: a week that starts on a Monday: weekday d (1 = Monday) is MONDAY + d - 1 days
MONDAY = dt.date(2024, 1, 1)


@cache
def _catalogue() -> Catalogue:
    return Catalogue.load("busy")


def text(key: str, language: str, /, **values: object) -> str:
    return _catalogue().tr(key, language, **values)


@cache
def _template() -> Template:
    return Template((STATIC / "busy.html").read_text(encoding="utf-8"))


@router.get("/busy/static/busy.css", include_in_schema=False)
def busy_css() -> Response:
    body = (STATIC / "busy.css").read_bytes()
    return Response(body, media_type="text/css; charset=utf-8", headers=HEADERS)


@router.get("/busy/{branch}", response_class=HTMLResponse, include_in_schema=False)
def busy_page(branch: str, ledger: LedgerDep, lang: str | None = None) -> Response:
    language = lang if lang in LANGUAGES else "da"
    site_branch = ledger.site.branch(branch)
    if site_branch is None:
        return Response("not found\n", status_code=404, media_type="text/plain; charset=utf-8")
    found = _busy(ledger, branch)
    name = pick_name(site_branch.names, language, branch)
    links = " · ".join(
        f'<a href="/busy/{html.escape(branch)}?lang={code}" lang="{code}">{html.escape(label)}</a>'
        for code, label in LANGUAGES.items()
        if code != language
    )
    page = _template().substitute(
        lang=html.escape(language),
        dir="rtl" if is_rtl(language) else "ltr",
        title=html.escape(text("busy.title", language, branch=name)),
        branch=html.escape(name),
        heading=html.escape(text("busy.heading", language)),
        intro=html.escape(text("busy.intro", language, weeks=found.weeks, min=found.min_tickets)),
        head=_head(found, language),
        body=_body(found, language),
        legend=html.escape(text("busy.legend", language)),
        languages=html.escape(text("busy.languages", language)),
        links=links,
    )
    return HTMLResponse(page, headers=HEADERS)


def _weekdays(found: Busy) -> list[int]:
    return sorted({c.weekday for c in found.cells})


def _head(found: Busy, language: str) -> str:
    cols = [f"<th>{html.escape(text('busy.hour', language))}</th>"]
    cols += [
        f"<th>{html.escape(weekday_name(MONDAY + dt.timedelta(days=d - 1), language))}</th>"
        for d in _weekdays(found)
    ]
    return "".join(cols)


def _body(found: Busy, language: str) -> str:
    by_slot = {(c.weekday, c.hour): c for c in found.cells}
    days = _weekdays(found)
    lines = []
    for hour in sorted({c.hour for c in found.cells}):
        cells = [f"<th>{hour:02d}–{hour + 1:02d}</th>"]
        cells += [_cell(by_slot.get((d, hour)), language) for d in days]
        lines.append(f"      <tr>{''.join(cells)}</tr>")
    return "\n".join(lines)


def _cell(cell: BusyCell | None, language: str) -> str:
    if cell is None or cell.suppressed or cell.tickets_per_day is None:
        return f'<td class="few">{html.escape(text("busy.few", language))}</td>'
    wait = ""
    band = ""
    if cell.wait_p50_s is not None:
        minutes = math.ceil(cell.wait_p50_s / 60)
        band = f' class="q{1 if minutes <= 10 else 2 if minutes <= 20 else 3}"'
        wait = f'<span class="wait">{html.escape(text("busy.minutes", language, n=minutes))}</span>'
    per_day = format_number(cell.tickets_per_day, language)
    n = html.escape(text("busy.tickets", language, n=per_day))
    return f'<td{band}>{wait}<span class="n">{n}</span></td>'
