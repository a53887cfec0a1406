"""indexes for wait estimates

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_called", "tickets", ["branch", "called_at"])
    op.create_index("ix_tickets_finished", "tickets", ["branch", "service", "state", "finished_at"])


def downgrade() -> None:
    op.drop_index("ix_tickets_finished", table_name="tickets")
    op.drop_index("ix_tickets_called", table_name="tickets")
