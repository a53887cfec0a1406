"""Counter sessions, device health and guide outcomes: the state around the queue.

Each change is written in the same transaction as its event, like ticket changes, so
desks and displays see who holds which counter and which printer is out, live.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import wire
from .db.models import CounterSessionRow, DeviceHealthRow, GuideOutcomeRow
from .domain import numbering
from .domain.errors import NotFound
from .ledger import Actor, Ledger, counter_info, counter_taken, device_health

# what a counter change did: its event type, and who sits there afterwards
Change = tuple[str, CounterSessionRow | None]


class Desks:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    # --- counters ---------------------------------------------------------------------

    def claim(self, counter_id: str, actor: Actor) -> wire.CounterInfo:
        """Sit down at a counter; one caseworker per counter. The same person may reclaim
        it (a desk app restarted, a new login)."""
        return self._change(counter_id, actor, lambda s, held, now: ("counter.claimed", held))

    def release(self, counter_id: str, actor: Actor, *, force: bool = False) -> wire.CounterInfo:
        def leave(s: Session, held: CounterSessionRow | None, now: dt.datetime) -> Change:
            if held is not None:
                s.delete(held)
            return "counter.released", None

        return self._change(counter_id, actor, leave, create=False, force=force)

    def pause(self, counter_id: str, reason: str | None, actor: Actor) -> wire.CounterInfo:
        """Pause (reason) or resume (None). Only the holder; an unheld counter is claimed."""

        def mark(s: Session, held: CounterSessionRow | None, now: dt.datetime) -> Change:
            assert held is not None  # created when missing
            held.paused = reason
            held.paused_at = now if reason else None
            return ("counter.paused" if reason else "counter.resumed"), held

        return self._change(counter_id, actor, mark)

    def _change(
        self,
        counter_id: str,
        actor: Actor,
        change: Callable[[Session, CounterSessionRow | None, dt.datetime], Change],
        *,
        create: bool = True,
        force: bool = False,
    ) -> wire.CounterInfo:
        """One change to who sits at a counter: refused if someone else does (unless an
        admin forces it), written with its event in one transaction."""
        branch, counter = self.ledger.counter(counter_id)
        now = self.ledger.clock()
        with self.ledger.db.write() as s:
            seq_row = self.ledger.lock_branch(s, branch.id)
            held = s.get(CounterSessionRow, counter_id)
            if held is not None and held.holder != actor.name and not force:
                raise counter_taken(counter_id, held.holder)
            if held is None and create:
                held = CounterSessionRow(
                    counter=counter_id, branch=branch.id, holder=actor.name, since=now
                )
                s.add(held)
            kind, held = change(s, held, now)
            s.flush()
            info = counter_info(counter, held)
            self.ledger.emit(s, seq_row, kind, now, counter=info)
        self.ledger.on_commit(branch.id, [])
        return info

    # --- devices ----------------------------------------------------------------------

    def report_health(
        self, device: str, branch_id: str, report: wire.DeviceHealthReport
    ) -> wire.DeviceHealth:
        """Store a device's health; an event only when the status changes (a kiosk reports
        every minute, the displays need not hear it)."""
        branch = self.ledger.branch(branch_id)
        now = self.ledger.clock()
        with self.ledger.db.write() as s:
            seq_row = self.ledger.lock_branch(s, branch.id)
            row = s.get(DeviceHealthRow, (device, report.kind))
            changed = row is None or row.status != report.status or row.branch != branch.id
            if row is None:
                row = DeviceHealthRow(device=device, kind=report.kind)
                s.add(row)
            row.branch, row.status, row.detail, row.updated_at = (
                branch.id,
                report.status,
                report.detail,
                now,
            )
            s.flush()
            health = device_health(row)
            if changed:
                self.ledger.emit(s, seq_row, "device.health", now, device=health)
        if changed:
            self.ledger.on_commit(branch.id, [])
        return health

    def devices(self, branch_id: str) -> list[wire.DeviceHealth]:
        branch = self.ledger.branch(branch_id)
        with self.ledger.db.read() as s:
            return self.ledger.devices(s, branch.id)

    # --- guides -----------------------------------------------------------------------

    def guides(self) -> list[wire.GuideInfo]:
        return [
            wire.GuideInfo(
                id=g.id,
                title=g.title,
                summary=g.summary,
                steps=list(g.steps),
                url=g.url,
                service=g.service,
            )
            for g in self.ledger.site.guides.values()
        ]

    def guide_outcome(self, guide_id: str, report: wire.GuideOutcome) -> None:
        if guide_id not in self.ledger.site.guides:
            raise NotFound(f"unknown guide {guide_id!r}", code="unknown_guide")
        branch = self.ledger.branch(report.branch)
        now = self.ledger.clock()
        with self.ledger.db.write() as s:
            s.add(
                GuideOutcomeRow(
                    branch=branch.id,
                    guide=guide_id,
                    outcome=report.outcome,
                    business_day=numbering.business_day(now, branch.tz),
                    at=now,
                )
            )

    def guide_stats(
        self, branch_id: str, since: dt.date | None = None
    ) -> dict[str, dict[str, int]]:
        """Per guide: how many visits ended self-served, with a ticket, or printed."""
        branch = self.ledger.branch(branch_id)
        query = (
            select(GuideOutcomeRow.guide, GuideOutcomeRow.outcome, func.count())
            .where(GuideOutcomeRow.branch == branch.id)
            .group_by(GuideOutcomeRow.guide, GuideOutcomeRow.outcome)
        )
        if since is not None:
            query = query.where(GuideOutcomeRow.business_day >= since)
        out: dict[str, dict[str, int]] = defaultdict(dict)
        with self.ledger.db.read() as s:
            for guide, outcome, n in s.execute(query).all():
                out[guide][outcome] = n
        return dict(out)
