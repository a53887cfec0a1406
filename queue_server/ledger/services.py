"""The services' state at a branch (open, waiting, estimate, full), computed once per
write and pushed as a `services.changed` event when it changed, so screens never refetch.

Opening hours change with the clock, not with writes: `tick()` (run every few seconds by
the server) sends the event when a service opens or closes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..domain.hours import is_open, next_opening
from ..domain.issuing import is_full
from ..domain.site import Branch
from ..shared import wire
from .log import last_seq_in
from .uow import UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger

States = tuple[wire.ServiceState, ...]


class ServiceStates:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._lock = threading.Lock()
        #: per branch: (the seq after which it was true, the last states sent)
        self._sent: dict[str, tuple[int, States]] = {}
        #: per branch: which services were open at the last tick
        self._open: dict[str, tuple[bool, ...]] = {}

    def waiting(self, uow: UnitOfWork, branch_id: str) -> dict[str, int]:
        """How many wait in each line of the branch, as this write leaves them: from the
        last state sent plus this write's changes when that is known to be current (no
        read), else read (which includes this write's changes)."""
        with self._lock:
            sent = self._sent.get(branch_id)
        if sent is None or sent[0] != uow.base_seq.get(branch_id):
            return store.line_counts(uow.s, branch_id)
        counts = {state.id: state.waiting for state in sent[1]}
        for (branch, service), delta in uow.line_deltas.items():
            if branch == branch_id:
                counts[service] = counts.get(service, 0) + delta
        return counts

    def states(
        self,
        s: Session,
        branch: Branch,
        now: dt.datetime,
        counts: dict[str, int] | None = None,
    ) -> States:
        counts = counts if counts is not None else store.line_counts(s, branch.id)
        site = self.ledger.site
        waits = self.ledger.estimates.newcomers(s, branch, now, counts)
        out = []
        for offered in branch.services:
            service = site.services[offered.service]
            n = counts.get(service.id, 0)
            open_now = is_open(offered.hours, now, branch.tz)
            wait = waits.get(service.id) if open_now else None
            out.append(
                wire.ServiceState(
                    id=service.id,
                    open_now=open_now,
                    opens_at=None if open_now else next_opening(offered.hours, now, branch.tz),
                    waiting=n,
                    estimated_wait=wire.WaitEstimate(low_s=wait.low_s, high_s=wait.high_s)
                    if wait
                    else None,
                    full=is_full(service, n),
                    open_elsewhere=[]
                    if open_now
                    else self._open_elsewhere(branch, service.id, now),
                )
            )
        return tuple(out)

    def infos(self, s: Session, branch: Branch, now: dt.datetime) -> list[wire.ServiceInfo]:
        """Every service of the branch: what it is and its state now."""
        site = self.ledger.site
        return [
            wire.ServiceInfo(
                **state.model_dump(),
                prefix=service.prefix,
                names=service.names,
                weight=service.weight,
                guide=service.guide,
                group=service.group,
                note=service.note,
            )
            for state in self.states(s, branch, now)
            for service in (site.services[state.id],)
        ]

    def prime(self) -> None:
        """Learn what the screens were last told (at start-up), so the first write sends
        `services.changed` only if it changes something."""
        now = self.ledger.clock()
        for branch in self.ledger.site.branches.values():
            with self.ledger.db.read() as s:
                seq = last_seq_in(s, branch.id)
                states = self.states(s, branch, now)
            with self._lock:
                self._sent[branch.id] = (seq, states)
            self._open[branch.id] = tuple(s.open_now for s in states)

    def settle(self, uow: UnitOfWork) -> None:
        """At the end of a write: a `services.changed` for each branch it touched whose
        services' state differs from the last one sent (or is not known to this process)."""
        for branch_id, lock in uow.locks.items():
            with self._lock:
                sent = self._sent.get(branch_id)
            known = sent if sent is not None and sent[0] == uow.base_seq[branch_id] else None
            if branch_id in uow.services_touched or known is None:
                branch = self.ledger.branch(branch_id)
                states = self.states(uow.s, branch, uow.now, self.waiting(uow, branch_id))
                if known is None or known[1] != states:
                    uow.tell_services(branch_id, list(states))
            else:
                states = known[1]
            with self._lock:
                self._sent[branch_id] = (lock.last_seq, states)

    def tick(self) -> list[str]:
        """Send `services.changed` where a service opened or closed since the last tick;
        the branches it was sent for."""
        now = self.ledger.clock()
        due = []
        for branch in self.ledger.site.branches.values():
            flags = tuple(is_open(o.hours, now, branch.tz) for o in branch.services)
            if self._open.get(branch.id, flags) != flags:
                due.append(branch.id)
            self._open[branch.id] = flags
        for branch_id in due:
            self.ledger.write(self._boundary(branch_id))
        return due

    def _boundary(self, branch_id: str) -> Callable[[UnitOfWork], None]:
        def touch(uow: UnitOfWork) -> None:
            uow.lock(branch_id)
            uow.services_touched.add(branch_id)

        return touch

    def _open_elsewhere(self, here: Branch, service_id: str, now: dt.datetime) -> list[str]:
        out = []
        for b in self.ledger.site.branches.values():
            offered = b.offers(service_id)
            if b.id != here.id and offered is not None and is_open(offered.hours, now, b.tz):
                out.append(b.id)
        return out
