"""Sample tickets and a guide for test prints, screenshots and the benchmark."""

from __future__ import annotations

import dataclasses
import datetime as dt

from printers.ticket import GuidePrint, TicketPrint

SERVICE = {
    "da": "Pas og kørekort",
    "en": "Passport and driving licence",
    "ar": "جواز السفر ورخصة القيادة",
    "uk": "Паспорт і посвідчення водія",
    "so": "Baasaboor iyo shatiga darawalnimada",
    "tr": "Pasaport ve ehliyet",
    "pl": "Paszport i prawo jazdy",
}
NOTE = {
    "da": "Husk gyldigt billed-ID",
    "en": "Bring valid photo ID",
    "ar": "أحضر بطاقة هوية سارية بصورة",
    "uk": "Візьміть дійсне посвідчення з фото",
    "so": "Keen aqoonsi sax ah oo sawir leh",
    "tr": "Geçerli fotoğraflı kimliğinizi getirin",
    "pl": "Zabierz ważny dokument tożsamości ze zdjęciem",
}
# A wait of 600-1200 s as queue_server.shared.phrasing.wait_text words it (a kiosk test
# checks): in English for a language it lacks, as wait_text does.
WAIT = {
    "da": "ca. 10–20 min.",
    "en": "about 10–20 min",
    "ar": "من 10 إلى 20 دقيقة تقريبًا",
    "uk": "близько 10–20 хв",
    "so": "qiyaastii 10–20 daqiiqo",
    "tr": "yaklaşık 10–20 dakika",
    "pl": "ok. 10–20 min",
}
ISSUED = dt.datetime(2025, 11, 24, 8, 15, tzinfo=dt.UTC)  # 09.15 in Copenhagen
TIMEZONE = "Europe/Copenhagen"  # the sample branch's
STATUS_URL = "https://dintur.aarhus.dk/t/3f9c2a7e"


def sample_ticket(language: str = "da", *, branch: str = "Borgerservice Ørestad") -> TicketPrint:
    """A waiting ticket for "Pas og kørekort" in `language` (da en ar uk so tr pl)."""
    return TicketPrint(
        branch_name=branch,
        number="P017",
        service_name=SERVICE.get(language, SERVICE["da"]),
        service_name_da=SERVICE["da"],
        language=language,
        issued_at=ISSUED,
        timezone=TIMEZONE,
        people_ahead=3,
        wait={language: WAIT.get(language, WAIT["en"]), "da": WAIT["da"]},
        status_url=STATUS_URL,
        note=NOTE.get(language, NOTE["da"]),
    )


def printer_test_ticket() -> TicketPrint:
    """What `dintur printer test` prints: every Danish letter, a QR code, a cut."""
    return TicketPrint(
        branch_name="Æbleskiver på Ørestad Å",
        number="T001",
        service_name="Testudskrift æøå ÆØÅ",
        service_name_da="Testudskrift æøå ÆØÅ",
        language="da",
        issued_at=dt.datetime.now(dt.UTC),
        timezone=TIMEZONE,
        people_ahead=0,
        wait={"da": "under 5 min."},  # 0-120 s
        status_url="https://dintur.example.dk/printer-test",
        note="Æbleskiver på Ørestad Å",
    )


GUIDE_URL = "https://www.borger.dk/pas"
GUIDE_DA = GuidePrint(
    title="Bestil pas på borger.dk",
    summary="Du kan selv bestille tid og betale online.",
    steps=(
        "Log på borger.dk med MitID.",
        'Vælg "Pas" og udfyld ansøgningen.',
        "Betal gebyret med dit betalingskort.",
        "Mød op med dit gamle pas og billed-ID.",
    ),
    url=GUIDE_URL,
)
GUIDE_EN = GuidePrint(
    title="Order a passport on borger.dk",
    summary="You can book a time and pay online yourself.",
    steps=(
        "Log in to borger.dk with MitID.",
        "Choose Passport and fill in the form.",
        "Pay the fee with your card.",
        "Bring your old passport and ID.",
    ),
    url=GUIDE_URL,
)
# Only the title is translated: the rest comes in English, as the kiosk picks it
# (queue_server.shared.i18n.pick_name: the language, then English, then Danish).
GUIDE_AR = dataclasses.replace(GUIDE_EN, title="اطلب جواز السفر على borger.dk")
GUIDES = {"da": GUIDE_DA, "en": GUIDE_EN, "ar": GUIDE_AR}


def sample_guide(language: str = "da") -> GuidePrint:
    """The passport guide as printed for `language` (da en ar)."""
    return GUIDES[language]
