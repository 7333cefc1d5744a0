"""Words of scripts written without spaces between them (Khmer), found with ICU.

Khmer separates phrases, not words, with spaces. Pango, WeasyPrint's text engine, has no
Khmer dictionary, so a printed line can only break at those spaces (or mid-word); and
Sphinx's search index would hold whole phrases as one "word". ICU's word break iterator
(through PyICU) has a Khmer dictionary, the same one Chromium uses, so the site's search
box, the search index, the handouts' line breaks and the figure labels all cut the same
words. Zero width spaces (U+200B) are inserted only into what WeasyPrint lays out; the
catalogs never contain them.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import icu

# Languages whose words ICU must find; the value is its locale.
SEGMENTED = {"km": "km"}
ZERO_WIDTH_SPACE = "\u200b"


@cache
def _iterator(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(locale))


def _is_letter_or_mark(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM"


def pieces(text: str, locale: str) -> list[str]:
    """`text` cut at ICU's word boundaries (words, spaces and punctuation alike)."""
    if not text:
        return []
    iterator = _iterator(locale)
    iterator.setText(text)
    bounds = [0, *iterator]
    # ICU counts in UTF-16 code units; Khmer is in the Basic Multilingual Plane, but be
    # exact for anything beyond it.
    if any(ord(character) > 0xFFFF for character in text):
        encoded = text.encode("utf-16-le")
        return [
            encoded[2 * start : 2 * end].decode("utf-16-le")
            for start, end in zip(bounds, bounds[1:], strict=False)
        ]
    return [text[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def words(text: str, locale: str) -> list[str]:
    """The words of `text`: the pieces that hold letters."""
    return [piece for piece in pieces(text, locale) if any(map(_is_letter_or_mark, piece))]


def with_break_opportunities(text: str, locale: str) -> str:
    """`text` with a zero width space between two words that touch (no space between)."""
    parts = pieces(text, locale)
    out = []
    for before, after in zip(parts, parts[1:], strict=False):
        out.append(before)
        if _is_letter_or_mark(before[-1]) and _is_letter_or_mark(after[0]):
            out.append(ZERO_WIDTH_SPACE)
    if parts:
        out.append(parts[-1])
    return "".join(out)
