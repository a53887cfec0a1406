"""Fakes at the edges for the display tests: a recording speech engine and a silent chime.

Not in conftest.py: test folders have no __init__, so test modules import this by name.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from display.announcer import ChimePlayer, SpeechEngine


class FakeSpeech(SpeechEngine):
    """Records what it is asked to say; a line ends when the test says so (or at once)."""

    def __init__(self, languages: tuple[str, ...] = ("da", "en", "uk"), auto: bool = False) -> None:
        super().__init__()
        self.languages = languages
        self.auto = auto
        self.lines: list[tuple[str, str]] = []
        self.speaking: tuple[str, str] | None = None
        self.stopped = 0

    def can_speak(self, language: str) -> bool:
        return language in self.languages

    def say(self, text: str, language: str) -> None:
        assert self.speaking is None, f"{text!r} would cut off {self.speaking!r}"
        self.lines.append((text, language))
        self.speaking = (text, language)
        if self.auto:
            QTimer.singleShot(0, self.finish)

    def finish(self) -> None:
        if self.speaking is not None:
            self.speaking = None
            self.finished.emit()

    def stop(self) -> None:
        self.stopped += 1
        self.speaking = None


class FakeChime(ChimePlayer):
    def __init__(self) -> None:
        super().__init__()
        self.plays = 0

    @property
    def duration_ms(self) -> int:
        return 100

    def play(self) -> bool:
        self.plays += 1
        QTimer.singleShot(0, self.finished.emit)
        return True
