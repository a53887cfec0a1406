"""One business day of one branch, from its tickets to cells: every definition of
`docs/statistics.md` in code. Pure: the records come in, the cells go out.

A *visit* is a citizen's way through the branch: the ticket they took and the tickets
transfers made of it (`transferred_from`). Which ticket of a visit carries which number is
decided by `visit_role` alone, so a transfer that keeps one ticket would change only it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from zoneinfo import ZoneInfo

from ..domain.site import Site
from ..shared.vocab import GuideOutcomeKind, Priority, TicketState
from .cells import CellKey, CellSet
from .definitions import bin_of, seconds, wait_target_s

#: the outcome each end state counts as; `transferred` ends nothing (the visit goes on)
OUTCOME: dict[str, str | None] = {
    TicketState.DONE: "served",
    TicketState.NO_SHOW: "no_show",
    TicketState.CANCELLED: "cancelled",
    TicketState.EXPIRED: "expired",
    TicketState.WAITING: "open",
    TicketState.CALLED: "open",
    TicketState.SERVING: "open",
    TicketState.TRANSFERRED: None,
}
ENDED = frozenset(state for state, outcome in OUTCOME.items() if outcome != "open")
GUIDE_COUNT: dict[str, str] = {
    GuideOutcomeKind.SELF_SERVED: "guide_self_served",
    GuideOutcomeKind.TICKET: "guide_ticket",
    GuideOutcomeKind.PRINTED: "guide_printed",
}


@dataclass(frozen=True)
class Call:
    at: dt.datetime
    counter: str


@dataclass(frozen=True)
class TicketFacts:
    """What the statistics read of one ticket: no number, token or language."""

    id: str
    service: str
    state: str
    counter: str | None
    paperless: bool
    priority: int
    arrived_at: dt.datetime
    issued_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    recalls: int
    transferred_from: str | None
    calls: tuple[Call, ...] = ()  # its calls in order (recalls are not calls)
    promise: tuple[int, int] | None = None  # the promised wait range at issue, seconds


@dataclass(frozen=True)
class GuideFacts:
    guide: str
    outcome: str
    at: dt.datetime


class VisitRole(Enum):
    FIRST_CALL = "first_call"  # this ticket's first call is the visit's first call
    AFTER_TRANSFER = "after_transfer"  # called after the visit met a counter already
    NOT_CALLED = "not_called"


def visit_role(ticket: TicketFacts, tickets: Mapping[str, TicketFacts]) -> VisitRole:
    """The one rule for transfers. A visit's wait runs from the citizen's arrival to the
    first call of any of its tickets; a transferred ticket called after an earlier ticket
    of its visit was called waits again, from the transfer (`twait`)."""
    if not ticket.calls:
        return VisitRole.NOT_CALLED
    before = ticket.transferred_from
    seen: set[str] = set()
    while before is not None and before in tickets and before not in seen:
        seen.add(before)
        earlier = tickets[before]
        if earlier.calls:
            return VisitRole.AFTER_TRANSFER
        before = earlier.transferred_from
    return VisitRole.FIRST_CALL


def day_cells(
    site: Site,
    branch: str,
    day: dt.date,
    tickets: Sequence[TicketFacts],
    guides: Iterable[GuideFacts] = (),
) -> CellSet:
    """The cells of one branch's business day."""
    tz = ZoneInfo(site.branches[branch].timezone)
    by_id = {t.id: t for t in tickets}
    out = CellSet()
    next_call = _next_calls(tickets)
    for t in tickets:
        key = CellKey(branch, day, t.service, t.counter or "", t.arrived_at.astimezone(tz).hour)
        _counts(out, key, t)
        role = visit_role(t, by_id)
        if role is VisitRole.FIRST_CALL:
            wait = seconds(t.arrived_at, t.calls[0].at)
            out.duration(key, "wait", wait, bin_of(wait))
            target = wait_target_s(site.services.get(t.service))
            if target is not None:
                out.count(key, "target_n")
                out.count(key, "target_met", int(wait <= target))
        elif role is VisitRole.AFTER_TRANSFER:
            out.duration(key, "twait", seconds(t.issued_at, t.calls[0].at), None)
        if (
            t.state == TicketState.DONE
            and t.started_at is not None
            and t.finished_at is not None
            and t.started_at < t.finished_at
        ):
            took = seconds(t.started_at, t.finished_at)
            out.duration(key, "service", took, bin_of(took))
        _counter_time(out, key, t, next_call)
        _calibration(out, key, t)
    for g in guides:
        guide = site.guides.get(g.guide)
        service = guide.service if guide is not None and guide.service else ""
        gkey = CellKey(branch, day, service, "", g.at.astimezone(tz).hour)
        name = GUIDE_COUNT.get(g.outcome)
        if name is not None:
            out.count(gkey, name)
    return out


def _counts(out: CellSet, key: CellKey, t: TicketFacts) -> None:
    if t.transferred_from is None:
        out.count(key, "issued")
        out.count(key, "paperless", int(t.paperless))
        out.count(key, "appointments", int(t.priority == Priority.APPOINTMENT))
    else:
        out.count(key, "transferred")
    outcome = OUTCOME.get(t.state)
    if outcome is not None:
        out.count(key, outcome)
    out.count(key, "recalls", t.recalls)


def _next_calls(tickets: Sequence[TicketFacts]) -> dict[tuple[str, dt.datetime], dt.datetime]:
    """For each call (counter, at): when that counter next called anyone."""
    by_counter: dict[str, list[dt.datetime]] = {}
    for t in tickets:
        for c in t.calls:
            by_counter.setdefault(c.counter, []).append(c.at)
    following: dict[tuple[str, dt.datetime], dt.datetime] = {}
    for counter, times in by_counter.items():
        times.sort()
        for now, later in pairwise(times):
            if later > now:
                following[(counter, now)] = later
    return following


def _counter_time(
    out: CellSet,
    key: CellKey,
    t: TicketFacts,
    next_call: Mapping[tuple[str, dt.datetime], dt.datetime],
) -> None:
    """Counter time per call: from the call to the counter's next call, the ticket's next
    call, or the ticket's end, whichever comes first; a call still open has none yet."""
    for i, c in enumerate(t.calls):
        ends = [next_call.get((c.counter, c.at))]
        ends.append(t.calls[i + 1].at if i + 1 < len(t.calls) else None)
        if t.state in ENDED:
            ends.append(t.finished_at)
        known = [e for e in ends if e is not None and e >= c.at]
        if not known:
            continue
        ckey = CellKey(key.branch, key.day, key.service, c.counter, key.hour)
        out.duration(ckey, "call", seconds(c.at, min(known)), None)


def _calibration(out: CellSet, key: CellKey, t: TicketFacts) -> None:
    """The promised range at issue against the ticket's wait from issue to first call."""
    if t.transferred_from is not None or t.promise is None or not t.calls:
        return
    low, high = t.promise
    waited = seconds(t.issued_at, t.calls[0].at)
    out.count(key, "cal_n")
    if waited < low:
        out.count(key, "cal_early")
        out.count(key, "cal_early_s", low - waited)
    elif waited > high:
        out.count(key, "cal_late")
        out.count(key, "cal_late_s", waited - high)
    else:
        out.count(key, "cal_inside")
