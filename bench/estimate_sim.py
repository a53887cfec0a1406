"""Simulated days through the real ledger on SQLite, in simulated time.

Citizens arrive (Poisson, by the scenario's rate profile), take a ticket with
`ledger.tickets.issue`; caseworkers claim counters, call with `call_next`, finish with
`done`, recall and mark no-shows, pause for lunch and leave at their shift's end, as the
scenario says, and announce those absences the way a desk would
(`ledger.estimates.announce`). The ledger runs on an injected clock; nothing here copies
its logic. Each ticket is scored at issue against what the simulation knows (true mean,
true counters) for the literature's predictors.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.domain.estimate import Target, predict
from queue_server.domain.site import (
    ALWAYS_OPEN,
    Branch,
    BranchService,
    Counter,
    Service,
    Site,
)
from queue_server.ledger import Actor, Ledger
from queue_server.shared import wire
from queue_server.shared.vocab import Action, PauseReason

TZ = "Europe/Copenhagen"
KIOSK = Actor("kiosk", "bench")
CITIZEN = Actor("citizen", "bench")


@dataclass(frozen=True)
class Kind:
    """One service of a scenario: its share of arrivals, case time, weight."""

    id: str
    share: float
    case_min: float
    weight: float = 1.0


@dataclass(frozen=True)
class Shift:
    """A counter's day, in hours from midnight: from, to, and lunch start (30 min)."""

    start_h: float
    end_h: float
    lunch_h: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    kinds: tuple[Kind, ...]
    shifts: tuple[Shift, ...]
    #: arrivals per hour by (from hour, to hour)
    rate: tuple[tuple[float, float, float], ...]
    case_cv: float = 1.0
    lognormal: bool = False
    walk_s: tuple[float, float] = (0.0, 0.0)  # uniform walk-up time
    pause_s: float = 0.0  # between citizens
    no_show: float = 0.0
    cancel: float = 0.0  # share of citizens who would cancel, at a time U(0, 30 min)
    #: tickets issued before this hour are not scored (a steady state's warm-up)
    warm_up_h: float = 0.0

    def counter_time_s(self) -> float:
        """The true mean counter time per call (what the idealised QL is told)."""
        case = sum(k.share * k.case_min * 60 for k in self.kinds)
        walk = sum(self.walk_s) / 2
        shown = case + walk + self.pause_s
        return (1 - self.no_show) * shown + self.no_show * (150.0 + self.pause_s)


@dataclass
class Score:
    """One ticket at issue: what each predictor said, and later what happened."""

    service: str
    issued: float
    ours: tuple[int, int]
    mean: float  # our predictive mean and sd (behind the range, not shown)
    sd: float
    ql: float
    les: float
    hol: float
    waited: float | None = None
    scored: bool = True  # False: issued in the warm-up


@dataclass
class _Desk:
    counter: str
    shift: Shift
    state: str = "off"  # off idle busy lunch
    ticket: str | None = None
    lunch_due: bool = False
    end_due: bool = False

    @property
    def actor(self) -> Actor:
        return Actor("caseworker", f"cw-{self.counter}")


@dataclass(order=True)
class _Event:
    at: float
    seq: int
    kind: str = field(compare=False)
    data: Any = field(compare=False, default=None)


def site_of(sc: Scenario) -> Site:
    services = {
        k.id: Service(
            k.id, k.id[0].upper(), {"da": k.id}, weight=k.weight, mean_service_s=k.case_min * 60
        )
        for k in sc.kinds
    }
    counters = tuple(
        Counter(f"x-{i + 1}", {"da": f"Skranke {i + 1}"}, tuple(services))
        for i in range(len(sc.shifts))
    )
    branch = Branch(
        "x",
        {"da": "Bench"},
        TZ,
        ALWAYS_OPEN,
        tuple(BranchService(k.id, ALWAYS_OPEN) for k in sc.kinds),
        counters,
    )
    return Site("bench", ("da",), services, {"x": branch})


