"""Tables. Times are stored as UTC; business days as the branch's local date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both engines (SQLite stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: object
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # a number is unique in the service that gave it, among the tickets that stand for
        # it: a transferred ticket hands its number on to the one it became
        Index(
            "uq_ticket_number",
            "branch",
            "number_service",
            "business_day",
            "serial",
            unique=True,
            postgresql_where=text("state <> 'transferred'"),
            sqlite_where=text("state <> 'transferred'"),
        ),
        # the call policy's order within one service line (call-next, people ahead)
        Index("ix_tickets_queue", "branch", "state", "service", "priority", "arrived_at", "id"),
        Index("ix_tickets_counter", "counter", "state"),  # what a counter holds
        # the line of tickets sent to one counter (call-next reads its head)
        Index(
            "ix_tickets_sent",
            "for_counter",
            "state",
            "business_day",
            "priority",
            "arrived_at",
            "id",
        ),
        # wait estimates: recent calls per branch, recent finished tickets per service
        Index("ix_tickets_called", "branch", "called_at"),
        Index("ix_tickets_finished", "branch", "service", "state", "finished_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    branch: Mapped[str] = mapped_column(String(40))
    service: Mapped[str] = mapped_column(String(40))  # where it waits now
    number_service: Mapped[str] = mapped_column(String(40))  # the service that numbered it
    business_day: Mapped[dt.date] = mapped_column(Date)
    serial: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    display: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    paperless: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(Integer)
    for_counter: Mapped[str | None] = mapped_column(String(40))
    arrived_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    counter: Mapped[str | None] = mapped_column(String(40))
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    transferred_from: Mapped[str | None] = mapped_column(String(32))
    transferred_to: Mapped[str | None] = mapped_column(String(32))
    status_token: Mapped[str] = mapped_column(String(64), unique=True)
    # the wait promised at issue and the first call (a recall moves called_at): the
    # actual wait is first_called_at − issued_at (migration 0008)
    promised_low_s: Mapped[int | None] = mapped_column(Integer)
    promised_high_s: Mapped[int | None] = mapped_column(Integer)
    first_called_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class TicketHistoryRow(Base):
    __tablename__ = "ticket_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(80))
    counter: Mapped[str | None] = mapped_column(String(40))


class NumberCounterRow(Base):
    """The last serial handed out per (branch, service, business day): the allocation lock."""

    __tablename__ = "number_counters"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    business_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class BranchSeqRow(Base):
    """The branch's event sequence; every write locks it, so seq order is commit order."""

    __tablename__ = "branch_seq"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class QueueLineRow(Base):
    """How many tickets wait in a service's line at a branch, changed with each ticket."""

    __tablename__ = "queue_lines"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    waiting: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class EventRow(Base):
    __tablename__ = "events"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    payload: Mapped[str] = mapped_column(Text)  # the wire Event as JSON, sent as is


class TokenRow(Base):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    branch: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)  # None: never


class StaffRow(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    branch: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class CounterSessionRow(Base):
    """Who holds a counter now, and whether they are on a pause (shown to colleagues)."""

    __tablename__ = "counter_sessions"

    counter: Mapped[str] = mapped_column(String(40), primary_key=True)
    branch: Mapped[str] = mapped_column(String(40))
    holder: Mapped[str] = mapped_column(String(80))
    since: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    paused: Mapped[str | None] = mapped_column(String(16))
    paused_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class CounterPlanRow(Base):
    """A counter's announced absence (lunch, shift end, opening later) for wait estimates:
    [away_from, back_at); back_at None is the rest of the business day."""

    __tablename__ = "counter_plans"
    __table_args__ = (Index("ix_counter_plans_branch_day", "branch", "business_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    counter: Mapped[str] = mapped_column(String(40))
    branch: Mapped[str] = mapped_column(String(40))
    business_day: Mapped[dt.date] = mapped_column(Date)
    away_from: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    back_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(16), default="", server_default="")
    actor: Mapped[str] = mapped_column(String(80), default="", server_default="")


class DeviceHealthRow(Base):
    """The last reported health of a device's part (a kiosk's printer), keyed by the token
    that reported it: a device can only ever change its own rows, in its own branch."""

    __tablename__ = "device_health"

    token_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    device: Mapped[str] = mapped_column(String(40))  # what the device calls itself
    branch: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class GuideOutcomeRow(Base):
    """How a self-service guide at a kiosk ended: the statistic of tickets not needed."""

    __tablename__ = "guide_outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40))
    guide: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))
    business_day: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_guide_outcomes_branch_day", "branch", "business_day"),)


class PairingRow(Base):
    """A device asking to join: it shows `code`, an admin approves, it collects its token."""

    __tablename__ = "pairings"
    __table_args__ = (Index("ix_pairings_address", "address", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code: Mapped[str] = mapped_column(String(12), index=True)
    role: Mapped[str] = mapped_column(String(16))
    branch: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(16))  # pending approved rejected collected
    token_id: Mapped[int | None] = mapped_column(Integer)  # made when the device collects
    address: Mapped[str | None] = mapped_column(String(64))  # who asked: limits per address
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
