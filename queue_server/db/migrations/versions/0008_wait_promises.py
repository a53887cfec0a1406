"""wait promises: what each ticket was promised, when it was first called, and the
counters' announced absences

Revision ID: 0008
Revises: 0007

- tickets.promised_low_s / promised_high_s: the range the ticket was given at issue (or
  at transfer-in), so statistics can hold every promise against the actual wait
- tickets.first_called_at: the first call (a recall moves called_at): the actual wait
  is first_called_at − issued_at, and a counter's time per call starts there
- counter_plans: a counter's announced absence (a lunch, a shift end, a counter that
  opens later) for the wait estimates; [away_from, back_at), back_at NULL: rest of day
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("promised_low_s", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("promised_high_s", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("first_called_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE tickets SET first_called_at = called_at WHERE recalls = 0")
    op.create_table(
        "counter_plans",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("counter", sa.String(40), nullable=False),
        sa.Column("branch", sa.String(40), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("away_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("back_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(16), nullable=False, server_default=""),
        sa.Column("actor", sa.String(80), nullable=False, server_default=""),
    )
    op.create_index("ix_counter_plans_branch_day", "counter_plans", ["branch", "business_day"])


def downgrade() -> None:
    op.drop_index("ix_counter_plans_branch_day", table_name="counter_plans")
    op.drop_table("counter_plans")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("first_called_at")
        batch.drop_column("promised_high_s")
        batch.drop_column("promised_low_s")
