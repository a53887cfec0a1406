"""The `dintur` command: one entry point, subcommands imported only when used.

Each subcommand module has `main(argv: list[str]) -> int`, so `dintur printer sim`
costs no FastAPI import and `dintur server` no Qt import.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "server": ("dintur.serve", "run the queue server (HTTP API + live events)"),
    "admin": ("dintur.admin", "tokens, staff users, devices"),
    "db": ("queue_server.db.cli", "database migrations (upgrade, current)"),
    "stats": ("dintur.stats", "statistics upkeep: fold ended days, purge old tickets"),
    "printer": ("printers.cli", "virtual printer (sim) and test prints"),
    "kiosk": ("kiosk.main", "the citizen touchscreen"),
    "display": ("display.main", "the waiting-room screen"),
    "desk": ("desk.main", "the caseworker desk"),
    "demo": ("dintur.demo", "server, virtual printer, kiosk, display and desk together"),
}


def usage() -> str:
    lines = ["usage: dintur COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<9} {summary}" for name, (_, summary) in COMMANDS.items()]
    lines.append("\n`dintur COMMAND --help` describes one command.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"dintur: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    result: int = module.main(rest)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
