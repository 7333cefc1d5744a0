"""Translations that are the English left as it was, or nothing but spaces and invisible
characters: Sphinx would publish them as translated."""

from __future__ import annotations

import re

from babel.messages.catalog import PYTHON_FORMAT

from allguide.catalogs.checks.characters import invisible
from allguide.catalogs.checks.placeholders import JS_PLACEHOLDER
from allguide.catalogs.checks.problem import excerpt
from allguide.catalogs.checks.structure import ROLE

BLANK = "translation is only spaces or invisible characters; leave msgstr empty"


def _visible(translation: str) -> str:
    return "".join(char for char in translation if not invisible(char) or char == "\n")


def is_blank(translation: str) -> bool:
    """Whether a translation shows nothing at all (then no other check applies)."""
    return not _visible(translation).strip()


def _words(text: str) -> list[str]:
    """The words of a message, without placeholders, entities or role targets."""
    plain = PYTHON_FORMAT.sub(" ", JS_PLACEHOLDER.sub(" ", text))
    plain = re.sub(r"&#?\w+;", " ", ROLE.sub(lambda m: m["body"], plain))
    return [word for word in plain.split() if any(char.isalnum() for char in word)]


def identical_problems(english: str, translation: str) -> list[str]:
    same = " ".join(_visible(translation).split()) == " ".join(english.split())
    # Only a message of one word ("A4", "Menu", "anemia") may be written as in English,
    # and then exactly as in English (Sphinx then shows it as translated).
    if same and (translation != english or len(_words(english)) > 1):
        return [
            f"translation is identical to the English; leave msgstr empty until translated: "
            f"{excerpt(english)!r}"
        ]
    return []
