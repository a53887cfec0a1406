"""The kiosk's view-model: a thin Qt facade over the visit (`visit.py`), its words
(`content.py`) and the branch (`link.py`), registered for QML as `DinTur.Kiosk`.

The QML binds to the properties of `Presented` and calls these slots; nothing is decided
here. After every change the facade works out once what the screen shows (`shown.py`);
only properties whose value changed are signalled. Server and printer work runs on the
shared task runner and its answers become the visit's next step.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from queue_server.client.tasks import Tasks

from . import geometry
from .backend import KioskBackend
from .content import Content
from .idle import IdleWatch, Tick
from .link import BranchLink
from .options import Options
from .outcomes import Issued, IssueOutcome
from .presented import Presented, cap_ratio
from .shown import Showing
from .speech import NullSpeech, Speech
from .texts import LANGUAGE_CODES, LANGUAGES, Texts
from .visit import Screen, Visit
from .wording import Wording

log = logging.getLogger("dintur.kiosk")

QML_IMPORT_NAME = "DinTur.Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the kiosk's composition root (kiosk/app.py) makes its view-model")
class KioskViewModel(Presented):  # type: ignore[operator]  # (PySide6's stub of the decorator)
    screenEntered = Signal(str)  # every time a screen is entered (the tests follow it)
    ticketShown = Signal(object)  # the Issued outcome, for tests and the bench

    def __init__(
        self,
        backend: KioskBackend,
        texts: Texts,
        screen: geometry.Screen,
        *,
        tasks: Tasks | None = None,
        speech: Speech | None = None,
        options: Options | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        parent: QObject | None = None,
    ) -> None:
        speech = speech or NullSpeech()
        super().__init__(
            {
                "languages": [{"code": c, "name": n} for c, n in LANGUAGES],
                "speechAvailable": any(speech.supports(x) for x in LANGUAGE_CODES),
            },
            parent,
        )
        self.backend, self.texts, self.speech, self.clock = backend, texts, speech, clock
        self.options = options or Options()
        self.tasks = tasks or Tasks(self, workers=2, name="kiosk-task")
        self.cap_ratio = cap_ratio(self.options.font_family)
        self.showing = Showing(texts, screen, self.options.font_family, self.cap_ratio)
        self.visit = Visit()
        self.idle = IdleWatch(self.options.idle_after_s, self.options.idle_warn_s)
        self.link = BranchLink(backend, self.tasks, printer_poll_s=self.options.printer_poll_s)
        self.link.setParent(self)
        self.link.changed.connect(self._publish)
        self._entered_at = 0.0
        self.idle_timer = self._timer(1000, self.idleTick)
        self.clock_timer = self._timer(20_000, self._publish)
        self._shown["welcomeAll"] = self.content().welcome_all()
        self._publish()

    def _timer(self, ms: int, tick: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.timeout.connect(tick)
        timer.start()
        return timer

    def begin(self) -> None:
        self.link.begin()

    def shutdown(self) -> None:
        for timer in (self.idle_timer, self.clock_timer):
            timer.stop()
        self.link.stop()
        self.speech.stop()
        self.tasks.close()

    def set_screen(self, screen: geometry.Screen) -> None:
        """A new window size (rotation, or the real screen at start)."""
        self.showing.screen = screen
        self._publish()

    def set_busy(self, busy: bool) -> None:
        self.visit.busy = busy
        self._publish()

    # --- what the screen shows ----------------------------------------------------------

    def content(self, language: str | None = None) -> Content:
        return self.showing.content(self.visit, self.link, self.clock(), language)

    def facts(self) -> Wording:
        return self.content().w

    def words(self, key: str, **values: object) -> str:
        return self.texts.tr(key, self.visit.choices.language, **values)

    def _publish(self) -> None:
        self.present(self.showing.values(self.visit, self.link, self.idle, self.clock()))

    # --- moving -----------------------------------------------------------------------

    def _moved(self, moved: bool = True) -> None:
        """After a tap: count the guides read, and show where the visit is now."""
        for ended in self.visit.take_ended():
            self.link.count(ended)
        if not moved:
            return
        self._entered_at = time.monotonic()
        if self.visit.screen is Screen.START:
            self.idle.disarm()
        elif not self.idle.armed:
            self.idle.arm()
        self._publish()
        self.screenEntered.emit(str(self.visit.screen))
        self._speak_screen()

    def _bounced(self) -> bool:
        return time.monotonic() - self._entered_at < self.options.tap_guard_s

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        self._moved(code in LANGUAGE_CODES and self.visit.choose_language(code))

    @Slot()
    def back(self) -> None:
        self._moved(self.visit.back())

    @Slot()
    def home(self) -> None:
        """A fresh start screen for the next citizen."""
        self.speech.stop()
        self._moved(self.visit.home())

    @Slot()
    def done(self) -> None:
        self.home()

    @Slot(str)
    def openTile(self, tile_id: str) -> None:
        self._moved(self.visit.open_tile(tile_id, self.facts()))

    @Slot()
    def offerGuide(self) -> None:
        self._moved(self.visit.offer_guide(self.facts()))

    @Slot()
    def offerTicket(self) -> None:
        self._moved(self.visit.offer_ticket(self.facts()))

    @Slot()
    def openGuides(self) -> None:
        self._moved(self.visit.open_guides(self.facts()))

    @Slot(str)
    def openGuideFor(self, guide_id: str) -> None:
        self._moved(self.visit.open_guide(guide_id, self.facts()))

    @Slot()
    def guideHelp(self) -> None:
        self._moved(self.visit.guide_help(self.facts()))

    def _turn(self, by: int, allowed: bool) -> None:
        if allowed and self.visit.turn_page(by):
            self._publish()
            self._speak_screen()

    @Slot()
    def nextPage(self) -> None:
        self._turn(+1, bool(self.paging["hasNext"]))

    @Slot()
    def prevPage(self) -> None:
        self._turn(-1, bool(self.paging["hasPrev"]))

    @Slot()
    def nextSteps(self) -> None:
        self._turn(+1, self.visit.screen is Screen.GUIDE and bool(self.detail.get("hasNextSteps")))

    @Slot()
    def prevSteps(self) -> None:
        self._turn(-1, self.visit.screen is Screen.GUIDE and bool(self.detail.get("hasPrevSteps")))

    @Slot()
    def toggleLargeText(self) -> None:
        on = self.visit.choose(large=not self.visit.choices.large).large
        self._switched(self.words("start.large_on" if on else "start.large_off"))

    @Slot()
    def toggleHighContrast(self) -> None:
        on = self.visit.choose(contrast=not self.visit.choices.contrast).contrast
        self._switched(self.words("start.contrast_on" if on else "start.contrast_off"))

    @Slot()
    def toggleSpeech(self) -> None:
        on = self.visit.choose(speech=not self.visit.choices.speech).speech
        if not on:
            self.speech.stop()
        self._switched(self.spoken_text() if on else "")

    def _switched(self, said: str) -> None:
        """A switch of the start screen changed: show it, and say so when speech is on."""
        self._publish()
        self._say(said)

    # --- requests -----------------------------------------------------------------------

    @Slot(bool)
    def takeTicket(self, paperless: bool) -> None:
        v, service = self.visit, self.visit.here.service
        if v.screen is not Screen.CONFIRM or not service or v.busy or self._bounced():
            return
        self.set_busy(True)
        self.link.issue(service, v.choices.language, paperless, partial(self._answered, service))

    def _answered(self, service: str, outcome: IssueOutcome) -> None:
        self._moved(self.visit.answered(service, outcome))
        if isinstance(outcome, Issued):
            self.ticketShown.emit(outcome)

    @Slot()
    def printGuide(self) -> None:
        g = self.facts().guide(self.visit.here.guide)
        if g is None or self.visit.busy or self._bounced():
            return
        self.set_busy(True)
        self.link.print_guide(g, self.visit.choices.language, self._guide_printed)

    def _guide_printed(self, printed: bool) -> None:
        self.visit.busy = False
        self.visit.guide_printed(printed)
        self._publish()
        self._say(self.notice)

    @Slot()
    def pollPrinter(self) -> None:
        self.link.poll_printer()

    # --- idle -------------------------------------------------------------------------

    @Slot()
    def activity(self) -> None:
        """Any touch: the citizen is still here."""
        if self.idle.activity():
            self._publish()

    @Slot()
    def moreTime(self) -> None:
        self.idle.more_time()
        self._publish()
        self._speak_screen()

    @Slot()
    def idleTick(self) -> None:
        if self.visit.busy:
            return
        tick = self.idle.tick()
        if tick is Tick.EXPIRE:
            self.home()
        elif tick is not Tick.QUIET:
            self._publish()
        if tick is Tick.WARN:
            self.speech.chime()
            self._say(self.words("idle.title") + " " + self.idleText)

    # --- speech -----------------------------------------------------------------------

    def _voice(self) -> str:
        """The voice's language: the citizen's, else English, else Danish."""
        lang = self.visit.choices.language
        return next((x for x in (lang, "en", "da") if self.speech.supports(x)), lang)

    def _say(self, text: str) -> None:
        if self.visit.choices.speech and text:
            self.speech.say(text, self._voice())

    @Slot()
    def readAloud(self) -> None:
        if not self.visit.choices.speech:
            self.visit.choose(speech=True)
            self._publish()
        self._speak_screen()

    def spoken_text(self) -> str:
        """What the screen says aloud, in the voice's language."""
        return self.content(self._voice()).spoken()

    def _speak_screen(self) -> None:
        self._say(self.spoken_text())
