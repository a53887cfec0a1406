"""Tickets and guides as blocks for the encoder: what goes on the paper, in which words.

Labels come from the translation catalogue (`labels`); the issue time is told on the
branch's own clock (`TicketPrint.timezone`), in the Danish format.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from printers.encoder import Block, Feed, Job, LogoBlock, Qr, Text, encode, printable
from printers.labels import load_labels
from printers.profile import PAPER_80MM, PaperProfile
from printers.ticket import GuidePrint, TicketLike


def issued_text(issued_at: dt.datetime, timezone: str) -> tuple[str, str]:
    """Date and time in the zone `timezone`, the Danish way: ("24.11.2025", "09.15")."""
    local = issued_at.astimezone(ZoneInfo(timezone))
    return f"{local:%d.%m.%Y}", f"{local:%H.%M}"


def label_lines(texts: list[str], profile: PaperProfile) -> list[str]:
    """A label's texts joined by " / " when that fits one line of text, else one line each."""
    joined = " / ".join(texts)
    if len(joined) <= profile.columns and printable(joined, profile.codepage) is not None:
        return [joined]
    return texts


def number_scale(number: str, profile: PaperProfile) -> int:
    """The number's magnification: the profile's, smaller when a long number needs it."""
    return max(1, min(profile.number_scale, profile.columns // max(1, len(number))))


def ticket_blocks(ticket: TicketLike, profile: PaperProfile = PAPER_80MM) -> list[Block]:
    lang = ticket.language
    labels = load_labels()

    def label(key: str, **values: object) -> list[Block]:
        return [Text(s) for s in label_lines(labels.lines(lang, key, **values), profile)]

    blocks: list[Block] = []
    if profile.logo is not None:
        blocks.append(LogoBlock(profile.logo))
    blocks.append(Text(ticket.branch_name, bold=True, height=2))
    blocks.append(Feed(1))
    blocks += label("ticket.your_number")
    scale = number_scale(ticket.number, profile)
    blocks.append(Text(ticket.number, bold=True, width=scale, height=scale, smooth=True))
    blocks.append(Text(ticket.service_name, bold=True, height=2))
    if ticket.service_name_da and ticket.service_name_da != ticket.service_name:
        blocks.append(Text(ticket.service_name_da))
    blocks.append(Feed(1))
    date, time = issued_text(ticket.issued_at, ticket.timezone)
    blocks.append(Text(labels.one(lang, "ticket.issued", date=date, time=time)))  # once
    if ticket.people_ahead is not None:
        if ticket.people_ahead == 0:
            blocks += label("ticket.next")
        else:
            blocks += label("ticket.ahead", n=ticket.people_ahead)
    if ticket.wait is not None:  # worded by the caller: "Ventetid" + "ca. 10–20 min."
        waits = labels.lines_each(lang, "ticket.wait", wait=ticket.wait)
        blocks += [Text(s, bold=True) for s in label_lines(waits, profile)]
    blocks.append(Feed(1))
    blocks.append(Qr(ticket.status_url))
    blocks += label("ticket.scan_status")
    if ticket.note:
        blocks.append(Feed(1))
        blocks.append(Text(ticket.note, bold=True))
    return blocks


def compose_ticket(ticket: TicketLike, profile: PaperProfile = PAPER_80MM) -> Job:
    return encode(ticket_blocks(ticket, profile), profile)


def render_ticket(ticket: TicketLike, profile: PaperProfile = PAPER_80MM) -> bytes:
    """The ticket as ESC/POS bytes for `profile`'s paper and code page."""
    return compose_ticket(ticket, profile).data


# --- guides -----------------------------------------------------------------------------


def guide_blocks(guide: GuidePrint, language: str, profile: PaperProfile) -> list[Block]:
    blocks: list[Block] = []
    if profile.logo is not None:
        blocks.append(LogoBlock(profile.logo))
    blocks.append(Text(guide.title, bold=True, height=2))
    if guide.summary:
        blocks.append(Text(guide.summary))
    blocks.append(Feed(1))
    for i, step in enumerate(guide.steps, 1):
        blocks.append(Text(f"{i}. {step}", align="left", hang=len(f"{i}. ")))
    blocks.append(Feed(1))
    blocks.append(Qr(guide.url))
    scan = load_labels().lines(language, "guide.scan")
    blocks += [Text(s) for s in label_lines(scan, profile)]
    blocks.append(Text(guide.url))
    return blocks


def compose_guide(guide: GuidePrint, language: str, profile: PaperProfile = PAPER_80MM) -> Job:
    return encode(guide_blocks(guide, language, profile), profile)


def render_guide(guide: GuidePrint, language: str, profile: PaperProfile = PAPER_80MM) -> bytes:
    """A self-service guide: title, numbered steps and a QR code to its web page."""
    return compose_guide(guide, language, profile).data
