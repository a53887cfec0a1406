"""Who sits at which counter and whether they are on a pause, shown to colleagues live.

Each change is written in the same transaction as its event, like ticket changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..db.models import CounterSessionRow
from ..domain.counters import counter_taken
from ..shared import wire
from ..shared.vocab import EventType, PauseReason
from . import to_wire
from .uow import Actor, UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger

#: a change to a counter's seat: given the seat (or None), its event and the seat after
Change = Callable[
    [UnitOfWork, CounterSessionRow | None], tuple[EventType, CounterSessionRow | None]
]


class Counters:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def claim(self, uow: UnitOfWork, counter_id: str, actor: Actor) -> wire.CounterInfo:
        """Sit down at a counter; one caseworker per counter. The same person may reclaim
        it (a desk app restarted, a new login)."""
        return self._change(
            uow, counter_id, actor, lambda u, held: (EventType.COUNTER_CLAIMED, held)
        )

    def release(
        self, uow: UnitOfWork, counter_id: str, actor: Actor, *, force: bool = False
    ) -> wire.CounterInfo:
        def leave(u: UnitOfWork, held: CounterSessionRow | None) -> tuple[EventType, None]:
            if held is not None:
                u.s.delete(held)
            return EventType.COUNTER_RELEASED, None

        return self._change(uow, counter_id, actor, leave, create=False, force=force)

    def pause(
        self, uow: UnitOfWork, counter_id: str, reason: PauseReason | None, actor: Actor
    ) -> wire.CounterInfo:
        """Pause (reason) or resume (None). Only the holder; an unheld counter is claimed."""

        def mark(
            u: UnitOfWork, held: CounterSessionRow | None
        ) -> tuple[EventType, CounterSessionRow]:
            assert held is not None  # created when missing
            held.paused = reason.value if reason else None
            held.paused_at = u.now if reason else None
            return (EventType.COUNTER_PAUSED if reason else EventType.COUNTER_RESUMED), held

        return self._change(uow, counter_id, actor, mark)

    def _change(
        self,
        uow: UnitOfWork,
        counter_id: str,
        actor: Actor,
        change: Change,
        *,
        create: bool = True,
        force: bool = False,
    ) -> wire.CounterInfo:
        """One change to who sits at a counter: refused if someone else does (unless an
        admin forces it), written with its event in one transaction."""
        branch, counter = self.ledger.counter(counter_id)
        uow.lock(branch.id)
        s = uow.s
        held = s.get(CounterSessionRow, counter_id)
        if held is not None and held.holder != actor.name and not force:
            raise counter_taken(counter_id, held.holder)
        if held is None and create:
            held = CounterSessionRow(
                counter=counter_id, branch=branch.id, holder=actor.name, since=uow.now
            )
            s.add(held)
        kind, held = change(uow, held)
        s.flush()
        self.ledger.estimates.seats_changed(s, branch.id)  # who sits where changed
        info = to_wire.counter_info(counter, held)
        uow.emit(branch.id, kind, counter=info)
        uow.services_touched.add(branch.id)  # who works changes the estimates
        return info
