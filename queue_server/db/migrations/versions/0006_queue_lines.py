"""queue_lines: how many wait in each service's line, kept with every change

Revision ID: 0006
Revises: 0005

Every write now tells the screens the services' state (`services.changed`), and a
capped service checks its count before each ticket. Counting the waiting tickets for
that grew with the queue; one row per (branch, service), changed in the same
transaction as the ticket, answers at once however long the line is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_lines",
        sa.Column("branch", sa.String(40), primary_key=True),
        sa.Column("service", sa.String(40), primary_key=True),
        sa.Column("waiting", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute(
        "INSERT INTO queue_lines (branch, service, waiting) "
        "SELECT branch, service, count(*) FROM tickets WHERE state = 'waiting' "
        "GROUP BY branch, service"
    )


def downgrade() -> None:
    op.drop_table("queue_lines")
