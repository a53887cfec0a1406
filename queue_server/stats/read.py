"""Reading business days that are not folded yet: tickets, their calls, guide outcomes and
the promised waits, as the plain records of `facts`."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, and_, exists, select
from sqlalchemy.orm import Session

from ..db.models import EventRow, GuideOutcomeRow, TicketHistoryRow, TicketRow
from ..domain.site import Site
from ..shared.vocab import Action, EventType
from .facts import Call, GuideFacts, TicketFacts
from .tables import DAYS

TICKETS = cast(Table, TicketRow.__table__)
HISTORY = cast(Table, TicketHistoryRow.__table__)
GUIDES = cast(Table, GuideOutcomeRow.__table__)
EVENTS = cast(Table, EventRow.__table__)
_t, _h, _g = TICKETS.c, HISTORY.c, GUIDES.c
_FACT_COLUMNS = (
    _t.id,
    _t.branch,
    _t.business_day,
    _t.service,
    _t.state,
    _t.counter,
    _t.paperless,
    _t.priority,
    _t.arrived_at,
    _t.issued_at,
    _t.started_at,
    _t.finished_at,
    _t.recalls,
    _t.transferred_from,
)
#: where the promised range lives once the estimator stores it on the ticket
PROMISE_COLUMNS = ("promised_low_s", "promised_high_s")

DayKey = tuple[str, dt.date]


@dataclass
class RawDay:
    tickets: list[TicketFacts] = field(default_factory=list)
    guides: list[GuideFacts] = field(default_factory=list)


def _not_folded(branch: Any, day: Any) -> Any:
    return ~exists().where(DAYS.c.branch == branch, DAYS.c.day == day)


def raw_days(
    s: Session,
    site: Site,
    branches: Collection[str],
    start: dt.date,
    end: dt.date,
    *,
    folded_too: bool = False,
) -> dict[DayKey, RawDay]:
    """Every (branch, day) from `start` to `end` (inclusive) with tickets or guide
    outcomes, read from the live tables; days already folded are left out unless
    `folded_too`."""
    bs = list(branches)
    in_range = and_(_t.branch.in_(bs), _t.business_day.between(start, end))
    if not folded_too:
        in_range = and_(in_range, _not_folded(_t.branch, _t.business_day))
    rows = s.connection().execute(select(*_FACT_COLUMNS).where(in_range)).all()
    calls: dict[str, list[Call]] = defaultdict(list)
    call_query = (
        select(_h.ticket_id, _h.at, _h.counter)
        .join(TICKETS, _t.id == _h.ticket_id)
        .where(in_range, _h.action == Action.CALL.value)
        .order_by(_h.ticket_id, _h.at, _h.id)
    )
    for ticket_id, at, counter in s.execute(call_query):
        calls[ticket_id].append(Call(at, counter or ""))
    promises = promised_ranges(s, site, rows)
    out: dict[DayKey, RawDay] = defaultdict(RawDay)
    for r in rows:
        out[(r.branch, r.business_day)].tickets.append(
            TicketFacts(
                id=r.id,
                service=r.service,
                state=r.state,
                counter=r.counter,
                paperless=bool(r.paperless),
                priority=r.priority,
                arrived_at=_aware(r.arrived_at),
                issued_at=_aware(r.issued_at),
                started_at=_aware(r.started_at),
                finished_at=_aware(r.finished_at),
                recalls=r.recalls,
                transferred_from=r.transferred_from,
                calls=tuple(calls.get(r.id, ())),
                promise=promises.get(r.id),
            )
        )
    guide_range = and_(_g.branch.in_(bs), _g.business_day.between(start, end))
    if not folded_too:
        guide_range = and_(guide_range, _not_folded(_g.branch, _g.business_day))
    for g in s.execute(
        select(_g.branch, _g.business_day, _g.guide, _g.outcome, _g.at).where(guide_range)
    ):
        out[(g.branch, g.business_day)].guides.append(GuideFacts(g.guide, g.outcome, _aware(g.at)))
    return dict(out)


def promised_ranges(s: Session, site: Site, tickets: Iterable[Any]) -> dict[str, tuple[int, int]]:
    """The wait range each ticket was promised when it was issued, by ticket id.

    The real source is the ticket's own columns (`promised_low_s`, `promised_high_s`),
    which the estimator work adds; until they exist this reads the `ticket.issued`
    event's `estimated_wait` instead. That is a stop-gap: events are pruned after 7 days,
    so only a day folded within a week of its end keeps its calibration."""
    wanted = {t.id: (t.branch, t.business_day) for t in tickets if t.transferred_from is None}
    if not wanted:
        return {}
    if all(name in TICKETS.c for name in PROMISE_COLUMNS):
        return _from_columns(s, list(wanted))
    return _from_events(s, site, wanted)


def _from_columns(s: Session, ids: list[str]) -> dict[str, tuple[int, int]]:
    low, high = (TICKETS.c[name] for name in PROMISE_COLUMNS)
    out: dict[str, tuple[int, int]] = {}
    for chunk in range(0, len(ids), 500):
        query = select(_t.id, low, high).where(_t.id.in_(ids[chunk : chunk + 500]))
        for ticket_id, lo, hi in s.execute(query):
            if lo is not None and hi is not None:
                out[ticket_id] = (int(lo), int(hi))
    return out


def _from_events(
    s: Session, site: Site, wanted: Mapping[str, DayKey]
) -> dict[str, tuple[int, int]]:
    days: dict[str, set[dt.date]] = defaultdict(set)
    for branch, day in wanted.values():
        days[branch].add(day)
    out: dict[str, tuple[int, int]] = {}
    e = EVENTS.c
    for branch, dates in days.items():
        tz = ZoneInfo(site.branches[branch].timezone)
        since = dt.datetime.combine(min(dates), dt.time.min, tz)
        until = dt.datetime.combine(max(dates) + dt.timedelta(days=1), dt.time.min, tz)
        query = select(e.payload).where(
            e.branch == branch,
            e.type == EventType.TICKET_ISSUED.value,
            e.at >= since,
            e.at < until,
        )
        for (payload,) in s.execute(query):
            ticket = json.loads(payload).get("ticket") or {}
            wait = ticket.get("estimated_wait")
            if ticket.get("id") in wanted and wait:
                out[ticket["id"]] = (int(wait["low_s"]), int(wait["high_s"]))
    return out


def _aware(at: dt.datetime | None) -> Any:
    if at is None:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
