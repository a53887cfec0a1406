"""Bearer tokens and staff accounts.

Tokens are 256-bit random strings shown once and stored as SHA-256 hashes (they carry
enough entropy that a slow hash adds nothing); staff passwords are argon2 hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .db.engine import Database
from .db.models import StaffRow, TokenRow
from .shared.vocab import ProblemCode

ROLES = ("kiosk", "display", "caseworker", "admin", "manager")
#: the roles of staff accounts (a manager reads statistics and the overview only)
STAFF_ROLES = ("caseworker", "admin", "manager")
# OWASP's argon2id setting (19 MiB, 2 passes, 1 lane): argon2-cffi's default takes 64 MiB
# per hash, which at start-up (the dummy below) and at every login was a third of the
# server's memory budget. Hashes made with other settings still verify.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# verifying against this when the user is unknown keeps the timing the same
_DUMMY_HASH = _hasher.hash("not a password")


class AuthError(Exception):
    """Missing, unknown or revoked credentials (HTTP 401)."""

    code: str = ProblemCode.UNAUTHORIZED


class Forbidden(Exception):
    """Known credentials that may not do this (HTTP 403)."""

    code: str = ProblemCode.FORBIDDEN


@dataclass(frozen=True)
class Principal:
    token_id: int
    role: str
    branch: str | None  # None: every branch (site admins)
    username: str | None = None

    @property
    def actor_name(self) -> str:
        return self.username or f"token-{self.token_id}"

    def require(self, *roles: str, branch: str | None = None) -> None:
        if self.role not in roles:
            raise Forbidden(f"a {self.role} token cannot do this (needs {' or '.join(roles)})")
        if branch is not None and self.branch is not None and self.branch != branch:
            raise Forbidden(f"this token is for branch {self.branch}, not {branch}")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_token(
    db: Database,
    *,
    role: str,
    branch: str | None,
    label: str = "",
    username: str | None = None,
    lifetime: dt.timedelta | None = None,
) -> str:
    with db.write() as s:
        token, _ = new_token(
            s, role=role, branch=branch, label=label, username=username, lifetime=lifetime
        )
    return token


def new_token(
    s: Session,
    *,
    role: str,
    branch: str | None,
    label: str = "",
    username: str | None = None,
    lifetime: dt.timedelta | None = None,
) -> tuple[str, TokenRow]:
    """A new token inside the caller's transaction: the secret (shown once) and its row;
    it expires after `lifetime` (None: when revoked)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
    # a fixed prefix: a token never starts with "-", which command lines would take for
    # an option (--token -abc…), and it is recognisable in a config file
    token = "dt_" + secrets.token_urlsafe(32)
    row = TokenRow(
        token_hash=hash_token(token),
        role=role,
        branch=branch,
        label=label,
        username=username,
        created_at=_now(),
        expires_at=_now() + lifetime if lifetime is not None else None,
    )
    s.add(row)
    s.flush()
    return token, row


def authenticate(db: Database, token: str) -> Principal:
    with db.read() as s:
        return principal_in(s, token)


_BY_HASH = select(
    TokenRow.id, TokenRow.role, TokenRow.branch, TokenRow.username, TokenRow.expires_at
).where(TokenRow.token_hash == bindparam("h"), TokenRow.revoked_at.is_(None))


def live_token_hashes(db: Database, hashes: set[str]) -> set[str]:
    """Which of these token hashes are known and not revoked."""
    with db.read() as s:
        return set(
            s.scalars(
                select(TokenRow.token_hash).where(
                    TokenRow.token_hash.in_(hashes),
                    TokenRow.revoked_at.is_(None),
                    or_(TokenRow.expires_at.is_(None), TokenRow.expires_at > _now()),
                )
            )
        )


def principal_in(s: Session, token: str) -> Principal:
    """Who holds `token`, read in the caller's transaction: a write checks its token in
    the same transaction as the change, so a token revoked before it cannot slip in."""
    row = s.connection().execute(_BY_HASH, {"h": hash_token(token)}).first()
    if row is None:
        raise AuthError("the token is unknown or revoked")
    if row[4] is not None and _aware(row[4]) <= _now():
        raise AuthError("the login has expired; log in again")
    return Principal(token_id=row[0], role=row[1], branch=row[2], username=row[3])


def revoke_token(db: Database, token_id: int) -> bool:
    with db.write() as s:
        row = s.get(TokenRow, token_id)
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = _now()
        return True


def add_staff(db: Database, *, username: str, password: str, role: str, branch: str | None) -> None:
    if role not in STAFF_ROLES:
        raise ValueError(f"staff role must be one of {', '.join(STAFF_ROLES)}")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    try:
        with db.write() as s:
            s.add(
                StaffRow(
                    username=username,
                    password_hash=_hasher.hash(password),
                    role=role,
                    branch=branch,
                    created_at=_now(),
                    disabled=False,
                )
            )
    except IntegrityError:
        raise ValueError(f"a user named {username!r} exists already") from None


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def login(
    db: Database,
    username: str,
    password: str,
    *,
    lifetime: dt.timedelta | None = None,
    hashing: Callable[[Callable[[], bool]], bool] = lambda verify: verify(),
) -> tuple[str, Principal]:
    """A new caseworker/admin token for valid credentials, lasting `lifetime`; AuthError
    otherwise. An unknown user costs the same hash as a wrong password; `hashing` runs the
    hash (the server bounds how many run at once)."""
    with db.read() as s:
        staff = s.scalars(select(StaffRow).where(StaffRow.username == username)).first()
    stored = staff.password_hash if staff else _DUMMY_HASH
    if not hashing(lambda: _verify(stored, password)) or staff is None or staff.disabled:
        raise AuthError("wrong username or password")
    token = create_token(
        db,
        role=staff.role,
        branch=staff.branch,
        label="login",
        username=username,
        lifetime=lifetime,
    )
    return token, authenticate(db, token)


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
