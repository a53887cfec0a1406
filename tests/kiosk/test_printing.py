"""The server's wire Ticket to a TicketPrint, a kiosk guide to a GuidePrint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import pytest

from kiosk.backend import KioskBackend
from kiosk.cache import JsonCache
from kiosk.guides import KioskGuide
from kiosk.local_site import EMPTY_SITE
from kiosk.outcomes import Issued
from kiosk.output import TicketOutput
from kiosk.printing import guide_print, ticket_print_from_wire
from printers import PrintResult, Status, TicketPrint
from printers.layout import compose_guide, compose_ticket
from printers.samples import sample_guide, sample_ticket
from queue_server.client import ApiClient
from queue_server.shared.phrasing import wait_text
from queue_server.shared.vocab import DeviceStatus
from queue_server.shared.wire import BranchInfo, ServiceInfo, Ticket, WaitEstimate

NAMES = {"da": "Pas og kørekort", "en": "Passport and driving licence"}
CPH = "Europe/Copenhagen"


def wire(**changes: object) -> Ticket:
    fields: dict[str, object] = {
        "id": "t1",
        "number": "P017",
        "branch": "orestad",
        "service": "pas",
        "state": "waiting",
        "language": "en",
        "issued_at": dt.datetime(2025, 11, 24, 8, 15, tzinfo=dt.UTC),
        "people_ahead": 4,
        "estimated_wait": WaitEstimate(low_s=300, high_s=900),
        "status_url": "https://dintur.example.dk/t/t1",
    }
    return Ticket.model_validate(fields | changes)


def test_waiting_ticket() -> None:
    ticket = ticket_print_from_wire(
        wire(), "Borgerservice Ørestad", NAMES, "Bring photo ID", timezone=CPH
    )
    assert ticket.service_name == "Passport and driving licence"
    assert ticket.service_name_da == "Pas og kørekort"
    assert ticket.people_ahead == 4
    assert ticket.wait == {"en": "about 5–15 min", "da": "ca. 5–15 min."}  # shared phrasing
    assert ticket.note == "Bring photo ID"
    lines = compose_ticket(ticket).text_lines
    assert "Waiting time about 5-15 min" in lines and "Ahead of you: 4" in lines


def test_unknown_language_and_no_estimate() -> None:
    ticket = ticket_print_from_wire(
        wire(language="so", estimated_wait=None, people_ahead=None), "Dokk1", NAMES, timezone=CPH
    )
    # the shared order (pick_name): the language, then English, then Danish
    assert ticket.service_name == "Passport and driving licence"
    assert ticket.service_name_da == "Pas og kørekort"  # printed under it for the staff
    assert ticket.wait is None and ticket.note is None
    assert not any("Waiting" in line for line in compose_ticket(ticket).text_lines)


@pytest.mark.parametrize(
    ("low_s", "high_s", "line"),
    [
        (600, 1200, "Ventetid ca. 10-20 min."),
        (0, 90, "Ventetid under 5 min."),  # the printer's own rule said "under 2 min"
        (600, 600, "Ventetid ca. 10 min."),
        (3000, 5400, "Ventetid ca. 50-90 min."),
    ],
)
def test_the_printed_wait_is_the_shared_phrasing(low_s: int, high_s: int, line: str) -> None:
    estimate = WaitEstimate(low_s=low_s, high_s=high_s)
    da = wire(language="da", estimated_wait=estimate)
    ticket = ticket_print_from_wire(da, "Dokk1", NAMES, timezone=CPH)
    assert ticket.wait == {"da": wait_text(low_s, high_s, "da")}
    assert line in compose_ticket(ticket).text_lines


@pytest.mark.parametrize("language", ["da", "en", "ar", "uk", "so", "tr", "pl", "de"])
def test_the_sample_tickets_wait_is_the_shared_phrasing(language: str) -> None:
    wait = sample_ticket(language).wait
    assert wait == {language: wait_text(600, 1200, language), "da": wait_text(600, 1200, "da")}


def test_a_service_name_only_in_danish_or_in_no_language() -> None:
    danish = ticket_print_from_wire(
        wire(language="so"), "Dokk1", {"da": "Pas og kørekort"}, timezone=CPH
    )
    assert danish.service_name == "Pas og kørekort"
    unnamed = ticket_print_from_wire(wire(language="so"), "Dokk1", {}, timezone=CPH)
    assert unnamed.service_name == "pas"  # the service's id


def test_the_issue_time_is_told_on_the_branchs_own_clock() -> None:
    # 08.15 UTC: 09.15 in Copenhagen, 08.15 in Tórshavn, 06.15 in Nuuk
    at = {"Europe/Copenhagen": "09.15", "Atlantic/Faroe": "08.15", "America/Nuuk": "06.15"}
    for timezone, clock in at.items():
        ticket = ticket_print_from_wire(wire(language="da"), "Dokk1", NAMES, timezone=timezone)
        assert ticket.timezone == timezone
        assert f"24.11.2025 kl. {clock}" in compose_ticket(ticket).text_lines
    with pytest.raises(ValueError, match="unknown time zone 'Europe/Aarhus'"):
        ticket_print_from_wire(wire(), "Dokk1", NAMES, timezone="Europe/Aarhus")


class Api:
    """The one call the kiosk makes to take a number, answered with `wire()`."""

    def issue(self, branch: str, service: str, language: str, paperless: bool) -> Ticket:
        return wire(language=language)


class Paper:
    """A printer that keeps what it is asked to print."""

    available = True
    status = DeviceStatus.OK

    def __init__(self) -> None:
        self.tickets: list[TicketPrint] = []

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        self.tickets.append(ticket)
        return PrintResult(True, Status.OK)


def test_the_kiosk_prints_in_its_branchs_time_zone(tmp_path: Path) -> None:
    paper = Paper()
    kiosk = KioskBackend(
        cast(ApiClient, Api()),
        "torshavn",
        device_id="kiosk-1",
        output=cast(TicketOutput, paper),
        cache=JsonCache(tmp_path),
        local=EMPTY_SITE,
    )
    branch = BranchInfo(
        id="torshavn",
        names={"da": "Borgerservice Tórshavn"},
        timezone="Atlantic/Faroe",
        open_now=True,
        services=[ServiceInfo(id="pas", prefix="P", names=NAMES, open_now=True, waiting=4)],
        counters=[],
    )
    issued = kiosk.issue("pas", "da", paperless=False, branch_info=branch)
    assert isinstance(issued, Issued) and issued.printed
    assert paper.tickets[0].timezone == "Atlantic/Faroe"
    assert "24.11.2025 kl. 08.15" in compose_ticket(paper.tickets[0]).text_lines
    # without the branch (no service is offered then) there is no zone to tell the time in
    unknown = kiosk.issue("pas", "da", paperless=False, branch_info=None)
    assert isinstance(unknown, Issued) and not unknown.printed and len(paper.tickets) == 1


# the passport guide as the server sends it: the title in Arabic too, the rest in da and en
PASSPORT = KioskGuide.from_json(
    {
        "id": "pas",
        "title": {
            "da": "Bestil pas på borger.dk",
            "en": "Order a passport on borger.dk",
            "ar": "اطلب جواز السفر على borger.dk",
        },
        "summary": {
            "da": "Du kan selv bestille tid og betale online.",
            "en": "You can book a time and pay online yourself.",
        },
        "steps": [
            {"da": "Log på borger.dk med MitID.", "en": "Log in to borger.dk with MitID."},
            {
                "da": 'Vælg "Pas" og udfyld ansøgningen.',
                "en": "Choose Passport and fill in the form.",
            },
            {"da": "Betal gebyret med dit betalingskort.", "en": "Pay the fee with your card."},
            {
                "da": "Mød op med dit gamle pas og billed-ID.",
                "en": "Bring your old passport and ID.",
            },
        ],
        "url": "https://www.borger.dk/pas",
    }
)


@pytest.mark.parametrize("language", ["da", "en", "ar"])
def test_a_guide_is_printed_as_the_shared_order_picks_it(language: str) -> None:
    assert guide_print(PASSPORT, language) == sample_guide(language)  # the samples agree


def test_a_guide_in_a_language_it_lacks_is_printed_in_english() -> None:
    printed = guide_print(PASSPORT, "so")
    assert printed.title == "Order a passport on borger.dk"
    assert printed.steps[0] == "Log in to borger.dk with MitID."  # was Danish before
    assert "1. Log in to borger.dk with MitID." in compose_guide(printed, "so").text_lines
    danish_only = guide_print(KioskGuide.from_json({"id": "x", "title": "Kun dansk"}), "so")
    assert (danish_only.title, danish_only.summary, danish_only.steps) == ("Kun dansk", "", ())
