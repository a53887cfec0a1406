"""The ticket state machine of design.md §2.

waiting → called → serving → done
called  → no_show                      (by hand, or after recalls)
waiting | called | serving → transferred   (a new waiting ticket elsewhere)
waiting → cancelled                    (the citizen, from the status page)
waiting | called | serving → expired   (at the end of the business day)
called  → called                       (a recall: counted, not a new state)
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InvalidTransition


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

OPEN_STATES = frozenset({S.WAITING, S.CALLED, S.SERVING})
#: states in which a counter holds the ticket
AT_COUNTER = frozenset({S.CALLED, S.SERVING})

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

#: the event each action emits on the wire
EVENT_OF: dict[Action, str] = {
    A.CALL: "ticket.called",
    A.RECALL: "ticket.recalled",
    A.START: "ticket.started",
    A.FINISH: "ticket.finished",
    A.NO_SHOW: "ticket.no_show",
    A.TRANSFER: "ticket.transferred",
    A.CANCEL: "ticket.cancelled",
    A.EXPIRE: "ticket.expired",
}


def next_state(state: TicketState, action: Action) -> TicketState:
    """The state after `action`, or InvalidTransition naming both."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        allowed = sorted(a.value for (s, a) in TRANSITIONS if s == state)
        can = f"; from {state.value} it can: {', '.join(allowed)}" if allowed else ""
        raise InvalidTransition(
            f"cannot {action.value.replace('_', '-')} a ticket that is {state.value}{can}"
        ) from None
