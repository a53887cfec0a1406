"""The package graph (README "Layers"): who may import whom, read from the source.

Every import is resolved (relative ones too) to the layer it lands in and checked against
an allow-list; a scan that finds no edges fails, and a planted forbidden import is caught.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "fastapi", "PySide6", "starlette", "uvicorn")

#: layer → the layers it may import (besides itself, the stdlib and third-party packages)
ALLOWED: dict[str, frozenset[str]] = {
    "queue_server.shared": frozenset(),
    "queue_server.domain": frozenset({"queue_server.shared"}),
    "queue_server.settings": frozenset(),
    "queue_server.config": frozenset({"queue_server.domain", "queue_server.shared"}),
    "queue_server.db": frozenset({"queue_server.domain", "queue_server.shared"}),
    "queue_server.auth": frozenset(
        {"queue_server.db", "queue_server.domain", "queue_server.shared"}
    ),
    # the server's guards: throttles, limits, log redaction
    "queue_server.guard": frozenset(
        {"queue_server.domain", "queue_server.settings", "queue_server.shared"}
    ),
    "queue_server.pairing": frozenset(
        {
            "queue_server.auth",
            "queue_server.guard",
            "queue_server.db",
            "queue_server.domain",
            "queue_server.shared",
        }
    ),
    "queue_server.ledger": frozenset(
        {"queue_server.db", "queue_server.domain", "queue_server.shared"}
    ),
    # statistics: read the tables, fold them into cells (docs/statistics.md)
    "queue_server.stats": frozenset(
        {"queue_server.db", "queue_server.domain", "queue_server.shared"}
    ),
    "queue_server.hub": frozenset(
        {
            "queue_server.ledger",
            "queue_server.auth",
            "queue_server.db",
            "queue_server.domain",
            "queue_server.shared",
        }
    ),
    "queue_server.web": frozenset(
        {
            "queue_server.hub",
            "queue_server.ledger",
            "queue_server.auth",
            "queue_server.domain",
            "queue_server.shared",
        }
    ),
    "queue_server.api": frozenset(
        {
            "queue_server.hub",
            "queue_server.ledger",
            "queue_server.auth",
            "queue_server.guard",
            "queue_server.pairing",
            "queue_server.stats",
            "queue_server.config",
            "queue_server.settings",
            "queue_server.db",
            "queue_server.domain",
            "queue_server.shared",
        }
    ),
    # create_app: the server put together (the API, the web pages, the hub, the ledger)
    "queue_server.server": frozenset(
        {
            "queue_server.api",
            "queue_server.web",
            "queue_server.hub",
            "queue_server.guard",
            "queue_server.ledger",
            "queue_server.stats",
            "queue_server.config",
            "queue_server.settings",
            "queue_server.db",
            "queue_server.shared",
        }
    ),
    "queue_server.client": frozenset({"queue_server.shared"}),
    "printers": frozenset(),
    "kiosk": frozenset({"queue_server.client", "queue_server.shared", "printers"}),
    "display": frozenset({"queue_server.client", "queue_server.shared"}),
    "desk": frozenset({"queue_server.client", "queue_server.shared"}),
    "dintur": frozenset({"*"}),  # the composition root: the CLI and the demo
}
OURS = ("queue_server", "printers", "kiosk", "display", "desk", "dintur")
PACKAGES = [ROOT / name for name in OURS]


def layer_of(module: str) -> str | None:
    """The layer a dotted module name belongs to (the longest matching prefix)."""
    best = None
    for name in ALLOWED:
        if (module == name or module.startswith(name + ".")) and (
            best is None or len(name) > len(best)
        ):
            best = name
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(path: Path, source: str | None = None) -> Iterator[tuple[str, int]]:
    """Every module `path` imports, resolved to an absolute dotted name, with its line."""
    tree = ast.parse(source if source is not None else path.read_text(), str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            yield target, node.lineno
            for alias in node.names:  # `from . import wire` imports a module, too
                yield f"{target}.{alias.name}", node.lineno


def violations(paths: list[Path], planted: dict[Path, str] | None = None) -> tuple[list[str], int]:
    """(forbidden imports, how many edges between our layers were seen)."""
    bad: list[str] = []
    edges = 0
    for path in paths:
        source = (planted or {}).get(path)
        if module_name(path) == "queue_server":  # the empty package itself
            continue
        mine = layer_of(module_name(path))
        seen: set[tuple[int, str]] = set()
        if mine is None:
            bad.append(f"{path.relative_to(ROOT)}: in no layer")
            continue
        for target, line in imports_in(path, source):
            if not target.startswith(OURS):
                continue
            theirs = layer_of(target)
            if theirs is None:
                if target.count(".") >= 1 and (line, "") not in seen:
                    seen.add((line, ""))
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {target} is in no layer")
                continue
            if theirs == mine or (line, theirs) in seen:
                continue
            seen.add((line, theirs))
            edges += 1
            allowed = ALLOWED[mine]
            if "*" not in allowed and theirs not in allowed:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {target}")
    return bad, edges


def sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in pkg.rglob("*.py") if "migrations" not in p.parts)


def test_every_import_follows_the_layers() -> None:
    paths = sources()
    bad, edges = violations(paths)
    assert not bad, "forbidden imports:\n" + "\n".join(bad)
    assert len(paths) > 100 and edges > 100, f"the scan saw {len(paths)} files, {edges} edges"


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("queue_server/domain/estimate.py", "from ..db.models import TicketRow\n"),
        ("queue_server/shared/wire.py", "from ..domain import policy\n"),
        ("printers/layout.py", "from queue_server.shared import wire\n"),
        ("desk/texts.py", "import queue_server.ledger\n"),
        ("queue_server/web/feed.py", "from ..api.events import EventHub\n"),
        ("queue_server/client/rest.py", "from ..shared import wire\nfrom .. import auth\n"),
        ("queue_server/stats/facts.py", "from ..ledger import Ledger\n"),
    ],
)
def test_a_planted_forbidden_import_is_caught(module: str, planted: str) -> None:
    path = ROOT / module
    bad, _ = violations([path], {path: path.read_text() + "\n" + planted})
    assert bad, f"{planted.strip()!r} in {module} went unnoticed"


def test_an_empty_scan_fails() -> None:
    bad, edges = violations([])
    assert not bad and edges == 0  # and so test_every_import_follows_the_layers would fail


@pytest.mark.parametrize(
    "module",
    [
        "queue_server.shared.wire",
        "queue_server.shared.state",
        "queue_server.shared.phrasing",
        "queue_server.domain.tickets",
        "queue_server.domain.policy",
        "queue_server.client",
        "dintur.cli",
    ],
)
def test_light_modules_pull_in_no_server_or_gui(module: str) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


def test_domain_and_shared_do_no_io() -> None:
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
        "re",
        "tomllib",
        "pathlib",
        "pydantic",
        "collections",
        "random",
        # CLDR plural rules and number/date formats: the shared i18n (queue_server/shared/i18n.py)
        "babel",
    }
    for folder, extra in (
        ("domain", {"tomllib", "pathlib", "pydantic", "babel"}),
        ("shared", set()),
    ):
        used = set()
        for path in (ROOT / "queue_server" / folder).rglob("*.py"):
            used |= {t for t, _ in imports_in(path) if not t.startswith("queue_server")}
        ok = allowed - extra if folder == "domain" else allowed
        tops = {u for u in used if u not in ok and u.split(".")[0] not in ok}
        assert not tops, f"{folder} imports {sorted(tops)}"


def test_only_the_composition_root_drives_a_browser() -> None:
    """Playwright is a dev dependency (tests, bench, screenshots): the server and the apps
    never import it; dintur/browser.py is the one place that launches Chromium."""
    users = sorted(
        f"{path.relative_to(ROOT)}:{line}"
        for path in sources()
        if path.parts[len(ROOT.parts)] != "dintur"
        for target, line in imports_in(path)
        if target.split(".")[0] == "playwright"
    )
    assert not users, f"Playwright imported outside dintur/: {users}"
