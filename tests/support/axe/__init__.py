"""Accessibility checks with axe-core (vendored here, see README.md) on a Playwright page.

    found = axe_violations(page)
    assert not found, describe(found)

Only what axe can tell from the page as it is: it does not replace a look with a screen
reader, or checking every state a page can be in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).with_name("axe.min.js")
IMPACTS = ("minor", "moderate", "serious", "critical")


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(
    page: Page, impact: tuple[str, ...] = ("serious", "critical")
) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, of the given impacts.

    The script is evaluated over DevTools, so the page's Content-Security-Policy
    (script-src 'self') does not stop it; a second call reuses the injected copy.
    """
    unknown = set(impact) - set(IMPACTS)
    assert not unknown, f"impacts are {IMPACTS}, not {sorted(unknown)}"
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_source())
    result: dict[str, Any] = page.evaluate(
        "async () => await window.axe.run(document, { resultTypes: ['violations'] })"
    )
    return [v for v in result["violations"] if v.get("impact") in impact]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule broken and one per element breaking it, for an assert message."""
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)
