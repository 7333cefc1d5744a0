"""Printed text from others (clinic profiles, language names) holds no invisible characters.

A right-to-left override in a clinic's name printed "Riverside 555 010 0100 llaC" and
turned every date after it around; other invisible characters (zero-width spaces,
control codes, line separators, tag characters) hide text or make two names look the
same. Such a character is refused, never removed, so that what was checked is printed.
"""

from __future__ import annotations

import unicodedata

import icu

# Cc controls, Cf format characters (the bidi embeddings, overrides, isolates and marks
# U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C among them), Cs surrogates, Co private
# use (no font draws them), Cn unassigned, and the line and paragraph separators.
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# The joiners are needed to spell some words (Persian, Malayalam, Sinhala ...): allowed
# between two letters or marks, where they join them, and nowhere else.
JOINERS = {"\u200c", "\u200d"}
# ICU (PyICU, already needed for Khmer word breaks) knows Unicode's Default_Ignorable_Code_Point
# property, which unicodedata does not: variation selectors, Hangul fillers and others
# that print as nothing although they are not format characters.
_IGNORABLE = icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT
# The problem, as a template (str.format): the site's clinic handouts page says it in the
# same words (allguide.site.clinic_page).
INVISIBLE = (
    "character {position} is U+{code:04X} ({name}), which prints as nothing or reorders "
    "the text around it; type the text again without it"
)
NO_NAME = "a control or unassigned character"


def _is_letter_or_mark(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM"


def _is_invisible(text: str, index: int) -> bool:
    character = text[index]
    if character in JOINERS:
        between_letters = 0 < index < len(text) - 1 and all(
            _is_letter_or_mark(text[neighbour]) for neighbour in (index - 1, index + 1)
        )
        return not between_letters
    return unicodedata.category(character) in REFUSED_CATEGORIES or icu.Char.hasBinaryProperty(
        ord(character), _IGNORABLE
    )


def invisible_character_problem(text: str) -> str | None:
    """What is wrong with `text` if it holds an invisible or control character, else None."""
    for index in range(len(text)):
        if _is_invisible(text, index):
            character = text[index]
            name = unicodedata.name(character, NO_NAME)
            return INVISIBLE.format(position=index + 1, code=ord(character), name=name)
    return None
