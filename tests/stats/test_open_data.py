"""Open data without a token: busy times per weekday and hour, small cells suppressed;
the public page in Danish and English, linked from the citizen's ticket page; and
`dintur stats fold` on a history that ended days ago."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import httpx
import pytest

from dintur import stats as stats_cli
from queue_server.api.thread import free_port
from queue_server.config import load_site
from queue_server.db.engine import open_database
from queue_server.ledger import Ledger, UnitOfWork
from queue_server.settings import REPO_CONFIG, Settings
from queue_server.shared import wire
from tests.stats.history import KIOSK, STAFF, Clock, ledger_on, play_days
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server

TZ = dt.timezone(dt.timedelta(hours=1))
TUESDAYS = [dt.date(2026, 2, 17), dt.date(2026, 2, 24), dt.date(2026, 3, 3)]


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[tuple[LiveServer, Clock]]:
    clock = Clock(dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ))
    port = free_port()
    settings = Settings(
        config_dir=DEMO_CONFIG,
        database_url=f"sqlite:///{tmp_path / 'busy.db'}",
        public_url=f"http://127.0.0.1:{port}",
        clock=clock,
        stats_fold_every_s=10**6,
    )
    live = start_server(settings, port)
    yield live, clock
    live.stop()


def issue(ledger: Ledger, uow: UnitOfWork) -> wire.Ticket:
    return ledger.tickets.issue(uow, wire.IssueTicket(branch="dokk1", service="pas"), KIOSK)


def call(ledger: Ledger, ticket_id: str, uow: UnitOfWork) -> wire.Ticket:
    return ledger.tickets.call(uow, "dokk1-1", ticket_id, STAFF)


def done(ledger: Ledger, ticket_id: str, uow: UnitOfWork) -> wire.Ticket:
    return ledger.tickets.done(uow, ticket_id, STAFF)


def three_tuesdays(ledger: Ledger, clock: Clock) -> None:
    """Each Tuesday: six tickets at nine, each called ten minutes later; two at ten."""
    for day in TUESDAYS:
        for minute, hour in [(m, 9) for m in range(0, 60, 10)] + [(5, 10), (15, 10)]:
            clock.now = dt.datetime.combine(day, dt.time(hour, minute), TZ)
            ticket = ledger.write(partial(issue, ledger))
            clock.step(600)
            ledger.write(partial(call, ledger, ticket.id))
            clock.step(60)
            ledger.write(partial(done, ledger, ticket.id))
    clock.now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ)


def test_busy_times_are_public_and_suppress_small_cells(
    busy_server: tuple[LiveServer, Clock],
) -> None:
    live, clock = busy_server
    three_tuesdays(live.app.state.ledger, clock)  # type: ignore[attr-defined]
    r = httpx.get(f"{live.url}/open/v1/busy/dokk1")  # no token
    assert r.status_code == 200
    body = r.json()
    assert (body["from"], body["to"], body["min_tickets"]) == ("2026-01-13", "2026-03-09", 5)
    cells = {(c["weekday"], c["hour"]): c for c in body["cells"]}
    nine = cells[(2, 9)]
    assert (nine["tickets"], nine["tickets_per_day"], nine["suppressed"]) == (18, 6.0, False)
    assert nine["wait_p50_s"] == 600  # every wait was ten minutes
    ten = cells[(2, 10)]  # 6 tickets over the weeks, but 2 a day… still ≥ 5 in all
    assert ten["tickets"] == 6 and ten["tickets_per_day"] == 2.0
    assert set(cells) == {(2, 9), (2, 10)}
    assert "id" not in json.dumps(body) and "P0" not in json.dumps(body)  # no ticket in sight
    assert httpx.get(f"{live.url}/open/v1/busy/nowhere").status_code == 404


def test_a_cell_with_fewer_than_five_tickets_shows_nothing(
    busy_server: tuple[LiveServer, Clock],
) -> None:
    live, clock = busy_server
    ledger: Ledger = live.app.state.ledger  # type: ignore[attr-defined]
    for minute in (0, 10, 20, 30):  # four tickets on one Wednesday at eight
        clock.now = dt.datetime(2026, 3, 4, 8, minute, tzinfo=TZ)
        ledger.write(partial(issue, ledger))
    clock.now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    cells = httpx.get(f"{live.url}/open/v1/busy/dokk1").json()["cells"]
    assert cells == [
        {
            "weekday": 3,
            "hour": 8,
            "suppressed": True,
            "tickets": None,
            "tickets_per_day": None,
            "wait_p50_s": None,
            "wait_p90_s": None,
        }
    ]


def test_the_public_page_in_the_citizens_languages_and_the_ticket_links_it(
    busy_server: tuple[LiveServer, Clock],
) -> None:
    live, clock = busy_server
    three_tuesdays(live.app.state.ledger, clock)  # type: ignore[attr-defined]
    da = httpx.get(f"{live.url}/busy/dokk1")
    assert da.status_code == 200 and "Hvornår er der kortest ventetid?" in da.text
    assert "tirsdag" in da.text and "10 min" in da.text and "6 numre" in da.text
    assert "default-src 'none'" in da.headers["content-security-policy"]
    en = httpx.get(f"{live.url}/busy/dokk1?lang=en")
    assert "When is the wait shortest?" in en.text and "Tuesday" in en.text
    ar = httpx.get(f"{live.url}/busy/dokk1?lang=ar").text  # every citizen language, RTL too
    assert 'dir="rtl"' in ar and "متى يكون الانتظار أقصر؟" in ar and "الثلاثاء" in ar
    css = httpx.get(f"{live.url}/busy/static/busy.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    with live.client("kiosk") as kiosk:
        ticket = kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).json()
    page = httpx.get(ticket["status_url"])
    assert 'href="/busy/dokk1?lang=da"' in page.text
    assert "Hvornår er der kortest ventetid?" in page.text  # the page's texts carry it


def test_dintur_stats_fold_folds_and_purges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    site = load_site(REPO_CONFIG / "demo")
    today = dt.datetime.now(dt.UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    clock = Clock(today - dt.timedelta(days=8))
    db = open_database(url)
    play_days(ledger_on(db, site, clock), clock, 3, per_day=20)
    db.dispose()
    argv = ["fold", "--database-url", url, "--config", str(DEMO_CONFIG), "--retention-days", "6"]
    assert stats_cli.main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["days_folded"] == 6 and first["days_purged"] == 4  # 2 of 3 days are over 6
    assert first["tickets_deleted"] > 0
    assert stats_cli.main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["days_folded"], again["days_purged"]) == (0, 0)
