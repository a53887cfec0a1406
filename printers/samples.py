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
        wait_low_s=600,
        wait_high_s=1200,
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
        wait_low_s=0,
        wait_high_s=120,
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
