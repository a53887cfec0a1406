"""The last good answers from the server, kept on disk so a restarted kiosk has them offline."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("dintur.kiosk.cache")


class JsonCache:
    """Named JSON documents in one folder; writes are atomic, reads never raise."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, Any] = {}

    def save(self, name: str, data: Any) -> None:
        self._memory[name] = data
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(tmp, self.folder / f"{name}.json")
        except OSError as exc:
            log.warning("could not keep %s in the cache: %s", name, exc)

    def load(self, name: str) -> Any:
        if name in self._memory:
            return self._memory[name]
        if self.folder is None:
            return None
        path = self.folder / f"{name}.json"
        try:
            with path.open(encoding="utf-8") as f:
                data = json.load(f)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring a broken cache file %s: %s", path, exc)
            return None
        self._memory[name] = data
        return data
