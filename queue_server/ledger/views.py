"""What the API and screens read: one ticket, a branch's info, its live snapshot."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db import ticket_store as store
from ..db.models import CounterSessionRow, DeviceHealthRow
from ..db.ticket_store import TicketRec
from ..domain.errors import NotFound
from ..domain.hours import is_open
from ..domain.numbering import business_day
from ..domain.site import Branch
from ..shared import wire
from ..shared.order import line_key
from ..shared.vocab import AT_COUNTER, Priority, ProblemCode, TicketState
from . import to_wire
from .log import last_seq_in
from .moves import OPEN

if TYPE_CHECKING:
    from .core import Ledger

RECENT_CALLS = 10


class Views:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def wired(
        self,
        s: Session,
        rec: TicketRec,
        now: dt.datetime,
        *,
        ahead: int | None = None,
        link: bool = False,
    ) -> wire.Ticket:
        """The ticket on the wire; a waiting one with its place and estimated wait; with
        the citizen's status link only when `link` (its issuer and its own page)."""
        if rec.state != TicketState.WAITING:
            return to_wire.ticket(rec, public_url=self.ledger.public_url, link=link)
        if ahead is None:
            ahead = store.people_ahead(s, rec)
        branch = self.ledger.branch(rec.branch)
        # a transferred-in ticket is ahead of every walk-in: as if it had waited for ever
        waited = (now - rec.arrived_at).total_seconds()
        age = waited if rec.priority >= Priority.WALK_IN else math.inf
        wait = self.ledger.estimates.wait(s, branch, rec.service, ahead, now, age_s=age)
        return to_wire.ticket(
            rec, public_url=self.ledger.public_url, ahead=ahead, wait=wait, link=link
        )

    def ticket(self, ticket_id: str) -> wire.Ticket:
        with self.ledger.db.read() as s:
            return self.wired(s, self.ledger.tickets.row(s, ticket_id), self.ledger.clock())

    def ticket_by_token(self, token: str) -> wire.Ticket:
        with self.ledger.db.read() as s:
            rec = store.by_token(s, token)
            if rec is None:
                raise NotFound("no ticket has that link", code=ProblemCode.TICKET_NOT_FOUND)
            return self.wired(s, rec, self.ledger.clock(), link=True)

    def branch_info(self, branch_id: str) -> wire.BranchInfo:
        branch = self.ledger.branch(branch_id)
        now = self.ledger.clock()
        site = self.ledger.site
        with self.ledger.db.read() as s:
            services = self.ledger.services.infos(s, branch, now)
            counters = self.counter_infos(s, branch)
        return wire.BranchInfo(
            id=branch.id,
            names=branch.names,
            timezone=branch.timezone,
            open_now=is_open(branch.hours, now, branch.tz),
            info=branch.info,
            services=services,
            address=branch.address,
            groups=[
                wire.GroupInfo(id=g.id, names=g.names)
                for g in site.groups.values()
                if any(site.services[o.service].group == g.id for o in branch.services)
            ],
            counters=counters,
        )

    def snapshot(self, branch_id: str, *, waiting: bool = True) -> wire.QueueSnapshot:
        """The branch now: open tickets, today's calls, services, counters, devices. A
        screen that shows no list of waiting tickets (a board, a kiosk) asks without them
        (`waiting=False`): at 3,000 waiting that is kilobytes instead of megabytes."""
        branch = self.ledger.branch(branch_id)
        now = self.ledger.clock()
        public_url = self.ledger.public_url
        with self.ledger.db.read() as s:
            seq = last_seq_in(s, branch.id)
            today = business_day(now, branch.tz)
            c = store.TICKETS.c
            # yesterday's waiting tickets are not in today's queue (a ticket at a counter
            # at midnight is, until it is done)
            rows = store.where(
                s,
                c.branch == branch.id,
                c.state.in_(OPEN if waiting else [st.value for st in AT_COUNTER]),
                or_(c.state != TicketState.WAITING, c.business_day == today),
                order_by=(c.arrived_at, c.id),
            )
            ahead_of = places_in_line(rows)  # one pass, not a count per ticket
            recent = store.where(  # today's calls: a board never shows yesterday's P001
                s,
                c.branch == branch.id,
                c.business_day == today,
                c.called_at.is_not(None),
                order_by=(c.called_at.desc(),),
                limit=RECENT_CALLS,
            )

            def plain(r: TicketRec) -> wire.Ticket:
                return to_wire.ticket(r, public_url=public_url, ahead=ahead_of.get(r.id))

            return wire.QueueSnapshot(
                branch=branch.id,
                seq=seq,
                at=now,
                tickets=[plain(r) for r in rows],
                recent_calls=[plain(r) for r in recent],
                services=self.ledger.services.infos(s, branch, now),
                counters=self.counter_infos(s, branch),
                devices=self.devices_in(s, branch.id),
            )

    def counter_infos(self, s: Session, branch: Branch) -> list[wire.CounterInfo]:
        sessions = {
            r.counter: r
            for r in s.scalars(
                select(CounterSessionRow).where(CounterSessionRow.branch == branch.id)
            )
        }
        return [to_wire.counter_info(c, sessions.get(c.id)) for c in branch.counters]

    def devices_in(self, s: Session, branch_id: str) -> list[wire.DeviceHealth]:
        rows = s.scalars(
            select(DeviceHealthRow)
            .where(DeviceHealthRow.branch == branch_id)
            .order_by(DeviceHealthRow.device, DeviceHealthRow.kind)
        )
        return [to_wire.device_health(r) for r in rows]


def places_in_line(rows: Sequence[TicketRec]) -> dict[str, int]:
    """People ahead of each waiting ticket, in the order its line is called."""
    waiting = sorted(
        (r for r in rows if r.state == TicketState.WAITING),
        key=lambda r: (r.service, *line_key(r.priority, r.arrived_at, r.id)),
    )
    places: dict[str, int] = {}
    service, n = None, 0
    for r in waiting:
        n = n + 1 if r.service == service else 0
        service = r.service
        places[r.id] = n
    return places
