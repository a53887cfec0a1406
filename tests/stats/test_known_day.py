"""A known Tuesday at Dokk1 played through the API, every metric against a hand count,
on SQLite and PostgreSQL; then the day folded and deleted, and the same numbers again.

The quoted sentences are docs/statistics.md's definitions (test_definitions.py checks
that the document says them word for word).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from queue_server import auth, stats
from queue_server.api.thread import free_port
from queue_server.db.models import TicketRow
from queue_server.settings import Settings
from tests.stats.history import Clock
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server

TZ = dt.timezone(dt.timedelta(hours=1))  # Copenhagen in March (CET)
DAY = dt.date(2026, 3, 10)
QUOTES = {
    "wait": "Wait: from the citizen's arrival at the branch to the first call of the visit.",
    "transfer": "A transfer is counted once, at the target: in its service and counter.",
    "service": "Service time: from start to finish of a ticket that was served.",
    "counter": "Counter time per call: from a call to the counter's next call, the "
    "ticket's next call or the ticket's end, whichever comes first.",
    "deflection": "Deflection: guide sessions ended self-served divided by all guide sessions.",
    "percentile": "the upper edge of the histogram bin that holds the observation of rank",
}


@pytest.fixture
def day_server(database_url: str) -> Iterator[tuple[LiveServer, Clock]]:
    clock = Clock(dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ))
    port = free_port()
    settings = Settings(
        config_dir=DEMO_CONFIG,
        database_url=database_url,
        public_url=f"http://127.0.0.1:{port}",
        clock=clock,
        stats_fold_every_s=10**6,
    )
    live = start_server(settings, port)
    yield live, clock
    live.stop()


def at(clock: Clock, hh_mm: str) -> None:
    hours, minutes = map(int, hh_mm.split(":"))
    clock.now = dt.datetime.combine(clock.now.date(), dt.time(hours, minutes), TZ)


def play_the_day(live: LiveServer, clock: Clock) -> dict[str, Any]:
    """The day as a script; returns the promises the kiosk printed (for calibration)."""
    kiosk, staff = live.client("kiosk"), live.client("admin")
    issued: dict[str, dict[str, Any]] = {}

    def issue(name: str, when: str, service: str, paperless: bool = False) -> None:
        at(clock, when)
        body = {"branch": "dokk1", "service": service, "paperless": paperless}
        r = kiosk.post("/api/v1/tickets", json=body)
        assert r.status_code == 201, r.text
        issued[name] = r.json()

    def post(when: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        at(clock, when)
        r = staff.post(path, json=body) if body is not None else staff.post(path)
        assert r.status_code == 200, r.text
        answer: dict[str, Any] = r.json()
        return answer

    def guide(when: str, outcome: str) -> None:
        at(clock, when)
        body = {"branch": "dokk1", "outcome": outcome}
        assert kiosk.post("/api/v1/guides/pas/outcome", json=body).status_code == 204

    issue("T1", "09:00", "pas")
    issue("T2", "09:02", "pas", paperless=True)
    issue("T3", "09:04", "korekort")
    issue("T4", "09:05", "pas")
    guide("09:06", "self_served")
    guide("09:07", "ticket")
    guide("09:08", "printed")
    guide("09:09", "self_served")
    assert post("09:10", "/api/v1/counters/dokk1-1/call-next")["id"] == issued["T1"]["id"]
    post("09:12", f"/api/v1/tickets/{issued['T1']['id']}/start")
    post("09:20", f"/api/v1/tickets/{issued['T1']['id']}/finish")
    post("09:21", "/api/v1/counters/dokk1-2/call", {"ticket": issued["T2"]["id"]})
    post("09:23", f"/api/v1/tickets/{issued['T2']['id']}/recall")
    post("09:25", f"/api/v1/tickets/{issued['T2']['id']}/no-show")
    post("09:26", "/api/v1/counters/dokk1-1/call", {"ticket": issued["T3"]["id"]})
    post("09:27", f"/api/v1/tickets/{issued['T3']['id']}/start")
    moved = post("09:30", f"/api/v1/tickets/{issued['T3']['id']}/transfer", {"service": "pas"})
    at(clock, "09:31")  # the citizen cancels T4 from the ticket page
    token = issued["T4"]["status_url"].rsplit("/", 1)[1]
    assert httpx.post(f"{live.url}/api/v1/status/{token}/cancel").status_code == 200
    post("09:32", "/api/v1/counters/dokk1-3/call", {"ticket": moved["id"]})
    post("09:33", f"/api/v1/tickets/{moved['id']}/done")  # straight from called
    issue("T5", "09:40", "sundhedskort", paperless=True)
    issue("T6", "09:41", "pas")  # still waiting at day end: it expires
    post("09:45", "/api/v1/counters/dokk1-5/call", {"ticket": issued["T5"]["id"]})
    post("09:46", f"/api/v1/tickets/{issued['T5']['id']}/start")
    post("09:50", f"/api/v1/tickets/{issued['T5']['id']}/finish")
    issue("T7", "10:05", "digital-hjaelp")
    post("10:15", "/api/v1/counters/dokk1-4/call", {"ticket": issued["T7"]["id"]})
    post("10:16", f"/api/v1/tickets/{issued['T7']['id']}/start")
    post("10:20", f"/api/v1/tickets/{issued['T7']['id']}/finish")
    # day end: the next morning's first ticket expires yesterday's waiting T6
    clock.now = dt.datetime(2026, 3, 11, 8, 0, tzinfo=TZ)
    kiosk.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"})
    kiosk.close()
    staff.close()
    return {name: t["estimated_wait"] for name, t in issued.items()}


def calibration(promise: dict[str, int], waited: int) -> str:
    return "early" if waited < promise["low_s"] else "late" if waited > promise["high_s"] else "in"


def summary(live: LiveServer, by: str, fmt: str = "json", **extra: str) -> httpx.Response:
    params = {"branch": "dokk1", "from": DAY.isoformat(), "to": DAY.isoformat(), "by": by}
    with live.client("manager", None) as manager:
        r = manager.get("/api/v1/stats/summary", params={**params, "format": fmt, **extra})
    assert r.status_code == 200, r.text
    return r


def by_key(live: LiveServer, by: str) -> dict[str, dict[str, Any]]:
    body = summary(live, by).json()
    rows = {row["key"]: row for row in body["rows"]}
    rows["total"] = body["total"]
    return rows


def check_hand_count(live: LiveServer, promises: dict[str, Any]) -> None:
    rows = by_key(live, "service")
    pas, kk, sk, dh, total = (
        rows[k] for k in ("pas", "korekort", "sundhedskort", "digital-hjaelp", "total")
    )
    # counts: T1 done, T2 no-show, T4 cancelled, T6 expired; T3b (from korekort) done
    assert (pas["issued"], pas["transferred"], pas["served"]) == (4, 1, 2)
    assert (pas["no_show"], pas["cancelled"], pas["expired"], pas["open"]) == (1, 1, 1, 0)
    assert (pas["recalls"], pas["paperless"], pas["paperless_share"]) == (1, 1, 0.25)
    # QUOTES["transfer"]: korekort issued T3 and keeps no outcome of it
    assert (kk["issued"], kk["transferred"], kk["served"], kk["expired"]) == (1, 0, 0, 0)
    # QUOTES["wait"]: T1 600 s, T2 1140 s; T3b waited after T3's call: a transfer wait
    assert (pas["wait_n"], pas["wait_mean_s"], pas["wait_max_s"]) == (2, 870.0, 1140)
    # QUOTES["percentile"]: 600 is a bin edge; 1140 lies in (1080, 1140]
    assert (pas["wait_p50_s"], pas["wait_p90_s"]) == (600, 1140)
    assert (pas["transfer_wait_n"], pas["transfer_wait_mean_s"]) == (1, 120.0)
    assert (kk["wait_n"], kk["wait_p50_s"], kk["wait_max_s"]) == (1, 1320, 1320)  # capped at max
    # QUOTES["service"]: T1 480 s; T3b was finished straight from called: no service time
    assert (pas["service_n"], pas["service_p50_s"], pas["service_mean_s"]) == (1, 480, 480.0)
    assert (sk["service_n"], sk["service_max_s"], dh["service_mean_s"]) == (1, 240, 240.0)
    # QUOTES["counter"]: T1 600, T2 240, T3b 60 in pas; T3 240 in korekort
    assert (pas["calls"], pas["counter_time_mean_s"], pas["counter_time_max_s"]) == (3, 300.0, 600)
    assert (kk["calls"], kk["counter_time_mean_s"]) == (1, 240.0)
    # QUOTES["deflection"]: 2 self-served of 4 sessions of the passport guide
    assert (pas["guide_sessions"], pas["guide_self_served"], pas["deflection_share"]) == (4, 2, 0.5)
    assert pas["target_n"] == 0 and pas["within_target_share"] is None  # no target yet
    # the whole day
    assert (total["issued"], total["transferred"], total["served"]) == (7, 1, 4)
    assert (total["no_show"], total["cancelled"], total["expired"]) == (1, 1, 1)
    assert (total["paperless"], total["paperless_share"]) == (2, 0.2857)
    # waits 300, 600, 600, 1140, 1320: rank 3 is 600, rank 5 is 1320 (bin 1500, capped)
    assert (total["wait_n"], total["wait_p50_s"], total["wait_p90_s"]) == (5, 600, 1320)
    assert (total["wait_mean_s"], total["wait_max_s"]) == (792.0, 1320)
    assert (total["service_n"], total["service_p50_s"], total["service_p90_s"]) == (3, 240, 480)
    assert (total["calls"], total["counter_time_mean_s"]) == (6, 290.0)
    # calibration: each called ticket's wait from issue against what its ticket promised
    waited = {"T1": 600, "T2": 1140, "T3": 1320, "T5": 300, "T7": 600}
    kinds = [calibration(promises[name], w) for name, w in waited.items()]
    assert total["calibration_n"] == 5
    assert total["calibration_inside"] == kinds.count("in")
    assert total["calibration_late"] == kinds.count("late")
    assert total["calibration_early"] == kinds.count("early")
    late = [
        w - promises[n]["high_s"]
        for n, w in waited.items()
        if calibration(promises[n], w) == "late"
    ]
    assert total["calibration_late_mean_s"] == (round(sum(late) / len(late), 1) if late else None)
    hours = by_key(live, "hour")
    assert set(hours) == {"09", "10", "total"} and hours["10"]["issued"] == 1
    counters = by_key(live, "counter")
    assert counters["dokk1-1"]["calls"] == 2 and counters["dokk1-3"]["transferred"] == 1
    assert counters[""]["cancelled"] == 1 and counters[""]["expired"] == 1
    assert counters[""]["label"] == "(ingen skranke)"
    assert by_key(live, "weekday")["2"]["label"] == "tirsdag"
    for by in ("day", "week", "month"):
        assert [k for k in by_key(live, by) if k != "total"] == [
            {"day": "2026-03-10", "week": "2026-W11", "month": "2026-03"}[by]
        ]


def test_a_known_day_counted_by_hand_then_folded(day_server: tuple[LiveServer, Clock]) -> None:
    live, clock = day_server
    promises = play_the_day(live, clock)
    check_hand_count(live, promises)
    before = {by: summary(live, by).json() for by in ("service", "counter", "hour", "day")}
    site = live.app.state.site  # type: ignore[attr-defined]
    clock.now = dt.datetime(2026, 3, 12, 4, 0, tzinfo=TZ)
    report = stats.fold(live.db, site, now=clock.now, retention_days=1)
    # the 10th is folded and purged; the 11th waits: its morning ticket is still open
    assert (report.days_folded, report.tickets_folded, report.days_skipped) == (1, 8, 1)
    assert (report.days_purged, report.tickets_deleted, report.guides_deleted) == (1, 8, 4)
    with live.db.read() as s:
        left = s.scalar(select(func.count()).where(TicketRow.business_day == DAY))
    assert left == 0
    for by, body in before.items():
        assert summary(live, by).json() == body, by
    check_hand_count(live, promises)


def test_csv_and_xlsx_carry_the_same_rows(day_server: tuple[LiveServer, Clock]) -> None:
    live, clock = day_server
    play_the_day(live, clock)
    body = summary(live, "service").json()
    raw = summary(live, "service", "csv")
    assert raw.headers["content-type"].startswith("text/csv")
    assert raw.content.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig")), delimiter=";"))
    head = rows[0]
    assert head[:4] == ["Nøgle", "Gruppe", "Udstedte numre", "Overført hertil"]
    assert [r[0] for r in rows[1:]] == [*(row["key"] for row in body["rows"]), "total"]
    pas = dict(zip(head, rows[1], strict=True))
    assert pas["Gruppe"] == "Pas" and pas["Ventetid p90 (s)"] == "1140"
    assert pas["Andel papirløse"] == "0,25"  # Danish Excel: a decimal comma
    kk = dict(zip(head, rows[2], strict=True))
    assert kk["Gruppe"] == "Kørekort"
    with live.client("manager", None) as manager:
        accepted = manager.get(
            "/api/v1/stats/summary",
            params={"branch": "dokk1", "from": "2026-03-10", "to": "2026-03-10"},
            headers={"Accept": "text/csv"},
        )
    assert accepted.content == raw.content
    book = load_workbook(io.BytesIO(summary(live, "service", "xlsx", lang="en").content))
    sheet = book.active
    assert sheet is not None and sheet.title == "Statistics"
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][:3] == ["Key", "Group", "Tickets issued"]
    xpas = dict(zip(cells[0], cells[1], strict=True))
    assert xpas["Group"] == "Passport" and xpas["Wait p90 (s)"] == 1140
    assert xpas["Paperless share"] == 0.25 and cells[-1][0] == "total"


def test_who_may_read_statistics(day_server: tuple[LiveServer, Clock]) -> None:
    live, _ = day_server
    params = {"from": "2026-03-10", "to": "2026-03-10"}
    for role in ("kiosk", "display", "caseworker"):
        with live.client(role) as c:
            assert c.get("/api/v1/stats/summary", params=params).status_code == 403
    with live.client("manager", "gellerup") as local:
        assert local.get("/api/v1/stats/summary", params=params).json()["branches"] == ["gellerup"]
        mine = local.get("/api/v1/stats/summary", params={**params, "branch": "dokk1"})
        assert mine.status_code == 403
    with live.client("manager", None) as manager:
        everyone = manager.get("/api/v1/stats/summary", params=params).json()
        assert everyone["branches"] == ["dokk1", "gellerup"]
        assert (
            manager.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"}).status_code
            == 403
        )
        wrong = manager.get(
            "/api/v1/stats/summary", params={"from": "2026-03-11", "to": "2026-03-10"}
        )
        assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_request"
        unknown = manager.get("/api/v1/stats/summary", params={**params, "branch": "nowhere"})
        assert unknown.status_code == 404
    token = auth.create_token(live.db, role="manager", branch=None)
    assert token.startswith("dt_")
