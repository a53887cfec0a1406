"""What the kiosk prints, in the printer's own types (printers knows no server): a wire
`Ticket` as a `TicketPrint`, a guide as a `GuidePrint`. Names are picked and waits worded
here, by the shared rules, so paper says what the screens say.
"""

from __future__ import annotations

from printers.ticket import GuidePrint, TicketPrint
from queue_server.shared.i18n import pick_name
from queue_server.shared.phrasing import wait_text
from queue_server.shared.wire import Ticket

from .guides import KioskGuide


def ticket_print_from_wire(
    ticket: Ticket,
    branch_name: str,
    service_names: dict[str, str],
    note: str | None = None,
    *,
    timezone: str,
) -> TicketPrint:
    """What to print for `ticket`; `service_names` maps language to the service's name,
    `timezone` is the branch's own (`BranchInfo.timezone`): the issue time is told in it.

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
        service_name=pick_name(service_names, ticket.language, ticket.service),
        service_name_da=service_names.get("da", ""),
        language=ticket.language,
        issued_at=ticket.issued_at,
        timezone=timezone,
        people_ahead=ticket.people_ahead,
        wait=wait,
        status_url=ticket.status_url or "",  # the issue answer always has it
        note=note or None,
    )


def guide_print(guide: KioskGuide, language: str) -> GuidePrint:
    """`guide` as printed for a visitor reading `language`, each text picked by `pick_name`."""
    return GuidePrint(
        title=pick_name(guide.title, language),
        summary=pick_name(guide.summary, language),
        steps=tuple(pick_name(step, language) for step in guide.steps),
        url=guide.url,
    )
