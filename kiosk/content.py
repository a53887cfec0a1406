"""What each screen says, Qt-free: headings, tiles, details and the words read aloud.

`Content` reads one `Snapshot` of the kiosk's state (screen, language, branch info, live
queue, guides, server and printer health) and answers in the citizen's language, as the
plain dicts and lists the QML binds to. The view-model makes a snapshot whenever the QML
asks; nothing here changes state, so every screen's words are tested without Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from queue_server.client import BranchState
from queue_server.shared import wire

from . import theme as look
from .geometry import Screen
from .guides import KioskGuide
from .local_site import LocalSite
from .outcomes import Closed, Issued, IssueOutcome
from .output import can_print
from .texts import LANGUAGE_CODES, LANGUAGES, LOCAL_TZ, WEEKDAY_KEYS, Texts, has_own, pick

Tile = dict[str, Any]
MENUS = ("menu", "group", "guides")


@dataclass
class Step:
    """One place in the visit, for Back."""

    screen: str
    group: str | None = None
    service: str | None = None
    guide: str | None = None
    page: int = 0


@dataclass
class Result:
    """What the last request came to, for the ticket/closed/full/error screens."""

    outcome: IssueOutcome | None = None
    service: str | None = None
    kind: str = ""  # error screens: "offline" or "failed"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    language: str
    here: Step
    info: wire.BranchInfo | None
    live: BranchState | None
    guides: list[KioskGuide]
    server_ok: bool | None  # None: not known yet
    printer: bool  # a printer is configured
    printer_status: str
    result: Result
    step_page: int
    now: dt.datetime
    branch_id: str

    @property
    def screen(self) -> str:
        return self.here.screen


def speakable_number(number: str) -> str:
    """ "P017" → "P 17": a voice reads it as a citizen would say it."""
    letters = "".join(c for c in number if not c.isdigit())
    digits = "".join(c for c in number if c.isdigit())
    return f"{letters} {int(digits)}" if digits else number


class Content:
    def __init__(
        self, texts: Texts, local: LocalSite, snap: Snapshot, screen: Screen, sizes: look.Sizes
    ) -> None:
        self.texts = texts
        self.local = local
        self.s = snap
        self.lang = snap.language
        self.geometry = screen
        self.sizes = sizes

    def words(self, key: str, **values: object) -> str:
        return self.texts.tr(key, self.lang, **values)

    @cached_property
    def layout(self) -> look.Layout:
        return look.layout(self.geometry, self.sizes, banner=bool(self.banner()["text"]))

    # --- the branch and its data --------------------------------------------------------

    def services(self) -> list[wire.ServiceInfo]:
        return list(self.s.info.services) if self.s.info is not None else []

    def service(self, service_id: str | None) -> wire.ServiceInfo | None:
        return next((x for x in self.services() if x.id == service_id), None)

    def guide(self, guide_id: str | None) -> KioskGuide | None:
        return next((g for g in self.s.guides if g.id == guide_id), None)

    def groups(self) -> dict[str, list[wire.ServiceInfo]]:
        out: dict[str, list[wire.ServiceInfo]] = {}
        for x in self.services():
            if x.group:
                out.setdefault(x.group, []).append(x)
        return out

    def waiting(self, x: wire.ServiceInfo) -> int:
        if self.s.live is not None and self.s.server_ok:
            return len(self.s.live.waiting(x.id))
        return x.waiting

    def group_name(self, group_id: str) -> str:
        if self.s.info is not None:
            for g in self.s.info.groups:
                if g.id == group_id:
                    return pick(g.names, self.lang)
        return group_id.replace("-", " ").title()

    def branch_label(self, branch_id: str) -> str:
        names = self.local.branch_names.get(branch_id)
        return pick(names, self.lang) if names else branch_id.replace("-", " ").title()

    def branch_name(self) -> str:
        if self.s.info is not None:
            return pick(self.s.info.names, self.lang)
        return pick(self.local.branch_names.get(self.s.branch_id), self.lang) or self.s.branch_id

    def branch_info(self) -> str:
        return pick(self.s.info.info, self.lang) if self.s.info is not None else ""

    def now(self) -> str:
        local = self.s.now.astimezone(LOCAL_TZ)
        day = self.words(f"weekday.{WEEKDAY_KEYS[local.weekday()]}")
        date = self.words("when.date_format", d=local.day, m=local.month)
        return self.words("header.now", day=day, date=date, time=self.texts.clock(self.lang, local))

    def welcome_all(self) -> str:
        """ "Velkommen · Welcome · أهلًا وسهلًا · …": the start screen greets everyone."""
        return " · ".join(self.texts.tr("start.welcome", code) for code in LANGUAGE_CODES)

    def paper_ok(self) -> bool:
        return self.s.printer and can_print(self.s.printer_status)

    # --- header and banner --------------------------------------------------------------

    def headings(self) -> tuple[str, str]:
        screen = self.s.screen
        if screen == "start":
            return self.words("start.title", branch=self.branch_name()), self.words("start.sub")
        if screen == "menu":
            return self.words("menu.title"), self.words("menu.sub")
        if screen == "group":
            return self.group_name(self.s.here.group or ""), self.words("group.sub")
        if screen == "guides":
            return self.words("guides.title"), self.words("guides.sub")
        detail = self.detail()
        return str(detail.get("title", "")), str(detail.get("sub", ""))

    def banner(self) -> dict[str, str]:
        """The one message above the choices: the server or the printer is away."""
        if self.s.server_ok is False:
            return {"kind": "error", "text": self.words("banner.offline")}
        if self.s.printer and not can_print(self.s.printer_status):
            key = "banner.paper_out" if self.s.printer_status == "paper_out" else "banner.printer"
            return {"kind": "warn", "text": self.words(key)}
        return {"kind": "", "text": ""}

    # --- tiles ----------------------------------------------------------------------------

    def all_tiles(self) -> list[Tile]:
        screen = self.s.screen
        if screen == "menu":
            return self.menu_tiles()
        if screen == "group":
            return [self.service_tile(x) for x in self.groups().get(self.s.here.group or "", [])]
        if screen == "guides":
            return [self.guide_tile(g) for g in self.sorted_guides()]
        return []

    def sorted_guides(self) -> list[KioskGuide]:
        return sorted(self.s.guides, key=lambda g: pick(g.title, self.lang).casefold())

    def per_page(self, count: int) -> int:
        lay = self.layout
        if count <= lay.per_page:
            return lay.per_page
        s = self.sizes
        area = lay.tile_area - s.button_h - s.gap  # room for the page buttons
        return lay.columns * max(1, int((area + s.gap) // (lay.tile_h + s.gap)))

    def page_tiles(self) -> list[Tile]:
        tiles = self.all_tiles()
        per = self.per_page(len(tiles))
        page = min(self.s.here.page, max(0, (len(tiles) - 1) // per))
        return tiles[page * per : (page + 1) * per]

    def paging(self) -> dict[str, Any]:
        tiles = self.all_tiles()
        per = self.per_page(len(tiles))
        pages = max(1, -(-len(tiles) // per))
        page = min(self.s.here.page, pages - 1)
        return {
            "pages": pages,
            "page": page,
            "hasPrev": page > 0,
            "hasNext": page < pages - 1,
            "text": self.words("paging.page", page=page + 1, pages=pages) if pages > 1 else "",
            "tileH": self.tile_height(len(tiles[page * per : (page + 1) * per]), pages > 1),
        }

    def tile_height(self, count: int, paged: bool) -> int:
        """Tiles grow into the room a short page leaves (up to a limit)."""
        lay, s = self.layout, self.sizes
        rows = max(1, -(-count // lay.columns))
        area = lay.tile_area - (s.button_h + s.gap if paged else 0)
        fit = (area - (rows - 1) * s.gap) / rows
        return int(max(lay.tile_h, min(fit, lay.tile_max_h)))

    def menu_tiles(self) -> list[Tile]:
        tiles: list[Tile] = []
        groups = self.groups()
        seen: set[str] = set()
        for x in self.services():
            if x.group and len(groups[x.group]) > 1:  # a group of one is just its service
                if x.group not in seen:
                    seen.add(x.group)
                    tiles.append(self.group_tile(x.group, groups[x.group]))
            else:
                tiles.append(self.service_tile(x))
        if self.s.guides:
            tiles.append(
                _tile(
                    "guides",
                    "guides",
                    self.words("tile.guides"),
                    detail=self.words("tile.guides_detail"),
                )
            )
        return tiles

    def group_tile(self, group: str, services: list[wire.ServiceInfo]) -> Tile:
        names = " · ".join(pick(x.names, self.lang) for x in services)
        if self.s.server_ok is False:
            status, mark, state = self.words("tile.offline"), "✕", "off"
        elif any(x.open_now and not x.full for x in services):
            status, mark, state = self.words("tile.open"), "✓", "open"
        else:
            status, mark, state = self.words("tile.closed"), "✕", "closed"
        return _tile(f"group:{group}", "group", self.group_name(group), status, names, mark, state)

    def service_tile(self, x: wire.ServiceInfo) -> Tile:
        detail = ""
        if self.s.server_ok is False:
            status, mark, state = self.words("tile.offline"), "✕", "off"
        elif x.full:
            status, mark, state = self.words("tile.full"), "✕", "closed"
        elif x.open_now:
            status, mark, state = self.words("tile.open"), "✓", "open"
            detail = " · ".join(self.wait_lines(x, labelled=False))
        else:
            status, mark, state = self.words("tile.closed"), "✕", "closed"
            if x.opens_at:
                detail = self.words("tile.opens", when=self.when(x.opens_at))
        tile = _tile(f"service:{x.id}", "service", pick(x.names, self.lang), status, detail, mark)
        tile.update(state=state, enabled=state != "off")
        return tile

    def guide_tile(self, g: KioskGuide) -> Tile:
        host = urlsplit(g.url).hostname or ""
        return _tile(f"guide:{g.id}", "guide", pick(g.title, self.lang), detail=host)

    # --- screens ----------------------------------------------------------------------

    def when(self, at: dt.datetime) -> str:
        return self.texts.when(self.lang, at, self.s.now)

    def wait_lines(self, x: wire.ServiceInfo, *, labelled: bool = True) -> list[str]:
        n = self.waiting(x)
        lines = [self.texts.waiting(self.lang, n)]
        if x.estimated_wait is not None and n > 0:
            wait = self.texts.minutes(self.lang, x.estimated_wait.low_s, x.estimated_wait.high_s)
            lines.append(self.words("confirm.wait", wait=wait) if labelled else wait)
        return lines

    def detail(self) -> dict[str, Any]:
        screen = self.s.screen
        if screen == "confirm":
            return self.confirm()
        if screen == "offer":
            return self.offer()
        if screen == "ticket":
            return self.ticket()
        if screen in ("closed", "full"):
            return self.closed()
        if screen == "error":
            return self.error()
        if screen == "guide":
            return self.guide_page()
        return {}

    def confirm(self) -> dict[str, Any]:
        x = self.service(self.s.here.service)
        if x is None:
            return {"title": ""}
        paper = self.paper_ok()
        return {
            "title": pick(x.names, self.lang),
            "sub": self.words("confirm.sub"),
            "lines": self.wait_lines(x),
            "note": pick(x.note, self.lang) if x.note else "",
            "canPrint": paper,
            "printerNote": self.words("confirm.printer_down")
            if self.s.printer and not paper
            else "",
            "screenLabel": self.words("confirm.paperless" if paper else "confirm.show_screen"),
        }

    def offer(self) -> dict[str, Any]:
        x = self.service(self.s.here.service)
        g = self.guide(x.guide if x else None)
        return {
            "title": self.words("offer.title"),
            "sub": self.words("offer.sub", service=pick(x.names, self.lang) if x else ""),
            "guideTitle": pick(g.title, self.lang) if g else "",
            "guideSummary": pick(g.summary, self.lang) if g else "",
        }

    def ticket(self) -> dict[str, Any]:
        outcome = self.s.result.outcome
        if not isinstance(outcome, Issued):
            return {"title": ""}
        t = outcome.ticket
        x = self.service(t.service)
        lines = [self.texts.ahead(self.lang, t.people_ahead)]
        if t.estimated_wait is not None and (t.people_ahead or 0) > 0:
            wait = self.texts.minutes(self.lang, t.estimated_wait.low_s, t.estimated_wait.high_s)
            lines.append(self.words("confirm.wait", wait=wait))
        if outcome.printed:
            how = self.words("ticket.take_paper")
        elif outcome.paperless:
            how = self.words("ticket.paperless")
        else:
            how = self.words("ticket.print_failed")
        return {
            "title": self.words("ticket.title"),
            "sub": "",
            "number": t.number,
            "service": pick(x.names, self.lang) if x else t.service,
            "lines": [line for line in lines if line],
            "how": how,
            "printed": outcome.printed,
            "paperless": outcome.paperless,
            "failed": not outcome.printed and not outcome.paperless,
            "qr": t.status_url,
            "qrCaption": self.words("ticket.qr"),
        }

    def closed(self) -> dict[str, Any]:
        """Closed now (when it opens, where it is open) or full for today."""
        x = self.service(self.s.here.service)
        name = pick(x.names, self.lang) if x else ""
        outcome = self.s.result.outcome
        lines: list[str] = []
        if self.s.screen == "full":
            title = self.words("full.title", service=name)
            lines.append(self.words("full.text"))
        else:
            title = self.words("closed.title", service=name)
            opens = outcome.opens_at if isinstance(outcome, Closed) and outcome.opens_at else None
            opens = opens or (x.opens_at if x else None)
            if opens is not None:
                lines.append(self.words("closed.opens", when=self.when(opens)))
        elsewhere = list(x.open_elsewhere) if x else []
        if isinstance(outcome, Closed) and outcome.open_elsewhere:
            elsewhere = outcome.open_elsewhere
        if elsewhere:
            places = ", ".join(self.branch_label(b) for b in elsewhere)
            lines.append(self.words("closed.elsewhere", places=places))
        elif self.s.screen == "closed":
            lines.append(self.words("closed.nowhere"))
        g = self.guide(x.guide if x else None)
        return {
            "title": title,
            "sub": "",
            "lines": lines,
            "guide": g.id if g else "",
            "guideLabel": self.words("closed.guide", guide=pick(g.title, self.lang)) if g else "",
        }

    def error(self) -> dict[str, Any]:
        offline = self.s.result.kind == "offline"
        return {
            "title": self.words("error.offline_title" if offline else "error.title"),
            "sub": "",
            "lines": [self.words("error.offline_text" if offline else "error.text")],
            "guides": bool(self.s.guides),
        }

    def guide_page(self) -> dict[str, Any]:
        g = self.guide(self.s.here.guide)
        if g is None:
            return {"title": ""}
        lang = self.lang
        all_steps = [pick(step, lang) for step in g.steps]
        own_steps = all(has_own(step, lang) for step in g.steps)
        fallback = "" if has_own(g.title, lang) and own_steps else self.words("guide.fallback")
        helps = self.service(g.service) is not None if g.service else False
        ranges = self.step_pages(g, all_steps, fallback, helps)
        page = min(self.s.step_page, len(ranges) - 1)
        first, end = ranges[page]
        steps_lang = (
            lang if own_steps else ("en" if all(has_own(x, "en") for x in g.steps) else "da")
        )
        counted = self.words("guide.steps_page", first=first + 1, last=end, total=len(all_steps))
        return {
            "title": pick(g.title, lang),
            "sub": "",  # the summary is read in the content, where it has room
            "summary": pick(g.summary, lang),
            "steps": all_steps[first:end],
            "firstStep": first + 1,
            "stepPages": len(ranges),
            "stepsText": counted if len(ranges) > 1 else "",
            "hasPrevSteps": page > 0,
            "hasNextSteps": page < len(ranges) - 1,
            "stepsRtl": self.texts.rtl(steps_lang),
            "qr": g.url,
            "qrCaption": self.words("guide.qr", host=urlsplit(g.url).hostname or g.url),
            "fallback": fallback,
            "canHelp": helps,
            "helpLabel": self.words("guide.help") if helps else "",
            "noHelp": "" if helps else self.words("guide.ask_staff"),
            "canPrint": self.paper_ok(),
        }

    def step_pages(
        self, g: KioskGuide, steps: list[str], fallback: str, can_help: bool
    ) -> list[tuple[int, int]]:
        """Which steps share a page: as many as fit beside the code and the buttons."""
        s, lay, geo = self.sizes, self.layout, self.geometry
        f, pad = s.fonts, s.gap
        content_w = geo.width_px - 2 * s.margin
        content_h = geo.height_px - lay.header_h - lay.nav_h - 2 * s.gap
        width = content_w if geo.portrait else content_w - round(content_w * 0.36) - s.margin
        text_w = width - 2 * pad - 2 * f["body"]  # card padding and the step's number
        heights = [
            look.line_px(f["body"], look.text_lines(x, text_w, f["body"])) + pad // 2 for x in steps
        ]
        fixed = 2 * pad + look.line_px(f["small"])  # card padding, "Steps 1-3 of 5"
        if fallback and geo.portrait:  # in landscape it sits in the side column
            lines = look.text_lines(fallback, width - 4 * pad, f["body"])
            fixed += look.line_px(f["body"], lines) + 2 * pad + pad // 2
        if geo.portrait:  # the code with its caption and buttons, under the steps
            qr = round(s.px_per_mm * 40)
            caption = self.words("guide.qr", host=urlsplit(g.url).hostname or g.url)
            lines = look.text_lines(caption, content_w - qr - s.gap, f["small"])
            actions = look.line_px(f["small"], lines) + pad + s.button_h
            actions += s.button_h if can_help else look.line_px(f["body"], 3)
            fixed += max(qr, actions) + 2 * pad
        summary = pick(g.summary, self.lang)
        summary_h = look.line_px(f["body"], look.text_lines(summary, width, f["body"])) + pad
        budget = content_h - fixed
        if sum(heights) + summary_h <= budget:
            return [(0, len(steps))]
        paging = s.button_h + pad
        return look.pack(heights, budget - paging - summary_h, budget - paging)

    # --- read aloud -------------------------------------------------------------------

    def spoken(self) -> str:
        """Everything the screen says, as one text for the voice."""
        screen = self.s.screen
        parts = list(self.headings())
        if screen == "start":
            parts.append(self.words("start.choose"))
            parts += [name for _, name in LANGUAGES]
        elif screen in MENUS:
            parts += [f"{t['title']}. {t['status']} {t['detail']}" for t in self.page_tiles()]
        else:
            d = self.detail()
            if screen == "ticket":
                number = speakable_number(str(d.get("number", "")))
                parts = [self.words("ticket.spoken", number=number), str(d.get("service", ""))]
                parts += [str(x) for x in d.get("lines", [])]
                parts.append(str(d.get("how", "")))
            elif screen == "offer":
                parts.append(str(d.get("guideTitle", "")))
            elif screen == "guide":
                first = int(d.get("firstStep", 1))
                if first == 1:
                    parts.append(str(d.get("summary", "")))
                parts += [f"{i}. {step}" for i, step in enumerate(d.get("steps", []), first)]
            else:
                parts += [str(x) for x in d.get("lines", [])]
                if d.get("note"):
                    parts.append(str(d["note"]))
        banner = self.banner()["text"]
        if banner and screen in ("start", "menu", "group"):
            parts.append(banner)
        return " ".join(p.strip() for p in parts if p and p.strip())


def _tile(
    tile_id: str,
    kind: str,
    title: str,
    status: str = "",
    detail: str = "",
    mark: str = "?",
    state: str = "info",
) -> Tile:
    """One tile for the QML: words, a mark (✓/✕, never colour alone) and its state."""
    return {
        "id": tile_id,
        "kind": kind,
        "title": title,
        "status": status,
        "detail": detail,
        "mark": mark,
        "state": state,
        "enabled": True,
    }
