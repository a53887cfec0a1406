"""One citizen's visit as a state machine, Qt-free: the screen, the way back, and where
each tap and each answer of the server leads.

A visit is a stack of steps (`Step`: a screen and what it is about). `go` pushes, `back`
pops, `home` begins the next citizen's visit (Danish, no large text, quiet). Outcomes of a
request map one to one onto screens (`screen_for`, matched with `assert_never`), so every
screen's way in and way out is tested without Qt; the view-model only shows `here`.

    start ─language→ menu ─→ group ─→ [offer ─→] confirm ─take→ ticket
                      │                  └─→ guide      └─→ closed · full · error
                      └─→ guides ─→ guide ─help→ confirm
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, assert_never

from queue_server.shared import wire
from queue_server.shared.vocab import GuideOutcomeKind

from .guides import KioskGuide
from .outcomes import Closed, Failed, Full, Issued, IssueOutcome, Refused, Unreachable


class Screen(enum.StrEnum):
    START = "start"
    MENU = "menu"
    GROUP = "group"
    OFFER = "offer"
    CONFIRM = "confirm"
    TICKET = "ticket"
    CLOSED = "closed"
    FULL = "full"
    ERROR = "error"
    GUIDES = "guides"
    GUIDE = "guide"


#: screens that are a list of tiles
MENUS = frozenset({Screen.MENU, Screen.GROUP, Screen.GUIDES})
#: screens without Back: the start has nothing before it, a ticket ends the visit
NO_BACK = frozenset({Screen.START, Screen.TICKET})


class Trouble(enum.StrEnum):
    """Why the error screen shows."""

    OFFLINE = "offline"  # the server is away: guides still work
    FAILED = "failed"  # it said no, or something broke: ask the staff


@dataclass(frozen=True)
class Step:
    """One place in the visit, for Back."""

    screen: Screen
    group: str | None = None
    service: str | None = None
    guide: str | None = None
    page: int = 0  # the tiles' page on a menu, the steps' page on a guide


@dataclass(frozen=True)
class Result:
    """What the last request came to, for the ticket, closed, full and error screens."""

    outcome: IssueOutcome | None = None
    service: str | None = None
    trouble: Trouble | None = None


@dataclass(frozen=True)
class Choices:
    """What the citizen switched on; the next citizen starts without it."""

    language: str = "da"
    large: bool = False
    contrast: bool = False
    speech: bool = False


@dataclass(frozen=True)
class GuideEnded:
    """How a guide's reading ended, for the statistics."""

    guide: str
    outcome: GuideOutcomeKind


class Facts(Protocol):
    """What the visit asks of the branch to know where a tap leads (`Wording` answers)."""

    @property
    def server_ok(self) -> bool | None: ...

    @property
    def guides(self) -> Sequence[KioskGuide]: ...

    def service(self, service_id: str | None) -> wire.ServiceInfo | None: ...

    def guide(self, guide_id: str | None) -> KioskGuide | None: ...

    def groups(self) -> Mapping[str, Sequence[wire.ServiceInfo]]: ...


@dataclass
class _Reading:
    guide: str
    printed: bool = False


def screen_for(outcome: IssueOutcome) -> Screen:
    """The screen each outcome of "take a number" shows."""
    match outcome:
        case Issued():
            return Screen.TICKET
        case Closed():
            return Screen.CLOSED
        case Full():
            return Screen.FULL
        case Unreachable() | Refused() | Failed():
            return Screen.ERROR
        case _:
            assert_never(outcome)


def trouble_for(outcome: IssueOutcome) -> Trouble | None:
    match outcome:
        case Unreachable():
            return Trouble.OFFLINE
        case Refused() | Failed():
            return Trouble.FAILED
        case Issued() | Closed() | Full():
            return None
        case _:
            assert_never(outcome)


def service_screen(service: wire.ServiceInfo, *, server_ok: bool | None, guide: bool) -> Screen:
    """Where a service's tile leads: told at once if no number can be had, else the
    offer of its guide (when it has one), else the choice of paper or phone."""
    if server_ok is False:
        return Screen.ERROR
    if service.full:
        return Screen.FULL
    if not service.open_now:
        return Screen.CLOSED
    return Screen.OFFER if guide else Screen.CONFIRM


