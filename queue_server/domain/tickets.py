"""The ticket state machine of design.md §2, as the domain enforces it.

waiting → called → serving → done
called  → no_show                      (by hand, or after recalls)
waiting | called | serving → transferred   (to another service or counter; same number)
waiting → cancelled                    (the citizen, from the status page)
waiting | called | serving → expired   (at the end of the business day)
called  → called                       (a recall: counted, not a new state)

The table itself lives in `shared.vocab`, so the apps' buttons follow the same rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..shared.vocab import (
    AT_COUNTER,
    EVENT_OF,
    FINISH_STEPS,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    TicketState,
)
from .errors import InvalidTransition

__all__ = [
    "AT_COUNTER",
    "EVENT_OF",
    "FINISH_STEPS",
    "OPEN_STATES",
    "TRANSITIONS",
    "Action",
    "TicketState",
    "changes",
    "finish_steps",
    "next_state",
]

#: actions that end a ticket's time at the branch (or in its service)
ENDING = frozenset({Action.FINISH, Action.NO_SHOW, Action.CANCEL, Action.EXPIRE, Action.TRANSFER})


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


def finish_steps(state: TicketState) -> tuple[Action, ...]:
    """The actions that take a ticket at a counter to done: from called, start then finish."""
    steps = FINISH_STEPS.get(state)
    if steps is None:
        next_state(state, Action.FINISH)  # raises, naming the state
        raise AssertionError("unreachable")
    return steps


def changes(
    state: TicketState,
    action: Action,
    now: dt.datetime,
    *,
    recalls: int = 0,
    counter: str | None = None,
) -> dict[str, Any]:
    """The fields an action sets on a ticket in `state`: its new state and the action's
    timestamp (a call also names the counter, a recall counts). InvalidTransition if the
    action is not allowed."""
    after = next_state(state, action)
    values: dict[str, Any] = {"state": after.value}
    if action is Action.CALL:
        if counter is None:
            raise ValueError("a call needs the counter")
        values.update(counter=counter, called_at=now)
    elif action is Action.RECALL:
        values.update(recalls=recalls + 1, called_at=now)
    elif action is Action.START:
        values.update(started_at=now)
    elif action in ENDING:
        values.update(finished_at=now)
    return values
