"""What may be pressed comes from the ticket state machine, not from a list of its own."""

from __future__ import annotations

import pytest

from desk.viewmodels.buttons import BUTTON_OF, Buttons, buttons
from queue_server.shared.vocab import FINISH_STEPS, TRANSITIONS, Action, TicketState


def at(state: TicketState | None, **kw: bool) -> Buttons:
    given = {"ready": True, "cooling": False, "paused": False, "serves": True, **kw}
    return buttons(state=state, **given)


@pytest.mark.parametrize("state", list(TicketState))
def test_each_ticket_button_follows_the_transition_table(state: TicketState) -> None:
    shown = at(state)
    for action in BUTTON_OF:
        table = state in FINISH_STEPS if action is Action.FINISH else (state, action) in TRANSITIONS
        assert shown.allows(action) == table, (state, action)


def test_the_buttons_of_a_called_and_a_serving_ticket() -> None:
    """What the desk always offered, now read from the table."""
    on = {a for a in BUTTON_OF if at(TicketState.CALLED).allows(a)}
    assert on == {Action.RECALL, Action.START, Action.FINISH, Action.NO_SHOW, Action.TRANSFER}
    on = {a for a in BUTTON_OF if at(TicketState.SERVING).allows(a)}
    assert on == {Action.FINISH, Action.TRANSFER}
    assert not any(at(None).allows(a) for a in BUTTON_OF)


def test_the_desks_own_conditions() -> None:
    assert at(None) == Buttons(call_next=True, pause=True, call_specific=True)
    assert at(TicketState.CALLED, ready=False) == Buttons()  # not seated, or an answer pending
    paused = at(None, paused=True)
    assert not paused.call_next and not paused.call_specific and paused.pause
    assert not at(None, cooling=True).call_next and at(None, cooling=True).call_specific
    assert not at(None, serves=False).call_next
