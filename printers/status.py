"""Printer health from DLE EOT replies (real-time status, `10 04 n`).

Each reply is one byte whose bits 0x93 are fixed at 0x12; anything else is not a reply.
    n=1 printer:       0x08 offline, 0x20 waiting for online recovery
    n=2 offline cause: 0x04 cover open, 0x20 stopped by paper end, 0x40 error
    n=4 paper sensor:  0x0C roll paper near end, 0x60 roll paper end
No reply at all is OFFLINE, a garbled or missing one UNKNOWN: never OK.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from printers.errors import PrinterError, PrinterTimeout
from printers.transports import Transport

DLE_EOT = b"\x10\x04"
PRINTER, OFFLINE_CAUSE, PAPER = 1, 2, 4
QUERIES = (PRINTER, OFFLINE_CAUSE, PAPER)
FIXED_MASK, FIXED_BITS = 0x93, 0x12


class Status(enum.StrEnum):
    OK = "ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"

    @property
    def can_print(self) -> bool:
        return self in (Status.OK, Status.PAPER_LOW)


def query(n: int) -> bytes:
    """The DLE EOT command asking for status `n`."""
    return DLE_EOT + bytes((n,))


def reply_byte(reply: bytes | None) -> int | None:
    """The status byte if `reply` is exactly one well-formed status byte, else None."""
    if reply is None or len(reply) != 1:
        return None
    byte = reply[0]
    return byte if byte & FIXED_MASK == FIXED_BITS else None


def parse_status(printer: bytes | None, cause: bytes | None, paper: bytes | None) -> Status:
    """Combine the replies to DLE EOT 1, 2 and 4 (None: no reply) into one Status.

    A fault any valid reply shows wins (paper out, cover open, offline); else a missing
    or malformed reply makes it UNKNOWN; only three valid, clean replies are OK.
    """
    if printer is None and cause is None and paper is None:
        return Status.OFFLINE
    p, c, s = reply_byte(printer), reply_byte(cause), reply_byte(paper)
    if (s is not None and s & 0x60) or (c is not None and c & 0x20):
        return Status.PAPER_OUT
    if c is not None and c & 0x04:
        return Status.COVER_OPEN
    if (p is not None and p & 0x28) or (c is not None and c & 0x40):
        return Status.OFFLINE
    if p is None or c is None or s is None:
        return Status.UNKNOWN
    if s & 0x0C:
        return Status.PAPER_LOW
    return Status.OK


@dataclass(frozen=True)
class StatusReading:
    """One round of queries: the status, the raw replies and why one is missing."""

    status: Status
    replies: tuple[bytes | None, ...]
    error: PrinterError | None = None  # PrinterTimeout when the printer didn't answer


def read_status(
    transport: Transport, timeout: float, *, first_timeout: float | None = None
) -> StatusReading:
    """Ask DLE EOT 1, 2, 4 in turn, each reply within `timeout` seconds.

    `first_timeout` replaces the first query's timeout (after a job the first answer waits
    until the printer has taken in the whole job). A printer silent on the first query is
    not asked again. Write failures raise (PrinterUnreachable, PrinterTimeout).
    """
    replies: list[bytes | None] = []
    error: PrinterError | None = None
    for i, n in enumerate(QUERIES):
        transport.drain()
        transport.write(query(n))
        wait = first_timeout if i == 0 and first_timeout is not None else timeout
        try:
            replies.append(transport.read(1, wait))
        except PrinterTimeout as exc:
            replies.append(None)
            error = exc
            if i == 0:
                replies += [None] * (len(QUERIES) - 1)
                break
    status = parse_status(*replies)
    return StatusReading(status, tuple(replies), error)
