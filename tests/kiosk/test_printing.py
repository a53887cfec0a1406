"""The server's wire Ticket to a TicketPrint."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.printing import ticket_print_from_wire
from printers.layout import compose_ticket
from printers.samples import sample_ticket
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
    assert ticket.service_name == "Pas og kørekort"  # Danish when the language has no name
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
