"""A cell: the counts, sums, maxima and histograms of one (branch, business day, service,
counter, hour). Days folded into `stats_cells` and days still read from tickets are both
made of cells, and every report is a merge of cells: that is why they agree.

A cell's values are a flat list in the order of `COLUMNS` (the table's columns too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .definitions import BINS

#: counts and sums of whole seconds: merged by adding
SUMS: tuple[str, ...] = (
    "issued",  # tickets taken at a kiosk or desk (not transfers)
    "transferred",  # tickets that came in by a transfer: counted at the target
    "served",  # ended done
    "no_show",
    "cancelled",
    "expired",
    "open",  # still waiting, called or serving (only today's, or a stale day)
    "recalls",
    "paperless",  # of the issued
    "appointments",  # issued with the appointment priority (checked in)
    "wait_n",
    "wait_s",
    "service_n",
    "service_s",
    "call_n",  # counter time: one per call that ended
    "call_s",
    "twait_n",  # wait after a transfer, in the target's line
    "twait_s",
    "target_n",  # waits of services with a target
    "target_met",
    "cal_n",  # calibration: issued tickets with a promised range that were called
    "cal_inside",
    "cal_early",
    "cal_early_s",
    "cal_late",
    "cal_late_s",
    "guide_self_served",
    "guide_ticket",
    "guide_printed",
)
#: maxima in whole seconds: merged by taking the larger
MAXES: tuple[str, ...] = ("wait_max", "service_max", "call_max", "twait_max")
#: duration histograms (bins of definitions.EDGES): merged by adding, bin by bin
HISTOGRAMS: tuple[str, ...] = ("wait", "service")


def hist_columns(name: str) -> tuple[str, ...]:
    return tuple(f"{name}_h{i:02d}" for i in range(BINS))


COLUMNS: tuple[str, ...] = (
    *SUMS,
    *MAXES,
    *(c for name in HISTOGRAMS for c in hist_columns(name)),
)
INDEX: dict[str, int] = {name: i for i, name in enumerate(COLUMNS)}
_MAX_AT = frozenset(INDEX[name] for name in MAXES)
_SUM_AT = tuple(i for i in range(len(COLUMNS)) if i not in _MAX_AT)
_MAX_LIST = tuple(sorted(_MAX_AT))
HIST_AT: dict[str, int] = {name: INDEX[f"{name}_h00"] for name in HISTOGRAMS}


@dataclass(frozen=True, order=True)
class CellKey:
    branch: str
    day: dt.date
    service: str  # "" for guide sessions of a guide tied to no service
    counter: str  # "" when no counter took part
    hour: int  # local hour (0–23) of the citizen's arrival


def empty() -> list[int]:
    return [0] * len(COLUMNS)


def add(into: list[int], other: Iterable[int]) -> None:
    """Merge `other` into `into`: sums add, maxima take the larger."""
    values = list(other)
    for i in _SUM_AT:
        into[i] += values[i]
    for i in _MAX_LIST:
        if values[i] > into[i]:
            into[i] = values[i]


def merged(cells: Iterable[Iterable[int]]) -> list[int]:
    out = empty()
    for cell in cells:
        add(out, cell)
    return out


class CellSet:
    """Cells being filled, by key."""

    def __init__(self) -> None:
        self.cells: dict[CellKey, list[int]] = {}

    def at(self, key: CellKey) -> list[int]:
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = empty()
        return cell

    def count(self, key: CellKey, name: str, by: int = 1) -> None:
        self.at(key)[INDEX[name]] += by

    def duration(self, key: CellKey, name: str, duration_s: int, bin_index: int | None) -> None:
        """One observed duration: `<name>_n`, `<name>_s`, `<name>_max` and its bin."""
        cell = self.at(key)
        cell[INDEX[f"{name}_n"]] += 1
        cell[INDEX[f"{name}_s"]] += duration_s
        at = INDEX[f"{name}_max"]
        cell[at] = max(cell[at], duration_s)
        if bin_index is not None:
            cell[HIST_AT[name] + bin_index] += 1

    def rows(self) -> Mapping[CellKey, list[int]]:
        return self.cells
