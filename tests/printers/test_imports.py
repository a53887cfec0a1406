"""printers imports nothing of ours: only itself, the standard library and its dependencies."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "printers"
THIRD_PARTY = {"PIL", "escpos", "qrcode", "serial", "usb"}
OURS = {"queue_server", "kiosk", "display", "desk", "bench", "scripts", "tests"}


def imported_packages(source: str, module: str) -> set[str]:
    """Top-level packages `source` (the module `module`) imports; relative ones resolved."""
    package = module.split(".")[:-1]  # for an __init__ module too: "a.b.__init__" -> a.b
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            names.add(base[0] if base else "<above the top package>")
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_printers_imports_only_itself_the_stdlib_and_its_dependencies() -> None:
    found = modules()
    assert len(found) > 20, f"the scan found only {sorted(found)}"
    allowed = {"printers", "__future__"} | THIRD_PARTY | set(sys.stdlib_module_names)
    wrong = sorted(
        f"{module}: {name}"
        for module, path in found.items()
        for name in imported_packages(path.read_text(encoding="utf-8"), module) - allowed
    )
    assert not wrong, f"printers imports {wrong}"


def test_the_scan_resolves_relative_imports() -> None:
    source = "from . import a\nfrom ..b import c\nimport queue_server.wire\nfrom kiosk import x\n"
    assert imported_packages(source, "printers.sim.paper") == {"printers", "queue_server", "kiosk"}
    assert imported_packages("from .. import a\n", "printers.sim.__init__") == {"printers"}
    above = imported_packages("from ... import a\n", "printers.sim.paper")
    assert above == {"<above the top package>"}


def test_importing_every_printers_module_loads_nothing_of_ours() -> None:
    names = sorted(m.removesuffix(".__init__") for m in modules())
    code = (
        f"import importlib, sys\nfor m in {names!r}: importlib.import_module(m)\n"
        f"print(','.join(sorted({{n.split('.')[0] for n in sys.modules}} & {OURS!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"importing printers loads {out.stdout.strip()}"
