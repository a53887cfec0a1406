"""Ticket printers: ESC/POS layout, transports, health, and a virtual printer (`sim`).

Imports no Qt and nothing of ours: tickets come in as `TicketLike`, guides as `GuidePrint`,
with their names picked and their waits worded by the caller.
"""

from printers.device import PrintResult, TicketPrinter
from printers.encoder import Job
from printers.errors import (
    InvalidPrinterUri,
    PrinterError,
    PrinterFault,
    PrinterTimeout,
    PrinterUnreachable,
)
from printers.layout import compose_guide, compose_ticket, render_guide, render_ticket
from printers.profile import PAPER_58MM, PAPER_80MM, Logo, PaperProfile, paper
from printers.status import Status, parse_status
from printers.ticket import GuidePrint, TicketLike, TicketPrint
from printers.transports import Transport
from printers.uri import PrinterUri, parse_uri, transport_for

__all__ = [
    "PAPER_58MM",
    "PAPER_80MM",
    "GuidePrint",
    "InvalidPrinterUri",
    "Job",
    "Logo",
    "PaperProfile",
    "PrintResult",
    "PrinterError",
    "PrinterFault",
    "PrinterTimeout",
    "PrinterUnreachable",
    "PrinterUri",
    "Status",
    "TicketLike",
    "TicketPrint",
    "TicketPrinter",
    "Transport",
    "compose_guide",
    "compose_ticket",
    "paper",
    "parse_status",
    "parse_uri",
    "render_guide",
    "render_ticket",
    "transport_for",
]
