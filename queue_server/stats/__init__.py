"""Statistics from ticket history: the metrics of `docs/statistics.md`, folded daily
aggregates for old periods, exports and the public busy times. No row it returns holds a
ticket number, token, language or anything else that points at a person.

    summary(s, site, branches=…, start=…, end=…, by=By.SERVICE) -> Summary (typed rows)
    fold(db, site, now=…, retention_days=90)                      -> FoldReport
    busy(s, site, branch, now)                                    -> Busy (open data)
    to_csv(summary, language) / to_xlsx(summary, language)        -> bytes

Parts: definitions (bins, percentiles, targets), cells (the aggregate unit), facts
(tickets → cells: every definition), read (the live tables), query (summaries), rows
(the metrics of a row), fold (aggregate and delete), busy, export, tables, labels.
"""

from __future__ import annotations

from .busy import Busy, BusyCell, busy
from .fold import DEFAULT_RETENTION_DAYS, FoldReport, fold
from .query import By, Summary, summary
from .rows import FIELDS, StatsRow

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "FIELDS",
    "Busy",
    "BusyCell",
    "By",
    "FoldReport",
    "StatsRow",
    "Summary",
    "busy",
    "fold",
    "summary",
]
