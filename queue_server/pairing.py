"""Pairing a new kiosk or display without typing tokens.

The device asks with a random secret and shows a short code; an administrator who can
see the device approves that code (`dintur admin devices approve CODE`); the device then
collects its token once, with its secret, and stores it. The code alone is worthless:
only the device holding the secret can collect, and the token is made at that moment, so
no usable token ever waits in the table. An approval not collected within LIFETIME lapses.

Asking needs no token, so what strangers can make the server store is bounded: a few
pending requests per client address, a few dozen per branch, and a site-wide ceiling. One
noisy neighbour cannot lock a real display out of pairing.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import auth
from .db.engine import Database
from .db.models import PairingRow, TokenRow
from .domain.errors import NotFound, Rejected
from .guard.throttle import RateLimited
from .shared.vocab import ProblemCode

CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY347"  # no 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B mix-ups
CODE_LEN = 6
LIFETIME = dt.timedelta(minutes=15)
MAX_PER_ADDRESS = 5  # pending requests from one client address
MAX_PER_BRANCH = 30  # pending requests for one branch
MAX_PENDING = 500  # pending requests in all
DEVICE_ROLES = ("kiosk", "display")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def pretty(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


def normalise(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def request(
    db: Database, *, role: str, branch: str, name: str, address: str | None = None
) -> tuple[str, str, dt.datetime]:
    """A new pairing request: (code to show, secret to keep, expiry)."""
    if role not in DEVICE_ROLES:
        raise Rejected(f"devices pair as {' or '.join(DEVICE_ROLES)}", code=ProblemCode.BAD_ROLE)
    now = _now()
    secret = secrets.token_urlsafe(32)
    with db.write() as s:
        waiting = (PairingRow.state == "pending", PairingRow.expires_at > now)
        limits = [
            (PairingRow.branch == branch, MAX_PER_BRANCH, "for this branch"),
            (PairingRow.id.is_not(None), MAX_PENDING, "in all"),
        ]
        if address is not None:
            limits.insert(0, (PairingRow.address == address, MAX_PER_ADDRESS, "from here"))
        for where, most, what in limits:
            n = s.scalar(select(func.count()).select_from(PairingRow).where(*waiting, where))
            if (n or 0) >= most:
                raise RateLimited(
                    f"too many devices are waiting to pair {what}; try again later",
                    retry_after_s=int(LIFETIME.total_seconds()),
                )
        live = set(
            s.scalars(
                select(PairingRow.code).where(
                    PairingRow.state == "pending", PairingRow.expires_at > now
                )
            )
        )
        code = _new_code(live)
        s.add(
            PairingRow(
                secret_hash=auth.hash_token(secret),
                code=code,
                role=role,
                branch=branch,
                name=name,
                state="pending",
                address=address,
                created_at=now,
                expires_at=now + LIFETIME,
            )
        )
    return pretty(code), secret, now + LIFETIME


def collect(db: Database, secret: str) -> tuple[str, str | None]:
    """(state, token): the token comes exactly once, on the first collect after approval."""
    now = _now()
    with db.write() as s:
        row = s.scalars(
            select(PairingRow).where(PairingRow.secret_hash == auth.hash_token(secret))
        ).first()
        if row is None:
            raise NotFound("no such pairing request", code=ProblemCode.PAIRING_NOT_FOUND)
        if row.state in ("pending", "approved") and row.expires_at <= now:
            row.state = "expired"
        if row.state != "approved":
            return row.state, None
        label = f"{row.role} {row.name} (paired {now:%Y-%m-%d})"
        token, token_row = auth.new_token(s, role=row.role, branch=row.branch, label=label)
        row.token_id, row.state = token_row.id, "collected"
        return "approved", token


def pending(db: Database, branch: str | None = None) -> list[PairingRow]:
    now = _now()
    with db.read() as s:
        query = select(PairingRow).where(PairingRow.state == "pending", PairingRow.expires_at > now)
        if branch is not None:
            query = query.where(PairingRow.branch == branch)
        return list(s.scalars(query.order_by(PairingRow.created_at)))


def decide(db: Database, code: str, *, approve: bool, branch: str | None = None) -> PairingRow:
    """Approve (make its token) or reject a pending code; `branch` limits a branch admin."""
    now = _now()
    with db.write() as s:
        row = _pending_by_code(s, normalise(code), now)
        if branch is not None and row.branch != branch:
            raise NotFound(
                f"no pending device with code {code!r}", code=ProblemCode.PAIRING_NOT_FOUND
            )
        if approve:  # the device collects within LIFETIME of this, or asks again
            row.state, row.expires_at = "approved", now + LIFETIME
        else:
            row.state = "rejected"
        s.flush()
        s.expunge(row)
        return row


def devices(db: Database) -> list[TokenRow]:
    """Active device tokens (kiosks and displays), newest first."""
    with db.read() as s:
        return list(
            s.scalars(
                select(TokenRow)
                .where(TokenRow.role.in_(DEVICE_ROLES), TokenRow.revoked_at.is_(None))
                .order_by(TokenRow.id.desc())
            )
        )


def _pending_by_code(s: Session, code: str, now: dt.datetime) -> PairingRow:
    row = s.scalars(
        select(PairingRow).where(
            PairingRow.code == code, PairingRow.state == "pending", PairingRow.expires_at > now
        )
    ).first()
    if row is None:
        raise NotFound(
            f"no pending device with code {pretty(code)!r}", code=ProblemCode.PAIRING_NOT_FOUND
        )
    return row


def _new_code(taken: set[str]) -> str:
    for _ in range(100):  # 22^6 codes, at most 50 pending: a clash is rare, a loop is bounded
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LEN))
        if code not in taken:
            return code
    raise Rejected("could not make a free pairing code; try again", code=ProblemCode.BUSY)
