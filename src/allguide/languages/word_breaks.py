"""Words of scripts written without spaces between them (Khmer), found with ICU.

Khmer separates phrases, not words, with spaces. Pango, WeasyPrint's text engine, has no
Khmer dictionary, so a printed line can only break at those spaces (or mid-word); and
Sphinx's search index would hold whole phrases as one "word". ICU's word break iterator
(through PyICU) has a Khmer dictionary, the same one Chromium uses, so the site's search
box, the search index, the handouts' line breaks and the figure labels all cut the same
words. Zero width spaces (U+200B) are inserted only into what WeasyPrint lays out; the
catalogs never contain them.

ICU's dictionary does not know every word: it cuts loanwords and some compounds into
syllables ("លីមហ្វូប្លាស្ទ", lymphoblast; "ក្រហម", red), and a line could end inside
them. The language's terms (locale/<lang>/terminology.csv) and the glossary's terms are
kept whole where lines break (`line_pieces`: the handouts' text and figure labels). The
search index keeps ICU's own words (`pieces`, `words`): the search box cuts a query with
the browser's ICU, which does not know our terms either.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import icu
import polib

from allguide.project import current

# Languages whose words ICU must find; the value is its locale.
SEGMENTED = {"km": "km"}
ZERO_WIDTH_SPACE = "\u200b"
# A glossary term is a line of the English glossary's {glossary} block that is not
# indented (its definition is) and is not an option (":sorted:").
GLOSSARY_TERM = re.compile(r"^(?![\s:])(.+?)\s*$")


class TermsError(ValueError):
    """A list of terms that cannot be read; the message names the file (and line)."""


def _terminology(language: str) -> list[str]:
    path = current().terminology(language)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file)
        if "translation" not in (rows.fieldnames or []):
            raise TermsError(f"{path}:1: no 'translation' column")
        return [row["translation"] or "" for row in rows]


def _glossary_terms(language: str) -> list[str]:
    """The glossary's terms as the language's catalog translates them."""
    source = current().docs / "glossary.md"
    block = source.read_text(encoding="utf-8").split("```{glossary}", 1)[-1].split("```")[0]
    english = {match[1] for match in map(GLOSSARY_TERM.match, block.splitlines()) if match}
    path = current().catalog_dir(language) / "glossary.po"
    if not path.exists():
        return []
    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError) as error:
        raise TermsError(f"{path}: {error}") from error
    return [entry.msgstr for entry in catalog if entry.msgid in english and not entry.fuzzy]


def kept_whole_terms(locale: str) -> tuple[str, ...]:
    """The terms a line never breaks inside, for the language whose ICU locale is
    `locale`: its terminology.csv translations and its glossary terms, longest first."""
    return _kept_whole_terms(locale, current().root)


@cache  # per project: the terms are the project's files
def _kept_whole_terms(locale: str, _root: Path) -> tuple[str, ...]:
    languages = [code for code, icu_locale in SEGMENTED.items() if icu_locale == locale]
    terms = set()
    for language in languages:
        terms.update(_terminology(language) + _glossary_terms(language))
    return tuple(sorted({term.strip() for term in terms if term.strip()}, key=len, reverse=True))


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


def line_pieces(text: str, locale: str) -> list[str]:
    """`text` cut where a line may break: at ICU's word boundaries, except inside an
    occurrence of a term of `kept_whole_terms`, whose pieces are joined."""
    parts = pieces(text, locale)
    inside: set[int] = set()
    for term in kept_whole_terms(locale):
        start = text.find(term)
        while start != -1:
            inside.update(range(start + 1, start + len(term)))
            start = text.find(term, start + 1)
    if not inside:
        return parts
    joined: list[str] = []
    position = 0
    for part in parts:
        if joined and position in inside:
            joined[-1] += part
        else:
            joined.append(part)
        position += len(part)
    return joined


def words(text: str, locale: str) -> list[str]:
    """The words of `text`: the pieces that hold letters."""
    return [piece for piece in pieces(text, locale) if any(map(_is_letter_or_mark, piece))]


def with_break_opportunities(text: str, locale: str) -> str:
    """`text` with a zero width space between two words that touch (no space between),
    none inside a term that is kept whole."""
    parts = line_pieces(text, locale)
    out = []
    for before, after in zip(parts, parts[1:], strict=False):
        out.append(before)
        if _is_letter_or_mark(before[-1]) and _is_letter_or_mark(after[0]):
            out.append(ZERO_WIDTH_SPACE)
    if parts:
        out.append(parts[-1])
    return "".join(out)
