"""What the screens say, without Qt: tiles from the live queue laid over branch info, and
times on the branch's own clock."""

from __future__ import annotations

import datetime as dt

from kiosk.content import Content
from kiosk.geometry import kiosk_screen
from kiosk.snapshot import Snapshot, branch_now, services_now
from kiosk.texts import Texts
from kiosk.theme import sizes
from kiosk.visit import Result, Screen, Step
from queue_server.shared import wire
from queue_server.shared.state import BranchState
from queue_server.shared.vocab import DeviceStatus

TEXTS = Texts.load()
MENU = Step(Screen.MENU)
WINTER = dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC)  # a Monday, 10.00 in Copenhagen


def service(sid: str, waiting: int = 0, *, open_now: bool = True) -> wire.ServiceInfo:
    wait = wire.WaitEstimate(low_s=600, high_s=1200) if waiting else None
    return wire.ServiceInfo(
        id=sid,
        prefix=sid[0].upper(),
        names={"da": sid.title(), "en": sid.title()},
        open_now=open_now,
        waiting=waiting,
        estimated_wait=wait,
    )


def info(timezone: str = "Europe/Copenhagen") -> wire.BranchInfo:
    return wire.BranchInfo(
        id="dokk1",
        names={"da": "Dokk1"},
        timezone=timezone,
        open_now=True,
        services=[service("pas"), service("korekort")],
        counters=[],
    )


def live(**waiting: int) -> BranchState:
    state = BranchState("dokk1", services={s.id: s for s in info().services})
    state.apply_services(
        [wire.ServiceState(id=sid, open_now=True, waiting=n) for sid, n in waiting.items()]
    )
    return state


def content(
    branch: wire.BranchInfo | None,
    state: BranchState | None,
    *,
    server_ok: bool | None = True,
    screen: Step = MENU,
    language: str = "da",
) -> Content:
    snap = Snapshot(
        language=language,
        here=screen,
        info=branch,
        live=state,
        guides=[],
        server_ok=server_ok,
        printer=False,
        printer_status=DeviceStatus.UNKNOWN,
        result=Result(),
        now=WINTER,
        branch_id="dokk1",
        branch_names={},
    )
    geo = kiosk_screen()
    return Content(TEXTS, snap, geo, sizes(geo, False))


def test_the_live_queue_is_laid_over_branch_info() -> None:
    state = live(pas=3)
    state.services["pas"] = state.services["pas"].model_copy(
        update={"estimated_wait": wire.WaitEstimate(low_s=600, high_s=1200)}
    )
    assert [s.waiting for s in services_now(info(), state)] == [3, 0]
    assert [s.id for s in services_now(info(), state)] == ["pas", "korekort"]  # info's order
    assert services_now(info(), None) == info().services
    assert services_now(None, state) == []
    now = branch_now(info(), state)
    assert now is not None and now.services[0].waiting == 3 and now.names == {"da": "Dokk1"}

    tiles = {t["id"]: t for t in content(info(), state).page_tiles()}
    assert tiles["service:pas"]["detail"] == "3 venter · ca. 10–20 min."
    assert tiles["service:korekort"]["detail"] == "Ingen venter"


def test_a_closing_service_closes_its_tile_from_the_events() -> None:
    state = live()
    state.apply_services([wire.ServiceState(id="korekort", open_now=False, waiting=0)])
    tiles = {t["id"]: t for t in content(info(), state).page_tiles()}
    assert tiles["service:korekort"]["state"] == "closed"
    assert tiles["service:pas"]["state"] == "open"


def test_without_the_server_the_tiles_say_so() -> None:
    tiles = content(info(), live(pas=3), server_ok=False).page_tiles()
    assert {t["state"] for t in tiles} == {"off"}


def test_times_are_on_the_branchs_own_clock() -> None:
    copenhagen = content(info("Europe/Copenhagen"), None).now()
    faroe = content(info("Atlantic/Faroe"), None).now()
    assert "10.00" in copenhagen and "mandag" in copenhagen
    assert "09.00" in faroe
    assert content(info("No/Such_Zone"), None).now()  # an unknown zone: the machine's clock
