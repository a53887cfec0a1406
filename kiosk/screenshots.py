"""`dintur kiosk --screenshots DIR`: every screen, in every language, portrait and landscape.

Against a real server (its own, on a temporary SQLite database, unless --server is given)
and the virtual printer, the renderer walks real visits — tickets on paper and on the
phone, a full queue, a closed service, guides, idle warning, printer out, server down —
and saves each screen as DIR/<orientation>/<language>/NN-name.png.

Its own server runs a copy of config/demo with three changes, so every screen has
something to show: `bibliotek` at Dokk1 opens only tomorrow (closed now, open at
Gellerup), `sundhedskort` takes at most two waiting tickets (full), and the Aarhus
guides are added (their "still need help" service kept where the demo has it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import shutil
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from .app import Kiosk, KioskConfig, build
from .devserver import OwnServer
from .options import Options
from .speech import FakeSpeech
from .texts import LANGUAGE_CODES

log = logging.getLogger("dintur.kiosk.screenshots")
REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ORIENTATIONS = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def demo_site(folder: Path, *, closed: str = "bibliotek", capped: str = "sundhedskort") -> Path:
    """A copy of config/demo where `closed` opens only tomorrow at Dokk1, `capped` takes two
    waiting tickets, and the Aarhus guides are added."""
    site = folder / "site"
    shutil.copytree(REPO_CONFIG / "demo", site)
    with (site / "site.toml").open("rb") as f:
        timezone = ZoneInfo(tomllib.load(f)["timezone"])  # "tomorrow" on the site's clock
    tomorrow = dt.datetime.now(timezone).date() + dt.timedelta(days=1)
    day = WEEKDAYS[tomorrow.weekday()]
    dokk1 = site / "branches" / "dokk1.toml"
    text = dokk1.read_text(encoding="utf-8")
    text = text.replace(
        f"[services.{closed}]\n", f'[services.{closed}]\nhours = {{ {day} = "10:00-14:00" }}\n'
    )
    dokk1.write_text(text, encoding="utf-8")
    services = site / "services.toml"
    stext = services.read_text(encoding="utf-8")
    stext = stext.replace(f"[services.{capped}]\n", f"[services.{capped}]\ncap = 2\n")
    services.write_text(stext, encoding="utf-8")
    known = set(re.findall(r"^\[services\.([a-z0-9-]+)\]", stext, flags=re.M))
    for guide in sorted((REPO_CONFIG / "aarhus" / "guides").glob("*.toml")):
        body = guide.read_text(encoding="utf-8")
        m = re.search(r'^service = "([a-z0-9-]+)"\n', body, flags=re.M)
        if m and m.group(1) not in known:
            body = body.replace(m.group(0), "")
        (site / "guides" / guide.name).write_text(body, encoding="utf-8")
    return site


class Shooter:
    def __init__(self, kiosk: Kiosk, out: Path, *, compact: bool = False) -> None:
        self.compact = compact  # 8-bit palette PNGs: a third of the size, for docs
        self.kiosk = kiosk
        self.vm: Any = kiosk.vm  # Qt properties read as plain values
        self.out = out
        self.count = 0
        self.folder = out

    def pump(self, ms: int = 30) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(self, predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> bool:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                log.warning("screenshots: gave up waiting for %s", what or "a state")
                return False
            self.pump(25)
        return True

    def shot(self, name: str) -> Path:
        self.pump(20)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{name}.png"
        image = self.kiosk.view.grabWindow()
        image.save(str(path), quality=0)  # PNG by the name; 0: smallest file
        if self.compact:
            from PIL import Image

            with Image.open(path) as full:
                small = full.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
            small.save(path, optimize=True)
        self.count += 1
        return path

    def ticket(self, paperless: bool) -> bool:
        before = self.vm.screen
        self.vm.takeTicket(paperless)
        return self.wait(lambda: self.vm.screen != before and not self.vm.busy, what="a ticket")

    def start(self, lang: str) -> None:
        self.vm.home()
        self.vm.chooseLanguage(lang)


def online(s: Shooter, lang: str, sim: object) -> None:
    vm = s.vm
    s.start(lang)
    vm.back()
    s.shot("01-start")
    vm.chooseLanguage(lang)
    s.shot("02-menu")
    vm.openTile("group:borgerservice")
    s.shot("03-group")
    vm.openTile("service:pas")
    s.shot("04-offer")
    vm.offerGuide()
    s.shot("05-guide")
    vm.back()
    vm.offerTicket()
    s.shot("06-confirm")
    if s.ticket(False):
        s.shot("07-ticket-printed")
    s.start(lang)
    vm.openTile("group:borgerservice")
    vm.openTile("service:korekort")
    if s.ticket(True):
        s.shot("08-ticket-paperless")
    s.start(lang)
    vm.openTile("group:borgerservice")
    vm.openTile("service:sundhedskort")
    s.shot("09-full")
    s.start(lang)
    vm.openTile("group:bibliotek")
    s.shot("10-group-closed-tile")
    vm.openTile("service:bibliotek")
    s.shot("11-closed")
    s.start(lang)
    vm.openGuides()
    s.shot("12-guides")
    if vm.paging["hasNext"]:
        vm.nextPage()
        s.shot("13-guides-page-2")
        vm.prevPage()
    vm.openTile("guide:flytning")
    s.shot("14-guide")
    vm.idle.quiet_s = vm.idle.idle_after_s - 1
    vm.idleTick()
    s.shot("15-idle-warning")
    vm.moreTime()
    vm.set_busy(True)  # the wait overlay, as while a ticket is being made
    s.shot("16-busy")
    vm.set_busy(False)
    printer_out(s, lang, sim)
    large_and_contrast(s, lang)


def printer_out(s: Shooter, lang: str, sim: object) -> None:
    vm = s.vm
    if not s.kiosk.output.available:
        return
    set_state = sim.set_state  # type: ignore[attr-defined]
    set_state("paper_out")
    vm.pollPrinter()
    s.wait(lambda: vm.printerStatus == "paper_out", what="paper out")
    s.start(lang)
    s.shot("17-menu-printer-out")
    vm.openTile("group:borgerservice")
    vm.openTile("service:korekort")
    s.shot("18-confirm-printer-out")
    set_state("ok")
    vm.pollPrinter()
    s.wait(lambda: vm.printerStatus == "ok", what="printer ok")
    s.start(lang)
    vm.openTile("group:borgerservice")
    vm.openTile("service:korekort")
    set_state("paper_out")  # runs out while this ticket prints
    if s.ticket(False):
        s.shot("19-ticket-print-failed")
    set_state("ok")
    vm.pollPrinter()
    s.wait(lambda: vm.printerStatus == "ok", what="printer ok")


def large_and_contrast(s: Shooter, lang: str) -> None:
    vm = s.vm
    vm.home()
    vm.toggleLargeText()
    vm.chooseLanguage(lang)
    vm.back()
    s.shot("20-large-start")
    vm.chooseLanguage(lang)
    s.shot("21-large-menu")
    vm.openTile("group:borgerservice")
    s.shot("22-large-group")
    vm.openTile("service:korekort")
    s.shot("23-large-confirm")
    if s.ticket(True):
        s.shot("24-large-ticket")
    vm.home()
    vm.toggleLargeText()
    vm.chooseLanguage(lang)
    vm.openGuides()
    vm.openTile("guide:mitid")
    s.shot("25-large-guide")
    vm.home()
    vm.toggleHighContrast()
    vm.chooseLanguage(lang)
    vm.back()
    s.shot("26-contrast-start")
    vm.chooseLanguage(lang)
    s.shot("27-contrast-menu")
    vm.openTile("group:bibliotek")
    vm.openTile("service:digital-hjaelp")
    if s.ticket(False):
        s.shot("28-contrast-ticket")
    vm.home()
    vm.toggleHighContrast()
    vm.chooseLanguage(lang)
    vm.openGuides()
    vm.openTile("guide:pas")
    s.shot("29-contrast-guide")
    vm.home()


def offline(s: Shooter, lang: str) -> None:
    vm = s.vm
    s.start(lang)
    s.shot("30-menu-offline")
    vm.openTile("group:borgerservice")
    s.shot("31-group-offline")
    vm.openTile("service:pas")
    s.shot("32-error-offline")
    vm.openGuides()
    s.shot("33-guides-offline")
    vm.home()


def seed(kiosk: Kiosk) -> None:
    """A few citizens already waiting, so tiles show queues and waits."""
    for service, n in (("pas", 4), ("korekort", 2), ("sundhedskort", 2), ("digital-hjaelp", 1)):
        for _ in range(n):
            kiosk.api.issue(kiosk.config.branch, service, "da", paperless=True)


def main(args: argparse.Namespace) -> int:
    from printers.sim import VirtualPrinter

    out: Path = args.screenshots
    languages = [x for x in (args.languages or ",".join(LANGUAGE_CODES)).split(",") if x]
    bad = [x for x in languages if x not in LANGUAGE_CODES]
    if bad:
        print(f"dintur kiosk: unknown language(s) {', '.join(bad)}")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="dintur-shots-"))
    own: OwnServer | None = None
    kiosk: Kiosk | None = None
    sim = VirtualPrinter(tmp / "printer", save_png=False)
    try:
        if args.server:
            server, token = args.server, args.token
        else:
            own = OwnServer(demo_site(tmp), args.branch).start()
            server, token = own.url, own.token
        host, port = sim.start_tcp()
        config = KioskConfig(
            server=server,
            token=token,
            branch=args.branch,
            printer=f"tcp://{host}:{port}",
            diagonal_in=args.diagonal,
            size=ORIENTATIONS["portrait"],
            cache_dir=tmp / "cache",
            local_config=own.config_dir if own else args.config,
            options=Options(tap_guard_s=0.0, idle_after_s=60, idle_warn_s=20),
            printer_timeouts=(0.5, 1.0),
        )
        kiosk = build(config, speech=FakeSpeech())  # shows the speech controls
        s = Shooter(kiosk, out, compact=args.compact)
        s.wait(lambda: s.vm.serverOk, what="the server")
        if own is not None:
            seed(kiosk)
        s.wait(lambda: kiosk.live.status == "live", what="live events")
        for orientation, (w, h) in ORIENTATIONS.items():
            kiosk.resize(w, h)
            for lang in languages:
                s.folder = out / orientation / lang
                online(s, lang, sim)
            if own is not None:
                own.stop()
                s.wait(lambda: not s.vm.serverOk, what="the server to be missed")
                for lang in languages:
                    s.folder = out / orientation / lang
                    offline(s, lang)
                own.start()
                s.wait(lambda: s.vm.serverOk, what="the server to come back")
        print(f"dintur kiosk: {s.count} screenshots in {out}")
        if kiosk.qml_warnings:
            print("QML warnings:\n  " + "\n  ".join(kiosk.qml_warnings[:20]))
            return 1
        return 0
    finally:
        if kiosk is not None:
            kiosk.close()
        sim.stop()
        if own is not None:
            own.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
        QGuiApplication.processEvents()
