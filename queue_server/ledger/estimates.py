"""The inputs of wait estimates, gathered for `domain.estimate`, and the counters'
announced absences.

Live, in the write's own transaction: the lines' counts, who sits where (claimed, paused,
holding a ticket) and today's announced absences. Cached briefly per branch, in the
ledger's own time (so a bench on a fast clock caches no longer than a server does): the
history (counter time per call, cancellations, arrivals) and the ages of the waiting
tickets, which the live counts trim or extend.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, and_, bindparam, func, select
from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..db.models import CounterPlanRow, CounterSessionRow
from ..domain import estimate
from ..domain.estimate_history import Call, History, history_of
from ..domain.numbering import business_day
from ..domain.site import Branch
from ..shared.vocab import AT_COUNTER, Priority, TicketState
from .uow import Actor, UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger

#: how far back the counter time per call is measured (today only)
HISTORY_WINDOW = dt.timedelta(hours=12)
#: the most calls read for it
HISTORY_CALLS = 1000
#: how far back arrivals are counted for the overtakers' rate
ARRIVALS_WINDOW = dt.timedelta(minutes=30)
#: how long the history and the waiting tickets' ages are reused, in ledger time
HISTORY_TTL = dt.timedelta(seconds=60)
AGES_TTL = dt.timedelta(seconds=20)
_c = store.TICKETS.c
_PLAN = cast(Table, CounterPlanRow.__table__).c
_SEAT = cast(Table, CounterSessionRow.__table__).c
# built once: building a statement cost more than running it
_SESSIONS = select(_SEAT.counter, _SEAT.paused).where(_SEAT.branch == bindparam("b"))
_HELD = (
    select(_c.counter)
    .where(_c.branch == bindparam("b"), _c.state.in_([st.value for st in AT_COUNTER]))
    .distinct()
)
_PLANS = select(_PLAN.counter, _PLAN.away_from, _PLAN.back_at).where(
    _PLAN.branch == bindparam("b"), _PLAN.business_day == bindparam("day")
)
_WAITING = (
    select(_c.service, _c.priority, _c.arrived_at)
    .where(
        _c.branch == bindparam("b"),
        _c.state == TicketState.WAITING.value,
        _c.business_day == bindparam("day"),
    )
    .order_by(*store.LINE_ORDER)
)


@dataclass(frozen=True)
class _Ages:
    at: dt.datetime
    #: per service: arrival times of its waiting tickets, oldest first (None: higher class)
    arrivals: Mapping[str, tuple[dt.datetime | None, ...]]


#: how long the counters' facts are kept when no write of this process changed them (a
#: change by another server instance is seen this much later at most)
FACTS_TTL_S = 1.0


@dataclass(frozen=True)
class _SeatFacts:
    day: dt.date
    sessions: dict[str, str | None]  # counter → pause reason (None: working)
    held: frozenset[str]  # counters holding a ticket
    plans: tuple[tuple[str, dt.datetime, dt.datetime | None], ...]  # announced absences


class Estimates:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._lock = threading.Lock()
        self._facts: dict[str, tuple[float, _SeatFacts]] = {}
        self._history: dict[str, tuple[dt.datetime, History]] = {}
        self._ages: dict[str, _Ages] = {}

    # --- the estimate -----------------------------------------------------------------

    def wait(
        self,
        s: Session,
        branch: Branch,
        service_id: str,
        ahead: int,
        now: dt.datetime,
        *,
        age_s: float = 0.0,
        counts: Mapping[str, int] | None = None,
    ) -> estimate.WaitRange:
        """The wait of a ticket with `ahead` before it in its line, waiting `age_s`; a
        newcomer has the whole line ahead and age 0 (the figure the screens show)."""
        return estimate.estimate(
            estimate.Target(service_id, ahead, age_s), *self.inputs(s, branch, now, counts)
        )

    def newcomers(
        self, s: Session, branch: Branch, now: dt.datetime, counts: Mapping[str, int]
    ) -> dict[str, estimate.WaitRange]:
        """Per service of the branch, the wait of someone taking a ticket now: the same
        function as `wait`, on inputs read once."""
        lines, seats, history = self.inputs(s, branch, now, counts)
        return {
            sid: estimate.estimate(
                estimate.Target(sid, max(0, counts.get(sid, 0))), lines, seats, history
            )
            for sid in lines
        }

    def inputs(
        self,
        s: Session,
        branch: Branch,
        now: dt.datetime,
        counts: Mapping[str, int] | None = None,
    ) -> tuple[dict[str, estimate.Line], list[estimate.Seat], History]:
        """What `domain.estimate` needs, as of `now` in this transaction."""
        if counts is None:
            counts = store.line_counts(s, branch.id)
        return (
            self._lines(s, branch, now, counts),
            self._seats(s, branch, now),
            self._hist(s, branch, now),
        )

    def forget(self, branch_id: str) -> None:
        """Drop the cached inputs (a test that rewinds the clock, a new day)."""
        self._history.pop(branch_id, None)
        self._ages.pop(branch_id, None)

    # --- announced absences -----------------------------------------------------------

    def announce(
        self,
        uow: UnitOfWork,
        counter_id: str,
        away_from: dt.datetime,
        back_at: dt.datetime | None,
        actor: Actor,
        *,
        reason: str = "",
    ) -> None:
        """A counter will be away from `away_from` until `back_at` (None: the rest of the
        day) — a lunch, a shift end, or (from now) a counter that opens later."""
        if back_at is not None and back_at <= away_from:
            raise ValueError("an absence ends after it starts")
        branch, counter = self.ledger.counter(counter_id)
        uow.lock(branch.id)
        uow.s.add(
            CounterPlanRow(
                counter=counter.id,
                branch=branch.id,
                business_day=business_day(away_from, branch.tz),
                away_from=away_from,
                back_at=back_at,
                reason=reason[:16],
                actor=str(actor)[:80],
            )
        )
        uow.s.flush()
        self.seats_changed(uow.s, branch.id)
        uow.services_touched.add(branch.id)  # the estimates change

    # --- live -------------------------------------------------------------------------

    def seats_changed(self, s: Session, branch_id: str) -> None:
        """Who sits where, who holds a ticket or what is announced changed in this write:
        the next estimate reads the counters again."""
        with self._lock:
            self._facts.pop(branch_id, None)

    def _seats(self, s: Session, branch: Branch, now: dt.datetime) -> list[estimate.Seat]:
        """The counters as the estimate sees them. Their facts (seats, held tickets,
        plans) change only with the writes that say so (`seats_changed`), so they are read
        once and kept a moment; the seats are then worked out for `now`."""
        today = business_day(now, branch.tz)
        mono = time.monotonic()
        with self._lock:
            kept = self._facts.get(branch.id)
        if kept is not None and kept[0] > mono and kept[1].day == today:
            facts = kept[1]
        else:
            facts = self._read_facts(s, branch, today)
            with self._lock:
                self._facts[branch.id] = (mono + FACTS_TTL_S, facts)
        return seats_of(branch, facts, now)

    def _read_facts(self, s: Session, branch: Branch, today: dt.date) -> _SeatFacts:
        conn = s.connection()
        return _SeatFacts(
            day=today,
            sessions=dict(conn.execute(_SESSIONS, {"b": branch.id}).all()),
            held=frozenset(row[0] for row in conn.execute(_HELD, {"b": branch.id})),
            plans=tuple(
                (counter, start, back)
                for counter, start, back in conn.execute(_PLANS, {"b": branch.id, "day": today})
            ),
        )

    def _lines(
        self, s: Session, branch: Branch, now: dt.datetime, counts: Mapping[str, int]
    ) -> dict[str, estimate.Line]:
        """Each line with its live count; the ages from the cache, the oldest dropped
        (called since) or newcomers added (arrived since) to match the count."""
        cached = self._ages.get(branch.id)
        if cached is None or not cached.at <= now < cached.at + AGES_TTL:
            cached = _Ages(now, self._arrivals(s, branch, now))
            self._ages[branch.id] = cached
        since = (now - cached.at).total_seconds()
        site = self.ledger.site
        out = {}
        for offered in branch.services:
            sid = offered.service
            n = max(0, counts.get(sid, 0))
            known = cached.arrivals.get(sid, ())
            kept = known[max(0, len(known) - n) :]
            ages = [float("inf") if a is None else (now - a).total_seconds() for a in kept]
            ages += [since / 2] * (n - len(kept))
            out[sid] = estimate.Line(sid, site.services[sid].weight, tuple(ages))
        return out

    def _arrivals(
        self, s: Session, branch: Branch, now: dt.datetime
    ) -> dict[str, tuple[dt.datetime | None, ...]]:
        day = business_day(now, branch.tz)
        rows = s.connection().execute(_WAITING, {"b": branch.id, "day": day})
        out: dict[str, list[dt.datetime | None]] = defaultdict(list)
        for service, priority, arrived in rows:
            out[service].append(None if priority < int(Priority.WALK_IN) else arrived)
        return {k: tuple(v) for k, v in out.items()}

    # --- cached -----------------------------------------------------------------------

    def _hist(self, s: Session, branch: Branch, now: dt.datetime) -> History:
        hit = self._history.get(branch.id)
        if hit is not None and hit[0] <= now < hit[0] + HISTORY_TTL:
            return hit[1]
        value = self._read_history(s, branch, now)
        self._history[branch.id] = (now, value)
        return value

    def _read_history(self, s: Session, branch: Branch, now: dt.datetime) -> History:
        c = store.TICKETS.c
        today = business_day(now, branch.tz)
        since = now - HISTORY_WINDOW
        rows = s.execute(
            select(c.counter, c.service, c.first_called_at, c.called_at, c.finished_at, c.issued_at)
            .where(c.branch == branch.id, c.called_at >= since, c.business_day == today)
            .order_by(c.called_at.desc())
            .limit(HISTORY_CALLS)
        )
        calls = [
            Call(counter, service, first or called, finished, issued)
            for counter, service, first, called, finished, issued in rows
            if counter is not None
        ]
        cancelled: dict[str, int] = dict(
            s.execute(
                select(c.service, func.count())
                .where(
                    c.branch == branch.id,
                    c.state == TicketState.CANCELLED.value,
                    c.finished_at >= since,
                    c.business_day == today,
                )
                .group_by(c.service)
            ).all()
        )
        arrived = now - ARRIVALS_WINDOW
        issued: dict[str, int] = dict(
            s.execute(
                select(c.service, func.count())
                .where(and_(c.branch == branch.id, c.business_day == today, c.issued_at >= arrived))
                .group_by(c.service)
            ).all()
        )
        site = self.ledger.site
        priors = {o.service: site.services[o.service].mean_service_s for o in branch.services}
        started = dt.datetime.combine(today, dt.time(0), tzinfo=branch.tz)
        window = min(ARRIVALS_WINDOW, max(now - started, dt.timedelta(minutes=1)))
        return history_of(
            calls,
            priors,
            cancelled={k: int(v) for k, v in cancelled.items()},
            issued={k: int(v) for k, v in issued.items()},
            arrivals_window_s=window.total_seconds(),
            now=now,
        )


def seats_of(branch: Branch, facts: _SeatFacts, now: dt.datetime) -> list[estimate.Seat]:
    """The counters at `now`: open (claimed, not paused), idle, and their absences ahead."""
    sessions, held = facts.sessions, facts.held
    away: dict[str, list[estimate.Away]] = defaultdict(list)
    for counter, start, back in facts.plans:
        if back is not None and back <= now:
            continue
        away[counter].append(
            estimate.Away(
                (start - now).total_seconds(),
                None if back is None else (back - now).total_seconds(),
            )
        )
    out = []
    for counter_ in branch.counters:
        open_now = counter_.id in sessions and sessions[counter_.id] is None
        out.append(
            estimate.Seat(
                counter_.id,
                frozenset(counter_.services),
                open_now=open_now,
                idle=open_now and counter_.id not in held,
                away=tuple(away.get(counter_.id, ())),
            )
        )
    return out
