"""The visit as a state machine, without Qt: where every tap and every outcome leads, Back
from every screen, the idle reset, and no screen without a way on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pytest

from kiosk.guides import KioskGuide
from kiosk.idle import IdleWatch, Tick
from kiosk.outcomes import Closed, Failed, Full, Issued, IssueOutcome, Refused, Unreachable
from kiosk.visit import (
    MENUS,
    Choices,
    GuideEnded,
    Screen,
    Step,
    Trouble,
    Visit,
    screen_for,
    service_screen,
    trouble_for,
)
from queue_server.shared import wire
from queue_server.shared.vocab import GuideOutcomeKind, TicketState

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def service(
    sid: str,
    *,
    open_now: bool = True,
    full: bool = False,
    guide: str | None = None,
    group: str | None = "borgerservice",
) -> wire.ServiceInfo:
    return wire.ServiceInfo(
        id=sid,
        prefix=sid[0].upper(),
        names={"da": sid},
        open_now=open_now,
        waiting=0,
        full=full,
        guide=guide,
        group=group,
    )


def guide(gid: str, service_id: str | None = None) -> KioskGuide:
    steps = ({"da": "Et"}, {"da": "To"}, {"da": "Tre"})
    return KioskGuide(gid, {"da": gid}, {"da": "…"}, steps, "https://x.dk", service_id)


@dataclass
class Branch:
    """A hand-written `visit.Facts`: the branch as the kiosk knows it."""

    services: dict[str, wire.ServiceInfo] = field(default_factory=dict)
    guide_list: list[KioskGuide] = field(default_factory=list)
    server_ok: bool | None = True

    @property
    def guides(self) -> Sequence[KioskGuide]:
        return self.guide_list

    def service(self, service_id: str | None) -> wire.ServiceInfo | None:
        return self.services.get(service_id or "")

    def guide(self, guide_id: str | None) -> KioskGuide | None:
        return next((g for g in self.guide_list if g.id == guide_id), None)

    def groups(self) -> Mapping[str, Sequence[wire.ServiceInfo]]:
        out: dict[str, list[wire.ServiceInfo]] = {}
        for x in self.services.values():
            if x.group:
                out.setdefault(x.group, []).append(x)
        return out


def demo() -> Branch:
    return Branch(
        services={
            x.id: x
            for x in (
                service("pas", guide="pas"),
                service("korekort"),
                service("sundhedskort", full=True),
                service("bibliotek", open_now=False, group="bibliotek"),
            )
        },
        guide_list=[guide("pas", "pas"), guide("flytning"), guide("mitid", "korekort")],
    )


def ticket() -> wire.Ticket:
    return wire.Ticket(
        id="t1",
        number="K001",
        branch="dokk1",
        service="korekort",
        state=TicketState.WAITING,
        language="da",
        issued_at=NOW,
        status_url="http://x/t/abc",
    )


OUTCOMES: list[tuple[IssueOutcome, Screen, Trouble | None]] = [
    (Issued(ticket(), paperless=True, printed=False), Screen.TICKET, None),
    (Closed("korekort", NOW, ["gellerup"]), Screen.CLOSED, None),
    (Full("korekort"), Screen.FULL, None),
    (Unreachable("refused"), Screen.ERROR, Trouble.OFFLINE),
    (Refused("forbidden"), Screen.ERROR, Trouble.FAILED),
    (Failed("a bug"), Screen.ERROR, Trouble.FAILED),
]


def at_confirm(b: Branch) -> Visit:
    v = Visit()
    v.choose_language("en")
    assert v.open_tile("group:borgerservice", b)
    assert v.open_tile("service:korekort", b)
    assert v.screen is Screen.CONFIRM
    return v


@pytest.mark.parametrize(("outcome", "screen", "trouble"), OUTCOMES)
def test_every_outcome_has_its_screen(
    outcome: IssueOutcome, screen: Screen, trouble: Trouble | None
) -> None:
    assert screen_for(outcome) is screen
    assert trouble_for(outcome) is trouble
    v = at_confirm(demo())
    v.busy = True
    assert v.answered("korekort", outcome)
    assert v.screen is screen and not v.busy
    assert v.result.outcome == outcome and v.result.trouble is trouble
    assert v.here.service == "korekort"
    if screen is Screen.TICKET:  # the end of the visit: no way back into it
        assert not v.can_go_back and v.trail == [] and v.can_go_home
    else:  # closed, full, error: back to the choice of paper or phone
        assert v.back() and v.screen is Screen.CONFIRM


def test_a_tile_leads_where_the_service_allows() -> None:
    ok = service("korekort")
    assert service_screen(ok, server_ok=True, guide=False) is Screen.CONFIRM
    assert service_screen(ok, server_ok=None, guide=True) is Screen.OFFER  # not known yet
    assert service_screen(ok, server_ok=False, guide=True) is Screen.ERROR
    full, closed = service("a", full=True), service("b", open_now=False)
    assert service_screen(full, server_ok=True, guide=True) is Screen.FULL
    assert service_screen(closed, server_ok=True, guide=True) is Screen.CLOSED

    b = demo()
    v = Visit()
    v.choose_language("da")
    assert v.open_tile("service:bibliotek", b)
    assert v.here == Step(Screen.CLOSED, service="bibliotek")
    assert v.result.service == "bibliotek" and v.result.outcome is None
    b.server_ok = False
    assert v.open_tile("service:pas", b)  # the server is away: said at once, no offer
    assert v.here == Step(Screen.ERROR, service="pas")
    assert v.result.trouble is Trouble.OFFLINE
    for nowhere in ("service:no-such", "group:no-such", "guide:no-such", "what"):
        assert not v.open_tile(nowhere, b)
    assert v.here == Step(Screen.ERROR, service="pas")


def test_back_walks_the_way_the_citizen_came() -> None:
    b = demo()
    v = Visit()
    assert not v.back()  # nothing before the start
    v.choose_language("ar")
    v.open_tile("group:borgerservice", b)
    v.turn_page(+1)
    v.open_tile("service:pas", b)  # has a guide: offered first
    assert v.screen is Screen.OFFER
    v.offer_guide(b)
    assert v.here == Step(Screen.GUIDE, guide="pas")
    v.turn_page(+1)  # the guide's second page of steps
    v.guide_help(b)
    assert v.here == Step(Screen.CONFIRM, service="pas")
    walked = []
    while v.back():
        walked.append(v.here)
    assert walked == [
        Step(Screen.GUIDE, guide="pas", page=1),
        Step(Screen.OFFER, service="pas"),
        Step(Screen.GROUP, group="borgerservice", page=1),
        Step(Screen.MENU),
        Step(Screen.START),
    ]
    assert v.choices.language == "ar"  # Back keeps the language; only Home resets it


def paths(b: Branch) -> dict[Screen, Callable[[Visit], object]]:
    """One way to every screen, from a fresh visit."""

    def menu(v: Visit) -> bool:
        return v.choose_language("en")

    return {
        Screen.START: lambda v: None,
        Screen.MENU: menu,
        Screen.GROUP: lambda v: (menu(v), v.open_tile("group:borgerservice", b)),
        Screen.OFFER: lambda v: (menu(v), v.open_tile("service:pas", b)),
        Screen.CONFIRM: lambda v: (menu(v), v.open_tile("service:korekort", b)),
        Screen.TICKET: lambda v: v.answered("korekort", OUTCOMES[0][0]),
        Screen.CLOSED: lambda v: (menu(v), v.open_tile("service:bibliotek", b)),
        Screen.FULL: lambda v: (menu(v), v.open_tile("service:sundhedskort", b)),
        Screen.ERROR: lambda v: v.answered("korekort", Unreachable()),
        Screen.GUIDES: lambda v: (menu(v), v.open_tile("guides", b)),
        Screen.GUIDE: lambda v: (menu(v), v.open_tile("guides", b), v.open_guide("mitid", b)),
    }


@pytest.mark.parametrize("screen", list(Screen))
def test_no_dead_end_every_screen_has_a_way_back_or_home(screen: Screen) -> None:
    b = demo()
    v = Visit()
    paths(b)[screen](v)
    assert v.screen is screen
    if screen is Screen.START:  # no Back, no Home: the languages lead on
        assert not v.can_go_back and not v.can_go_home
        assert v.choose_language("so") and v.screen is Screen.MENU
        return
    assert v.can_go_home
    before = list(v.trail)
    if screen is Screen.TICKET:
        assert not v.can_go_back
    else:
        assert v.can_go_back, f"{screen} has no way back"
        assert v.back() and v.here == before[-1]
    v.home()
    assert v.here == Step(Screen.START) and v.trail == []


def test_every_screen_is_reached() -> None:
    assert set(paths(demo())) == set(Screen)
    assert {Screen.MENU, Screen.GROUP, Screen.GUIDES} == MENUS


def test_busy_holds_the_visit_where_it_is() -> None:
    b = demo()
    v = at_confirm(b)
    v.busy = True
    assert not v.back() and not v.open_tile("guides", b)
    assert v.screen is Screen.CONFIRM


def test_idle_reset_is_a_fresh_start_in_danish() -> None:
    b = demo()
    v = Visit()
    v.choose(large=True, contrast=True, speech=True)
    v.choose_language("uk")
    v.open_tile("guides", b)
    v.open_guide("flytning", b)
    v.guide_printed(False)
    assert v.notice == "guide.print_failed"
    idle = IdleWatch(idle_after_s=3, warn_for_s=2)
    idle.arm()
    ticks = [idle.tick() for _ in range(5)]
    assert ticks[-1] is Tick.EXPIRE
    v.home()
    assert v.here == Step(Screen.START) and v.trail == []
    assert v.choices == Choices()  # Danish, normal text, calm colours, quiet
    assert v.result.outcome is None and v.notice == ""
    assert v.take_ended() == [GuideEnded("flytning", GuideOutcomeKind.SELF_SERVED)]
    assert v.take_ended() == []


def test_how_a_guide_read_ends_is_counted_once() -> None:
    b = demo()
    v = Visit()
    v.choose_language("da")
    v.open_tile("guides", b)
    v.open_guide("pas", b)
    v.open_guide("pas", b)  # the same guide again: still one reading
    v.open_guide("mitid", b)  # another: the first has ended
    assert v.take_ended() == [GuideEnded("pas", GuideOutcomeKind.SELF_SERVED)]
    v.guide_printed(True)
    assert v.notice == "guide.printed"
    v.guide_help(b)  # mitid's service: korekort
    assert v.screen is Screen.CONFIRM and v.take_ended() == []
    v.answered("korekort", OUTCOMES[0][0])  # a number after all
    assert v.take_ended() == [GuideEnded("mitid", GuideOutcomeKind.TICKET)]

    v.home()
    v.choose_language("da")
    v.open_tile("guides", b)
    v.open_guide("flytning", b)
    v.guide_printed(True)
    v.home()
    assert v.take_ended() == [GuideEnded("flytning", GuideOutcomeKind.PRINTED)]


def test_a_visit_imports_no_qt() -> None:
    import subprocess
    import sys

    code = "import sys, kiosk.visit, kiosk.content, kiosk.shown; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
