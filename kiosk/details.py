"""What the screens after a choice say: confirm, the offer of a guide, the ticket, closed
or full, and the error screen (as the dicts the QML binds to)."""

from __future__ import annotations

from typing import Any, assert_never

from queue_server.shared.phrasing import wait_text

from .guide_page import guide_page
from .outcomes import Closed, Issued
from .visit import Screen, Trouble
from .wording import Wording

Detail = dict[str, Any]


def detail(w: Wording) -> Detail:
    """The body of the current screen (menus have tiles instead)."""
    screen = w.s.screen
    match screen:
        case Screen.CONFIRM:
            return confirm(w)
        case Screen.OFFER:
            return offer(w)
        case Screen.TICKET:
            return ticket(w)
        case Screen.CLOSED | Screen.FULL:
            return closed(w)
        case Screen.ERROR:
            return error(w)
        case Screen.GUIDE:
            return guide_page(w)
        case Screen.START | Screen.MENU | Screen.GROUP | Screen.GUIDES:
            return {}
        case _:
            assert_never(screen)


def confirm(w: Wording) -> Detail:
    x = w.service(w.s.here.service)
    if x is None:
        return {"title": ""}
    paper = w.paper_ok()
    return {
        "title": w.name(x.names),
        "sub": w.words("confirm.sub"),
        "lines": w.wait_lines(x),
        "note": w.name(x.note),
        "canPrint": paper,
        "printerNote": w.words("confirm.printer_down") if w.s.printer and not paper else "",
        "screenLabel": w.words("confirm.paperless" if paper else "confirm.show_screen"),
    }


def offer(w: Wording) -> Detail:
    x = w.service(w.s.here.service)
    g = w.guide(x.guide if x else None)
    return {
        "title": w.words("offer.title"),
        "sub": w.words("offer.sub", service=w.name(x.names) if x else ""),
        "guideTitle": w.name(g.title) if g else "",
        "guideSummary": w.name(g.summary) if g else "",
    }


def ticket(w: Wording) -> Detail:
    outcome = w.s.result.outcome
    if not isinstance(outcome, Issued):
        return {"title": ""}
    t = outcome.ticket
    x = w.service(t.service)
    lines = [w.texts.ahead(w.lang, t.people_ahead)]
    if t.estimated_wait is not None and (t.people_ahead or 0) > 0:
        wait = wait_text(t.estimated_wait.low_s, t.estimated_wait.high_s, w.lang)
        lines.append(w.words("confirm.wait", wait=wait))
    if outcome.printed:
        how = w.words("ticket.take_paper")
    elif outcome.paperless:
        how = w.words("ticket.paperless")
    else:
        how = w.words("ticket.print_failed")
    return {
        "title": w.words("ticket.title"),
        "sub": "",
        "number": t.number,
        "service": w.name(x.names, t.service) if x else t.service,
        "lines": [line for line in lines if line],
        "how": how,
        "printed": outcome.printed,
        "paperless": outcome.paperless,
        "failed": not outcome.printed and not outcome.paperless,
        "qr": t.status_url,
        "qrCaption": w.words("ticket.qr"),
    }


def closed(w: Wording) -> Detail:
    """Closed now (when it opens, where it is open) or full for today."""
    x = w.service(w.s.here.service)
    name = w.name(x.names) if x else ""
    outcome = w.s.result.outcome
    lines: list[str] = []
    if w.s.screen is Screen.FULL:
        title = w.words("full.title", service=name)
        lines.append(w.words("full.text"))
    else:
        title = w.words("closed.title", service=name)
        opens = outcome.opens_at if isinstance(outcome, Closed) and outcome.opens_at else None
        opens = opens or (x.opens_at if x else None)
        if opens is not None:
            lines.append(w.words("closed.opens", when=w.when(opens)))
    elsewhere = list(x.open_elsewhere) if x else []
    if isinstance(outcome, Closed) and outcome.open_elsewhere:
        elsewhere = outcome.open_elsewhere
    if elsewhere:
        places = ", ".join(w.branch_label(b) for b in elsewhere)
        lines.append(w.words("closed.elsewhere", places=places))
    elif w.s.screen is Screen.CLOSED:
        lines.append(w.words("closed.nowhere"))
    g = w.guide(x.guide if x else None)
    return {
        "title": title,
        "sub": "",
        "lines": lines,
        "guide": g.id if g else "",
        "guideLabel": w.words("closed.guide", guide=w.name(g.title)) if g else "",
    }


def error(w: Wording) -> Detail:
    offline = w.s.result.trouble is Trouble.OFFLINE
    return {
        "title": w.words("error.offline_title" if offline else "error.title"),
        "sub": "",
        "lines": [w.words("error.offline_text" if offline else "error.text")],
        "guides": bool(w.s.guides),
    }
