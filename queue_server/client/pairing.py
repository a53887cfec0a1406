"""A device's side of pairing: ask, show the code, wait for approval, keep the token.

The token is stored in the user's config folder (one file per server, role and branch,
readable only by the user), so a kiosk pairs once and starts unattended from then on.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from .errors import ApiError, ClientError
from .rest import ApiClient


class PairingFailed(ClientError):
    """Rejected, expired or timed out: the message says which."""


def credentials_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("dintur")) / "devices"


def _file(server: str, role: str, branch: str, folder: Path | None) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", server.split("://", 1)[-1]).strip("_")
    return (folder or credentials_dir()) / f"{role}-{branch}-{slug}.json"


def stored_token(server: str, role: str, branch: str, folder: Path | None = None) -> str | None:
    path = _file(server, role, branch, folder)
    try:
        token = json.loads(path.read_text())["token"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return token if isinstance(token, str) and token else None


def store_token(
    server: str, role: str, branch: str, token: str, folder: Path | None = None
) -> Path:
    path = _file(server, role, branch, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"server": server, "role": role, "branch": branch, "token": token}, f)
    tmp.replace(path)
    return path


def forget_token(server: str, role: str, branch: str, folder: Path | None = None) -> None:
    _file(server, role, branch, folder).unlink(missing_ok=True)


def pair(
    server: str,
    role: str,
    branch: str,
    name: str,
    on_code: Callable[[str], None],
    *,
    poll_s: float = 1.0,
    timeout_s: float = 900.0,
    folder: Path | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> str:
    """Pair this device and return (and store) its token. `on_code` shows the code."""
    with ApiClient(server) as api:
        started = api.pair_start(role, branch, name)
        on_code(started.code)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not should_stop():
            time.sleep(poll_s)
            state = api.pair_collect(started.secret)
            if state.state == "approved" and state.token:
                store_token(server, role, branch, state.token, folder)
                return state.token
            if state.state != "pending":
                raise PairingFailed(f"pairing {started.code} was {state.state}")
    raise PairingFailed(f"pairing {started.code} was not approved in time")


def device_token(
    server: str,
    role: str,
    branch: str,
    name: str,
    on_code: Callable[[str], None],
    *,
    folder: Path | None = None,
    poll_s: float = 1.0,
    timeout_s: float = 900.0,
) -> str:
    """The stored token if the server still accepts it, else a new pairing."""
    token = stored_token(server, role, branch, folder)
    if token is not None:
        with ApiClient(server, token) as api:
            try:
                api.branch(branch)
                return token
            except ApiError as exc:
                if exc.status not in (401, 403):
                    raise
                forget_token(server, role, branch, folder)  # revoked: pair again
    return pair(
        server, role, branch, name, on_code, poll_s=poll_s, timeout_s=timeout_s, folder=folder
    )
