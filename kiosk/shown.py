"""What the kiosk's screen shows at one moment, as plain values by property name (Qt-free).

`Showing` knows how the kiosk shows things (its words, the screen, the font); given the
visit, the branch and the idle watch it makes the `Snapshot`, the `Content` and every
value the QML binds to. The view-model presents them and signals only those that changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from queue_server.shared import wire
from queue_server.shared.state import BranchState
from queue_server.shared.vocab import DeviceStatus

from . import geometry
from . import theme as look
from .content import Content
from .guides import KioskGuide
from .idle import IdleWatch
from .snapshot import Snapshot
from .texts import LANGUAGE_CODES, Texts
from .visit import Visit


class Branch(Protocol):
    """The branch as the kiosk holds it (`link.BranchLink`)."""

    info: wire.BranchInfo | None
    live: BranchState | None
    guides: list[KioskGuide]
    server_ok: bool | None
    printer_status: DeviceStatus

    @property
    def printer(self) -> bool: ...

    @property
    def branch_id(self) -> str: ...

    @property
    def branch_names(self) -> Mapping[str, Mapping[str, str]]: ...


@dataclass
class Showing:
    texts: Texts
    screen: geometry.Screen
    font: str
    cap_ratio: float
    catalogue: dict[str, dict[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.catalogue = {code: self.texts.all(code) for code in LANGUAGE_CODES}

    def snapshot(
        self, v: Visit, b: Branch, now: dt.datetime, language: str | None = None
    ) -> Snapshot:
        return Snapshot(
            language=language or v.choices.language,
            here=v.here,
            info=b.info,
            live=b.live,
            guides=b.guides,
            server_ok=b.server_ok,
            printer=b.printer,
            printer_status=b.printer_status,
            result=v.result,
            now=now,
            branch_id=b.branch_id,
            branch_names=b.branch_names,
        )

    def content(
        self, v: Visit, b: Branch, now: dt.datetime, language: str | None = None
    ) -> Content:
        sizes = look.sizes(self.screen, v.choices.large, self.cap_ratio)
        return Content(self.texts, self.snapshot(v, b, now, language), self.screen, sizes)

    def values(self, v: Visit, b: Branch, idle: IdleWatch, now: dt.datetime) -> dict[str, Any]:
        c = self.content(v, b, now)
        w, choices = c.w, v.choices
        heading, subheading = c.headings()
        theme = look.theme_map(
            self.screen,
            w.sizes,
            c.layout,
            large=choices.large,
            contrast=choices.contrast,
            font=self.font,
        )
        return {
            "screen": str(v.screen),
            "language": w.lang,
            "rtl": w.texts.rtl(w.lang),
            "t": self.catalogue[w.lang],
            "largeText": choices.large,
            "highContrast": choices.contrast,
            "speechOn": choices.speech,
            "theme": theme,
            "busy": v.busy,
            "serverOk": b.server_ok is not False,
            "printerStatus": str(b.printer_status),
            "banner": c.banner(),
            "branchName": c.branch_name(),
            "branchInfo": c.branch_info(),
            "now": c.now(),
            "heading": heading,
            "subheading": subheading,
            "tiles": c.page_tiles(),
            "paging": c.paging(),
            "detail": c.detail(),
            "notice": w.words(v.notice) if v.notice else "",
            "canGoBack": v.can_go_back,
            "canGoHome": v.can_go_home,
            "idleWarning": idle.warning,
            "idleText": w.words("idle.text", n=idle.seconds_left) if idle.warning else "",
        }
