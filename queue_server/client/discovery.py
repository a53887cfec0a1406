"""Finding the server on the local network with mDNS/DNS-SD (zeroconf).

The server advertises `_dintur._tcp.local.` with TXT records: `api` (API version),
`branches` (comma-separated ids), `tls` (certificate fingerprint when TLS is on), `path`.
Apps given no `--server` browse for it and pick the one serving their branch.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

SERVICE_TYPE = "_dintur._tcp.local."
API_VERSION = "1"


class DiscoveryError(Exception):
    """No server found (or none for the branch): the message says what to do."""


@dataclass(frozen=True)
class FoundServer:
    name: str
    url: str
    branches: tuple[str, ...]
    api: str
    tls_fingerprint: str | None = None


class Advertiser:
    """Announces one server; `interfaces` limits it to addresses (tests: 127.0.0.1)."""

    def __init__(
        self,
        port: int,
        branches: list[str],
        *,
        addresses: list[str],
        name: str | None = None,
        tls_fingerprint: str | None = None,
        https: bool = False,
    ) -> None:
        self.addresses = addresses
        host = socket.gethostname().split(".")[0] or "dintur"
        label = (name or f"DinTur {host} {port}")[:63]
        props = {"api": API_VERSION, "branches": ",".join(branches), "path": "/"}
        if tls_fingerprint:
            props["tls"] = tls_fingerprint
        if https:
            props["scheme"] = "https"
        self.info = ServiceInfo(
            SERVICE_TYPE,
            f"{label}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton(a) for a in addresses],
            port=port,
            properties=props,
            server=f"{host}-{port}.local.",
        )
        self._zc: Zeroconf | None = None

    def start(self) -> None:
        self._zc = Zeroconf(interfaces=self.addresses, ip_version=IPVersion.V4Only)
        self._zc.register_service(self.info, allow_name_change=True)

    def stop(self) -> None:
        if self._zc is not None:
            self._zc.unregister_service(self.info)
            self._zc.close()
            self._zc = None


class _Collector(ServiceListener):
    def __init__(self) -> None:
        self.names: set[str] = set()
        self.changed = threading.Event()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)
        self.changed.set()

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)
        self.changed.set()

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.discard(name)


def browse(timeout: float = 3.0, interfaces: list[str] | None = None) -> list[FoundServer]:
    """Every DinTur server that answers within `timeout` seconds."""
    zc = Zeroconf(interfaces=interfaces or ["0.0.0.0"], ip_version=IPVersion.V4Only)
    collector = _Collector()
    browser = ServiceBrowser(zc, SERVICE_TYPE, collector)
    found: dict[str, FoundServer] = {}
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            collector.changed.wait(min(0.2, max(0.0, deadline - time.monotonic())))
            collector.changed.clear()
            for name in list(collector.names - found.keys()):
                server = _resolve(zc, name)
                if server is not None:
                    found[name] = server
            if found and time.monotonic() > deadline - timeout * 0.5:
                break  # answers come together; no need to wait out the whole timeout
    finally:
        browser.cancel()
        zc.close()
    return sorted(found.values(), key=lambda s: s.name)


def discover(
    branch: str | None = None, timeout: float = 3.0, interfaces: list[str] | None = None
) -> FoundServer:
    """The server for `branch` (or the only one); DiscoveryError with advice otherwise."""
    servers = [s for s in browse(timeout, interfaces) if s.api == API_VERSION]
    if branch is not None:
        servers = [s for s in servers if branch in s.branches]
    if not servers:
        what = f"for branch {branch!r} " if branch else ""
        raise DiscoveryError(
            f"no DinTur server {what}answered on the local network within {timeout:g} s; "
            "start one (dintur server --advertise) or give --server URL"
        )
    if len(servers) > 1 and branch is None:
        names = ", ".join(f"{s.name} ({s.url})" for s in servers)
        raise DiscoveryError(f"several DinTur servers answered: {names}; give --branch or --server")
    return servers[0]


def _resolve(zc: Zeroconf, name: str) -> FoundServer | None:
    info = zc.get_service_info(SERVICE_TYPE, name, timeout=1500)
    if info is None or not info.parsed_addresses() or info.port is None:
        return None
    props = {k.decode(): (v.decode() if v is not None else "") for k, v in info.properties.items()}
    scheme = props.get("scheme", "http")
    url = f"{scheme}://{info.parsed_addresses()[0]}:{info.port}"
    branches = tuple(b for b in props.get("branches", "").split(",") if b)
    return FoundServer(
        name=name.removesuffix("." + SERVICE_TYPE),
        url=url,
        branches=branches,
        api=props.get("api", ""),
        tls_fingerprint=props.get("tls") or None,
    )
