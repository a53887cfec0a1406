"""The facts every screen's words are made of, in the citizen's language: the branch, its
services and guides, waits, opening times, and the banner when the server or printer is away.

`Wording` reads one `Snapshot` and changes nothing; `tiles`, `details` and `guide_page`
build the screens on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from queue_server.shared import wire
from queue_server.shared.i18n import pick_name
from queue_server.shared.phrasing import wait_text
from queue_server.shared.vocab import DeviceStatus

from . import geometry
from . import theme as look
from .guides import KioskGuide
from .output import can_print
from .snapshot import Snapshot, zone
from .texts import LANGUAGE_CODES, WEEKDAY_KEYS, Texts

Tile = dict[str, Any]


class Wording:
    def __init__(
        self, texts: Texts, snap: Snapshot, screen: geometry.Screen, sizes: look.Sizes
    ) -> None:
        self.texts = texts.in_zone(zone(snap.info))
        self.s = snap
        self.lang = snap.language
        self.geometry = screen
        self.sizes = sizes

    def words(self, key: str, **values: object) -> str:
        return self.texts.tr(key, self.lang, **values)

    def name(self, names: Mapping[str, str] | None, fallback: str = "") -> str:
        return pick_name(names, self.lang, fallback)

    @cached_property
    def layout(self) -> look.Layout:
        return look.layout(self.geometry, self.sizes, banner=bool(self.banner()["text"]))

    # --- the branch and its data --------------------------------------------------------

    @property
    def server_ok(self) -> bool | None:
        return self.s.server_ok

    @property
    def guides(self) -> list[KioskGuide]:
        return self.s.guides

    @cached_property
    def services(self) -> list[wire.ServiceInfo]:
        return self.s.services()

    def service(self, service_id: str | None) -> wire.ServiceInfo | None:
        return next((x for x in self.services if x.id == service_id), None)

    def guide(self, guide_id: str | None) -> KioskGuide | None:
        return next((g for g in self.s.guides if g.id == guide_id), None)

    def groups(self) -> dict[str, list[wire.ServiceInfo]]:
        out: dict[str, list[wire.ServiceInfo]] = {}
        for x in self.services:
            if x.group:
                out.setdefault(x.group, []).append(x)
        return out

    def group_name(self, group_id: str) -> str:
        groups = self.s.info.groups if self.s.info is not None else []
        names = next((g.names for g in groups if g.id == group_id), None)
        return self.name(names, group_id.replace("-", " ").title())

    def branch_label(self, branch_id: str) -> str:
        names = self.s.branch_names.get(branch_id)
        return self.name(names, branch_id.replace("-", " ").title())

    def branch_name(self) -> str:
        names = self.s.info.names if self.s.info is not None else None
        return self.name(names or self.s.branch_names.get(self.s.branch_id), self.s.branch_id)

    def branch_info(self) -> str:
        return self.name(self.s.info.info) if self.s.info is not None else ""

    def now(self) -> str:
        local = self.s.now.astimezone(self.texts.zone)
        day = self.words(f"weekday.{WEEKDAY_KEYS[local.weekday()]}")
        date = self.words("when.date_format", d=local.day, m=local.month)
        return self.words("header.now", day=day, date=date, time=self.texts.clock(self.lang, local))

    def welcome_all(self) -> str:
        """ "Velkommen · Welcome · أهلًا وسهلًا · …": the start screen greets everyone."""
        return " · ".join(self.texts.tr("start.welcome", code) for code in LANGUAGE_CODES)

    def paper_ok(self) -> bool:
        return self.s.printer and can_print(self.s.printer_status)

    def when(self, at: dt.datetime) -> str:
        return self.texts.when(self.lang, at, self.s.now)

    def wait_lines(self, x: wire.ServiceInfo, *, labelled: bool = True) -> list[str]:
        """How many wait and, when someone does, for about how long."""
        n = x.waiting
        lines = [self.texts.waiting(self.lang, n)]
        if x.estimated_wait is not None and n > 0:
            wait = wait_text(x.estimated_wait.low_s, x.estimated_wait.high_s, self.lang)
            lines.append(self.words("confirm.wait", wait=wait) if labelled else wait)
        return lines

    def banner(self) -> dict[str, str]:
        """The one message above the choices: the server or the printer is away."""
        if self.s.server_ok is False:
            return {"kind": "error", "text": self.words("banner.offline")}
        if self.s.printer and not can_print(self.s.printer_status):
            out = self.s.printer_status is DeviceStatus.PAPER_OUT
            return {
                "kind": "warn",
                "text": self.words("banner.paper_out" if out else "banner.printer"),
            }
        return {"kind": "", "text": ""}
