"""A guide on screen: its summary and steps, as many steps a page as fit beside the code
and the buttons, and a word when the guide is not in the citizen's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from . import theme as look
from .guides import KioskGuide
from .texts import has_own
from .wording import Wording


def guide_page(w: Wording) -> dict[str, Any]:
    g = w.guide(w.s.here.guide)
    if g is None:
        return {"title": ""}
    lang = w.lang
    all_steps = [w.name(step) for step in g.steps]
    own_steps = all(has_own(step, lang) for step in g.steps)
    fallback = "" if has_own(g.title, lang) and own_steps else w.words("guide.fallback")
    helps = w.service(g.service) is not None if g.service else False
    ranges = step_pages(w, g, all_steps, fallback, helps)
    page = min(w.s.here.page, len(ranges) - 1)
    first, end = ranges[page]
    # the steps are read in the language pick_name found them in (its order: own, en, da)
    steps_lang = lang if own_steps else ("en" if all(has_own(x, "en") for x in g.steps) else "da")
    counted = w.words("guide.steps_page", first=first + 1, last=end, total=len(all_steps))
    return {
        "title": w.name(g.title),
        "sub": "",  # the summary is read in the content, where it has room
        "summary": w.name(g.summary),
        "steps": all_steps[first:end],
        "firstStep": first + 1,
        "stepPages": len(ranges),
        "stepsText": counted if len(ranges) > 1 else "",
        "hasPrevSteps": page > 0,
        "hasNextSteps": page < len(ranges) - 1,
        "stepsRtl": w.texts.rtl(steps_lang),
        "qr": g.url,
        "qrCaption": w.words("guide.qr", host=urlsplit(g.url).hostname or g.url),
        "fallback": fallback,
        "canHelp": helps,
        "helpLabel": w.words("guide.help") if helps else "",
        "noHelp": "" if helps else w.words("guide.ask_staff"),
        "canPrint": w.paper_ok(),
    }


def step_pages(
    w: Wording, g: KioskGuide, steps: list[str], fallback: str, can_help: bool
) -> list[tuple[int, int]]:
    """Which steps share a page: as many as fit beside the code and the buttons."""
    s, lay, geo = w.sizes, w.layout, w.geometry
    f, pad = s.fonts, s.gap
    content_w = geo.width_px - 2 * s.margin
    content_h = geo.height_px - lay.header_h - lay.nav_h - 2 * s.gap
    width = content_w if geo.portrait else content_w - round(content_w * 0.36) - s.margin
    text_w = width - 2 * pad - 2 * f["body"]  # card padding and the step's number
    heights = [
        look.line_px(f["body"], look.text_lines(x, text_w, f["body"])) + pad // 2 for x in steps
    ]
    fixed = 2 * pad + look.line_px(f["small"])  # card padding, "Steps 1-3 of 5"
    if fallback and geo.portrait:  # in landscape it sits in the side column
        lines = look.text_lines(fallback, width - 4 * pad, f["body"])
        fixed += look.line_px(f["body"], lines) + 2 * pad + pad // 2
    if geo.portrait:  # the code with its caption and buttons, under the steps
        qr = round(s.px_per_mm * 40)
        caption = w.words("guide.qr", host=urlsplit(g.url).hostname or g.url)
        lines = look.text_lines(caption, content_w - qr - s.gap, f["small"])
        actions = look.line_px(f["small"], lines) + pad + s.button_h
        actions += s.button_h if can_help else look.line_px(f["body"], 3)
        fixed += max(qr, actions) + 2 * pad
    summary = w.name(g.summary)
    summary_h = look.line_px(f["body"], look.text_lines(summary, width, f["body"])) + pad
    budget = content_h - fixed
    if sum(heights) + summary_h <= budget:
        return [(0, len(steps))]
    paging = s.button_h + pad
    return look.pack(heights, budget - paging - summary_h, budget - paging)
