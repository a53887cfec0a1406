"""The idle watch: after a quiet while a warning with a countdown, then back to start.

Qt-free and clock-free: the view-model feeds it one `tick()` a second (a QTimer in the
app, a plain call in tests), so time-based behaviour is tested without waiting.
"""

from __future__ import annotations

import enum


class Tick(enum.Enum):
    QUIET = "quiet"  # nothing to show
    WARN = "warn"  # the warning starts now
    COUNT = "count"  # the warning's countdown moved on
    EXPIRE = "expire"  # time is up: back to start


class IdleWatch:
    def __init__(self, idle_after_s: int = 60, warn_for_s: int = 20) -> None:
        if idle_after_s < 1 or warn_for_s < 1:
            raise ValueError("idle times are whole seconds, at least 1")
        self.idle_after_s = idle_after_s
        self.warn_for_s = warn_for_s
        self.armed = False
        self.quiet_s = 0

    @property
    def warning(self) -> bool:
        return self.armed and self.quiet_s >= self.idle_after_s

    @property
    def seconds_left(self) -> int:
        return max(0, self.idle_after_s + self.warn_for_s - self.quiet_s)

    def arm(self) -> None:
        """Start watching (a visit has begun)."""
        self.armed = True
        self.quiet_s = 0

    def disarm(self) -> None:
        """Stop watching (back at the start screen)."""
        self.armed = False
        self.quiet_s = 0

    def activity(self) -> bool:
        """The citizen touched the screen; True if that ended a warning."""
        was = self.warning
        self.quiet_s = 0
        return was

    def more_time(self) -> None:
        self.quiet_s = 0

    def tick(self, seconds: int = 1) -> Tick:
        if not self.armed:
            return Tick.QUIET
        was = self.warning
        self.quiet_s += seconds
        if self.quiet_s >= self.idle_after_s + self.warn_for_s:
            self.disarm()
            return Tick.EXPIRE
        if self.warning:
            return Tick.COUNT if was else Tick.WARN
        return Tick.QUIET
