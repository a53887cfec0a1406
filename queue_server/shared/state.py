"""A branch's live queue as the apps see it: a snapshot, then events applied in order.

Pure: no sockets, no threads, so the reducer is tested on its own. Events carry the
services' state when it changed, so an app never asks the server for it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import wire
from .order import call_key
from .vocab import AT_COUNTER, CALL_EVENTS, OPEN_STATES, TicketState

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
        if event.services is not None:
            self.apply_services(event.services)
        t = event.ticket
        if t is None:
            return True
        if t.state in OPEN_STATES:
            self.tickets[t.id] = t
        else:
            self.tickets.pop(t.id, None)
        if event.type in CALL_EVENTS:
            self.recent_calls = [t, *(c for c in self.recent_calls if c.id != t.id)][:RECENT_CALLS]
        else:
            self.recent_calls = [t if c.id == t.id else c for c in self.recent_calls]
        return True

    def apply_services(self, states: list[wire.ServiceState]) -> None:
        for state in states:
            known = self.services.get(state.id)
            if known is not None:
                self.services[state.id] = known.model_copy(update=dict(state))

    def waiting(self, service: str | None = None) -> list[wire.Ticket]:
        """Waiting tickets (of one service), in the order they are called."""
        out = [t for t in self.tickets.values() if t.state == TicketState.WAITING]
        if service is not None:
            out = [t for t in out if t.service == service]
        return sorted(out, key=self.call_order)

    def call_order(self, t: wire.Ticket, now: dt.datetime | None = None) -> tuple[object, ...]:
        """A ticket's place in the call policy's order (design.md §3)."""
        info = self.services.get(t.service)
        weight = info.weight if info is not None else 1.0
        arrived = t.arrived_at or t.issued_at
        return call_key(t.priority, arrived, t.id, weight, now or dt.datetime.now(dt.UTC))

    def at_counter(self, counter: str) -> wire.Ticket | None:
        for t in self.tickets.values():
            if t.counter == counter and t.state in AT_COUNTER:
                return t
        return None
