"""The virtual printer's states and what it answers to status queries in each.

ok; paper_low (prints, reports near end); paper_out, cover_open, offline (answer status,
discard print data); slow (reads `slow_bps` bytes/s); silent (reads `silent_after` more
bytes, then neither reads nor answers).
"""

from __future__ import annotations

import enum

from printers.sim.decoder import Command


class SimState(enum.StrEnum):
    OK = "ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    SLOW = "slow"
    SILENT = "silent"


# replies to DLE EOT 1, 2, 4 (see probes.md); SILENT answers nothing
REPLIES: dict[SimState, tuple[int, int, int]] = {
    SimState.OK: (0x12, 0x12, 0x12),
    SimState.SLOW: (0x12, 0x12, 0x12),
    SimState.PAPER_LOW: (0x12, 0x12, 0x1E),
    SimState.PAPER_OUT: (0x1A, 0x32, 0x72),
    SimState.COVER_OPEN: (0x1A, 0x16, 0x12),
    SimState.OFFLINE: (0x1A, 0x12, 0x12),
}
DISCARDING = {SimState.PAPER_OUT, SimState.COVER_OPEN, SimState.OFFLINE}
GS_R_PAPER = {SimState.PAPER_LOW: 0x03, SimState.PAPER_OUT: 0x0C}  # GS r 1


def status_reply(cmd: Command, state: SimState) -> bytes | None:
    """The answer to a DLE EOT n or GS r n command in `state`; None: no answer."""
    if cmd.name == "status":
        replies = REPLIES.get(state)
        if replies is None or cmd.arg not in (1, 2, 3, 4):
            return None
        if cmd.arg == 3:
            return b"\x12"
        return bytes((replies[{1: 0, 2: 1, 4: 2}[cmd.arg]],))
    if cmd.name == "transmit_status":
        if cmd.arg in (1, 49):
            return bytes((GS_R_PAPER.get(state, 0x00),))
        if cmd.arg in (2, 50):
            return b"\x00"
    return None
