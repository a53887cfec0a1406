"""`dintur admin`: tokens and staff users, straight on the database (no GUI needed)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from . import auth
from .db.engine import open_database
from .db.migrate import upgrade


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
    return p


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
    finally:
        db.dispose()
    return 0
