"""What a config problem is, where it sits, and the one exception that carries them.

    ConfigError(Exception)    the site folder is not valid; `.problems` lists every Problem

The validators of single values (`parse_hours`, `parse_cap`, ...) return `Invalid` with
the same problems instead of raising, so one change at a time can be checked and shown.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """Where a value sits: its file (or whatever source a caller names) and dotted key."""

    file: str
    key: str


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Invalid:
    """A value that did not pass: every problem found in it, in the order found."""

    problems: tuple[Problem, ...]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ConfigError(Exception):
    """The site folder is not valid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"invalid site configuration ({len(problems)} problems):\n{lines}")
