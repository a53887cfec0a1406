"""The stored events: what a screen that fell behind, or another server instance, reads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import BranchSeqRow, EventRow


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def last_seq(self, branch_id: str) -> int:
        with self.db.read() as s:
            return last_seq_in(s, branch_id)

    def since(self, branch_id: str, seq: int, limit: int = 1000) -> list[tuple[int, str]]:
        """(seq, JSON) of the branch's events after `seq`, oldest first."""
        with self.db.read() as s:
            rows = s.execute(
                select(EventRow.seq, EventRow.payload)
                .where(EventRow.branch == branch_id, EventRow.seq > seq)
                .order_by(EventRow.seq)
                .limit(limit)
            ).all()
            return [(r[0], r[1]) for r in rows]

    def prune(self, before: dt.datetime) -> int:
        """Forget events older than `before` (a screen asking for them gets a snapshot);
        returns how many went. The branch's seq is kept in branch_seq, not here."""
        with self.db.write() as s:
            done = s.execute(delete(EventRow).where(EventRow.at < before))
            return int(getattr(done, "rowcount", 0) or 0)

    def first_seq(self, branch_id: str) -> int | None:
        with self.db.read() as s:
            return s.scalar(select(func.min(EventRow.seq)).where(EventRow.branch == branch_id))


def last_seq_in(s: Session, branch_id: str) -> int:
    return s.scalar(select(BranchSeqRow.last_seq).where(BranchSeqRow.branch == branch_id)) or 0
