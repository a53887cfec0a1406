"""`dintur server`: the queue server under uvicorn."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import sys
from pathlib import Path

from queue_server.settings import Settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dintur server", description="Run the DinTur queue server.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--config", type=Path, help="site config folder (default: config/aarhus)")
    p.add_argument(
        "--database-url", help="default: SQLite in the user data dir; or DINTUR_DATABASE_URL"
    )
    p.add_argument(
        "--public-url", help="base URL of citizens' status links (default http://HOST:PORT)"
    )
    p.add_argument("--log-level", default="info")
    p.add_argument("--tls-cert", type=Path, help="serve HTTPS with this certificate (PEM)")
    p.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    p.add_argument(
        "--advertise",
        action="store_true",
        help="announce the server on the local network (zeroconf) so devices find it",
    )
    p.add_argument(
        "--advertise-address",
        action="append",
        metavar="IP",
        help="address to announce (repeatable; default: the --host address, or all)",
    )
    return p


def advertised_addresses(host: str, given: list[str] | None) -> list[str]:
    if given:
        return given
    if host not in ("0.0.0.0", ""):
        return [host]
    from zeroconf import get_all_addresses  # type: ignore[attr-defined]

    return [a for a in get_all_addresses() if not a.startswith("127.")] or ["127.0.0.1"]


def cert_fingerprint(path: Path) -> str:
    """SHA-256 of the certificate (DER), as devices pin it: "sha256:ab12…"."""
    import hashlib
    import ssl

    der = ssl.PEM_cert_to_DER_cert(path.read_text())
    return "sha256:" + hashlib.sha256(der).hexdigest()


def settle_allocator() -> None:
    """Give big freed blocks back to the system: glibc raises its mmap threshold after
    each large free, and then keeps every thread's 19 MiB password hash in its arena."""
    import ctypes

    m_mmap_threshold = -3
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(m_mmap_threshold, 1 << 20)


def settle_garbage_collector() -> None:
    """Keep the collector's pauses short: a full collection walked every object the
    imports made (FastAPI, SQLAlchemy, pydantic) and stalled all requests for tens of ms.
    What exists after start-up lives as long as the process, so it is frozen out of the
    collector's view, and the youngest generation may grow more between collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5000, 20, 20)


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    import uvicorn

    from queue_server.config import ConfigError
    from queue_server.guard.http import uvicorn_options
    from queue_server.server import create_app

    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if (args.tls_cert is None) != (args.tls_key is None):
        print("dintur server: give both --tls-cert and --tls-key", file=sys.stderr)
        return 2
    scheme = "https" if args.tls_cert else "http"
    settings = Settings.from_env(
        config_dir=args.config,
        database_url=args.database_url,
        public_url=args.public_url or f"{scheme}://{args.host}:{args.port}",
    )
    try:
        app = create_app(settings)
    except ConfigError as exc:
        print(f"dintur server: the site config has errors:\n{exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"dintur server: {exc}", file=sys.stderr)
        return 2
    settle_garbage_collector()
    settle_allocator()
    where = app.state.db.url.split("@")[-1]  # never print a password
    print(f"DinTur server on {scheme}://{args.host}:{args.port} (database: {where})", flush=True)
    advertiser = None
    if args.advertise:
        from queue_server.client.discovery import Advertiser

        addresses = advertised_addresses(args.host, args.advertise_address)
        advertiser = Advertiser(
            args.port,
            list(app.state.site.branches),
            addresses=addresses,
            tls_fingerprint=cert_fingerprint(args.tls_cert) if args.tls_cert else None,
            https=args.tls_cert is not None,
        )
        advertiser.start()
        print(f"announced on the local network as _dintur._tcp at {', '.join(addresses)}")
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            ws_ping_interval=20,
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
            **uvicorn_options(settings.limits),
        )
    finally:
        if advertiser is not None:
            advertiser.stop()
    return 0
