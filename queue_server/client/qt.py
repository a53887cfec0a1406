"""The Qt bridge: the only client module that touches PySide6.

The event stream calls back on its own thread; Qt objects may only be touched on the
GUI thread, so every callback crosses over as a queued signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from ..shared import wire
from ..shared.state import BranchState
from .events import EventStream


class LiveBranch(QObject):
    """Emits `changed(state, event or None)`, `statusChanged(status, detail)` on the GUI thread."""

    changed = Signal(object, object)
    statusChanged = Signal(str, str)
    _fromStream = Signal(object, object)
    _statusFromStream = Signal(str, str)

    def __init__(
        self,
        base_url: str,
        token: str,
        branch: str,
        parent: QObject | None = None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self._fromStream.connect(self.changed, Qt.ConnectionType.QueuedConnection)
        self._statusFromStream.connect(self.statusChanged, Qt.ConnectionType.QueuedConnection)
        self.stream = EventStream(
            base_url,
            token,
            branch,
            on_change=self._relay,
            on_status=self._statusFromStream.emit,
            compact=compact,
        )

    def _relay(self, state: BranchState, event: wire.Event | None) -> None:
        self._fromStream.emit(state, event)

    @property
    def state(self) -> BranchState | None:
        return self.stream.state

    @property
    def status(self) -> str:
        return self.stream.status

    def start(self) -> None:
        self.stream.start()

    def stop(self) -> None:
        self.stream.stop()
