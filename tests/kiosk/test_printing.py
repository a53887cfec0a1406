"""The server's wire Ticket to a TicketPrint, a kiosk guide to a GuidePrint."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.guides import KioskGuide
from kiosk.printing import guide_print, ticket_print_from_wire
from printers.layout import compose_guide, compose_ticket
from printers.samples import sample_guide, sample_ticket
from queue_server.shared.phrasing import wait_text
from queue_server.shared.wire import Ticket, WaitEstimate

NAMES = {"da": "Pas og kørekort", "en": "Passport and driving licence"}


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
    ticket = ticket_print_from_wire(wire(), "Borgerservice Ørestad", NAMES, "Bring photo ID")
    assert ticket.service_name == "Passport and driving licence"
    assert ticket.service_name_da == "Pas og kørekort"
    assert ticket.people_ahead == 4
    assert ticket.wait == {"en": "about 5–15 min", "da": "ca. 5–15 min."}  # shared phrasing
    assert ticket.note == "Bring photo ID"
    lines = compose_ticket(ticket).text_lines
    assert "Waiting time about 5-15 min" in lines and "Ahead of you: 4" in lines


def test_unknown_language_and_no_estimate() -> None:
    ticket = ticket_print_from_wire(
        wire(language="so", estimated_wait=None, people_ahead=None), "Dokk1", NAMES
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
    ticket = ticket_print_from_wire(wire(language="da", estimated_wait=estimate), "Dokk1", NAMES)
    assert ticket.wait == {"da": wait_text(low_s, high_s, "da")}
    assert line in compose_ticket(ticket).text_lines


@pytest.mark.parametrize("language", ["da", "en", "ar", "uk", "so", "tr", "pl", "de"])
def test_the_sample_tickets_wait_is_the_shared_phrasing(language: str) -> None:
    wait = sample_ticket(language).wait
    assert wait == {language: wait_text(600, 1200, language), "da": wait_text(600, 1200, "da")}


def test_a_service_name_only_in_danish_or_in_no_language() -> None:
    danish = ticket_print_from_wire(wire(language="so"), "Dokk1", {"da": "Pas og kørekort"})
    assert danish.service_name == "Pas og kørekort"
    unnamed = ticket_print_from_wire(wire(language="so"), "Dokk1", {})
    assert unnamed.service_name == "pas"  # the service's id


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
