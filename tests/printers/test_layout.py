"""Ticket and guide layouts, byte for byte."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from printers.encoder import Text, encode, printable
from printers.labels import load_labels
from printers.layout import compose_guide, compose_ticket, render_guide, render_ticket
from printers.profile import PAPER_58MM, PAPER_80MM, Logo, PaperProfile
from printers.samples import STATUS_URL, WAIT, sample_guide, sample_ticket
from printers.ticket import TicketPrint

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"
INIT_CP865 = ESC + b"@" + ESC + b"t\x05" + ESC + b"R\x00"
CENTER, LEFT = ESC + b"a\x01", ESC + b"a\x00"
BOLD, NOT_BOLD = ESC + b"E\x01", ESC + b"E\x00"
RASTER = GS + b"v0"


def size(w: int, h: int) -> bytes:
    return GS + b"!" + bytes(((w - 1) << 4 | (h - 1),))


def qr(data: str, module: int) -> bytes:
    payload = data.encode()
    n = len(payload) + 3
    return (
        GS
        + b"(k\x04\x001A2\x00"  # model 2
        + GS
        + b"(k\x03\x001C"
        + bytes((module,))  # module size
        + GS
        + b"(k\x03\x001E1"  # error correction M
        + GS
        + b"(k"
        + bytes((n & 0xFF, n >> 8))
        + b"1P0"
        + payload  # store
        + GS
        + b"(k\x03\x001Q0"  # print
        + ESC
        + b"J"
        + bytes((4 * module,))  # quiet zone below
    )


def t(text: str, codec: str = "cp865") -> bytes:
    return text.encode(codec) + LF


def ticket(**changes: object) -> TicketPrint:
    return dataclasses.replace(sample_ticket("da"), **changes)  # type: ignore[arg-type]


def test_danish_80mm_ticket_byte_for_byte() -> None:
    expected = b"".join(
        [
            INIT_CP865,
            CENTER + BOLD + size(1, 2),
            t("Borgerservice Ørestad"),
            ESC + b"d\x01",
            NOT_BOLD + size(1, 1),
            t("Dit nummer"),
            BOLD + size(6, 6) + GS + b"b\x01",
            t("P017"),
            GS + b"b\x00" + size(1, 2),
            t("Pas og kørekort"),
            ESC + b"d\x01",
            NOT_BOLD + size(1, 1),
            t("24.11.2025 kl. 09.15"),
            t("Foran dig i køen: 3"),
            BOLD,
            t("Ventetid ca. 10-20 min."),
            ESC + b"d\x01",
            qr(STATUS_URL, 6),
            NOT_BOLD,
            t("Scan koden og følg din plads i køen"),
            ESC + b"d\x01",
            BOLD,
            t("Husk gyldigt billed-ID"),
            LEFT + NOT_BOLD,
            ESC + b"d\x06" + GS + b"V\x00",  # feed, full cut
        ]
    )
    assert render_ticket(sample_ticket("da"), PAPER_80MM) == expected


def test_init_and_code_page_come_first() -> None:
    assert render_ticket(sample_ticket("da")).startswith(INIT_CP865)
    cp850 = PAPER_80MM.with_codepage("cp850")
    assert render_ticket(sample_ticket("da"), cp850).startswith(ESC + b"@" + ESC + b"t\x02")
    cp1252 = PAPER_80MM.with_codepage("cp1252")
    assert render_ticket(sample_ticket("da"), cp1252).startswith(ESC + b"@" + ESC + b"t\x10")
    custom = PAPER_80MM.with_codepage("cp865", 40)  # a printer with its own table numbering
    assert render_ticket(sample_ticket("da"), custom).startswith(ESC + b"@" + ESC + b"t\x28")


@pytest.mark.parametrize(
    ("codec", "letters"),
    [
        ("cp865", b"\x91\x9b\x86\x92\x9d\x8f"),
        ("cp850", b"\x91\x9b\x86\x92\x9d\x8f"),
        ("cp1252", b"\xe6\xf8\xe5\xc6\xd8\xc5"),
    ],
)
def test_danish_letters_are_encoded_with_the_selected_code_page(codec: str, letters: bytes) -> None:
    data = render_ticket(ticket(branch_name="æøåÆØÅ"), PAPER_80MM.with_codepage(codec))
    assert letters + LF in data
    assert "æøåÆØÅ".encode() not in data  # never UTF-8
    assert RASTER not in data  # Danish is text, never an image
    assert b"?" not in data.replace(STATUS_URL.encode(), b"")  # nothing replaced


def test_en_dash_is_folded_only_where_the_code_page_lacks_it() -> None:
    assert b"Ventetid ca. 10-20 min.\n" in render_ticket(sample_ticket("da"))
    cp1252 = render_ticket(sample_ticket("da"), PAPER_80MM.with_codepage("cp1252"))
    assert b"Ventetid ca. 10\x9620 min.\n" in cp1252
    assert printable("10–20 … “ok” 5 €", "cp865") == '10-20 ... "ok" 5 EUR'
    assert printable("مرحبا", "cp865") is None


def test_number_is_very_large_and_fits_the_paper() -> None:
    assert size(6, 6) + GS + b"b\x01" + t("P017") in render_ticket(sample_ticket("da"))
    assert size(5, 5) + GS + b"b\x01" + t("P017") in render_ticket(sample_ticket("da"), PAPER_58MM)
    long = render_ticket(ticket(number="P12345678"), PAPER_58MM)  # 9 chars: 32 // 9 = 3
    assert size(3, 3) + GS + b"b\x01" + t("P12345678") in long


def test_qr_code_is_native_gs_k_to_the_status_url() -> None:
    assert qr(STATUS_URL, 6) in render_ticket(sample_ticket("da"), PAPER_80MM)
    assert qr(STATUS_URL, 5) in render_ticket(sample_ticket("da"), PAPER_58MM)
    assert compose_ticket(sample_ticket("da")).qr == (STATUS_URL,)


def test_partial_cut_profile() -> None:
    partial = dataclasses.replace(PAPER_80MM, cut="partial")
    assert render_ticket(sample_ticket("da"), partial).endswith(ESC + b"d\x06" + GS + b"V\x01")


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_scripts_the_code_page_lacks_become_raster_and_only_those(language: str) -> None:
    job = compose_ticket(sample_ticket(language), PAPER_80MM)
    sample, labels = sample_ticket(language), load_labels()
    # the service name, the note and the five labels in the ticket's language
    assert job.data.count(RASTER) == 7
    assert job.raster_lines == (
        labels.one(language, "ticket.your_number"),
        sample.service_name,
        labels.one(language, "ticket.issued", date="24.11.2025", time="09.15"),
        labels.one(language, "ticket.ahead", n=3),
        labels.one(language, "ticket.wait", wait=WAIT[language]),
        labels.one(language, "ticket.scan_status"),
        sample.note,
    )
    # every other line is text, Danish letters included
    assert t("Pas og kørekort") in job.data
    assert "Pas og kørekort" in job.text_lines
    assert t("Dit nummer") in job.data  # the Danish label under the ticket's own
    assert sample_ticket(language).service_name.encode() not in job.data


def test_raster_line_is_a_well_formed_gs_v_0_image() -> None:
    job = compose_ticket(sample_ticket("ar"), PAPER_80MM)
    start = job.data.index(RASTER)
    m, width_bytes, height = (
        job.data[start + 3],
        *(int.from_bytes(job.data[start + i : start + i + 2], "little") for i in (4, 6)),
    )
    assert m == 0
    assert 8 <= width_bytes * 8 <= PAPER_80MM.width_dots
    assert 24 <= height <= 80
    pixels = job.data[start + 8 : start + 8 + width_bytes * height]
    assert len(pixels) == width_bytes * height
    assert any(pixels)  # ink
    # the printer centres it: the last ESC a before it is centre
    last_align = job.data.rindex(ESC + b"a", 0, start)
    assert job.data[last_align : last_align + 3] == CENTER


def test_raster_pad_bakes_alignment_into_full_width_images() -> None:
    padded = dataclasses.replace(PAPER_58MM, raster_pad=True)
    data = render_ticket(sample_ticket("ar"), padded)
    start = data.index(RASTER)
    assert int.from_bytes(data[start + 4 : start + 6], "little") * 8 == 384
    last_align = data.rindex(ESC + b"a", 0, start)
    assert data[last_align : last_align + 3] == LEFT


def test_labels_in_english_and_fallback_to_english_plus_danish() -> None:
    en = compose_ticket(sample_ticket("en")).text_lines
    assert "Your number" in en
    assert "Passport and driving licence" in en and "Pas og kørekort" in en
    assert "Waiting time about 10-20 min" in en
    assert not any(line.startswith("Ventetid") for line in en)
    de = compose_ticket(sample_ticket("de")).text_lines  # a language ticket.toml lacks
    assert "Waiting time about 10-20 min" in de and "Ventetid ca. 10-20 min." in de
    assert "Ahead of you: 3 / Foran dig i køen: 3" in de
    assert "24.11.2025 kl. 09.15" in de  # the date in Danish format, once
    da = compose_ticket(sample_ticket("da")).text_lines
    assert "Your number" not in " ".join(da)
    assert da.count("Pas og kørekort") == 1  # no Danish repeat for a Danish ticket


def test_time_is_the_branchs_local_time_in_danish_format() -> None:
    summer = dt.datetime(2025, 7, 1, 8, 15, tzinfo=dt.UTC)
    assert "01.07.2025 kl. 10.15" in compose_ticket(ticket(issued_at=summer)).text_lines
    winter = dt.datetime(2025, 12, 31, 23, 5, tzinfo=dt.UTC)
    assert "01.01.2026 kl. 00.05" in compose_ticket(ticket(issued_at=winter)).text_lines
    faroe = ticket(issued_at=winter, timezone="Atlantic/Faroe")  # UTC+0 in winter
    assert "31.12.2025 kl. 23.05" in compose_ticket(faroe).text_lines
    assert (
        "01.07.2025 kl. 09.15"
        in compose_ticket(ticket(issued_at=summer, timezone="Atlantic/Faroe")).text_lines
    )


def test_the_wait_is_printed_in_the_callers_words() -> None:
    # the words come from queue_server.shared.phrasing (the kiosk's test checks the seconds)
    lines = compose_ticket(ticket(wait={"da": "under 5 min."})).text_lines
    assert "Ventetid under 5 min." in lines
    pl = compose_ticket(sample_ticket("pl")).text_lines
    assert "Czas oczekiwania ok. 10-20 min" in pl and "Ventetid ca. 10-20 min." in pl


def test_a_wait_without_the_words_a_ticket_prints_is_refused() -> None:
    with pytest.raises(ValueError, match="the wait needs a text in da"):
        dataclasses.replace(sample_ticket("pl"), wait={"pl": "ok. 10–20 min"})
    with pytest.raises(ValueError, match="the wait needs a text in pl"):
        dataclasses.replace(sample_ticket("pl"), wait={"da": "ca. 10–20 min.", "pl": ""})


def test_optional_parts_are_left_out() -> None:
    bare = compose_ticket(ticket(people_ahead=None, wait=None, note=None))
    joined = "\n".join(bare.text_lines)
    assert "Foran dig" not in joined and "Ventetid" not in joined and "billed-ID" not in joined
    assert "Du er den næste" in compose_ticket(ticket(people_ahead=0)).text_lines


def test_lines_wrap_to_the_paper_columns() -> None:
    job = compose_ticket(sample_ticket("en"), PAPER_58MM)
    assert all(len(line) <= 32 for line in job.text_lines)
    assert "Scan the code to follow your" in job.text_lines
    long_service = compose_ticket(ticket(service_name="x" * 40), PAPER_58MM)
    assert ("x" * 32) in long_service.text_lines and ("x" * 8) in long_service.text_lines


def test_a_naive_issue_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ticket(issued_at=dt.datetime(2025, 1, 1, 9, 0))
    with pytest.raises(ValueError, match="unknown time zone 'Copenhagen'"):
        ticket(timezone="Copenhagen")
    with pytest.raises(ValueError, match="unknown time zone ''"):
        ticket(timezone="")


def test_png_logo_is_a_raster_on_top(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (400, 100), (0, 0, 0, 255)).save(path)
    profile = dataclasses.replace(PAPER_58MM, logo=Logo(png=path, max_width_dots=200))
    data = render_ticket(sample_ticket("da"), profile)
    assert data.startswith(INIT_CP865 + CENTER + RASTER + b"\x00" + bytes((25, 0, 50, 0)))
    assert data.index(RASTER) < data.index(b"Borgerservice")


def test_nv_logo_prints_by_key() -> None:
    profile = dataclasses.replace(PAPER_80MM, logo=Logo(nv_key="A1"))
    data = render_ticket(sample_ticket("da"), profile)
    assert data.startswith(INIT_CP865 + CENTER + GS + b"(L\x06\x000EA1\x01\x01")


def test_profile_checks() -> None:
    with pytest.raises(ValueError, match="code page"):
        PaperProfile(name="x", width_dots=576, columns=48, codepage="nope")
    with pytest.raises(ValueError, match="table"):
        PaperProfile(name="x", width_dots=576, columns=48, codepage="latin-1")
    with pytest.raises(ValueError, match="exactly one"):
        Logo()


def test_guide_has_title_numbered_steps_and_qr() -> None:
    job = compose_guide(sample_guide("da"), "da", PAPER_80MM)
    assert job.text_lines[0] == "Bestil pas på borger.dk"
    assert "1. Log på borger.dk med MitID." in job.text_lines
    assert "4. Mød op med dit gamle pas og billed-ID." in job.text_lines
    assert job.qr == ("https://www.borger.dk/pas",)
    assert LEFT + t("1. Log på borger.dk med MitID.") in job.data
    assert job.data.endswith(GS + b"V\x00")
    # a wrapped step hangs under its text, not under its number
    narrow = compose_guide(sample_guide("da"), "da", PAPER_58MM).text_lines
    assert "3. Betal gebyret med dit" in narrow and "   betalingskort." in narrow


def test_guide_in_english_and_arabic_title_as_raster() -> None:
    en = compose_guide(sample_guide("en"), "en", PAPER_80MM)
    assert en.text_lines[0] == "Order a passport on borger.dk"
    ar = compose_guide(sample_guide("ar"), "ar", PAPER_80MM)
    # the title, wrapped, and the scan label; the steps have no Arabic: the kiosk's English
    assert " ".join(ar.raster_lines[:-1]) == sample_guide("ar").title
    assert ar.raster_lines[-1] == load_labels().one("ar", "guide.scan")
    assert t("1. Log in to borger.dk with MitID.") in ar.data
    assert render_guide(sample_guide("ar"), "ar", PAPER_80MM) == ar.data


def test_encode_blocks_directly() -> None:
    job = encode([Text("Hej Åse", align="left", bold=True)], PAPER_80MM)
    assert job.data == INIT_CP865 + BOLD + t("Hej Åse") + NOT_BOLD + ESC + b"d\x06" + GS + b"V\x00"


def test_job_knows_its_time_on_a_serial_line() -> None:
    job = compose_ticket(sample_ticket("da"))
    assert job.seconds_at(9600) == pytest.approx(len(job.data) / 960)
    assert job.seconds_at(115200) < 0.05


def test_importing_printers_leaves_logging_and_qt_alone() -> None:
    import subprocess
    import sys

    code = (
        "import logging, sys, printers, printers.sim, printers.cli; "
        "print(len(logging.getLogger().handlers), 'PySide6' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.split() == ["0", "False"]


def test_arabic_is_shaped_and_right_to_left() -> None:
    from printers import raster

    assert raster.check_shaping() is None, "libraqm missing: Arabic would print unjoined"
    font = raster.font_for(24, False, None, "سلام")
    joined = raster.text_width("سلام", font)
    isolated = sum(raster.text_width(ch, font) for ch in "سلام")
    assert joined < isolated  # contextual forms join the letters
    assert raster.is_rtl("1. سلام") and not raster.is_rtl("borger.dk سلام")
    line = raster.render_line("سلام", font, paper_width=384, align="right", pad=True)
    box = line.convert("L").point(lambda v: 255 - v).getbbox()
    assert box is not None and box[2] > 370  # ink against the right edge


def test_rtl_paragraph_lines_all_align_right_and_keep_rtl_order() -> None:
    from printers import raster
    from printers.sim.decoder import Decoder

    # wraps so that the second line starts with Latin words: still part of an RTL paragraph
    step = "اذهب إلى الموقع الرسمي borger.dk MitID وسجل الدخول"
    profile = dataclasses.replace(PAPER_58MM, raster_pad=True)
    job = encode([Text(step, align="left")], profile)
    assert len(job.raster_lines) == 2 and job.raster_lines[1].startswith("borger.dk")
    images = [c for c in Decoder().feed(job.data) if c.name == "raster"]
    assert len(images) == 2
    font = raster.font_for(24, False, None, step)
    for cmd, line in zip(images, job.raster_lines, strict=True):
        printed = Image.frombytes("1", (cmd.x * 8, cmd.y), cmd.data, "raw", "1;I")
        box = printed.convert("L").point(lambda v: 255 - v).getbbox()
        assert box is not None and box[2] > 370, "an RTL line drifted to the left"
        rtl = raster.render_line(line, font, paper_width=384, align="right", pad=True, rtl=True)
        assert printed.tobytes() == rtl.tobytes()
    ltr = raster.render_line(
        job.raster_lines[1], font, paper_width=384, align="right", pad=True, rtl=False
    )
    assert ltr.tobytes() != printed.tobytes()  # the direction matters for this line
