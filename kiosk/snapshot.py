"""The kiosk's state at one moment, as plain data: what every screen's words are made from.

Branch info (names, groups, the services' order) comes once from the server; what changes
during the day (open, waiting, wait, full) arrives with the live events and is laid over
it here (`services_now`), so a tile follows the queue without asking the server again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from queue_server.shared import wire
from queue_server.shared.state import BranchState
from queue_server.shared.vocab import DeviceStatus

from .guides import KioskGuide
from .visit import Result, Screen, Step


def services_now(info: wire.BranchInfo | None, live: BranchState | None) -> list[wire.ServiceInfo]:
    """The branch's services in its own order, each as the live queue knows it now."""
    if info is None:
        return []
    if live is None:
        return list(info.services)
    return [live.services.get(s.id, s) for s in info.services]


def branch_now(info: wire.BranchInfo | None, live: BranchState | None) -> wire.BranchInfo | None:
    """Branch info with its services' state from the live queue."""
    if info is None or live is None:
        return info
    return info.model_copy(update={"services": services_now(info, live)})


def zone(info: wire.BranchInfo | None) -> ZoneInfo | None:
    """The branch's own time zone; None (the machine's) until the branch is known."""
    if info is None:
        return None
    try:
        return ZoneInfo(info.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class Snapshot:
    language: str
    here: Step
    info: wire.BranchInfo | None
    live: BranchState | None  # only while the server is reachable
    guides: list[KioskGuide]
    server_ok: bool | None  # None: not known yet
    printer: bool  # a printer is configured
    printer_status: DeviceStatus
    result: Result
    now: dt.datetime
    branch_id: str
    branch_names: Mapping[str, Mapping[str, str]]  # other branches, from the site folder

    @property
    def screen(self) -> Screen:
        return self.here.screen

    def services(self) -> list[wire.ServiceInfo]:
        return services_now(self.info, self.live if self.server_ok else None)
