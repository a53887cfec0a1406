"""The ticket's fixed words, in Danish and English.

A ticket in another language gets English and Danish labels (the service name and note
come in the citizen's own language from the server).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "your_number": "Dit nummer",
        "ahead": "Foran dig i køen: {n}",
        "next": "Du er den næste",
        "wait_range": "Ventetid ca. {low}–{high} min",
        "wait_about": "Ventetid ca. {n} min",
        "wait_under": "Ventetid under {n} min",
        "scan_status": "Scan koden og følg din plads i køen",
        "scan_guide": "Scan koden og åbn vejledningen",
        "issued": "{date} kl. {time}",
    },
    "en": {
        "your_number": "Your number",
        "ahead": "Ahead of you: {n}",
        "next": "You are next",
        "wait_range": "Waiting time approx. {low}–{high} min",
        "wait_about": "Waiting time approx. {n} min",
        "wait_under": "Waiting time under {n} min",
        "scan_status": "Scan the code to follow your place in the queue",
        "scan_guide": "Scan the code to open the guide",
        "issued": "{date} at {time}",
    },
}


def label_texts(language: str, key: str, **values: object) -> list[str]:
    """The label in `language`; for languages without labels: English, then Danish."""
    languages = [language] if language in LABELS else ["en", "da"]
    texts: list[str] = []
    for lang in languages:
        text = LABELS[lang][key].format(**values)
        if text not in texts:
            texts.append(text)
    return texts


def label_lines(language: str, key: str, columns: int, **values: object) -> list[str]:
    """Like `label_texts`, joined by " / " on one line when that fits in `columns`."""
    texts = label_texts(language, key, **values)
    joined = " / ".join(texts)
    return [joined] if len(joined) <= columns else texts
