"""The stored events: what a screen that fell behind, or another server instance, reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..db.models import EventRow

if TYPE_CHECKING:
    from .core import Ledger


class EventLog:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def last_seq(self, branch_id: str) -> int:
        with self.ledger.db.read() as s:
            return self.ledger.views.last_seq_in(s, branch_id)

    def since(self, branch_id: str, seq: int, limit: int = 1000) -> list[tuple[int, str]]:
        """(seq, JSON) of the branch's events after `seq`, oldest first."""
        with self.ledger.db.read() as s:
            rows = s.execute(
                select(EventRow.seq, EventRow.payload)
                .where(EventRow.branch == branch_id, EventRow.seq > seq)
                .order_by(EventRow.seq)
                .limit(limit)
            ).all()
            return [(r[0], r[1]) for r in rows]

    def first_seq(self, branch_id: str) -> int | None:
        with self.ledger.db.read() as s:
            return s.scalar(select(func.min(EventRow.seq)).where(EventRow.branch == branch_id))
