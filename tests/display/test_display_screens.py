"""The board as rendered, from sample data (no server): sizes, emphasis, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem, QQuickView
from pytestqt.qtbot import QtBot

from display import samples
from display.announcer import Announcer
from display.app import join, make_view
from display.main import main as run_display
from display.sizing import sizes
from display.viewmodel import FLASH_INTERVAL_MS, FLASH_MS, FLASH_TOGGLES, DisplayViewModel
from queue_server.shared import wire
from queue_server.shared.i18n import Catalogue
from queue_server.shared.vocab import EventType, TicketState


def board(
    qtbot: QtBot, size: QSize, language: str = "da", zone: str | None = None
) -> tuple[DisplayViewModel, QQuickView]:
    vm = DisplayViewModel(
        branch="dokk1",
        zone=zone,
        language=language,
        catalogue=Catalogue.load("display"),
        sizes=sizes(size.width(), size.height()),
        now=lambda: samples.NOW,
    )
    join(vm, Announcer(None, None, min_ms=FLASH_MS, parent=vm))  # a silent announcer
    vm.set_info(samples.branch_info())
    vm.on_change(samples.branch_state(), samples.call_event())
    view = make_view(vm, size)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.rootObject().findChild(QQuickItem, "heroNumber") is not None)
    return vm, view


def find(view: QQuickView, name: str) -> QQuickItem:
    """The item named `name`, walking the visual tree (a Repeater's rows included)."""
    todo = [view.rootObject()]
    for _ in range(10_000):  # bounded walk
        if not todo:
            break
        item = todo.pop()
        if item.objectName() == name:
            return item
        todo.extend(item.childItems())
    raise AssertionError(f"no QML item {name!r}")


def texts(view: QQuickView) -> list[QQuickItem]:
    """Every visible text on screen, walking the visual tree (delegates included)."""
    found, todo = [], [view.rootObject()]
    for _ in range(10_000):  # bounded walk
        if not todo:
            break
        item = todo.pop()
        if not item.isVisible():
            continue
        todo.extend(item.childItems())
        if item.inherits("QQuickText") and item.property("text"):
            found.append(item)
    return found


@pytest.mark.parametrize(
    "size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_every_text_can_be_read_at_8_m_on_a_55_inch_screen(qtbot: QtBot, size: QSize) -> None:
    vm, view = board(qtbot, size)
    s = sizes(size.width(), size.height(), 55, 8)
    assert s.cap_mm(s.minimum) >= 8000 / 300 and s.cap_mm(s.body) >= 8000 / 250
    assert s.cap_mm(s.hero) >= 80  # the newest number: 8 cm letters
    shown = texts(view)
    assert len(shown) > 10
    for item in shown:
        if item.objectName() == "statusText":
            continue  # the discreet offline mark is for staff close by
        px = item.property("font").pixelSize()
        assert px >= vm.property("minPx"), (item.objectName(), item.property("text"), px)
        # a text that shrinks to fit never shrinks below the minimum
        assert item.property("minimumPixelSize") >= vm.property("minPx"), item.property("text")
    hero = find(view, "heroNumber")
    assert hero.property("text") == "P017"
    assert hero.property("font").pixelSize() == s.hero
    view.close()


def test_the_newest_call_flashes_at_most_three_times_a_second(qtbot: QtBot) -> None:
    vm, view = board(qtbot, QSize(1920, 1080))
    assert vm.flash_interval_ms == FLASH_INTERVAL_MS
    flashes_per_second = 1000 / (2 * FLASH_INTERVAL_MS)  # one flash = on + off
    assert flashes_per_second <= 3
    assert vm.property("flashOn") is True  # a fresh call starts emphasised
    toggles: list[bool] = []
    vm.flashChanged.connect(lambda: toggles.append(vm.property("flashOn")))
    qtbot.waitUntil(
        lambda: len(toggles) >= FLASH_TOGGLES, timeout=FLASH_TOGGLES * FLASH_INTERVAL_MS + 3000
    )
    assert toggles == [False, True, False, True, False, True, False]  # 4 flashes, then steady
    view.close()


def test_english_board_and_zone(qtbot: QtBot) -> None:
    vm, view = board(qtbot, QSize(1920, 1080), language="en", zone="bibliotek")
    assert find(view, "heroNumber").property("text") == "D003"
    assert find(view, "heroCounter").property("text") == "Counter 7"
    assert [q["service"] for q in vm.property("queues")] == ["digital-hjaelp", "bibliotek"]
    assert vm.property("queues")[0]["wait"] == "under 10 min"
    view.close()


def test_screenshots_render_every_screen(qtbot: QtBot, tmp_path: Path) -> None:
    assert run_display(["--screenshots", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert "landscape-da.png" in names and "portrait-en.png" in names and len(names) == 9
    assert "landscape-ar.png" in names and "portrait-ar.png" in names
    for path in tmp_path.glob("*.png"):
        image = QImage(str(path))
        assert not image.isNull() and image.width() in (1080, 1920)
        # not blank: the hero's yellow (or the flash's white) is on every screen
        colours = {
            image.pixelColor(x, image.height() // 5).name() for x in range(0, image.width(), 40)
        }
        assert "#ffd447" in colours or "#ffffff" in colours, path.name


def test_without_a_token_it_pairs_and_closing_that_page_stops_cleanly(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    """No token: the pairing page comes up (here the server is unreachable, so it says so
    and keeps trying); closing it ends the app with a plain sentence, no traceback."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    seen: list[str] = []

    def close_pairing_page() -> None:
        windows = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
        if not windows:
            QTimer.singleShot(100, close_pairing_page)
            return
        seen.extend(w.title() or "untitled" for w in windows)
        for w in windows:
            w.close()

    QTimer.singleShot(300, close_pairing_page)
    code = run_display(["--branch", "dokk1", "--server", "http://127.0.0.1:9", "--windowed"])
    err = capsys.readouterr().err
    assert code == 1 and seen
    assert "stopped before the screen was paired" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("size", "rotated"), [(QSize(1920, 1080), True), (QSize(1080, 1920), False)]
)
def test_portrait_turns_the_board_on_a_screen_the_system_did_not_turn(
    qtbot: QtBot, size: QSize, rotated: bool
) -> None:
    from display.app import DisplayApp, Options

    app = DisplayApp(
        Options(server="http://127.0.0.1:9", token="unused", branch="dokk1", portrait=True),
        speech=None,
        chime=None,
        size=size,
    )
    try:
        app.view.show()
        qtbot.waitExposed(app.view)
        content = app.view.rootObject().findChild(QQuickItem, "content")
        assert content is not None
        qtbot.waitUntil(lambda: content.width() > 0)
        assert content.rotation() == (90 if rotated else 0)
        assert (content.width(), content.height()) == (1080, 1920)  # laid out in portrait
    finally:
        app.stop()
        app.view.close()
        app.view.deleteLater()


def test_the_clock_is_the_branchs_own_and_absent_until_the_branch_is_known(qtbot: QtBot) -> None:
    vm = DisplayViewModel(
        branch="nuuk",
        zone=None,
        language="da",
        catalogue=Catalogue.load("display"),
        sizes=sizes(1920, 1080),
        now=lambda: samples.NOW,  # 09:41 UTC
    )
    assert vm.property("clock") == ""  # no zone known yet: no clock rather than a wrong one
    vm.set_info(samples.branch_info())
    assert vm.property("clock") == "10:41"  # Copenhagen, from the branch's info
    vm.set_info(samples.branch_info().model_copy(update={"timezone": "America/Nuuk"}))
    assert vm.property("clock") == "07:41"


def test_a_call_flashes_to_the_end_even_when_the_next_comes_at_once(qtbot: QtBot) -> None:
    """Flashes queue with their announcements (here silent ones): the first call keeps
    flashing in its row after a newer call has taken the top, then the newer one flashes."""
    vm, view = board(qtbot, QSize(1920, 1080))
    first = vm.property("emphasised")
    assert first == vm.property("hero")["key"] and vm.property("flashOn") is True
    state = samples.branch_state()
    waiting = next(t for t in state.tickets.values() if t.number == "P100")
    called = waiting.model_copy(
        update={"state": TicketState.CALLED, "counter": "dokk1-4", "called_at": samples.NOW}
    )
    state.apply(
        wire.Event(
            type=EventType.TICKET_CALLED, seq=121, branch="dokk1", at=samples.NOW, ticket=called
        )
    )
    vm.on_change(
        state,
        wire.Event(
            type=EventType.TICKET_CALLED, seq=121, branch="dokk1", at=samples.NOW, ticket=called
        ),
    )
    assert find(view, "heroNumber").property("text") == "P100"
    assert vm.property("emphasised") == first  # P017, now below, flashes on
    qtbot.waitUntil(lambda: find(view, "call-P017").property("flashing") is True)
    assert find(view, "hero").property("flashing") is False

    qtbot.waitUntil(lambda: vm.property("emphasised") != first, timeout=FLASH_MS + 2000)
    assert vm.property("emphasised") == vm.property("hero")["key"]
    qtbot.waitUntil(lambda: find(view, "hero").property("flashing") is True)
    assert find(view, "call-P017").property("flashing") is False
    view.close()


def test_an_arabic_board_reads_right_to_left(qtbot: QtBot) -> None:
    vm, view = board(qtbot, QSize(1920, 1080), language="ar")

    def left(name: str) -> float:
        return float(find(view, name).mapToScene(QPointF(0, 0)).x())

    assert vm.property("rtl") is True
    assert find(view, "heroCounter").property("text") == "شباك 5"
    qtbot.waitUntil(lambda: find(view, "hero").width() > 0 and left("heroNumber") > 0)
    assert left("heroCounter") < left("heroNumber")  # the number first, on the right
    assert left("clock") < left("branchName")
    # the branch's name ends at the right edge (a Latin name left alone would sit left)
    image, name = view.grabWindow(), find(view, "branchName")
    y = int(name.mapToScene(QPointF(0, name.height() / 2)).y())
    inked = [x for x in range(image.width()) if image.pixelColor(x, y).name() == "#ffffff"]
    assert max(inked) > image.width() - 2 * vm.property("bodyPx")
    assert left("queues") < left("history")  # the earlier calls on the right, queues left
    pas = vm.property("queues")[0]
    # a dash between numbers would turn round in right-to-left text: the words say it
    assert (pas["name"], pas["wait"]) == ("جواز السفر", "من 10 إلى 20 دقيقة تقريبًا")
    view.close()
