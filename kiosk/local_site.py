"""What a kiosk can read from the site folder on its own disk, for when the server cannot
be asked: the guides (`guides/<id>.toml`) and the branches' names (`branches/<id>.toml`).

Read leniently with tomllib and no server code: the server validates the site
(queue_server.config); the kiosk only reads what it shows. A file that does not parse is
skipped and logged, never an error.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .guides import KioskGuide

log = logging.getLogger("dintur.kiosk.local_site")


@dataclass(frozen=True)
class LocalSite:
    guides: list[KioskGuide] = field(default_factory=list)
    branch_names: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> names


EMPTY_SITE = LocalSite()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("skipping %s: %s", path, exc)
        return None


def _names(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def load_local_site(folder: Path | None) -> LocalSite:
    """Read a site folder (config/aarhus); an empty site when there is none."""
    if folder is None or not folder.is_dir():
        if folder is not None:
            log.warning("no site folder at %s", folder)
        return EMPTY_SITE
    guides: list[KioskGuide] = []
    for path in sorted((folder / "guides").glob("*.toml")):
        data = _read(path)
        if data is not None and isinstance(data.get("steps", []), list):
            guides.append(KioskGuide.from_json({"id": path.stem, **data}))
    names: dict[str, dict[str, str]] = {}
    for path in sorted((folder / "branches").glob("*.toml")):
        data = _read(path)
        if data is not None and _names(data.get("names")):
            names[path.stem] = _names(data.get("names"))
    guides.sort(key=lambda g: g.title.get("da", g.id))
    return LocalSite(guides, names)
