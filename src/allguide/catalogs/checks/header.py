"""A catalog's header: its Language, a UTF-8 Content-Type, and the language's plural rule."""

from __future__ import annotations

from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from allguide.catalogs.checks.problem import Problem


def header_problems(path: Path, catalog: polib.POFile, language: str) -> list[Problem]:
    problems = []
    header = catalog.metadata
    if "Language" not in header:
        problems.append(f"header Language is missing; write: Language: {language}")
    elif header.get("Language") != language:
        problems.append(f"header Language is {header.get('Language')!r}, expected {language!r}")
    content_type = header.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        problems.append(f"header Content-Type {content_type!r} must declare charset=UTF-8")
    problems += _plural_forms_problems(header.get("Plural-Forms", ""), language)
    return [Problem(path, 1, "error", message) for message in problems]


def _plural_forms_problems(plural_forms: str, language: str) -> list[str]:
    """The header's rule must be CLDR's, as Babel gives it, character for character
    (spaces aside). Python compiles this header into code when it loads a catalog: a
    rule it cannot compile drops the page's translation, `plural=(n/0)` stops Sphinx,
    and a different rule picks the wrong form. The compiled catalog carries Babel's
    rule whatever the header says; this tells the translator their header is wrong."""
    try:
        expected = get_plural(Locale.parse(language))
    except (UnknownLocaleError, ValueError):
        return []
    if "".join(plural_forms.split()).rstrip(";") == "".join(expected.plural_forms.split()).rstrip(
        ";"
    ):
        return []
    return [
        f"header Plural-Forms {plural_forms!r} is not {language}'s rule; write "
        f"{expected.plural_forms!r}"
    ]
