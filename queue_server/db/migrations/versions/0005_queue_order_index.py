"""indexes for the call: the policy's order within a service line, and what a counter holds

Revision ID: 0005
Revises: 0004

A call reads the first waiting ticket of each line and a new ticket counts the people
ahead of it; both walk (branch, state, service) in (priority, arrival, id) order. The
old (branch, state, service) index is a prefix of this one, so it goes. Every call
also finishes what the counter holds: (counter, state) finds it without a table scan.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

QUEUE = ["branch", "state", "service", "priority", "arrived_at", "id"]


def upgrade() -> None:
    op.create_index("ix_tickets_queue", "tickets", QUEUE)
    op.create_index("ix_tickets_counter", "tickets", ["counter", "state"])
    op.drop_index("ix_tickets_open", table_name="tickets")


def downgrade() -> None:
    op.create_index("ix_tickets_open", "tickets", ["branch", "state", "service"])
    op.drop_index("ix_tickets_counter", table_name="tickets")
    op.drop_index("ix_tickets_queue", table_name="tickets")
