"""What a config problem is, and the one exception that carries them.

ConfigError(Exception)    the site folder is not valid; `.problems` lists every Problem
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """The site folder is not valid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"invalid site configuration ({len(problems)} problems):\n{lines}")
