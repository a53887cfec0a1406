"""Sample tickets and a guide for test prints, screenshots and the benchmark."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from printers.ticket import TicketPrint

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
        people_ahead=0,
        wait={"da": "under 5 min."},  # 0-120 s
        status_url="https://dintur.example.dk/printer-test",
        note="Æbleskiver på Ørestad Å",
    )


@dataclass(frozen=True)
class SampleGuide:
    """Shaped like `queue_server.domain.site.Guide`."""

    title: dict[str, str] = field(
        default_factory=lambda: {
            "da": "Bestil pas på borger.dk",
            "en": "Order a passport on borger.dk",
            "ar": "اطلب جواز السفر على borger.dk",
        }
    )
    summary: dict[str, str] = field(
        default_factory=lambda: {
            "da": "Du kan selv bestille tid og betale online.",
            "en": "You can book a time and pay online yourself.",
        }
    )
    steps: tuple[dict[str, str], ...] = (
        {"da": "Log på borger.dk med MitID.", "en": "Log in to borger.dk with MitID."},
        {"da": 'Vælg "Pas" og udfyld ansøgningen.', "en": "Choose Passport and fill in the form."},
        {"da": "Betal gebyret med dit betalingskort.", "en": "Pay the fee with your card."},
        {"da": "Mød op med dit gamle pas og billed-ID.", "en": "Bring your old passport and ID."},
    )
    url: str = "https://www.borger.dk/pas"
