"""The inputs of wait estimates, read from recent history and cached briefly: they change
slowly, and reading them again for every ticket was a third of the cost of issuing one."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import TicketRow
from ..domain import estimate
from ..domain.site import Branch
from ..shared.vocab import TicketState

if TYPE_CHECKING:
    from .core import Ledger

#: counters that called someone this recently count as staffed for wait estimates
STAFFED_WINDOW = dt.timedelta(minutes=30)
TTL_S = 5.0


class Estimates:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._cache: dict[tuple[str, ...], tuple[float, Any]] = {}

    def wait(
        self, s: Session, branch: Branch, service_id: str, ahead: int, now: dt.datetime
    ) -> estimate.WaitRange:
        """The wait of someone with `ahead` people before them in the service's line."""
        mean = self._cached(
            ("mean", branch.id, service_id), lambda: self._mean(s, branch, service_id)
        )
        staffed = self._cached(("staffed", branch.id), lambda: self._staffed(s, branch, now))
        serving = sum(1 for c in branch.counters if c.id in staffed and service_id in c.services)
        return estimate.estimate_wait(ahead, mean, serving)

    def _cached(self, key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
        hit = self._cache.get(key)
        mono = time.monotonic()
        if hit is not None and hit[0] > mono:
            return hit[1]
        value = compute()
        self._cache[key] = (mono + TTL_S, value)
        return value

    def _mean(self, s: Session, branch: Branch, service_id: str) -> float:
        durations: Sequence[tuple[dt.datetime | None, dt.datetime | None]] = s.execute(
            select(TicketRow.started_at, TicketRow.finished_at)
            .where(
                TicketRow.branch == branch.id,
                TicketRow.service == service_id,
                TicketRow.state == TicketState.DONE.value,
                TicketRow.started_at.is_not(None),
            )
            .order_by(TicketRow.finished_at.desc())
            .limit(estimate.RECENT)
        ).all()
        recent = [(f - st).total_seconds() for st, f in reversed(durations) if st and f]
        prior = self.ledger.site.services[service_id].mean_service_s
        return estimate.mean_service_s(recent, prior)

    def _staffed(self, s: Session, branch: Branch, now: dt.datetime) -> frozenset[str | None]:
        return frozenset(
            s.scalars(
                select(TicketRow.counter)
                .where(TicketRow.branch == branch.id, TicketRow.called_at >= now - STAFFED_WINDOW)
                .distinct()
            )
        )
