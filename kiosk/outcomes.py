"""What can come of a citizen's request: one type per kiosk screen (matched with `match`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from queue_server.shared import wire
from queue_server.shared.vocab import DeviceStatus


@dataclass(frozen=True)
class Issued:
    """A ticket exists on the server; `printed` says whether paper came out."""

    ticket: wire.Ticket
    paperless: bool
    printed: bool
    printer_status: DeviceStatus = DeviceStatus.UNKNOWN


@dataclass(frozen=True)
class Closed:
    service: str
    opens_at: dt.datetime | None = None
    open_elsewhere: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Full:
    service: str


@dataclass(frozen=True)
class Unreachable:
    """The server did not answer."""

    detail: str = ""


@dataclass(frozen=True)
class Refused:
    """The server answered no for another reason (token, config); staff must look."""

    code: str
    detail: str = ""


@dataclass(frozen=True)
class Failed:
    """The kiosk itself failed on the way (a bug, logged); staff must look."""

    detail: str = ""


IssueOutcome = Issued | Closed | Full | Unreachable | Refused | Failed


@dataclass(frozen=True)
class GuidePrinted:
    """A guide sent to the printer: whether paper came out, and the printer's status."""

    printed: bool
    printer_status: DeviceStatus
