"""The statistics' own tables (migration 0009): folded cells and which days are folded.

stats_cells  one row per (branch, day, service, counter, hour): cells.COLUMNS
stats_days   a (branch, day) whose tickets are in stats_cells; `purged_at` once its
             tickets, history and guide outcomes are deleted (retention)
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, MetaData, String, Table

from ..db.models import UtcDateTime
from .cells import COLUMNS

METADATA = MetaData()

CELLS = Table(
    "stats_cells",
    METADATA,
    Column("branch", String(40), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("service", String(40), primary_key=True),
    Column("counter", String(40), primary_key=True),
    Column("hour", Integer, primary_key=True),
    *(Column(name, Integer, nullable=False, server_default="0") for name in COLUMNS),
    Index("ix_stats_cells_day", "day", "branch"),  # a period over every branch
)

MONTHS = Table(
    "stats_months",
    METADATA,
    Column("branch", String(40), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("service", String(40), primary_key=True),
    Column("counter", String(40), primary_key=True),
    Column("hour", Integer, primary_key=True),
    *(Column(name, Integer, nullable=False, server_default="0") for name in COLUMNS),
)

DAYS = Table(
    "stats_days",
    METADATA,
    Column("branch", String(40), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("folded_at", UtcDateTime, nullable=False),
    Column("tickets", Integer, nullable=False),
    Column("purged_at", UtcDateTime, nullable=True),
)
