"""A made-up but realistic Dokk1 morning, for screenshots: no server needed."""

from __future__ import annotations

import datetime as dt

from queue_server.shared import wire
from queue_server.shared.state import BranchState
from queue_server.shared.vocab import AT_COUNTER, EventType, TicketState

S = TicketState

NOW = dt.datetime(2026, 3, 10, 9, 41, 20, tzinfo=dt.UTC)  # 10:41 in Copenhagen

#: names as in config/aarhus (Danish, English and Arabic: the board's languages)
SERVICES = [
    ("pas", "P", {"da": "Pas", "en": "Passport", "ar": "جواز السفر"}, 6, (600, 1200)),
    (
        "korekort",
        "K",
        {"da": "Kørekort", "en": "Driving licence", "ar": "رخصة القيادة"},
        3,
        (300, 900),
    ),
    (
        "sundhedskort",
        "S",
        {"da": "Sundhedskort", "en": "Health card", "ar": "البطاقة الصحية"},
        0,
        None,
    ),
    (
        "digital-hjaelp",
        "D",
        {"da": "Digital hjælp", "en": "Digital help", "ar": "مساعدة رقمية"},
        2,
        (0, 600),
    ),
    (
        "bibliotek",
        "L",
        {"da": "Bibliotekshjælp", "en": "Library help", "ar": "مساعدة المكتبة"},
        1,
        (0, 300),
    ),
]
COUNTERS = [
    (f"dokk1-{i}", zone, services)
    for i, zone, services in [
        (1, "borgerservice", ["pas", "korekort"]),
        (2, "borgerservice", ["pas", "korekort"]),
        (3, "borgerservice", ["pas", "korekort"]),
        (4, "borgerservice", ["pas", "korekort", "sundhedskort"]),
        (5, "borgerservice", ["sundhedskort", "pas"]),
        (6, "borgerservice", ["sundhedskort", "pas"]),
        (7, "bibliotek", ["bibliotek", "digital-hjaelp"]),
        (8, "bibliotek", ["bibliotek", "digital-hjaelp"]),
    ]
]
#: newest first: (number, service, counter, state, minutes ago, language)
CALLS = [
    ("P017", "pas", "dokk1-5", S.CALLED, 0, "uk"),
    ("K004", "korekort", "dokk1-2", S.SERVING, 2, "da"),
    ("D003", "digital-hjaelp", "dokk1-7", S.SERVING, 3, "ar"),
    ("S011", "sundhedskort", "dokk1-6", S.SERVING, 4, "da"),
    ("P016", "pas", "dokk1-1", S.SERVING, 6, "en"),
    ("L002", "bibliotek", "dokk1-8", S.DONE, 7, "da"),
    ("P015", "pas", "dokk1-3", S.DONE, 9, "da"),
]


def _ticket(
    number: str,
    service: str,
    state: TicketState,
    *,
    counter: str | None = None,
    ago_min: int = 0,
    language: str = "da",
) -> wire.Ticket:
    at = NOW - dt.timedelta(minutes=ago_min)
    return wire.Ticket(
        id=f"sample-{number}",
        number=number,
        branch="dokk1",
        service=service,
        state=state,
        language=language,
        issued_at=at - dt.timedelta(minutes=20),
        called_at=at if counter else None,
        counter=counter,
        status_url="",
    )


def services() -> list[wire.ServiceInfo]:
    return [
        wire.ServiceInfo(
            id=sid,
            prefix=prefix,
            names=names,
            open_now=True,
            waiting=waiting,
            estimated_wait=wire.WaitEstimate(low_s=wait[0], high_s=wait[1]) if wait else None,
        )
        for sid, prefix, names, waiting, wait in SERVICES
    ]


def branch_info() -> wire.BranchInfo:
    return wire.BranchInfo(
        id="dokk1",
        names={"da": "Dokk1", "en": "Dokk1"},
        timezone="Europe/Copenhagen",
        open_now=True,
        info={
            "da": "Velkommen til Dokk1. Tag et nummer – vi kalder dig op på skærmen.",
            "en": "Welcome to Dokk1. Take a ticket – we will call you on the screen.",
            "ar": "مرحباً بك في Dokk1. خذ رقماً – سنناديك على الشاشة.",
        },
        services=services(),
        counters=[
            wire.CounterInfo(
                id=cid,
                names={
                    "da": f"Skranke {cid[-1]}",
                    "en": f"Counter {cid[-1]}",
                    "ar": f"شباك {cid[-1]}",
                },
                services=services,
                zone=zone,
            )
            for cid, zone, services in COUNTERS
        ],
    )


def branch_state() -> BranchState:
    calls = [
        _ticket(n, s, st, counter=c, ago_min=ago, language=lang) for n, s, c, st, ago, lang in CALLS
    ]
    waiting = [
        _ticket(f"{prefix}{100 + i:03d}", sid, S.WAITING)
        for sid, prefix, _, count, _ in SERVICES
        for i in range(count)
    ]
    open_calls = [t for t in calls if t.state in AT_COUNTER]
    return BranchState(
        branch="dokk1",
        seq=120,
        tickets={t.id: t for t in [*open_calls, *waiting]},
        recent_calls=calls,
        services={s.id: s for s in services()},
    )


def call_event() -> wire.Event:
    """The newest sample call as it arrives: emphasised and announced."""
    return wire.Event(
        type=EventType.TICKET_CALLED,
        seq=120,
        branch="dokk1",
        at=NOW,
        ticket=branch_state().recent_calls[0],
    )
