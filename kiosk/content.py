"""What each screen says, Qt-free: heading, tiles, body and the words read aloud.

`Content` reads one `Snapshot` of the kiosk (the visit's step, the branch, the live queue,
guides, server and printer health) and answers in the citizen's language, as the plain
dicts and lists the QML binds to. Nothing here changes state, so every screen's words are
tested without Qt. The pieces: `wording` (facts and phrases), `tiles` (menus), `details`
(the screens after a choice), `guide_page`.
"""

from __future__ import annotations

from typing import Any

from queue_server.shared.phrasing import spoken_number

from . import geometry, tiles
from . import theme as look
from .details import Detail, detail
from .snapshot import Snapshot
from .texts import LANGUAGES, Texts
from .visit import MENUS, Screen
from .wording import Tile, Wording


class Content:
    def __init__(
        self, texts: Texts, snap: Snapshot, screen: geometry.Screen, sizes: look.Sizes
    ) -> None:
        self.w = Wording(texts, snap, screen, sizes)
        self.s = snap
        self._detail: Detail | None = None

    @property
    def layout(self) -> look.Layout:
        return self.w.layout

    def branch_name(self) -> str:
        return self.w.branch_name()

    def branch_info(self) -> str:
        return self.w.branch_info()

    def now(self) -> str:
        return self.w.now()

    def welcome_all(self) -> str:
        return self.w.welcome_all()

    def banner(self) -> dict[str, str]:
        return self.w.banner()

    def page_tiles(self) -> list[Tile]:
        return tiles.page_tiles(self.w)

    def paging(self) -> dict[str, Any]:
        return tiles.paging(self.w)

    def detail(self) -> Detail:
        if self._detail is None:
            self._detail = detail(self.w)
        return self._detail

    def headings(self) -> tuple[str, str]:
        w, screen = self.w, self.s.screen
        if screen is Screen.START:
            return w.words("start.title", branch=w.branch_name()), w.words("start.sub")
        if screen is Screen.MENU:
            return w.words("menu.title"), w.words("menu.sub")
        if screen is Screen.GROUP:
            return w.group_name(self.s.here.group or ""), w.words("group.sub")
        if screen is Screen.GUIDES:
            return w.words("guides.title"), w.words("guides.sub")
        d = self.detail()
        return str(d.get("title", "")), str(d.get("sub", ""))

    def spoken(self) -> str:
        """Everything the screen says, as one text for the voice."""
        w, screen = self.w, self.s.screen
        parts = list(self.headings())
        if screen is Screen.START:
            parts.append(w.words("start.choose"))
            parts += [name for _, name in LANGUAGES]
        elif screen in MENUS:
            parts += [f"{t['title']}. {t['status']} {t['detail']}" for t in self.page_tiles()]
        else:
            d = self.detail()
            if screen is Screen.TICKET:
                number = spoken_number(str(d.get("number", "")))
                parts = [w.words("ticket.spoken", number=number), str(d.get("service", ""))]
                parts += [str(x) for x in d.get("lines", [])]
                parts.append(str(d.get("how", "")))
            elif screen is Screen.OFFER:
                parts.append(str(d.get("guideTitle", "")))
            elif screen is Screen.GUIDE:
                first = int(d.get("firstStep", 1))
                if first == 1:
                    parts.append(str(d.get("summary", "")))
                parts += [f"{i}. {step}" for i, step in enumerate(d.get("steps", []), first)]
            else:
                parts += [str(x) for x in d.get("lines", [])]
                if d.get("note"):
                    parts.append(str(d["note"]))
        banner = self.banner()["text"]
        if banner and screen in (Screen.START, Screen.MENU, Screen.GROUP):
            parts.append(banner)
        return " ".join(p.strip() for p in parts if p and p.strip())
