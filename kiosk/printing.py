"""The server's wire `Ticket` as the printer's `TicketPrint` (printers knows no server)."""

from __future__ import annotations

from printers.ticket import TicketPrint, pick
from queue_server.shared.phrasing import wait_text
from queue_server.shared.wire import Ticket


def ticket_print_from_wire(
    ticket: Ticket,
    branch_name: str,
    service_names: dict[str, str],
    note: str | None = None,
) -> TicketPrint:
    """What to print for `ticket`; `service_names` maps language to the service's name.

    The wait is worded here, the one way every screen says it, in the ticket's language
    and in Danish (a ticket in another language prints the Danish words too).
    """
    estimate = ticket.estimated_wait
    wait = None
    if estimate is not None:
        wait = {
            lang: wait_text(estimate.low_s, estimate.high_s, lang)
            for lang in (ticket.language, "da")
        }
    return TicketPrint(
        branch_name=branch_name,
        number=ticket.number,
        service_name=pick(service_names, ticket.language) or ticket.service,
        service_name_da=service_names.get("da", ""),
        language=ticket.language,
        issued_at=ticket.issued_at,
        people_ahead=ticket.people_ahead,
        wait=wait,
        status_url=ticket.status_url or "",  # the issue answer always has it
        note=note or None,
    )
