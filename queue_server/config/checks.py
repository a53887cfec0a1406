"""Cross-checks between files: what no single file can see alone."""

from __future__ import annotations

from ..domain.site import Branch, Guide, Service
from .problems import Problem
from .table import Table


def check_counter_ids(t: Table, branch: Branch, counter_files: dict[str, str]) -> None:
    """Counter ids are site-wide; `counter_files` maps each id seen so far to its file."""
    for c in branch.counters:
        if c.id in counter_files:
            t.problem(
                "counters",
                f"counter id {c.id!r} is also used in "
                f"{counter_files[c.id]}; counter ids are site-wide",
            )
        counter_files[c.id] = t.file


def check_guide_references(
    services: dict[str, Service], guides: dict[str, Guide], file: str
) -> list[Problem]:
    """Each service's guide exists in guides/; `file` names services.toml."""
    return [
        Problem(file, f"services.{s.id}.guide", f"no guide {s.guide!r} in guides/")
        for s in services.values()
        if s.guide is not None and s.guide not in guides
    ]
