"""Speech and sounds behind one small interface; missing audio is a quiet, degraded mode.

`QtSpeech` uses QtTextToSpeech (Danish through speech-dispatcher) and QSoundEffect for
the idle chime. With no engine, no voice for a language or no sound card it says nothing
and logs once; it never raises into the UI. `FakeSpeech` records what would be said.
"""

from __future__ import annotations

import logging
import math
import struct
import tempfile
import wave
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger("dintur.kiosk.speech")

LOCALES = {
    "da": ("Danish", "Denmark"),
    "en": ("English", "UnitedKingdom"),
    "ar": ("Arabic", "SaudiArabia"),
    "uk": ("Ukrainian", "Ukraine"),
    "so": ("Somali", "Somalia"),
    "tr": ("Turkish", "Turkey"),
    "pl": ("Polish", "Poland"),
}


class Speech(Protocol):
    def supports(self, language: str) -> bool:
        """A voice for `language` exists (else the caller may pick another language)."""
        ...

    def say(self, text: str, language: str) -> None: ...

    def stop(self) -> None: ...

    def chime(self) -> None:
        """A short, gentle sound (the idle warning)."""
        ...


class NullSpeech:
    def supports(self, language: str) -> bool:
        return False

    def say(self, text: str, language: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def chime(self) -> None:
        pass


class FakeSpeech:
    """Records what would be said; for tests."""

    def __init__(self, languages: tuple[str, ...] = tuple(LOCALES)) -> None:
        self.languages = languages
        self.said: list[tuple[str, str]] = []  # (language, text)
        self.chimes = 0
        self.stops = 0

    def supports(self, language: str) -> bool:
        return language in self.languages

    def say(self, text: str, language: str) -> None:
        self.said.append((language, text))

    def stop(self) -> None:
        self.stops += 1

    def chime(self) -> None:
        self.chimes += 1


class QtSpeech:
    """QTextToSpeech and QSoundEffect, created on first use; every failure is quiet."""

    def __init__(self, engine: str | None = None, chime_volume: float = 0.6) -> None:
        self.engine_name = engine
        self.chime_volume = chime_volume
        self._tts: Any = None
        self._failed = False
        self._sound: Any = None
        self._sound_failed = False
        self._locales: dict[tuple[str, str], Any] = {}
        self._logged: set[str] = set()

    def _engine(self) -> Any:
        if self._tts is not None or self._failed:
            return self._tts
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engines = QTextToSpeech.availableEngines()
            name = self.engine_name or ("speechd" if "speechd" in engines else None)
            tts = QTextToSpeech(name) if name else QTextToSpeech()
            if tts.state() == QTextToSpeech.State.Error:
                self._quiet("engine", f"no speech engine ({tts.errorString()}); speech is off")
                self._failed = True
                return None
            self._tts = tts
            self._locales = {_key(loc): loc for loc in tts.availableLocales()}
        except Exception as exc:  # an import or plug-in failure: degrade, don't crash
            self._quiet("engine", f"speech unavailable: {exc}")
            self._failed = True
        return self._tts

    def _quiet(self, what: str, message: str) -> None:
        if what not in self._logged:
            self._logged.add(what)
            log.warning(message)

    def _locale_for(self, language: str) -> Any:
        want = LOCALES.get(language)
        if want is None:
            return None
        for key, loc in self._locales.items():
            if key == want:
                return loc
        for key, loc in self._locales.items():  # any country for the language
            if key[0] == want[0]:
                return loc
        return None

    def supports(self, language: str) -> bool:
        return self._engine() is not None and self._locale_for(language) is not None

    def say(self, text: str, language: str) -> None:
        tts = self._engine()
        if tts is None or not text:
            return
        loc = self._locale_for(language)
        if loc is None:
            self._quiet(f"voice-{language}", f"no voice for {language!r}; not read aloud")
            return
        try:
            tts.stop()
            if tts.locale() != loc:
                tts.setLocale(loc)
            tts.say(text)
        except Exception as exc:
            self._quiet("say", f"speech failed: {exc}")

    def stop(self) -> None:
        if self._tts is not None:
            try:
                self._tts.stop()
            except Exception as exc:
                self._quiet("stop", f"speech stop failed: {exc}")

    def chime(self) -> None:
        if self._sound_failed:
            return
        try:
            if self._sound is None:
                from PySide6.QtCore import QUrl
                from PySide6.QtMultimedia import QSoundEffect

                sound = QSoundEffect()
                sound.setSource(QUrl.fromLocalFile(str(chime_wav())))
                sound.setVolume(self.chime_volume)
                self._sound = sound
            if self._sound.status() == self._sound.Status.Error:
                self._quiet("chime", "no sound device; the idle warning is visual only")
                self._sound_failed = True
                return
            self._sound.play()
        except Exception as exc:
            self._quiet("chime", f"chime unavailable: {exc}")
            self._sound_failed = True


def _key(locale: Any) -> tuple[str, str]:
    """("Danish", "Denmark") for a QLocale."""
    return (str(locale.language().name), str(locale.territory().name))


_CHIME: Path | None = None


def chime_wav() -> Path:
    """Two soft tones (E5 then C5), written once to a temp file."""
    global _CHIME
    if _CHIME is not None and _CHIME.exists():
        return _CHIME
    rate = 22050
    frames = bytearray()
    for freq in (659.25, 523.25):
        n = int(rate * 0.22)
        for i in range(n):
            envelope = math.sin(math.pi * i / n)  # no clicks at the ends
            sample = 0.35 * envelope * math.sin(2 * math.pi * freq * i / rate)
            frames += struct.pack("<h", int(sample * 32767))
    fd, name = tempfile.mkstemp(prefix="dintur-chime-", suffix=".wav")
    path = Path(name)
    with open(fd, "wb") as raw, wave.open(raw, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    _CHIME = path
    return path
