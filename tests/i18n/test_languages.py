"""Every text a citizen reads or hears is there in all seven languages, with the same
{placeholders} as the Danish one; the staff-only texts are the listed exceptions.

Counted per file and language: the catalogues in config/translations/, and every guide,
service, group, branch and counter text of the sites in config/. A failure names each
file's counts per language and the keys a language lacks.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from functools import cache

import pytest

from queue_server.config import load_site
from queue_server.domain.site import Names, Site
from queue_server.shared.i18n import (
    CATALOGUES,
    CITIZEN_LANGUAGES,
    COUNT_NAMES,
    PLURAL_FORMS,
    Catalogue,
    Text,
    plural_form,
    plural_forms_of,
)

CONFIG = CATALOGUES.parent
SITES = ("aarhus", "demo")

#: catalogues only staff read: Danish and English are enough
STAFF_ONLY = {
    "desk": "the counter staff's desk app",
    "stats": "the managers' statistics reports: column heads, sheet names (the public page "
    "of busy times has its own catalogue, busy.toml, in all seven languages)",
}
#: keys of citizen catalogues that stay Danish and English, and why
DA_EN_KEYS = {
    "display": {
        "notfound.": "the not-found page cannot know the visitor's language: Danish and "
        "English side by side",
    },
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def entries(name: str) -> dict[str, dict[str, Text]]:
    """A catalogue's texts as written: by key and language a text or its plural forms."""
    cat = Catalogue.load(name)
    return {
        key: {lang: cat.plurals.get(key, {}).get(lang, text) for lang, text in langs.items()}
        for key, langs in cat.texts.items()
    }


def forms_of(text: Text) -> Mapping[str, str]:
    return {"other": text} if isinstance(text, str) else text


def counts(texts: Mapping[str, Mapping[str, object]]) -> dict[str, int]:
    """How many of the keys each citizen language has."""
    return {lang: sum(lang in langs for langs in texts.values()) for lang in CITIZEN_LANGUAGES}


def missing(texts: Mapping[str, Mapping[str, object]]) -> list[str]:
    return [
        f"{key}: no {lang}"
        for key, langs in texts.items()
        for lang in CITIZEN_LANGUAGES
        if not langs.get(lang)
    ]


@cache
def numbers_in(lang: str, form: str) -> int:
    """How many of the numbers 0–999 take plural form `form` in `lang`."""
    return sum(plural_form(lang, n) == form for n in range(1000))


def placeholder_problems(key: str, langs: Mapping[str, Text]) -> list[str]:
    """Every language says the same {placeholders} as Danish; a plural form may leave the
    count out only where its form holds for one number alone (Arabic "دقيقتين" for 2)."""
    wanted = placeholders(forms_of(langs["da"])["other"])
    problems = []
    for lang, text in langs.items():
        for form, said in forms_of(text).items():
            got = placeholders(said)
            if (form == "other" and got != wanted) or not got <= wanted:
                problems.append(f"{key}.{lang}.{form}: {sorted(got)}, Danish has {sorted(wanted)}")
            count = next((c for c in COUNT_NAMES if c in wanted), None)
            if count and count not in got and numbers_in(lang, form) > 1:
                problems.append(f"{key}.{lang}.{form}: says no {{{count}}}, for many numbers")
    return problems


def plural_gaps(key: str, langs: Mapping[str, Text]) -> list[str]:
    """A text given in plural forms gives every form its language has (Arabic: six)."""
    return [
        f"{key}.{lang}: lacks {sorted(plural_forms_of(lang) - set(text))}"
        for lang, text in langs.items()
        if not isinstance(text, str) and plural_forms_of(lang) - set(text)
    ]


# --- the catalogues ---------------------------------------------------------------------


def catalogues() -> list[str]:
    names = sorted(p.stem for p in CATALOGUES.glob("*.toml"))
    assert len(names) >= 6, names  # an empty scan would pass anything
    return names


