"""Check that a language's fonts have a glyph for every character a handout prints."""

from __future__ import annotations

import unicodedata
from functools import cache

from fontTools.ttLib import TTFont

from allguide.languages import font_files

from .errors import HandoutError


def font_file(family: str, bold: bool = False) -> tuple[str, int]:
    try:
        return font_files.font_file(family, bold)
    except font_files.FontMissing as error:
        raise HandoutError(str(error)) from None


@cache
def _coverage(family: str) -> frozenset[int]:
    path, index = font_file(family)
    font = TTFont(path, fontNumber=index, lazy=True)
    return frozenset(font.getBestCmap())


def missing_glyphs(text: str, families: tuple[str, ...]) -> list[str]:
    """Characters of `text` (spaces and controls aside) that none of the fonts has."""
    covered = set().union(*(_coverage(family) for family in families))
    printable = {
        character
        for character in text
        if not character.isspace() and unicodedata.category(character)[0] not in "CZ"
    }
    return sorted(character for character in printable if ord(character) not in covered)


def check_text(text: str, families: tuple[str, ...], language: str) -> None:
    missing = missing_glyphs(text, families)
    if missing:
        shown = ", ".join(f"U+{ord(c):04X} {c!r} ({unicodedata.name(c, '?')})" for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise HandoutError(
            f"{language}: no glyph in the fonts {list(families)} for {shown}{more}; "
            f"add a font that has them to `fonts` in locale/languages.toml ({font_files.INSTALL})"
        )
