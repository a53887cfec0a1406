"""Server settings: built once by the caller and passed to `create_app`, never at import."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"


@dataclass(frozen=True)
class Limits:
    """What one client may cost the server (queue_server/guard/http.py applies them)."""

    max_header_bytes: int = 16 * 1024  # request line and headers together
    read_timeout_s: float = 10.0  # from a request's first byte to its last
    keep_alive_s: int = 5  # an idle keep-alive connection is closed after this
    max_connections: int = 2000  # open sockets (HTTP and WebSocket) at once


@dataclass(frozen=True)
class Settings:
    config_dir: Path = field(default_factory=lambda: REPO_CONFIG / "aarhus")
    database_url: str | None = None  # None: SQLite in the user data dir
    public_url: str = "http://127.0.0.1:8000"  # base of the citizen's status links
    max_body_bytes: int = 64 * 1024
    expire_every_s: float = 60.0
    migrate: bool = True
    staff_token_lifetime: dt.timedelta = dt.timedelta(hours=12)  # a login lasts a working day
    event_retention: dt.timedelta = dt.timedelta(days=7)  # older events: reconnect = snapshot
    stats_retention_days: int = 90  # tickets older than this are folded into statistics
    stats_fold_every_s: float = 3600.0  # a day is folded within this of its end
    limits: Limits = field(default_factory=Limits)  # connections, headers, slow clients
    clock: Callable[[], dt.datetime] | None = None  # the demo's fast clock; None: real time

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env: dict[str, object] = {}
        if url := os.environ.get("DINTUR_DATABASE_URL"):
            env["database_url"] = url
        if cfg := os.environ.get("DINTUR_CONFIG"):
            env["config_dir"] = Path(cfg)
        if pub := os.environ.get("DINTUR_PUBLIC_URL"):
            env["public_url"] = pub
        if keep := os.environ.get("DINTUR_STATS_RETENTION_DAYS"):
            env["stats_retention_days"] = int(keep)
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)  # type: ignore[arg-type]
