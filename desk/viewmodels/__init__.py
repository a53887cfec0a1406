"""The desk's state and actions as QObjects: no widgets here, the views only bind to them.

    DeskApp              app.py       which screen, language, session, live branch, tasks
    ├── LoginViewModel   login.py     server address, username + password → a staff token
    ├── CounterViewModel counters.py  the branch's counters (who sits where, paused) → claim
    └── DeskViewModel    desk.py      the actions at the counter, on top of
        └── Seat         seat.py      the seat, the ticket shown, the queue, the buttons
            ├── Holding  holding.py   an action's answer first, then the live state (no Qt)
            └── buttons  buttons.py   what may be pressed, from the transition table (no Qt)

Every server call runs on the app's `Tasks` (one thread, in order); its answer comes
back on the GUI thread. The live branch (pushed events) is the truth about the queue;
an action's own answer is shown at once and kept until the events catch up.
"""

from .app import DeskApp
from .base import Notice, Screen
from .buttons import Buttons
from .counters import CounterViewModel
from .desk import DeskViewModel
from .holding import Holding
from .login import LoginViewModel
from .seat import Seat

__all__ = [
    "Buttons",
    "CounterViewModel",
    "DeskApp",
    "DeskViewModel",
    "Holding",
    "LoginViewModel",
    "Notice",
    "Screen",
    "Seat",
]
