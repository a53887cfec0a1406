"""The words every layer shares: ticket states and actions, roles, reasons, statuses, the
problem codes the server sends and the close codes of its sockets.

Server and apps import these, so a name is spelled once. Values are the wire's strings
(`StrEnum` compares equal to them), so the JSON is what it always was.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    EXPIRE = "expire"


S, A = TicketState, Action

#: the ticket state machine of design.md §2: (state, action) → state after
TRANSITIONS: dict[tuple[TicketState, Action], TicketState] = {
    (S.WAITING, A.CALL): S.CALLED,
    (S.CALLED, A.RECALL): S.CALLED,
    (S.CALLED, A.START): S.SERVING,
    (S.SERVING, A.FINISH): S.DONE,
    (S.CALLED, A.NO_SHOW): S.NO_SHOW,
    (S.WAITING, A.TRANSFER): S.TRANSFERRED,
    (S.CALLED, A.TRANSFER): S.TRANSFERRED,
    (S.SERVING, A.TRANSFER): S.TRANSFERRED,
    (S.WAITING, A.CANCEL): S.CANCELLED,
    (S.WAITING, A.EXPIRE): S.EXPIRED,
    (S.CALLED, A.EXPIRE): S.EXPIRED,
    (S.SERVING, A.EXPIRE): S.EXPIRED,
}

OPEN_STATES = frozenset({S.WAITING, S.CALLED, S.SERVING})
#: states in which a counter holds the ticket
AT_COUNTER = frozenset({S.CALLED, S.SERVING})
#: a finish from CALLED is a start and a finish (the citizen sat down and was helped)
FINISH_STEPS: dict[TicketState, tuple[Action, ...]] = {
    S.CALLED: (A.START, A.FINISH),
    S.SERVING: (A.FINISH,),
}


def allowed(state: str, action: Action) -> bool:
    """Whether `action` may be taken on a ticket in `state` (the desk's buttons ask this)."""
    try:
        return (TicketState(state), action) in TRANSITIONS
    except ValueError:
        return False


def can_finish(state: str) -> bool:
    """Finish is one step for the caseworker from called or serving."""
    try:
        return TicketState(state) in FINISH_STEPS
    except ValueError:
        return False


class EventType(StrEnum):
    TICKET_ISSUED = "ticket.issued"
    TICKET_CALLED = "ticket.called"
    TICKET_RECALLED = "ticket.recalled"
    TICKET_STARTED = "ticket.started"
    TICKET_FINISHED = "ticket.finished"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_TRANSFERRED = "ticket.transferred"
    TICKET_CANCELLED = "ticket.cancelled"
    TICKET_EXPIRED = "ticket.expired"
    COUNTER_CLAIMED = "counter.claimed"
    COUNTER_RELEASED = "counter.released"
    COUNTER_PAUSED = "counter.paused"
    COUNTER_RESUMED = "counter.resumed"
    DEVICE_HEALTH = "device.health"
    SERVICES_CHANGED = "services.changed"


#: the event each action emits
EVENT_OF: dict[Action, EventType] = {
    A.CALL: EventType.TICKET_CALLED,
    A.RECALL: EventType.TICKET_RECALLED,
    A.START: EventType.TICKET_STARTED,
    A.FINISH: EventType.TICKET_FINISHED,
    A.NO_SHOW: EventType.TICKET_NO_SHOW,
    A.TRANSFER: EventType.TICKET_TRANSFERRED,
    A.CANCEL: EventType.TICKET_CANCELLED,
    A.EXPIRE: EventType.TICKET_EXPIRED,
}
#: events that put a number on a board and are announced
CALL_EVENTS = frozenset({EventType.TICKET_CALLED, EventType.TICKET_RECALLED})


class Priority(IntEnum):
    """The call policy's classes, most urgent first (design.md §3)."""

    APPOINTMENT = 0
    TRANSFERRED = 1
    WALK_IN = 2


class Role(StrEnum):
    KIOSK = "kiosk"
    DISPLAY = "display"
    CASEWORKER = "caseworker"
    ADMIN = "admin"
    MANAGER = "manager"  # reads statistics and the overview; changes nothing


#: who works a desk (a manager logs in, but not at a counter)
STAFF_ROLES = frozenset({Role.CASEWORKER, Role.ADMIN})
#: who may read the statistics of a branch (docs/statistics.md)
STATS_ROLES = frozenset({Role.ADMIN, Role.MANAGER})
DEVICE_ROLES = frozenset({Role.KIOSK, Role.DISPLAY})


class PauseReason(StrEnum):
    BREAK = "break"
    PHONE = "phone"
    ADMIN = "admin"
    OTHER = "other"


class DeviceStatus(StrEnum):
    OK = "ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


class GuideOutcomeKind(StrEnum):
    SELF_SERVED = "self_served"
    TICKET = "ticket"
    PRINTED = "printed"


class PairingState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    COLLECTED = "collected"
    EXPIRED = "expired"


class ProblemCode(StrEnum):
    """Every `code` a problem response of the server can carry (the apps match on these)."""

    # requests
    INVALID_REQUEST = "invalid_request"
    MALFORMED_JSON = "malformed_json"
    BODY_TOO_LARGE = "body_too_large"
    HEADERS_TOO_LARGE = "headers_too_large"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    HTTP_ERROR = "http_error"
    INTERNAL_ERROR = "internal_error"
    # who you are
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    BAD_ROLE = "bad_role"
    TOKEN_WITHOUT_BRANCH = "token_without_branch"
    RATE_LIMITED = "rate_limited"
    BUSY = "busy"
    # what you asked about
    UNKNOWN_BRANCH = "unknown_branch"
    UNKNOWN_SERVICE = "unknown_service"
    UNKNOWN_COUNTER = "unknown_counter"
    UNKNOWN_GUIDE = "unknown_guide"
    TICKET_NOT_FOUND = "ticket_not_found"
    PAIRING_NOT_FOUND = "pairing_not_found"
    # the rules
    DOMAIN_ERROR = "domain_error"
    REJECTED = "rejected"
    SERVICE_CLOSED = "service_closed"
    SERVICE_FULL = "service_full"
    SERVICE_NOT_OFFERED = "service_not_offered"
    NUMBERS_EXHAUSTED = "numbers_exhausted"
    COUNTER_MISMATCH = "counter_mismatch"
    COUNTER_NOT_SERVING = "counter_not_serving"
    COUNTER_WRONG_BRANCH = "counter_wrong_branch"
    COUNTER_TAKEN = "counter_taken"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_CLOSED = "counter_closed"  # nobody holds it: no transfer there
    INVALID_TRANSITION = "invalid_transition"


class CloseCode(IntEnum):
    """Why the server closed an events socket (4000–4999 are the application's own)."""

    BAD_TOKEN = 4401  # unknown, revoked or expired token: pair or log in again
    WRONG_BRANCH = 4403  # the token is for another branch
    UNKNOWN = 4404  # no such branch (or, on the ticket page's socket, ticket)
    TOO_SLOW = 4408  # fell too far behind: reconnect with `since`
    BAD_REQUEST = 4400  # a malformed `since` or first message


#: close codes after which reconnecting with the same token is pointless
FATAL_CLOSE_CODES = frozenset({CloseCode.BAD_TOKEN, CloseCode.WRONG_BRANCH, CloseCode.UNKNOWN})
