"""A branch's live queue as the apps see it: a snapshot, then events applied in order.

Pure: no sockets, no threads, so the reducer is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import wire

OPEN = ("waiting", "called", "serving")
RECENT_CALLS = 10


class SeqGap(Exception):
    """An event arrived that does not follow the last one: resync."""


@dataclass
class BranchState:
    branch: str
    seq: int = 0
    tickets: dict[str, wire.Ticket] = field(default_factory=dict)  # open tickets by id
    recent_calls: list[wire.Ticket] = field(default_factory=list)  # newest first
    services: dict[str, wire.ServiceInfo] = field(default_factory=dict)
    counters: dict[str, wire.CounterInfo] = field(default_factory=dict)  # who holds, paused
    devices: dict[tuple[str, str], wire.DeviceHealth] = field(default_factory=dict)

    @classmethod
    def from_snapshot(cls, snap: wire.QueueSnapshot) -> BranchState:
        return cls(
            branch=snap.branch,
            seq=snap.seq,
            tickets={t.id: t for t in snap.tickets},
            recent_calls=list(snap.recent_calls),
            services={s.id: s for s in snap.services},
            counters={c.id: c for c in snap.counters},
            devices={(d.device, d.kind): d for d in snap.devices},
        )

    def apply(self, event: wire.Event) -> bool:
        """Apply one event; False if it was old. SeqGap if one is missing."""
        if event.seq <= self.seq:
            return False
        if event.seq != self.seq + 1:
            raise SeqGap(f"expected seq {self.seq + 1}, got {event.seq}")
        self.seq = event.seq
        if event.counter is not None:
            self.counters[event.counter.id] = event.counter
        if event.device is not None:
            self.devices[(event.device.device, event.device.kind)] = event.device
        t = event.ticket
        if t is None:
            return True
        if t.state in OPEN:
            self.tickets[t.id] = t
        else:
            self.tickets.pop(t.id, None)
        if event.type in ("ticket.called", "ticket.recalled"):
            self.recent_calls = [t, *(c for c in self.recent_calls if c.id != t.id)][:RECENT_CALLS]
        else:
            self.recent_calls = [t if c.id == t.id else c for c in self.recent_calls]
        return True

    def waiting(self, service: str | None = None) -> list[wire.Ticket]:
        out = [t for t in self.tickets.values() if t.state == "waiting"]
        if service is not None:
            out = [t for t in out if t.service == service]
        return sorted(out, key=lambda t: t.issued_at)

    def at_counter(self, counter: str) -> wire.Ticket | None:
        for t in self.tickets.values():
            if t.counter == counter and t.state in ("called", "serving"):
                return t
        return None
