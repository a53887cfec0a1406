"""The desk's keyboard: one place for every shortcut, shown on the buttons too."""

from __future__ import annotations

#: action → key sequences (Qt's portable text); the first is printed on the button
SHORTCUTS: dict[str, tuple[str, ...]] = {
    "call_next": ("F1", "Space"),
    "recall": ("F2",),
    "start": ("F3",),
    "finish": ("F4",),
    "no_show": ("F5",),
    "transfer": ("F6",),
    "pause": ("F7",),
    "call_specific": ("F8",),
    "compact": ("F9",),
}


def key_hint(action: str, space_word: str) -> str:
    """'F1 / Mellemrum': the keys of an action as printed on its button."""
    return " / ".join(space_word if k == "Space" else k for k in SHORTCUTS[action])
