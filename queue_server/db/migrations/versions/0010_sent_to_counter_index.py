"""an index for the tickets sent to one counter: call-next reads that line's head too

Revision ID: 0010
Revises: 0009

Without it, finding the first ticket transferred to a counter walked every waiting
ticket of the branch, under the branch's write lock (49.8 ms at 20,000 waiting).
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_tickets_sent",
        "tickets",
        ["for_counter", "state", "business_day", "priority", "arrived_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_sent", table_name="tickets")
