"""The board's view-model: what the QML shows, as properties; no business rules here.

It takes the live `BranchState` (from `LiveBranch`: tickets, calls and the services' state,
which arrives with the events) and the branch's `BranchInfo` (names, counters, zones, time
zone), lets `queue_server.shared.board` decide what is on the board, and turns that into
strings and lists for QML, worded by the shared rules (`shared.phrasing`, `shared.i18n`).
A new call in scope is handed to the announcer, which plays one announcement at a time
and, as each begins, has the board flash that call's row (`flash`): at most once a
second, well under the 3 flashes/s limit, four times, for `FLASH_MS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Property, QObject, QTimer, Signal

from queue_server.shared import wire
from queue_server.shared.board import (
    Board,
    Call,
    ClockSkew,
    QueueRow,
    Scope,
    UnknownZone,
    announces,
    build_board,
)
from queue_server.shared.i18n import Catalogue, is_rtl, pick_name
from queue_server.shared.phrasing import spoken_number, wait_text
from queue_server.shared.state import BranchState

from .announcer import Announcement
from .sizing import Sizes

#: the newest call flashes this often (on + off = one flash): 1 per second, limit is 3
FLASH_INTERVAL_MS = 500
FLASH_TOGGLES = 7  # changes after the first flash: four flashes, then steady
#: how long one call flashes: the least an announcement lasts, so none cuts one off
FLASH_MS = FLASH_INTERVAL_MS * FLASH_TOGGLES
RECENT = 10
STATUS_KEYS = {"offline": "board.offline", "connecting": "board.connecting"}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def row_key(ticket: wire.Ticket) -> str:
    """The board's key of a ticket's call: a recall is a new row."""
    return f"{ticket.id}#{ticket.recalls}"


def announcement_for(
    ticket: wire.Ticket, counter_names: dict[str, str], catalogue: Catalogue
) -> Announcement:
    """Danish first, then the ticket's language when it differs: "Nummer P 17, Skranke 5"."""
    languages = ["da"] + ([ticket.language] if ticket.language != "da" else [])
    number = spoken_number(ticket.number)
    lines = tuple(
        (
            catalogue.tr(
                "speech.call",
                lang,
                number=number,
                counter=pick_name(counter_names, lang, fallback=ticket.counter or ""),
            ),
            lang,
        )
        for lang in languages
    )
    return Announcement(
        key=f"{ticket.number}@{ticket.counter}#{ticket.recalls}", lines=lines, row=row_key(ticket)
    )