@dataclass
class Visit:
    here: Step = field(default_factory=lambda: Step(Screen.START))
    trail: list[Step] = field(default_factory=list)
    result: Result = field(default_factory=Result)
    choices: Choices = field(default_factory=Choices)
    notice: str = ""  # a catalogue key shown on this screen until the next
    busy: bool = False  # a request is out: no way on or back until it answers
    reading: _Reading | None = None
    ended: list[GuideEnded] = field(default_factory=list)  # guides read, to be counted

    @property
    def screen(self) -> Screen:
        return self.here.screen

    @property
    def can_go_back(self) -> bool:
        return self.screen not in NO_BACK and bool(self.trail)

    @property
    def can_go_home(self) -> bool:
        return self.screen is not Screen.START

    def take_ended(self) -> list[GuideEnded]:
        """The guides whose reading ended since last asked (for the statistics)."""
        ended, self.ended = self.ended, []
        return ended

    # --- moving -----------------------------------------------------------------------

    def go(self, step: Step) -> bool:
        if step != self.here:
            self.trail.append(self.here)
        self.here = step
        self.notice = ""
        return True

    def back(self) -> bool:
        if self.busy or not self.can_go_back:
            return False
        self.here = self.trail.pop()
        self.notice = ""
        return True

    def home(self) -> bool:
        """A fresh start for the next citizen; the guide being read, if any, has ended."""
        self.end_reading(ticket=False)
        self.here, self.trail = Step(Screen.START), []
        self.result, self.choices, self.notice = Result(), Choices(), ""
        return True

    def choose_language(self, code: str) -> bool:
        """The start screen's one tap: this language, and on to the menu."""
        self.choices = replace(self.choices, language=code)
        self.here, self.trail, self.notice = Step(Screen.MENU), [Step(Screen.START)], ""
        return True

    def choose(
        self, *, large: bool | None = None, contrast: bool | None = None, speech: bool | None = None
    ) -> Choices:
        """Large text, high contrast or speech switched on or off."""
        c = self.choices
        self.choices = Choices(
            c.language,
            c.large if large is None else large,
            c.contrast if contrast is None else contrast,
            c.speech if speech is None else speech,
        )
        return self.choices

    def turn_page(self, by: int) -> bool:
        self.here = replace(self.here, page=max(0, self.here.page + by))
        return True

    # --- taps -------------------------------------------------------------------------

    def open_tile(self, tile_id: str, facts: Facts) -> bool:
        """A menu tile: "group:<id>", "service:<id>", "guides" or "guide:<id>"."""
        if self.busy:
            return False
        kind, _, key = tile_id.partition(":")
        if kind == "group" and key in facts.groups():
            return self.go(Step(Screen.GROUP, group=key))
        if kind == "service":
            return self.open_service(key, facts, offer_guide=True)
        if kind == "guides":
            return self.open_guides(facts)
        if kind == "guide":
            return self.open_guide(key, facts)
        return False

    def open_service(self, service_id: str | None, facts: Facts, *, offer_guide: bool) -> bool:
        x = facts.service(service_id)
        if x is None:
            return False
        guide = offer_guide and x.guide is not None and facts.guide(x.guide) is not None
        screen = service_screen(x, server_ok=facts.server_ok, guide=guide)
        if screen is Screen.ERROR:
            self.result = Result(service=x.id, trouble=Trouble.OFFLINE)
        elif screen in (Screen.CLOSED, Screen.FULL):
            self.result = Result(service=x.id)
        return self.go(Step(screen, service=x.id))

    def offer_guide(self, facts: Facts) -> bool:
        """On the offer screen: read the service's guide first."""
        x = facts.service(self.here.service)
        return x is not None and x.guide is not None and self.open_guide(x.guide, facts)

    def offer_ticket(self, facts: Facts) -> bool:
        """On the offer screen: no, a number."""
        return self.open_service(self.here.service, facts, offer_guide=False)

    def guide_help(self, facts: Facts) -> bool:
        """On a guide: I still need help (a number for the guide's service)."""
        g = facts.guide(self.here.guide)
        return g is not None and self.open_service(g.service, facts, offer_guide=False)

    def open_guides(self, facts: Facts) -> bool:
        return bool(facts.guides) and self.go(Step(Screen.GUIDES))

    def open_guide(self, guide: str, facts: Facts) -> bool:
        """Read a guide; reading another one ends the first."""
        if facts.guide(guide) is None:
            return False
        if self.reading is not None and self.reading.guide != guide:
            self.end_reading(ticket=False)
        if self.reading is None:
            self.reading = _Reading(guide)
        return self.go(Step(Screen.GUIDE, guide=guide))

    def guide_printed(self, printed: bool) -> None:
        if printed and self.reading is not None:
            self.reading.printed = True
        self.notice = "guide.printed" if printed else "guide.print_failed"

    def end_reading(self, *, ticket: bool) -> None:
        reading, self.reading = self.reading, None
        if reading is None:
            return
        if ticket:
            outcome = GuideOutcomeKind.TICKET
        elif reading.printed:
            outcome = GuideOutcomeKind.PRINTED
        else:
            outcome = GuideOutcomeKind.SELF_SERVED
        self.ended.append(GuideEnded(reading.guide, outcome))

    # --- answers ------------------------------------------------------------------------

    def answered(self, service: str, outcome: IssueOutcome) -> bool:
        """The server's answer to "take a number" becomes the next screen. A ticket ends
        the visit's way back, and the guide read before it counts as a ticket."""
        self.busy = False
        screen = screen_for(outcome)
        self.result = Result(outcome, service, trouble_for(outcome))
        if screen is not Screen.TICKET:
            return self.go(Step(screen, service=service))
        self.here, self.trail, self.notice = Step(screen, service=service), [], ""
        self.end_reading(ticket=True)
        return True
