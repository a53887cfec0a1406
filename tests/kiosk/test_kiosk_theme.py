"""Contrast of every colour pair the kiosk draws text with (WCAG 2.1: 4.5:1, lines 3:1),
and the small pure helpers behind sizes, paging and idle time."""

from __future__ import annotations

import pytest

from kiosk import theme
from kiosk.geometry import Screen, kiosk_screen
from kiosk.idle import IdleWatch, Tick
from queue_server.shared.phrasing import spoken_number


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_text_contrast_is_at_least_4_5_to_1(name: str) -> None:
    palette = theme.PALETTES[name]
    low = {
        f"{fg} on {bg}": round(theme.contrast(palette[fg], palette[bg]), 2)
        for fg, bg in theme.TEXT_PAIRS
        if theme.contrast(palette[fg], palette[bg]) < theme.TEXT_MIN
    }
    assert not low, f"{name}: {low}"


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_outlines_stand_out_3_to_1(name: str) -> None:
    palette = theme.PALETTES[name]
    for fg, bg in theme.UI_PAIRS:
        assert theme.contrast(palette[fg], palette[bg]) >= theme.UI_MIN, f"{fg} on {bg}"


def test_high_contrast_is_higher_than_calm() -> None:
    for fg, bg in (("text", "bg"), ("onPrimary", "primary")):
        assert theme.contrast(theme.HIGH_CONTRAST[fg], theme.HIGH_CONTRAST[bg]) > theme.contrast(
            theme.CALM[fg], theme.CALM[bg]
        )


def test_contrast_ratio_is_wcag() -> None:
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA edge
    with pytest.raises(ValueError):
        theme.luminance("red")


def test_screens_in_millimetres() -> None:
    portrait = kiosk_screen()
    landscape = kiosk_screen(landscape=True)
    assert portrait.portrait and not landscape.portrait
    assert portrait.px_per_mm == pytest.approx(landscape.px_per_mm)
    assert portrait.px(20) == pytest.approx(80.7, abs=0.1)
    with pytest.raises(ValueError):
        Screen(0, 100)


def test_targets_are_large_and_far_enough_apart_by_construction() -> None:
    for large in (False, True):
        s = theme.sizes(kiosk_screen(), large)
        assert s.button_h >= round(theme.TARGET_MIN_MM * s.px_per_mm)
        assert s.button_h + s.gap >= theme.TARGET_PITCH_MM * s.px_per_mm


def test_text_lines_and_pages() -> None:
    assert theme.text_lines("one two three", 1000, 30) == 1
    assert theme.text_lines("word " * 40, 300, 30) > 5
    assert theme.text_lines("a\nb", 1000, 30) == 2
    assert theme.pack([100, 100, 100], 250, 250) == [(0, 2), (2, 3)]
    assert theme.pack([500, 10], 100, 100) == [(0, 1), (1, 2)]  # never an empty page
    assert theme.pack([10, 10], 100, 100) == [(0, 2)]


def test_idle_watch_warns_then_expires() -> None:
    idle = IdleWatch(idle_after_s=3, warn_for_s=2)
    assert idle.tick() is Tick.QUIET  # not armed at the start screen
    idle.arm()
    assert [idle.tick() for _ in range(2)] == [Tick.QUIET, Tick.QUIET]
    assert idle.tick() is Tick.WARN and idle.warning and idle.seconds_left == 2
    assert idle.activity() is True and not idle.warning  # a touch ends the warning
    assert [idle.tick() for _ in range(4)] == [Tick.QUIET, Tick.QUIET, Tick.WARN, Tick.COUNT]
    assert idle.tick() is Tick.EXPIRE and not idle.armed
    with pytest.raises(ValueError):
        IdleWatch(0, 1)


def test_numbers_are_spoken_as_people_say_them() -> None:
    assert spoken_number("P017") == "P 17"
    assert spoken_number("K001") == "K 1"
    assert spoken_number("X") == "X"