class DisplayViewModel(QObject):
    boardChanged = Signal()
    flashChanged = Signal()
    clockChanged = Signal()
    statusChanged = Signal()
    infoChanged = Signal()
    announce = Signal(object)  # Announcement

    def __init__(
        self,
        *,
        branch: str,
        zone: str | None,
        language: str,
        catalogue: Catalogue,
        sizes: Sizes,
        rotate: bool = False,
        now: Callable[[], dt.datetime] = _utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._branch, self._zone, self._lang = branch, zone, language
        self._cat = catalogue
        self._sizes = sizes
        self._rotate = rotate
        self._now = now
        self._info: wire.BranchInfo | None = None
        self._scope: Scope | None = None
        self._state: BranchState | None = None
        self._board: Board | None = None
        self._skew = ClockSkew()
        self._status = "connecting"
        self._detail = ""
        self._message = ""
        self._clock = ""
        self._flash_on = False
        self._emphasised_key = ""
        self._flash_left = 0
        self._flash = QTimer(self)
        self._flash.setInterval(FLASH_INTERVAL_MS)
        self._flash.timeout.connect(self._toggle_flash)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._tick()

    # --- inputs -------------------------------------------------------------------------

    def set_info(self, info: wire.BranchInfo) -> None:
        """Names, counters, zones, time zone: at start and after a resync."""
        self._info = info
        try:
            self._scope = Scope.of(info.counters, self._zone)
            self._message = ""
        except UnknownZone:
            self._scope = None
            self._message = self._cat.tr("board.unknown_zone", self._lang, zone=self._zone)
        self.infoChanged.emit()
        self.statusChanged.emit()
        self._tick()
        self._rebuild()

    def on_change(self, state: BranchState, event: wire.Event | None) -> None:
        """A snapshot (event None) or one applied event, from `LiveBranch.changed`."""
        self._state = state
        self._rebuild()
        if event is None or event.ticket is None or self._scope is None:
            return
        now = self._now()
        self._skew.observe(event.at, now)
        if announces(event, self._scope, now, self._skew.skew):
            self.announce.emit(
                announcement_for(event.ticket, self._counter_names(event.ticket.counter), self._cat)
            )

    def flash(self, announcement: Announcement) -> None:
        """The announcer has begun this call: flash its row (from `Announcer.playing`)."""
        self._emphasised_key = announcement.row
        self._flash_left = FLASH_TOGGLES
        self._flash_on = True
        self._flash.start()
        self.flashChanged.emit()

    def on_status(self, status: str, detail: str) -> None:
        self._status, self._detail = status, detail
        if status == "refused":
            self._message = self._cat.tr("board.refused", self._lang, detail=detail)
        self.statusChanged.emit()

    # --- properties ---------------------------------------------------------------------

    def _get_branch_name(self) -> str:
        return pick_name(self._info.names if self._info else None, self._lang, self._branch)

    def _get_info_line(self) -> str:
        return pick_name(self._info.info if self._info else None, self._lang)

    def _get_texts(self) -> dict[str, str]:
        return {
            k.removeprefix("board."): self._cat.tr(k, self._lang)
            for k in self._cat.texts
            if k.startswith("board.")
        }

    def _get_status(self) -> str:
        return self._status

    def _get_status_text(self) -> str:
        key = STATUS_KEYS.get(self._status)
        return self._cat.tr(key, self._lang) if key else ""

    def _get_message(self) -> str:
        return self._message

    def _get_clock(self) -> str:
        return self._clock

    def _get_hero(self) -> dict[str, str]:
        calls = self._board.calls if self._board else ()
        return self._call_row(calls[0]) if calls else {}

    def _get_history(self) -> list[dict[str, str]]:
        calls = self._board.calls if self._board else ()
        return [self._call_row(c) for c in calls[1:]]

    def _get_queues(self) -> list[dict[str, object]]:
        return [
            {
                "service": q.service,
                "name": pick_name(q.names, self._lang, q.service),
                "waiting": q.waiting,
                "wait": self._wait(q),
                "open": q.open_now,
            }
            for q in (self._board.queues if self._board else ())
        ]

    def _get_flash_on(self) -> bool:
        return self._flash_on

    def _get_emphasised(self) -> str:
        return self._emphasised_key

    def _get_body_px(self) -> int:
        return self._sizes.body

    def _get_min_px(self) -> int:
        return self._sizes.minimum

    def _get_call_px(self) -> int:
        return self._sizes.call

    def _get_hero_px(self) -> int:
        return self._sizes.hero

    def _get_rotate(self) -> bool:
        return self._rotate

    def _get_rtl(self) -> bool:
        return is_rtl(self._lang)

    branchName = Property(str, _get_branch_name, notify=infoChanged)
    infoLine = Property(str, _get_info_line, notify=infoChanged)
    texts = Property(dict, _get_texts, notify=infoChanged)
    status = Property(str, _get_status, notify=statusChanged)
    statusText = Property(str, _get_status_text, notify=statusChanged)
    message = Property(str, _get_message, notify=statusChanged)
    clock = Property(str, _get_clock, notify=clockChanged)
    hero = Property(dict, _get_hero, notify=boardChanged)
    history = Property(list, _get_history, notify=boardChanged)
    queues = Property(list, _get_queues, notify=boardChanged)
    flashOn = Property(bool, _get_flash_on, notify=flashChanged)
    emphasised = Property(str, _get_emphasised, notify=flashChanged)
    bodyPx = Property(int, _get_body_px, constant=True)
    minPx = Property(int, _get_min_px, constant=True)
    callPx = Property(int, _get_call_px, constant=True)
    heroPx = Property(int, _get_hero_px, constant=True)
    rotate = Property(bool, _get_rotate, constant=True)
    rtl = Property(bool, _get_rtl, constant=True)  # a right-to-left language: mirror the board

    # --- for tests and the app ----------------------------------------------------------

    @property
    def board(self) -> Board | None:
        return self._board

    @property
    def flash_interval_ms(self) -> int:
        return self._flash.interval()

    def shown_numbers(self) -> list[str]:
        return [c.number for c in self._board.calls] if self._board else []

    def set_clock(self, now: Callable[[], dt.datetime]) -> None:
        self._now = now
        self._tick()

    # --- internals ----------------------------------------------------------------------

    def _counter_names(self, counter: str | None) -> dict[str, str]:
        for c in self._info.counters if self._info else ():
            if c.id == counter:
                return dict(c.names)
        return {}

    def _call_row(self, call: Call) -> dict[str, str]:
        names = self._counter_names(call.counter)
        return {
            "key": f"{call.key}#{call.recalls}",
            "number": call.number,
            "counter": pick_name(names, self._lang, call.counter),
            "state": call.state,
        }

    def _wait(self, q: QueueRow) -> str:
        """Closed, nobody waiting, or the wait as every screen and ticket words it."""
        if not q.open_now:
            return self._cat.tr("board.closed", self._lang)
        if not q.waiting:
            return self._cat.tr("board.nobody_waiting", self._lang)
        service = self._state.services.get(q.service) if self._state else None
        estimate = service.estimated_wait if service else None
        return wait_text(estimate.low_s, estimate.high_s, self._lang) if estimate else ""

    def _rebuild(self) -> None:
        if self._state is None or self._info is None or self._scope is None:
            return
        board = build_board(
            seq=self._state.seq,
            recent_calls=self._state.recent_calls,
            open_tickets=self._state.tickets.values(),
            services=list(self._state.services.values()),
            scope=self._scope,
            limit=RECENT,
        )
        if board != self._board:
            self._board = board
            self.boardChanged.emit()

    def _toggle_flash(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash.stop()
            self._flash_on = False  # then the steady highlight
        else:
            self._flash_on = not self._flash_on
        self.flashChanged.emit()

    def _tick(self) -> None:
        tz = self._zone_info()
        clock = self._now().astimezone(tz).strftime("%H:%M") if tz else ""
        if clock != self._clock:
            self._clock = clock
            self.clockChanged.emit()

    def _zone_info(self) -> ZoneInfo | None:
        """The branch's own time zone; None (no clock) until the branch info says which."""
        if self._info is None:
            return None
        try:
            return ZoneInfo(self._info.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return None
