"""`dintur admin`: tokens and staff users, straight on the database (no GUI needed)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from queue_server import auth, pairing
from queue_server.db.engine import Database, open_database
from queue_server.db.migrate import upgrade
from queue_server.domain.errors import DomainError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dintur admin", description="Manage tokens and staff.")
    p.add_argument("--database-url", default=os.environ.get("DINTUR_DATABASE_URL"))
    sub = p.add_subparsers(dest="what", required=True)

    tok = sub.add_parser("token", help="print a new bearer token")
    tok.add_argument("--role", required=True, choices=auth.ROLES)
    tok.add_argument("--branch", help="the branch it is bound to (omit for an all-branch admin)")
    tok.add_argument("--label", default="", help="what it is for, e.g. 'kiosk by the door'")

    rev = sub.add_parser("revoke", help="revoke a token by its id")
    rev.add_argument("token_id", type=int)

    user = sub.add_parser("user", help="staff accounts")
    user_sub = user.add_subparsers(dest="action", required=True)
    add = user_sub.add_parser("add", help="create a caseworker or admin")
    add.add_argument("username")
    add.add_argument("--role", default="caseworker", choices=auth.STAFF_ROLES)
    add.add_argument("--branch", help="the branch they work at")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    dev = sub.add_parser("devices", help="pair and revoke kiosks and displays")
    dev_sub = dev.add_subparsers(dest="action", required=True)
    dev_sub.add_parser("list", help="devices waiting to pair, and paired devices")
    appr = dev_sub.add_parser("approve", help="approve the code a new device shows")
    appr.add_argument("code")
    rej = dev_sub.add_parser("reject", help="reject the code a device shows")
    rej.add_argument("code")
    drev = dev_sub.add_parser("revoke", help="stop a paired device at once (token id from list)")
    drev.add_argument("token_id", type=int)
    return p


def devices(db: Database, args: argparse.Namespace) -> int:
    if args.action == "list":
        waiting = pairing.pending(db)
        print("waiting to pair:" if waiting else "no device is waiting to pair")
        for r in waiting:
            print(f"  {pairing.pretty(r.code)}  {r.role:<8} {r.branch:<14} {r.name}")
        paired = pairing.devices(db)
        print("paired devices (token id, role, branch, label):" if paired else "no paired devices")
        for t in paired:
            print(f"  {t.id:<5} {t.role:<8} {t.branch or '-':<14} {t.label}")
    elif args.action in ("approve", "reject"):
        row = pairing.decide(db, args.code, approve=args.action == "approve")
        verb = "approved" if args.action == "approve" else "rejected"
        print(f"{row.role} {row.name!r} at {row.branch} {verb} (token id {row.token_id})")
    elif args.action == "revoke":
        if not auth.revoke_token(db, args.token_id):
            print(f"dintur admin devices revoke: no active token {args.token_id}", file=sys.stderr)
            return 1
        print(f"device token {args.token_id} revoked; the device is refused from now on")
    return 0


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    db = open_database(args.database_url)
    upgrade(db.url)
    try:
        if args.what == "token":
            if args.role != "admin" and not args.branch:
                print("dintur admin token: --branch is needed for this role", file=sys.stderr)
                return 2
            print(auth.create_token(db, role=args.role, branch=args.branch, label=args.label))
        elif args.what == "revoke":
            if not auth.revoke_token(db, args.token_id):
                print(f"dintur admin revoke: no active token {args.token_id}", file=sys.stderr)
                return 1
            print(f"token {args.token_id} revoked")
        elif args.what == "devices":
            return devices(db, args)
        elif args.what == "user":
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass(f"password for {args.username}: ")
            auth.add_staff(
                db, username=args.username, password=password, role=args.role, branch=args.branch
            )
            print(f"{args.role} {args.username} added")
    except ValueError as exc:
        print(f"dintur admin: {exc}", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(f"dintur admin: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0
