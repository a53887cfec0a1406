"""Import rules from style.md, checked in fresh interpreters and by reading the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "fastapi", "PySide6", "starlette", "uvicorn")


@pytest.mark.parametrize(
    "module",
    [
        "queue_server.wire",
        "queue_server.domain.tickets",
        "queue_server.domain.policy",
        "queue_server.cli",
    ],
)
def test_light_modules_pull_in_no_server_or_gui(module: str) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


def imports_of(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_domain_does_no_io() -> None:
    allowed = {
        "__future__",
        "dataclasses",
        "datetime",
        "enum",
        "math",
        "collections.abc",
        "zoneinfo",
        "typing",
        "itertools",
        "functools",
        "bisect",
        "statistics",
    }
    used = {n for n in imports_of(ROOT / "queue_server" / "domain")}
    assert used <= allowed, f"domain imports {sorted(used - allowed)}"


@pytest.mark.parametrize("app", ["kiosk", "display", "desk", "printers"])
def test_apps_never_reach_into_the_server(app: str) -> None:
    used = imports_of(ROOT / app)
    assert not any(
        n.startswith(("queue_server.db", "queue_server.api", "queue_server.ledger")) for n in used
    )
    if app == "printers":
        assert not any(n.startswith("PySide6") for n in used), "printers imports no Qt"
