"""The wire schema of API v1: requests, responses and events, as pydantic models only.

Imported by the server and by the apps' client, so it must never import SQLAlchemy,
FastAPI or Qt (a test checks). The contract is public: extend it, don't rename it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from .limits import DETAIL_LEN, ID_LEN, NAME_LEN, PASSWORD_LEN, USERNAME_LEN
from .vocab import DeviceStatus, GuideOutcomeKind, PairingState, PauseReason, Role, TicketState

Id = Annotated[str, StringConstraints(min_length=1, max_length=ID_LEN, pattern=r"^[A-Za-z0-9_-]+$")]


def _printable(text: str) -> str:
    """Refuse control characters (NUL, newlines, escapes) in text a person typed."""
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise ValueError("control characters are not allowed")
    return text


Text = Annotated[str, AfterValidator(_printable)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Names = dict[str, str]


class Strict(BaseModel):
    """Requests reject unknown fields: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid")


# --- requests ---------------------------------------------------------------------------


class IssueTicket(Strict):
    branch: Id
    service: Id
    language: Language = "da"
    paperless: StrictBool = False  # true or false: "yes" is an error, not a yes


class CallTicket(Strict):
    ticket: Id


class CallNext(Strict):
    """Optional: serve only some of the counter's services for now."""

    services: list[Id] | None = None


class Transfer(Strict):
    service: Id | None = None
    counter: Id | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> Transfer:
        if (self.service is None) == (self.counter is None):
            raise ValueError("give exactly one of 'service' or 'counter'")
        return self


class Pause(Strict):
    reason: PauseReason = PauseReason.BREAK


class DeviceHealthReport(Strict):
    kind: Literal["printer"] = "printer"
    status: DeviceStatus
    detail: Annotated[Text, StringConstraints(max_length=DETAIL_LEN)] = ""


class GuideOutcome(Strict):
    branch: Id
    outcome: GuideOutcomeKind


class PairRequest(Strict):
    role: Literal["kiosk", "display"]
    branch: Id
    name: Annotated[Text, StringConstraints(min_length=1, max_length=NAME_LEN)]


class PairCollect(Strict):
    secret: Annotated[str, StringConstraints(min_length=16, max_length=128)]


class Login(Strict):
    username: Annotated[Text, StringConstraints(min_length=1, max_length=USERNAME_LEN)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=PASSWORD_LEN)]


# --- responses --------------------------------------------------------------------------


class WaitEstimate(BaseModel):
    low_s: int
    high_s: int


class Ticket(BaseModel):
    id: str
    number: str  # "P017"
    branch: str
    service: str
    state: TicketState
    language: str
    paperless: bool = False
    issued_at: dt.datetime
    # the call order: class (0 appointment, 1 transferred, 2 walk-in), then arrival (kept
    # across transfers); with the service's weight the desk lists tickets as they are called
    arrived_at: dt.datetime | None = None
    priority: int = 2
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counter: str | None = None
    recalls: int = 0
    people_ahead: int | None = None  # only while waiting
    estimated_wait: WaitEstimate | None = None  # only while waiting
    # the citizen's secret link: only in the answer to whoever issued the ticket and on the
    # citizen's own page; never in snapshots, events, or staff and display reads
    status_url: str | None = None
    transferred_from: str | None = None
    transferred_to: str | None = None
    for_counter: str | None = None  # transferred to one counter: only it calls this ticket
    reason: str | None = None  # on call-next: why this ticket was next


class ServiceInfo(BaseModel):
    id: str
    prefix: str
    names: Names
    open_now: bool
    weight: float = 1.0  # the call policy's weight of its waits
    opens_at: dt.datetime | None = None  # when closed: the next opening
    waiting: int
    estimated_wait: WaitEstimate | None = None
    guide: str | None = None
    group: str | None = None
    full: bool = False  # the service's cap of waiting tickets is reached
    note: Names = Field(default_factory=dict)  # the short line printed on its tickets
    open_elsewhere: list[str] = Field(default_factory=list)  # when closed: branches open now


class ServiceState(BaseModel):
    """What changes about a service during the day: sent in `services.changed` events."""

    id: str
    open_now: bool
    opens_at: dt.datetime | None = None  # when closed: the next opening
    waiting: int
    estimated_wait: WaitEstimate | None = None  # for someone taking a ticket now
    full: bool = False  # the service's cap of waiting tickets is reached
    open_elsewhere: list[str] = Field(default_factory=list)  # when closed: branches open now


class CounterInfo(BaseModel):
    id: str
    names: Names
    services: list[str]
    zone: str | None = None
    held_by: str | None = None  # the caseworker (username) at the counter now
    paused: PauseReason | None = None


class GroupInfo(BaseModel):
    id: str
    names: Names


class GuideInfo(BaseModel):
    id: str
    title: Names
    summary: Names
    steps: list[Names]
    url: str
    service: str | None = None


class DeviceHealth(BaseModel):
    device: str
    branch: str
    kind: str
    status: DeviceStatus
    detail: str = ""
    updated_at: dt.datetime


class BranchInfo(BaseModel):
    id: str
    names: Names
    timezone: str
    open_now: bool
    info: Names = Field(default_factory=dict)
    address: str = ""
    groups: list[GroupInfo] = Field(default_factory=list)
    services: list[ServiceInfo]
    counters: list[CounterInfo]


class QueueSnapshot(BaseModel):
    branch: str
    seq: int
    at: dt.datetime
    tickets: list[Ticket]  # open tickets: waiting, called, serving
    recent_calls: list[Ticket]  # newest first
    services: list[ServiceInfo]
    counters: list[CounterInfo] = Field(default_factory=list)
    devices: list[DeviceHealth] = Field(default_factory=list)  # printers of the kiosks


class Event(BaseModel):
    """One change in a branch; `seq` increases by one per change, branch-wide."""

    type: str  # a vocab.EventType: ticket.issued, …, counter.claimed, services.changed
    seq: int
    branch: str
    at: dt.datetime
    ticket: Ticket | None = None
    counter: CounterInfo | None = None  # counter.claimed|released|paused|resumed
    device: DeviceHealth | None = None  # device.health
    # the services' state after the write, on its last event when it changed; a write with
    # nothing else to tell (a service opened or closed) sends type services.changed
    services: list[ServiceState] | None = None


class SnapshotMessage(BaseModel):
    type: Literal["snapshot"] = "snapshot"
    snapshot: QueueSnapshot


class TokenInfo(BaseModel):
    token: str
    role: Role
    branch: str | None
    username: str | None = None


class PairStarted(BaseModel):
    code: str  # shown on the device's screen, e.g. "KX3-7PA"
    secret: str  # kept by the device; collects the token
    expires_at: dt.datetime


class PairState(BaseModel):
    state: PairingState
    token: str | None = None  # once, when approved


class PendingDevice(BaseModel):
    code: str
    role: str
    branch: str
    name: str
    state: str
    created_at: dt.datetime


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    database: str


class Problem(BaseModel):
    """RFC 9457 problem details with a stable `code`."""

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str