class Day:
    """Runs days of one scenario through a ledger until `tickets` are scored."""

    def __init__(self, sc: Scenario, folder: Path, seed: int) -> None:
        self.sc = sc
        self.rng = random.Random(seed)
        self.site = site_of(sc)
        self.db = open_database(f"sqlite:///{folder / f'{sc.name}.db'}")
        upgrade(self.db.url)
        self.t = 0.0  # seconds since the first midnight
        self.epoch = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)  # a Monday
        self.ledger = Ledger(self.db, self.site, public_url="http://bench", clock=self.clock)
        self.desks = [
            _Desk(c.id, s)
            for c, s in zip(self.site.branches["x"].counters, sc.shifts, strict=False)
        ]
        self.events: list[_Event] = []
        self.seq = itertools.count()
        self.scores: dict[str, Score] = {}
        self.waiting: dict[str, list[str]] = {k.id: [] for k in sc.kinds}
        self.last_wait: dict[str, float] = {}
        self.writes = 0
        self.warm_until = 0.0

    def clock(self) -> dt.datetime:
        return self.epoch + dt.timedelta(seconds=self.t)

    def close(self) -> None:
        self.db.dispose()

    def _at(self, t: float, kind: str, data: Any = None) -> None:
        heapq.heappush(self.events, _Event(t, next(self.seq), kind, data))

    def _write(self, work: Callable[[Any], Any]) -> Any:
        self.writes += 1
        return self.ledger.write(work)

    # --- the days -----------------------------------------------------------------------

    def run(self, tickets: int) -> list[Score]:
        day = 0
        while len(self.scored()) < tickets:
            self._day(day)
            day += 1
        return self.scored()

    def scored(self) -> list[Score]:
        return [s for s in self.scores.values() if s.waited is not None and s.scored]

    def _day(self, day: int) -> None:
        # local 00:00 of the day, as UTC seconds since the epoch (CET: UTC+1 in March)
        midnight = day * 86400.0 - 3600.0
        self.t = midnight + max(0.0, min(s.start_h for s in self.sc.shifts) - 0.5) * 3600
        self.warm_until = midnight + self.sc.warm_up_h * 3600
        for d in self.desks:
            d.state, d.ticket, d.lunch_due, d.end_due = "off", None, False, False
        self._announce(midnight)
        for d in self.desks:
            s = d.shift
            self._at(midnight + s.start_h * 3600, "claim", d)
            self._at(midnight + s.end_h * 3600, "shift_end", d)
            if s.lunch_h is not None:
                self._at(midnight + s.lunch_h * 3600, "lunch", d)
        for lo, hi, per_h in self.sc.rate:
            t = midnight + lo * 3600
            while True:
                t += self.rng.expovariate(per_h / 3600)
                if t >= midnight + hi * 3600:
                    break
                self._at(t, "arrive")
        while self.events:
            ev = heapq.heappop(self.events)
            self.t = ev.at
            getattr(self, f"_on_{ev.kind}")(ev.data)
        for line in self.waiting.values():
            line.clear()
        self.last_wait.clear()

    def _announce(self, midnight: float) -> None:
        """What the desks know in the morning: who opens later, lunches, shift ends."""
        now = self.clock()

        def at(h: float) -> dt.datetime:
            return self.epoch + dt.timedelta(seconds=midnight + h * 3600)

        for d in self.desks:
            s = d.shift
            plans: list[tuple[dt.datetime, dt.datetime | None, str]] = []
            if at(s.start_h) > now:
                plans.append((now, at(s.start_h), "shift"))
            if s.lunch_h is not None:
                plans.append((at(s.lunch_h), at(s.lunch_h + 0.5), "lunch"))
            plans.append((at(s.end_h), None, "shift"))
            for start, back, why in plans:
                self._plan(d, start, back, why)

    def _plan(self, d: _Desk, start: dt.datetime, back: dt.datetime | None, why: str) -> None:
        est = self.ledger.estimates
        self._write(lambda uow: est.announce(uow, d.counter, start, back, d.actor, reason=why))

    # --- citizens -----------------------------------------------------------------------

    def _on_arrive(self, _: None) -> None:
        kinds = self.sc.kinds
        kind = self.rng.choices(kinds, weights=[k.share for k in kinds])[0]
        baselines = self._baselines(kind.id)
        mean, sd = self._our_mean(kind.id)
        req = wire.IssueTicket(branch="x", service=kind.id)
        t = self._write(lambda uow: self.ledger.tickets.issue(uow, req, KIOSK))
        est = t.estimated_wait
        assert est is not None
        self.scores[t.id] = Score(kind.id, self.t, (est.low_s, est.high_s), mean, sd, *baselines)
        if self.t < self.warm_until:
            self.scores[t.id].scored = False
        self.waiting[kind.id].append(t.id)
        if self.sc.cancel and self.rng.random() < self.sc.cancel:
            self._at(self.t + self.rng.uniform(0, 1800), "cancel", t.id)
        for d in self.desks:
            if d.state == "idle":
                self._call(d)
                break

    def _on_cancel(self, ticket: str) -> None:
        for line in self.waiting.values():
            if ticket in line:
                line.remove(ticket)
                self._write(
                    lambda uow: self.ledger.tickets.act(uow, ticket, Action.CANCEL, CITIZEN)
                )
                del self.scores[ticket]  # never called: no actual wait to score
                return

    def _our_mean(self, service: str) -> tuple[float, float]:
        """The predictive mean behind the range the ticket is about to get: the same
        function on the same inputs, read just before the issue."""
        branch = self.site.branches["x"]
        with self.db.read() as s:
            lines, seats, history = self.ledger.estimates.inputs(s, branch, self.clock())
        ahead = lines[service].waiting
        p = predict(Target(service, ahead), lines, seats, history)
        return p.mean_s, p.sd_s

    def _baselines(self, service: str) -> tuple[float, float, float]:
        """QL told the truth (mean counter time, counters working now), LES, HOL."""
        working = [d for d in self.desks if d.state in ("idle", "busy")]
        idle = sum(1 for d in working if d.state == "idle")
        n = sum(len(line) for line in self.waiting.values())
        ql = 0.0 if idle > n else (n - idle + 1) * self.sc.counter_time_s() / max(1, len(working))
        line = self.waiting[service]
        hol = self.t - self.scores[line[0]].issued if line else 0.0
        return ql, self.last_wait.get(service, 0.0), hol

    # --- caseworkers --------------------------------------------------------------------

    def _on_claim(self, d: _Desk) -> None:
        self._write(lambda uow: self.ledger.counters.claim(uow, d.counter, d.actor))
        d.state = "idle"
        self._call(d)

    def _on_lunch(self, d: _Desk) -> None:
        d.lunch_due = True
        if d.state == "idle":
            self._free(d)

    def _on_back(self, d: _Desk) -> None:
        if d.state != "lunch":  # left at the shift's end meanwhile
            return
        self._write(lambda uow: self.ledger.counters.pause(uow, d.counter, None, d.actor))
        d.state = "idle"
        self._call(d)

    def _on_shift_end(self, d: _Desk) -> None:
        d.end_due = True
        if d.state in ("idle", "lunch"):
            self._free(d)

    def _on_free(self, d: _Desk) -> None:
        self._free(d)

    def _free(self, d: _Desk) -> None:
        """Between citizens: leave, go to lunch, or call the next."""
        if d.end_due:
            if d.state != "off":
                self._write(lambda uow: self.ledger.counters.release(uow, d.counter, d.actor))
            d.state = "off"
            return
        if d.lunch_due:
            d.lunch_due = False
            self._write(
                lambda uow: self.ledger.counters.pause(uow, d.counter, PauseReason.BREAK, d.actor)
            )
            d.state = "lunch"
            self._at(self.t + 1800, "back", d)
            return
        d.state = "idle"
        self._call(d)

    def _call(self, d: _Desk) -> None:
        got = self._write(lambda uow: self.ledger.tickets.call_next(uow, d.counter, d.actor))
        if got is None:
            d.state, d.ticket = "idle", None
            return
        d.state, d.ticket = "busy", got.id
        self.waiting[got.service].remove(got.id)
        score = self.scores[got.id]
        score.waited = self.t - score.issued
        self.last_wait[got.service] = score.waited
        sc = self.sc
        if sc.no_show and self.rng.random() < sc.no_show:
            self._at(self.t + 60, "recall", d)
            self._at(self.t + 150, "no_show", d)
            return
        walk = self.rng.uniform(*sc.walk_s) if sc.walk_s[1] else 0.0
        self._at(self.t + walk + self._case(got.service), "finish", d)

    def _case(self, service: str) -> float:
        mean = next(k.case_min for k in self.sc.kinds if k.id == service) * 60
        if self.sc.lognormal:
            s2 = math.log(1 + self.sc.case_cv**2)
            return self.rng.lognormvariate(math.log(mean) - s2 / 2, math.sqrt(s2))
        return self.rng.expovariate(1 / mean)

    def _on_recall(self, d: _Desk) -> None:
        ticket = d.ticket
        assert ticket is not None
        self._write(lambda uow: self.ledger.tickets.act(uow, ticket, Action.RECALL, d.actor))

    def _on_no_show(self, d: _Desk) -> None:
        ticket = d.ticket
        assert ticket is not None
        self._write(lambda uow: self.ledger.tickets.act(uow, ticket, Action.NO_SHOW, d.actor))
        self._after_case(d)

    def _on_finish(self, d: _Desk) -> None:
        ticket = d.ticket
        assert ticket is not None
        if self.sc.pause_s or d.lunch_due or d.end_due:
            self._write(lambda uow: self.ledger.tickets.done(uow, ticket, d.actor))
            self._after_case(d)
        else:  # straight to the next: call-next finishes the last one in the same write
            d.ticket = None
            self._free(d)

    def _after_case(self, d: _Desk) -> None:
        d.ticket = None
        d.state = "idle"  # between citizens
        if d.lunch_due or d.end_due:
            self._free(d)
        else:
            d.state = "busy"
            self._at(self.t + self.sc.pause_s, "free", d)
