"""Every screen, measured on the configured 21.5" screen: touch targets at least 20 mm apart,
all operable in the lower part of a portrait screen, nothing off screen or under the
navigation bar, capitals at least 7 mm tall in large-text mode, Arabic mirrored."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from kiosk_driver import Driver, KioskFactory, items, shown
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem

from kiosk import theme
from kiosk.geometry import Screen
from kiosk.screenshots import Shooter, offline, online, seed
from printers.sim import VirtualPrinter
from tests.support.servers import LiveServer

PITCH_MM = 20.0
LARGE_CAPS_MM = 7.0


def rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def under(item: QQuickItem, ancestor: QQuickItem | None) -> bool:
    node = item.parentItem()
    while node is not None:
        if node is ancestor:
            return True
        node = node.parentItem()
    return False


class Checker(Shooter):
    """Instead of saving a picture of each screen, measures it."""

    def __init__(self, driver: Driver) -> None:
        super().__init__(driver.kiosk, Path("."))
        self.driver = driver
        self.problems: list[str] = []
        self.screens = 0

    def wait(self, predicate: Any, timeout: float = 15.0, what: str = "") -> bool:
        ok = super().wait(predicate, timeout, what)
        if not ok:
            self.problems.append(f"{self.vm.screen}: never got {what or 'there'}")
        return ok

    def shot(self, name: str) -> Path:
        self.kiosk.view.grabWindow()  # lays out and draws, like a real frame
        where = f"{self.vm.screen}/{name}/{self.vm.language}"
        self.problems += [f"{where}: {p}" for p in check(self.driver)]
        self.screens += 1
        return Path(name)


def targets(root: QQuickItem) -> list[QQuickItem]:
    overlay = next(
        (i for i in items(root) if i.objectName() in ("idle", "busy") and shown(i)), None
    )
    if overlay is not None and overlay.objectName() == "busy":
        return []  # nothing to tap while waiting
    found = [
        i
        for i in items(root)
        if i.property("touchTarget") is True and shown(i) and i.width() > 0 and i.height() > 0
    ]
    return [i for i in found if overlay is None or under(i, overlay)]


def check(k: Driver) -> list[str]:
    problems: list[str] = []
    root = k.root
    th: dict[str, Any] = k.vm.theme
    ppm = float(th["px_per_mm"])
    width, height = root.width(), root.height()
    window = QRectF(0, 0, width, height)

    taps = targets(root)
    for item in taps:
        r = rect(item)
        if not window.contains(r.adjusted(1, 1, -1, -1)):
            problems.append(f"{item.objectName() or 'target'} is (partly) off screen: {r}")
        if height > width and r.center().y() < 0.25 * height:
            problems.append(f"{item.objectName() or 'target'} is in the top quarter")
        if min(r.width(), r.height()) < theme.TARGET_MIN_MM * ppm - 1:
            problems.append(f"{item.objectName() or 'target'} is smaller than 17 mm")
    for a, b in itertools.combinations(taps, 2):
        ra, rb = rect(a), rect(b)
        d = math.dist((ra.center().x(), ra.center().y()), (rb.center().x(), rb.center().y()))
        if d < PITCH_MM * ppm - 0.5:
            problems.append(
                f"{a.objectName()} and {b.objectName()} are {d / ppm:.1f} mm apart (< 20 mm)"
            )
        if ra.intersects(rb):
            problems.append(f"{a.objectName()} and {b.objectName()} overlap")

    content = k.find("content")
    nav = k.find("nav")
    limit = rect(nav).top() if nav is not None else height
    least_px = theme.font_px_for_caps(LARGE_CAPS_MM, ppm, k.vm.cap_ratio)
    overlay = k.find("idle") or k.find("busy")
    idle_or_busy = overlay is not None
    for item in items(root):
        if not item.metaObject().className().startswith("QQuickText") or not shown(item):
            continue
        if overlay is not None and not under(item, overlay):
            continue  # dimmed under the dialog
        text = str(item.property("text") or "")
        if not text.strip():
            continue
        r = item.mapRectToScene(
            QRectF(0, 0, item.width(), max(item.height(), float(item.property("paintedHeight"))))
        )
        label = f"text {text[:30]!r}"
        if not window.contains(r.adjusted(2, 2, -2, -2)):
            problems.append(f"{label} runs off screen: {r}")
        if content is not None and under(item, content) and r.bottom() > limit + 1:
            problems.append(f"{label} runs under the navigation bar")
        if not any(under(item, t) for t in taps):
            for t in taps:
                overlap = r.intersected(rect(t))
                if overlap.width() > 2 and overlap.height() > 2:
                    problems.append(f"{label} lies over {t.objectName() or 'a button'}")
        if item.property("truncated") and not under(item, k.find("tiles")):
            problems.append(f"{label} is cut short")
        if k.vm.largeText and not idle_or_busy:
            px = item.property("font").pixelSize()
            if px < least_px:
                problems.append(f"{label} is {px}px, under 7 mm capitals ({least_px}px)")
    return problems


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_screen_keeps_the_accessibility_rules(
    landscape: bool,
    full_site: tuple[LiveServer, Path],
    make_kiosk: KioskFactory,
    sim: VirtualPrinter,
    printer_uri: str,
) -> None:
    server, site = full_site
    k = make_kiosk(server, printer=printer_uri, local=site, landscape=landscape)
    seed(k.kiosk)
    checker = Checker(k)
    for lang in ("da", "ar", "so"):
        online(checker, lang, sim)
    server.stop()
    k.wait(lambda: not k.vm.serverOk, 15)
    for lang in ("da", "ar"):
        offline(checker, lang)
    assert checker.screens > 80
    assert not checker.problems, "\n".join(checker.problems[:40])


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_guide_fits_every_page(
    landscape: bool,
    full_site: tuple[LiveServer, Path],
    make_kiosk: KioskFactory,
    printer_uri: str,
) -> None:
    server, site = full_site
    k = make_kiosk(server, printer=printer_uri, local=site, landscape=landscape)
    checker = Checker(k)
    vm = k.vm
    guides = [g.id for g in vm.link.guides]
    assert len(guides) >= 12
    for large in (False, True):
        for lang in ("da", "ar", "uk"):
            vm.home()
            if large:
                vm.toggleLargeText()
            vm.chooseLanguage(lang)
            for gid in guides:
                vm.openGuideFor(gid)
                checker.shot(f"{gid}-1")
                while vm.detail.get("hasNextSteps"):
                    vm.nextSteps()
                    checker.shot(f"{gid}-{vm.detail['firstStep']}")
                vm.back()
    assert not checker.problems, "\n".join(checker.problems[:40])


def test_arabic_is_mirrored(app_server: LiveServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(app_server)
    k.tap("lang_ar")
    k.tap("tile_group_borgerservice")
    k.screen("group")
    k.settle()
    back, home = rect(k.item("btn_back")), rect(k.item("btn_home"))
    assert back.center().x() > home.center().x()  # Back sits on the right in Arabic
    first = rect(k.item("tile_service_pas"))
    second = rect(k.item("tile_service_korekort"))
    assert first.center().x() > second.center().x()  # tiles read right to left
    branch = rect(k.item("branchName"))
    assert branch.center().x() > k.root.width() / 2  # the header's corners swap too
    k.tap("btn_back")
    k.tap("btn_home")
    k.screen("start")
    k.settle()
    assert rect(k.item("btn_home") if k.find("btn_home") else k.item("lang_da")).center().x() < (
        rect(k.item("lang_en")).center().x()
    )  # back in Danish: left to right again


def test_physical_sizes_on_the_configured_screen() -> None:
    screen = Screen(1080, 1920, 21.5)
    assert screen.px_per_mm == pytest.approx(4.034, abs=0.001)
    assert screen.width_mm == pytest.approx(267.7, abs=0.2)
    big = Screen(1080, 1920, 32)  # the same pixels on a bigger screen: fewer per mm
    large = theme.sizes(screen, large_text=True)
    large_big = theme.sizes(big, large_text=True)
    for s, scr in ((large, screen), (large_big, big)):
        for role, px in s.fonts.items():
            assert px * theme.DEFAULT_CAP_RATIO >= LARGE_CAPS_MM * scr.px_per_mm, role
        assert s.button_h + s.gap >= PITCH_MM * scr.px_per_mm
    assert large_big.fonts["body"] < large.fonts["body"]


def test_capital_letters_measured_with_the_real_font(qtbot: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetricsF

    from kiosk.options import FONT_FAMILY
    from kiosk.presented import cap_ratio

    screen = Screen(1080, 1920, 21.5)
    ratio = cap_ratio()
    for role, px in theme.sizes(screen, large_text=True, cap_ratio=ratio).fonts.items():
        font = QFont(FONT_FAMILY)
        font.setPixelSize(px)
        font.setBold(True)
        caps_mm = QFontMetricsF(font).capHeight() / screen.px_per_mm
        assert caps_mm >= LARGE_CAPS_MM - 0.05, f"{role}: {caps_mm:.2f} mm"
