"""The ticket state machine of design.md §2, checked against a table written from the design."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_server.domain.errors import DomainError, InvalidTransition
from queue_server.domain.tickets import (
    AT_COUNTER,
    EVENT_OF,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    TicketState,
    next_state,
)

S, A = TicketState, Action

#: design.md §2, written out independently of tickets.py
DESIGN: dict[tuple[TicketState, Action], TicketState] = {
    (S.WAITING, A.CALL): S.CALLED,
    (S.CALLED, A.RECALL): S.CALLED,  # a recall is counted, not a new state
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
FINAL = {S.DONE, S.NO_SHOW, S.TRANSFERRED, S.CANCELLED, S.EXPIRED}
ALL_PAIRS = list(itertools.product(TicketState, Action))


def test_transition_table_is_the_design() -> None:
    assert TRANSITIONS == DESIGN


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS, ids=lambda v: v.value)
def test_every_state_action_pair_is_allowed_or_invalid(state: TicketState, action: Action) -> None:
    if (state, action) in DESIGN:
        assert next_state(state, action) is DESIGN[(state, action)]
    else:
        with pytest.raises(InvalidTransition) as caught:
            next_state(state, action)
        assert caught.value.code == "invalid_transition"
        assert isinstance(caught.value, DomainError)


def test_exhaustive_count_of_allowed_and_refused_pairs() -> None:
    allowed = refused = 0
    for state, action in ALL_PAIRS:
        try:
            next_state(state, action)
        except InvalidTransition:
            refused += 1
        else:
            allowed += 1
    assert (allowed, refused) == (12, 8 * 8 - 12)


@given(st.sampled_from(TicketState), st.sampled_from(Action))
def test_refusal_names_the_state_and_the_action(state: TicketState, action: Action) -> None:
    try:
        after = next_state(state, action)
    except InvalidTransition as exc:
        assert (state, action) not in DESIGN
        assert f"that is {state.value}" in exc.detail
        assert action.value.replace("_", "-") in exc.detail
        allowed = sorted(a.value for (s, a) in DESIGN if s == state)
        if allowed:
            assert exc.detail.endswith(f"from {state.value} it can: {', '.join(allowed)}")
        else:
            assert "it can" not in exc.detail
    else:
        assert DESIGN[(state, action)] is after


def test_refusal_message_reads_well() -> None:
    with pytest.raises(InvalidTransition) as caught:
        next_state(S.DONE, A.NO_SHOW)
    assert str(caught.value) == "cannot no-show a ticket that is done"
    with pytest.raises(InvalidTransition) as caught:
        next_state(S.SERVING, A.CANCEL)
    assert str(caught.value) == (
        "cannot cancel a ticket that is serving; from serving it can: expire, finish, transfer"
    )


def test_final_states_have_no_way_out() -> None:
    for state in FINAL:
        for action in Action:
            with pytest.raises(InvalidTransition):
                next_state(state, action)


def test_open_and_at_counter_sets() -> None:
    assert frozenset(TicketState) - FINAL == OPEN_STATES == {S.WAITING, S.CALLED, S.SERVING}
    assert {S.CALLED, S.SERVING} == AT_COUNTER
    # only a call puts a ticket at a counter; leaving it never goes back to waiting
    into_counter = {
        (s, a) for (s, a), t in TRANSITIONS.items() if t in AT_COUNTER and s not in AT_COUNTER
    }
    assert into_counter == {(S.WAITING, A.CALL)}
    assert all(t is not S.WAITING for t in TRANSITIONS.values())


def test_which_states_cancel_no_show_transfer_and_expire_apply_to() -> None:
    assert {s for (s, a) in TRANSITIONS if a is A.CANCEL} == {S.WAITING}
    assert {s for (s, a) in TRANSITIONS if a is A.NO_SHOW} == {S.CALLED}
    assert {s for (s, a) in TRANSITIONS if a in (A.TRANSFER, A.EXPIRE)} == OPEN_STATES


def test_every_action_has_its_own_event() -> None:
    assert set(EVENT_OF) == set(Action)
    assert len(set(EVENT_OF.values())) == len(Action)
    assert all(kind.startswith("ticket.") for kind in EVENT_OF.values())
    assert EVENT_OF[A.CALL] == "ticket.called" and EVENT_OF[A.NO_SHOW] == "ticket.no_show"


@given(st.lists(st.sampled_from(Action), max_size=12))
def test_any_action_sequence_stays_inside_the_machine(actions: list[Action]) -> None:
    state = S.WAITING
    recalls = 0
    for action in actions:
        try:
            after = next_state(state, action)
        except InvalidTransition:
            assert (state, action) not in DESIGN
            continue
        assert DESIGN[(state, action)] is after
        recalls += action is A.RECALL
        if state in FINAL:
            pytest.fail(f"left final state {state}")
        state = after
    assert state in set(TicketState)
    if recalls:
        assert any(a is A.CALL for a in actions)