@pytest.mark.parametrize("name", [n for n in catalogues() if n not in STAFF_ONLY])
def test_a_citizen_catalogue_is_complete_in_seven_languages(name: str) -> None:
    texts = entries(name)
    except_prefixes = tuple(DA_EN_KEYS.get(name, {}))
    citizen = {k: v for k, v in texts.items() if not k.startswith(except_prefixes)}
    assert citizen
    found = counts(citizen)
    assert found == dict.fromkeys(CITIZEN_LANGUAGES, len(citizen)), (
        f"{name}.toml: {len(citizen)} keys, by language {found}:\n  "
        + "\n  ".join(missing(citizen))
    )
    problems = [p for k, langs in texts.items() for p in placeholder_problems(k, langs)]
    problems += [p for k, langs in texts.items() for p in plural_gaps(k, langs)]
    assert not problems, f"{name}.toml:\n  " + "\n  ".join(problems)


def test_the_exceptions_are_few_and_still_there() -> None:
    """The staff-only catalogues and the Danish-English keys exist, have Danish and English
    (Catalogue.load checks), and their placeholders match."""
    assert set(STAFF_ONLY) <= set(catalogues())
    for name in STAFF_ONLY:
        texts = entries(name)
        assert not [p for k, langs in texts.items() for p in placeholder_problems(k, langs)]
    for name, prefixes in DA_EN_KEYS.items():
        keys = set(Catalogue.load(name).texts)
        for prefix in prefixes:
            assert any(k.startswith(prefix) for k in keys), f"{name}: no {prefix}* keys"


def test_a_count_is_said_by_cldr_forms_in_arabic() -> None:
    """The texts that say a count in words give Arabic its six forms."""
    for name, key in (("common", "wait.under"), ("common", "wait.about"),
                      ("common", "wait.range"), ("display", "board.waiting")):  # fmt: skip
        forms = Catalogue.load(name).plurals[key]["ar"]
        assert set(forms) == set(PLURAL_FORMS), f"{name} {key}"


# --- the sites: guides, services, groups, branches, counters ------------------------------


@cache
def site(name: str) -> Site:
    return load_site(CONFIG / name)


def site_texts(s: Site) -> Iterator[tuple[str, str, Names]]:
    """(file, key, names) for every text of the site a citizen reads (the optional ones
    where they are given)."""
    for gid, g in s.guides.items():
        yield f"guides/{gid}.toml", "title", g.title
        yield f"guides/{gid}.toml", "summary", g.summary
        for i, step in enumerate(g.steps):
            yield f"guides/{gid}.toml", f"steps[{i}]", step
    for group_id, group in s.groups.items():
        yield "services.toml", f"groups.{group_id}.names", group.names
    for sid, service in s.services.items():
        yield "services.toml", f"services.{sid}.names", service.names
        if service.note:
            yield "services.toml", f"services.{sid}.note", service.note
    for bid, branch in s.branches.items():
        yield f"branches/{bid}.toml", "names", branch.names
        if branch.info:
            yield f"branches/{bid}.toml", "info", branch.info
        for c in branch.counters:
            yield f"branches/{bid}.toml", f"counters.{c.id}.names", c.names


def site_files(name: str) -> list[str]:
    return sorted({file for file, _, _ in site_texts(site(name))})


@pytest.mark.parametrize(
    ("site_name", "file"),
    [pytest.param(s, f, id=f"{s}/{f}") for s in SITES for f in site_files(s)],
)
def test_a_site_file_is_complete_in_seven_languages(site_name: str, file: str) -> None:
    texts = {key: names for f, key, names in site_texts(site(site_name)) if f == file}
    assert texts
    found = counts(texts)
    assert found == dict.fromkeys(CITIZEN_LANGUAGES, len(texts)), (
        f"{site_name}/{file}: {len(texts)} texts, by language {found}:\n  "
        + "\n  ".join(missing(texts))
    )
    problems = [p for key, names in texts.items() for p in placeholder_problems(key, names)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_name", SITES)
def test_a_site_offers_the_seven_languages_and_every_guide_is_counted(site_name: str) -> None:
    s = site(site_name)
    assert s.languages == CITIZEN_LANGUAGES
    on_disk = {p.stem for p in (CONFIG / site_name / "guides").glob("*.toml")}
    assert on_disk and on_disk == set(s.guides)


def test_the_aarhus_guides_have_102_texts_in_each_language() -> None:
    texts = [names for f, _, names in site_texts(site("aarhus")) if f.startswith("guides/")]
    assert counts({str(i): t for i, t in enumerate(texts)}) == dict.fromkeys(CITIZEN_LANGUAGES, 102)
