"""What may be pressed at the desk now: read from the ticket state machine, no Qt.

A ticket button is enabled when the transition table (`shared.vocab.TRANSITIONS`) allows
its action from the state of the ticket at the counter; finish asks `can_finish`, since
for the caseworker it is one step from called too (start, then finish). The rest is the
desk's own: seated and not waiting for an answer, not cooling down after a call, not
paused, serving at least one service.
"""

from __future__ import annotations

from dataclasses import dataclass

from queue_server.shared.vocab import Action, TicketState, allowed, can_finish


@dataclass(frozen=True)
class Buttons:
    call_next: bool = False
    recall: bool = False
    start: bool = False
    finish: bool = False
    no_show: bool = False
    transfer: bool = False
    pause: bool = False
    call_specific: bool = False

    def allows(self, action: Action) -> bool:
        """Whether the button of a ticket action is enabled."""
        return bool(getattr(self, BUTTON_OF[action], False))


#: the ticket actions that have a button, and its name (the field of `Buttons`)
BUTTON_OF: dict[Action, str] = {
    Action.RECALL: "recall",
    Action.START: "start",
    Action.FINISH: "finish",
    Action.NO_SHOW: "no_show",
    Action.TRANSFER: "transfer",
}


def may(state: TicketState | None, action: Action) -> bool:
    """Whether the ticket at the counter (in `state`; None: no ticket) allows `action`."""
    if state is None:
        return False
    if action is Action.FINISH:
        return can_finish(state)
    return allowed(state, action)


def buttons(
    *, ready: bool, cooling: bool, paused: bool, serves: bool, state: TicketState | None
) -> Buttons:
    """The desk's buttons. `ready`: seated and no answer pending; `serves`: at least one
    service ticked; `state`: of the ticket at the counter, None when there is none."""
    if not ready:
        return Buttons()
    return Buttons(
        call_next=serves and not cooling and not paused,
        pause=True,
        call_specific=not paused,
        **{name: may(state, action) for action, name in BUTTON_OF.items()},
    )
