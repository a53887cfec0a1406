"""Self-service guides as the kiosk holds them: from the server, the cache or a site folder."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("dintur.kiosk.guides")


@dataclass(frozen=True)
class KioskGuide:
    """One guide, its texts by language; printed as `kiosk.printing.guide_print` picks them."""

    id: str
    title: Mapping[str, str]
    summary: Mapping[str, str]
    steps: Sequence[Mapping[str, str]]
    url: str
    service: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> KioskGuide:
        steps = data.get("steps") or []
        return cls(
            id=str(data["id"]),
            title=_names(data.get("title")),
            summary=_names(data.get("summary")),
            steps=tuple(_names(s) for s in steps),
            url=str(data.get("url") or ""),
            service=data.get("service") or None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": dict(self.title),
            "summary": dict(self.summary),
            "steps": [dict(s) for s in self.steps],
            "url": self.url,
            "service": self.service,
        }


def _names(value: object) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
    if isinstance(value, str):
        return {"da": value}
    return {}


def guides_from_json(items: object) -> list[KioskGuide]:
    """Guides from a JSON list; items that don't parse are skipped (and logged)."""
    out: list[KioskGuide] = []
    if not isinstance(items, list):
        return out
    for item in items:
        try:
            out.append(KioskGuide.from_json(item))
        except (KeyError, TypeError, AttributeError) as exc:
            log.warning("skipping a guide that does not parse: %s", exc)
    return out
