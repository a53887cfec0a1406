"""`dintur desk --screenshots DIR`: every screen, in Danish and English, as PNG.

The screens are fed a prepared branch (the demo's Dokk1 in the middle of a morning), the
same way the live event stream feeds them, so no server is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from queue_server.client import ApiClient, BranchState
from queue_server.shared import wire
from queue_server.shared.vocab import PauseReason, Priority, Role, TicketState

from . import queue
from .viewmodels import DeskApp, Screen
from .viewmodels.base import said
from .views.dialogs import ConfirmCallDialog, PauseDialog, TransferDialog
from .views.window import MainWindow

NOW = dt.datetime(2026, 3, 10, 9, 41, 12, tzinfo=dt.UTC)  # 10:41 in Aarhus (UTC+1)
SIZE = (1366, 768)
ME = "mette"
MY_COUNTER = "dokk1-3"

SERVICES = [
    ("pas", "P", {"da": "Pas", "en": "Passport"}, (600, 900)),
    ("korekort", "K", {"da": "Kørekort", "en": "Driving licence"}, (900, 1500)),
    ("sundhedskort", "S", {"da": "Sundhedskort", "en": "Health insurance card"}, (120, 300)),
    ("digital-hjaelp", "D", {"da": "Digital hjælp", "en": "Digital help"}, (1200, 1800)),
    ("bibliotek", "L", {"da": "Bibliotekshjælp", "en": "Library help"}, (0, 120)),
]
COUNTERS = [
    ("dokk1-1", ["pas", "korekort", "digital-hjaelp"], "anders", None),
    ("dokk1-2", ["pas", "korekort", "digital-hjaelp"], "sofie", PauseReason.PHONE),
    ("dokk1-3", ["pas", "korekort", "digital-hjaelp"], ME, None),
    ("dokk1-4", ["pas", "korekort", "digital-hjaelp"], None, None),
    ("dokk1-5", ["pas", "sundhedskort", "digital-hjaelp"], "jonas", None),
    ("dokk1-6", ["pas", "sundhedskort", "digital-hjaelp"], None, None),
    ("dokk1-7", ["pas", "digital-hjaelp", "bibliotek"], "ida", PauseReason.BREAK),
    ("dokk1-8", ["pas", "digital-hjaelp", "bibliotek"], None, None),
]
S = TicketState
#: (number, service, minutes ago issued, state, counter, recalls, minutes ago called)
TICKETS = [
    ("P014", "pas", 31, S.SERVING, "dokk1-1", 0, 9),
    ("P017", "pas", 24, S.CALLED, MY_COUNTER, 1, 2.5),
    ("S012", "sundhedskort", 12, S.CALLED, "dokk1-5", 0, 0.6),
    ("P018", "pas", 22, S.WAITING, None, 0, 0),
    ("K021", "korekort", 19, S.WAITING, None, 0, 0),
    ("P019", "pas", 17, S.WAITING, None, 0, 0),
    ("D008", "digital-hjaelp", 15, S.WAITING, None, 0, 0),
    ("K022", "korekort", 11, S.WAITING, None, 0, 0),
    ("K023", "korekort", 3, S.WAITING, None, 0, 0),  # transferred: see TRANSFERRED
    ("P020", "pas", 9, S.WAITING, None, 0, 0),
    ("S013", "sundhedskort", 6, S.WAITING, None, 0, 0),
    ("P021", "pas", 4, S.WAITING, None, 0, 0),
    ("L003", "bibliotek", 2, S.WAITING, None, 0, 0),
    ("D009", "digital-hjaelp", 1, S.WAITING, None, 0, 0),
]
#: transferred tickets: number → (the ticket it was, minutes ago it first arrived)
TRANSFERRED = {"K023": ("S011", 27)}


def sample_branch() -> tuple[wire.BranchInfo, BranchState]:
    services = [
        wire.ServiceInfo(
            id=sid,
            prefix=prefix,
            names=names,
            open_now=True,
            waiting=0,
            estimated_wait=wire.WaitEstimate(low_s=lo, high_s=hi),
        )
        for sid, prefix, names, (lo, hi) in SERVICES
    ]
    counters = [
        wire.CounterInfo(
            id=cid,
            names={"da": f"Skranke {cid[-1]}", "en": f"Counter {cid[-1]}"},
            services=svc,
            held_by=holder,
            paused=paused,
        )
        for cid, svc, holder, paused in COUNTERS
    ]
    tickets = []
    for i, (number, service, issued, st, counter, recalls, called) in enumerate(TICKETS):
        issued_at = NOW - dt.timedelta(minutes=issued)
        was, arrived = TRANSFERRED.get(number, (None, issued))
        called_at = NOW - dt.timedelta(minutes=called) if st != S.WAITING else None
        tickets.append(
            wire.Ticket(
                id=f"t{i:03d}",
                number=number,
                branch="dokk1",
                service=service,
                state=st,
                language="da",
                issued_at=issued_at,
                arrived_at=NOW - dt.timedelta(minutes=arrived),
                priority=Priority.TRANSFERRED if was else Priority.WALK_IN,
                transferred_from=was,
                called_at=called_at,
                started_at=NOW - dt.timedelta(minutes=7) if st == S.SERVING else None,
                counter=counter,
                recalls=recalls,
                status_url="http://127.0.0.1/t/sample",
                reason="walk-in, waited 21 min; 6 more waiting for this counter"
                if number == "P017"
                else None,
            )
        )
    # the wait each was told grows with its place in its service's line
    ahead: dict[str, int] = {}
    by_id = {s.id: s for s in services}
    waiting = [t for t in tickets if t.state == S.WAITING]
    for t in queue.call_order(waiting, by_id, NOW):
        n = ahead[t.service] = ahead.get(t.service, -1) + 1
        told = wire.WaitEstimate(low_s=n * 300, high_s=n * 300 + 480)
        tickets[tickets.index(t)] = t.model_copy(update={"estimated_wait": told})
    branch = wire.BranchInfo(
        id="dokk1",
        names={"da": "Dokk1", "en": "Dokk1"},
        timezone="Europe/Copenhagen",
        open_now=True,
        services=services,
        counters=counters,
    )
    state = BranchState(
        branch="dokk1",
        seq=412,
        tickets={t.id: t for t in tickets},
        services={s.id: s for s in services},
        counters={c.id: c for c in counters},
    )
    return branch, state


def _settle() -> None:
    app = QApplication.instance()
    if app is not None:
        for _ in range(3):
            app.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    _settle()
    widget.grab().save(str(path))
    return path


def _with_dialog(window: QWidget, dialog: QWidget, path: Path) -> Path:
    """The window dimmed, the dialog on top in the middle: how the caseworker sees it."""
    _settle()
    dialog.adjustSize()
    base = window.grab()
    top = dialog.grab()
    out = QPixmap(base.size())
    out.fill(Qt.GlobalColor.white)
    p = QPainter(out)
    p.drawPixmap(0, 0, base)
    p.fillRect(QRect(QPoint(0, 0), base.size()), QColor(20, 30, 40, 110))
    x = (base.width() - top.width()) // 2
    y = (base.height() - top.height()) // 2
    p.fillRect(QRect(x - 1, y - 1, top.width() + 2, top.height() + 2), QColor("#072a4d"))
    p.drawPixmap(x, y, top)
    p.end()
    out.save(str(path))
    dialog.close()
    return path


def render(folder: Path, languages: tuple[str, ...] = ("da", "en")) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        yield from _render_language(folder, lang)


def _render_language(folder: Path, lang: str) -> Iterator[Path]:
    app = DeskApp("http://127.0.0.1:8000", lang, clock=lambda: NOW)
    window = MainWindow(app)
    window.resize(*SIZE)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()

    def name(screen: str) -> Path:
        return folder / f"{lang}-{screen}.png"

    yield _save(window, name("01-login"))
    app.login.reset(("error", said("error.unauthorized")))
    window.login_page.username.setText(ME)
    yield _save(window, name("02-login-bad-password"))

    branch, state = sample_branch()
    app.client = ApiClient("http://127.0.0.1:9")  # never called: enables the buttons
    app.who = wire.TokenInfo(token="", role=Role.CASEWORKER, branch="dokk1", username=ME)
    app.branch = branch
    app.apply_state(state)
    mine = state.counters[MY_COUNTER]
    state.counters[MY_COUNTER] = mine.model_copy(update={"held_by": None})
    app.apply_state(state)
    app._set_connection("live")
    app.set_screen(Screen.COUNTERS)
    yield _save(window, name("03-counters"))

    state.counters[MY_COUNTER] = mine
    app.apply_state(state)
    app.desk.sit(mine)
    app.desk.set_notice(
        "ok", said("notice.called", number="P017", counter=app.counter_name(MY_COUNTER))
    )
    app._set_connection("live")
    yield _save(window, name("04-desk-called"))
    page = window.desk_page
    page.waiting.selectRow(3)  # P019: three waited longer
    yield _save(page.queue_panel, name("05-queue-overview"))

    dlg = ConfirmCallDialog(app, page.selected_waiting(), window)
    yield _with_dialog(window, dlg, name("06-call-out-of-order"))
    transfer = TransferDialog(app, window)
    transfer.choose("service", "korekort")
    yield _with_dialog(window, transfer, name("07-transfer"))
    yield _with_dialog(window, PauseDialog(app, window), name("08-pause-reason"))

    serving = state.tickets["t001"].model_copy(
        update={"state": S.SERVING, "started_at": NOW - dt.timedelta(seconds=95)}
    )
    state.tickets["t001"] = serving
    paused = mine.model_copy(update={"paused": PauseReason.BREAK})
    state.counters[MY_COUNTER] = paused
    app.apply_state(state)
    app.desk.counter = paused
    app.desk.set_notice(
        "warn", said("notice.paused", reason=app.text(f"pause.{PauseReason.BREAK}"))
    )
    app.desk.actionsChanged.emit()
    yield _save(window, name("09-paused"))

    state.counters[MY_COUNTER] = mine
    app.desk.counter = mine
    app.apply_state(state)
    app._set_connection("offline")
    app.desk.set_notice("error", said("error.unreachable", server=app.server_url))
    yield _save(window, name("10-offline"))
    app._set_connection("live")

    app.desk.set_notice("ok", said("notice.started", number="P017"))
    app.setCompact(True)
    window.compact.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.compact.show()
    yield _save(window.compact, name("11-compact"))

    window.compact.close()
    window.close()
    app.desk.stop_timers()
    app.tasks.close()
    window.deleteLater()
    _settle()
