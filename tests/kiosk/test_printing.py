"""The server's wire Ticket to a TicketPrint."""

from __future__ import annotations

import datetime as dt

from kiosk.printing import ticket_print_from_wire
from printers.layout import compose_ticket
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
    assert (ticket.people_ahead, ticket.wait_low_s, ticket.wait_high_s) == (4, 300, 900)
    assert ticket.note == "Bring photo ID"
    lines = compose_ticket(ticket).text_lines
    assert "Waiting time approx. 5-15 min" in lines and "Ahead of you: 4" in lines


def test_unknown_language_and_no_estimate() -> None:
    ticket = ticket_print_from_wire(
        wire(language="so", estimated_wait=None, people_ahead=None), "Dokk1", NAMES
    )
    assert ticket.service_name == "Pas og kørekort"  # Danish when the language has no name
    assert ticket.wait_low_s is None and ticket.note is None
    assert not any("Waiting" in line for line in compose_ticket(ticket).text_lines)
