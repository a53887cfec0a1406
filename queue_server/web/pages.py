"""HTML pages from the templates in `static/`: texts and data go in as one JSON block.

No template engine: `string.Template` fills a few `$names`, every value HTML-escaped, and
the page's data travels as JSON in `<script type="application/json">` with `<`, `>` and
`&` escaped, so no value can close the element.
"""

from __future__ import annotations

import hashlib
import html
import json
from functools import cache
from pathlib import Path
from string import Template

from fastapi.responses import HTMLResponse, Response

from ..domain.site import Branch, Site
from ..shared import wire
from ..shared.i18n import Catalogue, is_rtl, pick_name
from ..shared.phrasing import common
from .feed import wait_words_json

STATIC = Path(__file__).resolve().parent / "static"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wav": "audio/wav",
    ".svg": "image/svg+xml",
}
#: the files /web/static/ serves; templates are not among them
SERVED = frozenset(
    {"board.js", "board.css", "ticket.js", "ticket.css", "common.js", "chime.wav", "icon.svg"}
)
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "media-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
#: the ticket page carries a secret link: never cached, never indexed
PRIVATE_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@cache
def catalogue() -> Catalogue:
    return Catalogue.load("display")


def language_or(lang: str | None, default: str) -> str:
    return lang if lang and lang in catalogue().languages() else default


def texts(language: str, *prefixes: str) -> dict[str, str]:
    cat = catalogue()
    return {k: cat.tr(k, language) for k in cat.texts if k.startswith(prefixes)}


def wait_texts(language: str) -> dict[str, str]:
    """The shared wait sentences (`wait.under` …) in `language`, for the page's templates."""
    cat = common()
    return {k: cat.tr(k, language) for k in cat.texts if k.startswith("wait.")}


@cache
def static(name: str) -> tuple[bytes, str] | None:
    if name not in SERVED:
        return None
    path = STATIC / name
    return path.read_bytes(), MEDIA_TYPES[path.suffix]


@cache
def asset_version() -> str:
    digest = hashlib.sha256()
    for name in sorted(SERVED):
        digest.update((STATIC / name).read_bytes())
    return digest.hexdigest()[:12]


@cache
def _template(name: str) -> Template:
    return Template((STATIC / name).read_text(encoding="utf-8"))


def _json_block(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(template: str, language: str, title: str, data: object, **fields: str) -> str:
    return _template(template).substitute(
        lang=html.escape(language),
        dir="rtl" if is_rtl(language) else "ltr",
        title=html.escape(title),
        config=_json_block(data),
        version=asset_version(),
        **{k: html.escape(v) for k, v in fields.items()},
    )


def display(branch: Branch, zone: str | None, language: str) -> HTMLResponse:
    name = pick_name(branch.names, language)
    data = {
        "branch": branch.id,
        "zone": zone,
        "lang": language,
        "timezone": branch.timezone,
        "texts": {**texts(language, "board."), **wait_texts(language)},
    }
    title = catalogue().tr("board.title", language, branch=name)
    page = render("board.html", language, title, data, branch_name=name)
    return HTMLResponse(page, headers=SECURITY_HEADERS)


def ticket(site: Site, t: wire.Ticket, token: str, language: str) -> HTMLResponse:
    branch = site.branches[t.branch]
    services = {
        s.service: pick_name(site.services[s.service].names, language)
        for s in branch.services
        if s.service in site.services
    }
    data = {
        "token": token,
        "lang": language,
        "branch": pick_name(branch.names, language),
        "services": services,
        "counters": {c.id: pick_name(c.names, language) for c in branch.counters},
        "ticket": t.model_dump(mode="json"),
        "wait": wait_words_json(t.estimated_wait),
        "texts": {**texts(language, "page."), **wait_texts(language)},
    }
    title = catalogue().tr("page.title", language, branch=pick_name(branch.names, language))
    page = render(
        "ticket.html",
        language,
        title,
        data,
        number=t.number,
        service=services.get(t.service, ""),
        branch_id=t.branch,  # the link to the branch's busy times (docs/statistics.md)
        your_number=catalogue().tr("page.your_number", language),
    )
    return HTMLResponse(page, headers=PRIVATE_HEADERS)


def _not_found(title_key: str, body_key: str, **values: str) -> HTMLResponse:
    cat = catalogue()
    page = render(
        "notfound.html",
        "da",
        f"{cat.tr(title_key, 'da')} / {cat.tr(title_key, 'en')}",
        {},
        title_da=cat.tr(title_key, "da"),
        body_da=cat.tr(body_key, "da", **values),
        title_en=cat.tr(title_key, "en"),
        body_en=cat.tr(body_key, "en", **values),
    )
    return HTMLResponse(page, status_code=404, headers=PRIVATE_HEADERS)


def ticket_not_found() -> HTMLResponse:
    return _not_found("notfound.title", "notfound.body")


def display_not_found(what: str) -> HTMLResponse:
    return _not_found("notfound.display_title", "notfound.display_body", what=what[:40])


def plain_not_found() -> Response:
    return Response("not found\n", status_code=404, media_type="text/plain; charset=utf-8")
