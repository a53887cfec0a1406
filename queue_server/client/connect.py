"""How an app finds its server and its token, in the order a real install needs.

Server: `--server URL` when given, else zeroconf discovery (choosing by branch).
Token (kiosk, display): `--token` when given, else the stored one from pairing, else pair
now (the app shows the code while an admin approves it).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from .discovery import DiscoveryError, discover
from .pairing import device_token

__all__ = ["DiscoveryError", "device_name", "resolve_server", "resolve_token"]


def resolve_server(
    server: str | None,
    branch: str | None,
    *,
    timeout: float = 5.0,
    interfaces: list[str] | None = None,
) -> str:
    """The server's base URL; DiscoveryError (with advice) when none answers."""
    if server:
        return server.rstrip("/")
    return discover(branch, timeout=timeout, interfaces=interfaces).url


def device_name(role: str) -> str:
    return f"{role} {socket.gethostname()}"[:80]


def resolve_token(
    server: str,
    role: str,
    branch: str,
    token: str | None,
    on_code: Callable[[str], None],
    *,
    poll_s: float = 1.0,
    timeout_s: float = 900.0,
) -> str:
    """The given token, the stored one (still valid), or a new one from pairing."""
    if token:
        return token
    return device_token(
        server, role, branch, device_name(role), on_code, poll_s=poll_s, timeout_s=timeout_s
    )
