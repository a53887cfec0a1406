"""Device health (a kiosk's printer) and the self-service guides with their outcomes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..db.models import DeviceHealthRow, GuideOutcomeRow
from ..domain import numbering
from ..domain.errors import NotFound
from ..shared import wire
from ..shared.vocab import EventType, ProblemCode
from . import to_wire
from .uow import UnitOfWork

if TYPE_CHECKING:
    from .core import Ledger


class Devices:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def report_health(
        self,
        uow: UnitOfWork,
        token_id: int,
        device: str,
        branch_id: str,
        report: wire.DeviceHealthReport,
    ) -> wire.DeviceHealth:
        """Store a device's health under the token that reports it (so no device can
        change another's), in the token's branch; an event only when the status changes
        (a kiosk reports every minute, the displays need not hear it)."""
        branch = self.ledger.branch(branch_id)
        uow.lock(branch.id)
        s = uow.s
        row = s.get(DeviceHealthRow, (token_id, report.kind))
        changed = row is None or row.status != report.status or row.device != device
        if row is None:
            row = DeviceHealthRow(token_id=token_id, kind=report.kind)
            s.add(row)
        row.device, row.branch, row.status, row.detail, row.updated_at = (
            device,
            branch.id,
            report.status.value,
            report.detail,
            uow.now,
        )
        s.flush()
        health = to_wire.device_health(row)
        if changed:
            uow.emit(branch.id, EventType.DEVICE_HEALTH, device=health)
        return health

    def of_branch(self, branch_id: str) -> list[wire.DeviceHealth]:
        branch = self.ledger.branch(branch_id)
        with self.ledger.db.read() as s:
            return self.ledger.views.devices_in(s, branch.id)

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

    def guide_outcome(self, uow: UnitOfWork, guide_id: str, report: wire.GuideOutcome) -> None:
        if guide_id not in self.ledger.site.guides:
            raise NotFound(f"unknown guide {guide_id!r}", code=ProblemCode.UNKNOWN_GUIDE)
        branch = self.ledger.branch(report.branch)
        uow.s.add(
            GuideOutcomeRow(
                branch=branch.id,
                guide=guide_id,
                outcome=report.outcome.value,
                business_day=numbering.business_day(uow.now, branch.tz),
                at=uow.now,
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
