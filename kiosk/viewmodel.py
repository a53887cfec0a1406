"""The kiosk's view-model: one visit as screens, everything the QML shows, already in words.

The QML only binds to these properties and calls these slots; what a screen says, which
buttons it has and what a tap does are decided here. Server and printer work runs on
`Tasks` (worker threads); results come back here and become a screen.

Screens: start → menu (→ group) → [offer →] confirm → ticket; closed, full, error;
guides → guide. Back walks the way the citizen came; Home (and the idle timeout) returns
to a fresh start screen in Danish.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, assert_never

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetricsF

from queue_server.client import BranchState
from queue_server.shared import wire

from . import theme as look
from .backend import Fetched, KioskBackend
from .content import Content, Result, Snapshot, Step
from .geometry import Screen
from .guides import KioskGuide
from .idle import IdleWatch, Tick
from .local_site import LocalSite
from .outcomes import Closed, Full, Issued, Refused, Unreachable
from .output import can_print
from .speech import NullSpeech, Speech
from .tasks import TaskFailed, Tasks
from .texts import LANGUAGE_CODES, LANGUAGES, Texts

log = logging.getLogger("dintur.kiosk")

SCREENS = (
    "start",
    "menu",
    "group",
    "offer",
    "confirm",
    "ticket",
    "closed",
    "full",
    "error",
    "guides",
    "guide",
)
FONT_FAMILY = "DejaVu Sans"
QVARIANT_MAP: Any = "QVariantMap"  # QML sees a JS object
QVARIANT_LIST: Any = "QVariantList"  # QML sees a JS array


@dataclass(frozen=True)
class Options:
    idle_after_s: int = 60
    idle_warn_s: int = 20
    tap_guard_s: float = 0.4  # a commit (ticket, print) right after a screen change is a bounce
    refresh_s: int = 30  # branch info (opening hours change with the clock)
    printer_poll_s: int = 15
    font_family: str = FONT_FAMILY


@dataclass
class GuideVisit:
    guide: str
    printed: bool = False


def cap_ratio(family: str = FONT_FAMILY) -> float:
    """Capital height / pixel size of the UI font (for sizes in millimetres)."""
    font = QFont(family)
    font.setPixelSize(100)
    ratio = QFontMetricsF(font).capHeight() / 100
    return ratio if 0.4 < ratio < 1.0 else look.DEFAULT_CAP_RATIO


class KioskViewModel(QObject):
    changed = Signal()  # anything on the current screen
    themeChanged = Signal()
    textsChanged = Signal()
    statusChanged = Signal()  # server/printer banners
    idleChanged = Signal()
    busyChanged = Signal()
    clockChanged = Signal()
    screenEntered = Signal(str)
    ticketShown = Signal(object)  # the Issued outcome, for tests and the bench
    _printerFromWorker = Signal(str)

    def __init__(
        self,
        backend: KioskBackend,
        texts: Texts,
        screen: Screen,
        *,
        tasks: Tasks | None = None,
        speech: Speech | None = None,
        options: Options | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.texts = texts
        self.screen_geometry = screen
        self.tasks = tasks or Tasks(parent=self)
        self.speech: Speech = speech or NullSpeech()
        self.options = options or Options()
        self.clock = clock
        self.local: LocalSite = backend.local
        self._cap_ratio = cap_ratio(self.options.font_family)

        self._screen = "start"
        self._language = "da"
        self._large = False
        self._contrast = False
        self._speech_on = False
        self._stack: list[Step] = []
        self._here = Step("start")
        self._result = Result()
        self._notice = ""
        self._busy = False
        self._entered_at = 0.0

        self._info: wire.BranchInfo | None = backend.cached_branch()
        self._guides: list[KioskGuide] = backend.cached_guides()
        self._live: BranchState | None = None
        self._server_ok: bool | None = None
        self._printer_status = backend.output.status
        self._visit: GuideVisit | None = None
        self._step_page = 0

        self.idle = IdleWatch(self.options.idle_after_s, self.options.idle_warn_s)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.idleTick)
        self.idle_timer.start()

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(self.options.refresh_s * 1000)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self._soon = QTimer(self)  # a refresh shortly after a burst of events
        self._soon.setSingleShot(True)
        self._soon.setInterval(1500)
        self._soon.timeout.connect(self.refresh)

        self.printer_timer = QTimer(self)
        self.printer_timer.setInterval(self.options.printer_poll_s * 1000)
        self.printer_timer.timeout.connect(self.pollPrinter)
        if backend.output.available:
            self.printer_timer.start()
        self._printerFromWorker.connect(self._on_printer_status)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(20_000)
        self.clock_timer.timeout.connect(self.clockChanged)
        self.clock_timer.start()

        self._theme = self._make_theme()
        self._texts_now = texts.all(self._language)

    # --- wiring -----------------------------------------------------------------------

    def printer_status_from_worker(self, status: str) -> None:
        """The printer's status changed (called on any thread)."""
        self._printerFromWorker.emit(status)

    def attach_live(self, live: Any) -> None:
        """Follow a `LiveBranch`: waiting counts live, server up/down from the stream."""
        live.changed.connect(self._on_live)
        live.statusChanged.connect(self._on_stream_status)

    def begin(self) -> None:
        """First fetch, first printer poll."""
        self.refresh()
        self.pollPrinter()

    def shutdown(self) -> None:
        timers = (self.idle_timer, self.refresh_timer, self._soon, self.printer_timer)
        for timer in (*timers, self.clock_timer):
            timer.stop()
        self.speech.stop()
        self.tasks.shutdown()

    # --- plain properties ---------------------------------------------------------------

    def _get_screen(self) -> str:
        return self._screen

    def _get_language(self) -> str:
        return self._language

    def _get_rtl(self) -> bool:
        return self.texts.rtl(self._language)

    def _get_large(self) -> bool:
        return self._large

    def _get_contrast(self) -> bool:
        return self._contrast

    def _get_speech(self) -> bool:
        return self._speech_on

    def _get_busy(self) -> bool:
        return self._busy

    def _get_theme(self) -> dict[str, Any]:
        return self._theme

    def _get_t(self) -> dict[str, str]:
        return self._texts_now

    def _get_languages(self) -> list[dict[str, str]]:
        return [{"code": c, "name": n} for c, n in LANGUAGES]

    def _get_server_ok(self) -> bool:
        return self._server_ok is not False

    screen = Property(str, _get_screen, notify=changed)
    language = Property(str, _get_language, notify=textsChanged)
    rtl = Property(bool, _get_rtl, notify=textsChanged)
    largeText = Property(bool, _get_large, notify=themeChanged)
    highContrast = Property(bool, _get_contrast, notify=themeChanged)
    speechOn = Property(bool, _get_speech, notify=changed)
    busy = Property(bool, _get_busy, notify=busyChanged)
    theme = Property(QVARIANT_MAP, _get_theme, notify=themeChanged)
    t = Property(QVARIANT_MAP, _get_t, notify=textsChanged)
    languages = Property(QVARIANT_LIST, _get_languages, constant=True)
    serverOk = Property(bool, _get_server_ok, notify=statusChanged)

    # --- what the screen says (kiosk/content.py) ---------------------------------------

    def words(self, key: str, **values: object) -> str:
        """A text of the catalogue in the citizen's language."""
        return self.texts.tr(key, self._language, **values)

    def snapshot(self, language: str | None = None) -> Snapshot:
        return Snapshot(
            language=language or self._language,
            here=self._here,
            info=self._info,
            live=self._live,
            guides=self._guides,
            server_ok=self._server_ok,
            printer=self.backend.output.available,
            printer_status=self._printer_status,
            result=self._result,
            step_page=self._step_page,
            now=self.clock(),
            branch_id=self.backend.branch_id,
        )

    def content(self, language: str | None = None) -> Content:
        return Content(
            self.texts, self.local, self.snapshot(language), self.screen_geometry, self._sizes()
        )

    def _get_branch_name(self) -> str:
        return self.content().branch_name()

    def _get_now(self) -> str:
        return self.content().now()

    def _get_branch_info(self) -> str:
        return self.content().branch_info()

    def _get_speech_available(self) -> bool:
        return any(self.speech.supports(lang) for lang in LANGUAGE_CODES)

    def _get_welcome_all(self) -> str:
        return self.content().welcome_all()

    def _get_heading(self) -> str:
        return self.content().headings()[0]

    def _get_subheading(self) -> str:
        return self.content().headings()[1]

    def _get_tiles(self) -> list[dict[str, Any]]:
        return self.content().page_tiles()

    def _get_paging(self) -> dict[str, Any]:
        return self.content().paging()

    def _get_banner(self) -> dict[str, str]:
        return self.content().banner()

    def _get_detail(self) -> dict[str, Any]:
        return self.content().detail()

    def _get_idle_warning(self) -> bool:
        return self.idle.warning

    def _get_idle_text(self) -> str:
        return self.words("idle.text", n=self.idle.seconds_left)

    def _get_notice(self) -> str:
        return self._notice

    def _get_can_go_back(self) -> bool:
        return self._screen not in ("start", "ticket") and bool(self._stack)

    branchName = Property(str, _get_branch_name, notify=changed)
    now = Property(str, _get_now, notify=clockChanged)
    branchInfo = Property(str, _get_branch_info, notify=changed)
    speechAvailable = Property(bool, _get_speech_available, constant=True)
    welcomeAll = Property(str, _get_welcome_all, constant=True)
    heading = Property(str, _get_heading, notify=changed)
    subheading = Property(str, _get_subheading, notify=changed)
    tiles = Property(QVARIANT_LIST, _get_tiles, notify=changed)
    paging = Property(QVARIANT_MAP, _get_paging, notify=changed)
    banner = Property(QVARIANT_MAP, _get_banner, notify=statusChanged)
    idleWarning = Property(bool, _get_idle_warning, notify=idleChanged)
    idleText = Property(str, _get_idle_text, notify=idleChanged)
    notice = Property(str, _get_notice, notify=changed)
    detail = Property(QVARIANT_MAP, _get_detail, notify=changed)
    canGoBack = Property(bool, _get_can_go_back, notify=changed)

    def _service(self, service_id: str | None) -> wire.ServiceInfo | None:
        return self.content().service(service_id)

    def _guide(self, guide_id: str | None) -> KioskGuide | None:
        return self.content().guide(guide_id)

    # --- theme ------------------------------------------------------------------------

    def _sizes(self) -> look.Sizes:
        return look.sizes(self.screen_geometry, self._large, self._cap_ratio)

    def _layout(self) -> look.Layout:
        return self.content().layout

    def _make_theme(self) -> dict[str, Any]:
        palette = look.HIGH_CONTRAST if self._contrast else look.CALM
        s = self._sizes()
        out: dict[str, Any] = dict(palette)
        out.update(s.as_map())
        out.update(self._layout().as_map())
        out.update(
            portrait=self.screen_geometry.portrait,
            width=self.screen_geometry.width_px,
            height=self.screen_geometry.height_px,
            font=self.options.font_family,
            large=self._large,
            contrast=self._contrast,
        )
        return out

    def set_screen(self, screen: Screen) -> None:
        """A new window size (rotation, or the real screen at start)."""
        self.screen_geometry = screen
        self._theme = self._make_theme()
        self.themeChanged.emit()
        self.changed.emit()

    # --- navigation -------------------------------------------------------------------

    def _go(self, step: Step, *, push: bool = True) -> None:
        if push and step != self._here:
            self._stack.append(self._here)
        self._here = step
        self._enter(step.screen)

    def _enter(self, screen: str) -> None:
        if screen not in SCREENS:
            raise ValueError(f"unknown screen {screen!r}")
        self._screen = screen
        self._entered_at = time.monotonic()
        self._notice = ""
        if screen == "start":
            self.idle.disarm()
        elif not self.idle.armed:
            self.idle.arm()
        self.changed.emit()
        self.idleChanged.emit()
        self.screenEntered.emit(screen)
        self._speak_screen()

    def _bounced(self) -> bool:
        return time.monotonic() - self._entered_at < self.options.tap_guard_s

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        if code not in LANGUAGE_CODES:
            return
        self._set_language(code)
        self._stack = [Step("start")]
        self._here = Step("menu")
        self._enter("menu")

    def _set_language(self, code: str) -> None:
        if code != self._language:
            self._language = code
            self._texts_now = self.texts.all(code)
            self.textsChanged.emit()
            self.clockChanged.emit()
            self.statusChanged.emit()  # the banner speaks the new language too

    @Slot()
    def toggleLargeText(self) -> None:
        self._large = not self._large
        self._theme = self._make_theme()
        self.themeChanged.emit()
        self.changed.emit()
        self._say(self.words("start.large_on" if self._large else "start.large_off"))

    @Slot()
    def toggleHighContrast(self) -> None:
        self._contrast = not self._contrast
        self._theme = self._make_theme()
        self.themeChanged.emit()
        self._say(self.words("start.contrast_on" if self._contrast else "start.contrast_off"))

    @Slot()
    def toggleSpeech(self) -> None:
        self._speech_on = not self._speech_on
        if self._speech_on:
            self._speak_screen()
        else:
            self.speech.stop()
        self.changed.emit()

    @Slot()
    def back(self) -> None:
        if self._busy or not self._stack:
            return
        self._here = self._stack.pop()
        self._enter(self._here.screen)

    @Slot()
    def home(self) -> None:
        """A fresh start screen for the next citizen."""
        self._end_visit(ticket=False)
        self._stack = []
        self._here = Step("start")
        self._result = Result()
        self._set_language("da")
        reset_theme = self._large or self._contrast
        self._large = self._contrast = False
        self._speech_on = False
        self.speech.stop()
        if reset_theme:
            self._theme = self._make_theme()
            self.themeChanged.emit()
        self._enter("start")

    @Slot()
    def done(self) -> None:
        self.home()

    @Slot()
    def nextPage(self) -> None:
        if self._get_paging()["hasNext"]:
            self._here.page += 1
            self.changed.emit()
            self._speak_screen()

    @Slot()
    def prevPage(self) -> None:
        if self._here.page > 0:
            self._here.page -= 1
            self.changed.emit()
            self._speak_screen()

    @Slot()
    def nextSteps(self) -> None:
        if self._screen == "guide" and self._get_detail().get("hasNextSteps"):
            self._step_page += 1
            self.changed.emit()
            self._speak_screen()

    @Slot()
    def prevSteps(self) -> None:
        if self._screen == "guide" and self._step_page > 0:
            self._step_page -= 1
            self.changed.emit()
            self._speak_screen()

    @Slot(str)
    def openTile(self, tile_id: str) -> None:
        if self._busy:
            return
        kind, _, key = tile_id.partition(":")
        if kind == "group" and key in self.content().groups():
            self._go(Step("group", group=key))
        elif kind == "service":
            self._open_service(key, offer_guide=True)
        elif kind == "guides":
            self.openGuides()
        elif kind == "guide":
            self._open_guide(key)

    def _open_service(self, service_id: str, *, offer_guide: bool) -> None:
        s = self._service(service_id)
        if s is None:
            return
        if self._server_ok is False:
            self._result = Result(kind="offline")
            self._go(Step("error", service=service_id))
        elif s.full:
            self._result = Result(service=service_id)
            self._go(Step("full", service=service_id))
        elif not s.open_now:
            self._result = Result(service=service_id)
            self._go(Step("closed", service=service_id))
        elif offer_guide and s.guide and self._guide(s.guide) is not None:
            self._go(Step("offer", service=service_id))
        else:
            self._go(Step("confirm", service=service_id))

    @Slot()
    def offerGuide(self) -> None:
        s = self._service(self._here.service)
        if s is not None and s.guide:
            self._open_guide(s.guide)

    @Slot()
    def offerTicket(self) -> None:
        if self._here.service:
            self._open_service(self._here.service, offer_guide=False)

    @Slot()
    def openGuides(self) -> None:
        if self._guides:
            self._go(Step("guides"))

    @Slot(str)
    def openGuideFor(self, guide_id: str) -> None:
        self._open_guide(guide_id)

    def _open_guide(self, guide_id: str) -> None:
        if self._guide(guide_id) is None:
            return
        if self._visit is not None and self._visit.guide != guide_id:
            self._end_visit(ticket=False)
        if self._visit is None:
            self._visit = GuideVisit(guide_id)
        self._step_page = 0
        self._go(Step("guide", guide=guide_id))

    def _end_visit(self, *, ticket: bool) -> None:
        visit, self._visit = self._visit, None
        if visit is None:
            return
        outcome = "ticket" if ticket else ("printed" if visit.printed else "self_served")
        self.tasks.run(lambda: self.backend.guide_outcome(visit.guide, outcome))

    @Slot()
    def guideHelp(self) -> None:
        g = self._guide(self._here.guide)
        if g is not None and g.service and self._service(g.service) is not None:
            self._open_service(g.service, offer_guide=False)

    @Slot()
    def printGuide(self) -> None:
        g = self._guide(self._here.guide)
        if g is None or self._busy or self._bounced():
            return
        self._set_busy(True)
        lang = self._language
        self.tasks.run(lambda: self.backend.print_guide(g, lang), self._guide_printed)

    def _guide_printed(self, result: object) -> None:
        self._set_busy(False)
        printed, status = result if isinstance(result, tuple) else (False, self._printer_status)
        self._set_printer_status(str(status))
        if printed and self._visit is not None:
            self._visit.printed = True
        self._notice = self.words("guide.printed" if printed else "guide.print_failed")
        self.changed.emit()
        self._say(self._notice)

    @Slot(bool)
    def takeTicket(self, paperless: bool) -> None:
        service = self._here.service
        if self._screen != "confirm" or not service or self._busy or self._bounced():
            return
        self._set_busy(True)
        lang, info = self._language, self._info
        paperless = paperless or not (
            self.backend.output.available and can_print(self._printer_status)
        )
        self.tasks.run(
            lambda: self.backend.issue(service, lang, paperless=paperless, branch_info=info),
            lambda result: self._issued(service, result),
        )

    def _issued(self, service: str, result: object) -> None:
        self._set_busy(False)
        if isinstance(result, TaskFailed) or not isinstance(
            result, Issued | Closed | Full | Unreachable | Refused
        ):
            self._result = Result(kind="failed", service=service)
            self._go(Step("error", service=service))
            return
        match result:
            case Issued():
                self._end_visit(ticket=True)
                self._set_printer_status(result.printer_status)
                self._result = Result(outcome=result, service=service)
                self._stack = []
                self._here = Step("ticket", service=service)
                self._enter("ticket")
                self.ticketShown.emit(result)
                self._mark_server(True)
            case Closed():
                self._result = Result(outcome=result, service=service)
                self._go(Step("closed", service=service))
                self.refresh()
            case Full():
                self._result = Result(outcome=result, service=service)
                self._go(Step("full", service=service))
                self.refresh()
            case Unreachable():
                self._mark_server(False)
                self._result = Result(kind="offline", service=service)
                self._go(Step("error", service=service))
            case Refused():
                self._result = Result(kind="failed", service=service)
                self._go(Step("error", service=service))
            case _:
                assert_never(result)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit()

    # --- idle -------------------------------------------------------------------------

    @Slot()
    def activity(self) -> None:
        """Any touch: the citizen is still here."""
        if self.idle.activity():
            self.idleChanged.emit()

    @Slot()
    def moreTime(self) -> None:
        self.idle.more_time()
        self.idleChanged.emit()
        self._speak_screen()

    @Slot()
    def idleTick(self) -> None:
        if self._busy:
            return
        tick = self.idle.tick()
        if tick is Tick.WARN:
            self.idleChanged.emit()
            self.speech.chime()
            self._say(self.words("idle.title") + " " + self._get_idle_text())
        elif tick is Tick.COUNT:
            self.idleChanged.emit()
        elif tick is Tick.EXPIRE:
            self.idleChanged.emit()
            self.home()

    # --- speech -----------------------------------------------------------------------

    def _speech_language(self) -> str:
        for lang in (self._language, "en", "da"):
            if self.speech.supports(lang):
                return lang
        return self._language

    def _say(self, text: str) -> None:
        if self._speech_on and text:
            self.speech.say(text, self._speech_language())

    @Slot()
    def readAloud(self) -> None:
        if not self._speech_on:
            self._speech_on = True
            self.changed.emit()
        self._speak_screen()

    def spoken_text(self) -> str:
        """What the screen says aloud, in the speech language."""
        return self.content(self._speech_language()).spoken()

    def _speak_screen(self) -> None:
        if self._speech_on:
            self.speech.say(self.spoken_text(), self._speech_language())

    # --- server and printer -------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        self.tasks.run(self.backend.fetch, self._fetched)

    def _fetched(self, result: object) -> None:
        if not isinstance(result, Fetched):
            return
        if result.branch is not None:
            self._info = result.branch
        if result.guides:
            self._guides = result.guides
        if result.live:
            self._mark_server(True)
            self.tasks.run(self.backend.flush)
        elif self._server_ok is not False:
            self._mark_server(False)
        self.changed.emit()

    def _mark_server(self, ok: bool) -> None:
        if ok != self._server_ok:
            was = self._server_ok
            self._server_ok = ok
            self.statusChanged.emit()
            self.changed.emit()
            if ok and was is False:
                log.info("the server is back")
                self.tasks.run(lambda: self.backend.report_health(force=True))
            elif not ok:
                log.warning("the server is not answering")

    def _on_live(self, state: BranchState, event: wire.Event | None) -> None:
        self._live = state
        if (event is None or event.ticket is not None) and not self._soon.isActive():
            self._soon.start()  # waits and opening state follow shortly (throttled)
        self.changed.emit()

    def _on_stream_status(self, status: str, detail: str) -> None:
        if status == "live":
            back = self._server_ok is not True
            if back:
                self.refresh()
        elif status in ("offline", "refused"):
            self._live = None
            self._mark_server(False)

    @Slot()
    def pollPrinter(self) -> None:
        if self.backend.output.available:
            self.tasks.run(self.backend.poll_printer, self._polled)

    def _polled(self, result: object) -> None:
        if isinstance(result, str):
            self._set_printer_status(result)

    def _on_printer_status(self, status: str) -> None:
        self._set_printer_status(status)
        self.tasks.run(lambda: self.backend.report_health(status))

    def _set_printer_status(self, status: str) -> None:
        if status != self._printer_status:
            self._printer_status = status
            self.statusChanged.emit()
            self.changed.emit()

    def _get_printer_status(self) -> str:
        return self._printer_status

    printerStatus = Property(str, _get_printer_status, notify=statusChanged)
