"""statistics: folded daily cells, which days are folded, and the index that finds a
branch's business day among its tickets

Revision ID: 0009
Revises: 0008

- stats_cells: one row per (branch, business day, service, counter, local hour) with the
  counts, sums of whole seconds, maxima and the duration histograms that
  queue_server/stats/cells.py names (docs/statistics.md defines them)
- stats_months: the same cells summed per calendar month, for long periods
- stats_days: which (branch, day)s are in stats_cells, and when their tickets were purged
- ix_tickets_branch_day: the fold and the reports read one branch's day of tickets
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# the columns as of this revision (a later change of the cells is a migration of its own)
SUMS = (
    "issued",
    "transferred",
    "served",
    "no_show",
    "cancelled",
    "expired",
    "open",
    "recalls",
    "paperless",
    "appointments",
    "wait_n",
    "wait_s",
    "service_n",
    "service_s",
    "call_n",
    "call_s",
    "twait_n",
    "twait_s",
    "target_n",
    "target_met",
    "cal_n",
    "cal_inside",
    "cal_early",
    "cal_early_s",
    "cal_late",
    "cal_late_s",
    "guide_self_served",
    "guide_ticket",
    "guide_printed",
)
MAXES = ("wait_max", "service_max", "call_max", "twait_max")
BINS = 37
HISTOGRAMS = ("wait", "service")


def upgrade() -> None:
    values = [*SUMS, *MAXES, *(f"{h}_h{i:02d}" for h in HISTOGRAMS for i in range(BINS))]
    op.create_table(
        "stats_cells",
        sa.Column("branch", sa.String(40), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("service", sa.String(40), primary_key=True),
        sa.Column("counter", sa.String(40), primary_key=True),
        sa.Column("hour", sa.Integer(), primary_key=True),
        *(sa.Column(name, sa.Integer(), nullable=False, server_default="0") for name in values),
    )
    op.create_index("ix_stats_cells_day", "stats_cells", ["day", "branch"])
    op.create_table(
        "stats_months",
        sa.Column("branch", sa.String(40), primary_key=True),
        sa.Column("month", sa.Date(), primary_key=True),
        sa.Column("service", sa.String(40), primary_key=True),
        sa.Column("counter", sa.String(40), primary_key=True),
        sa.Column("hour", sa.Integer(), primary_key=True),
        *(sa.Column(name, sa.Integer(), nullable=False, server_default="0") for name in values),
    )
    op.create_table(
        "stats_days",
        sa.Column("branch", sa.String(40), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("folded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tickets", sa.Integer(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_tickets_branch_day", "tickets", ["branch", "business_day"])


def downgrade() -> None:
    op.drop_index("ix_tickets_branch_day", table_name="tickets")
    op.drop_table("stats_days")
    op.drop_table("stats_months")
    op.drop_index("ix_stats_cells_day", table_name="stats_cells")
    op.drop_table("stats_cells")
