"""Reading one TOML file of a site folder into a `Table`, or a problem saying why not."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .problems import Problem
from .table import Table


def read_toml(path: Path, root: Path, problems: list[Problem]) -> Table | None:
    """The file as a Table named from the site's parent (`demo/services.toml`); None, and a
    problem, when it is missing, unreadable or not TOML."""
    rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    try:
        with path.open("rb") as f:
            return Table(problems, rel, tomllib.load(f))
    except FileNotFoundError:
        problems.append(Problem(rel, "", "file missing"))
    except tomllib.TOMLDecodeError as e:
        problems.append(Problem(rel, "", f"not valid TOML: {e}"))
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(rel, "", f"cannot read: {e}"))
    return None
