"""Khmer spellings a reader cannot tell apart, folded to one for search.

A subscript ta (្ត) and a subscript da (្ដ) are drawn alike, so readers type either:
"គ្រុនក្តៅ" (fever) found nothing while "គ្រុនក្ដៅ", the catalogs' spelling, found seven
pages. Keyboards also let a vowel be typed in two pieces (េ + ា for ោ) or the two marks
of ុំ in either order, and ឲ and ឱ are two letters for the same "ao" (ឲ្យ and ឱ្យ, "to
let"). The search index (Python) and the search box (the browser) fold text with the
same table, written once here: `javascript()` gives the browser its copy.

Ours because neither ICU nor a maintained Python package folds Khmer spellings for
search, and none would give the browser the very same rules.
"""

from __future__ import annotations

import json

# (as it may be typed, as it is folded), applied in this order.
EQUIVALENT = (
    ("\u17d2\u178f", "\u17d2\u178a"),  # subscript ta ្ត → subscript da ្ដ
    ("\u17b2", "\u17b1"),  # ឲ → ឱ
    ("\u17c1\u17b6", "\u17c4"),  # េ + ា → ោ
    ("\u17c1\u17b8", "\u17be"),  # េ + ី → ើ
    ("\u17c6\u17bb", "\u17bb\u17c6"),  # ំ + ុ → ុំ
    ("\u200b", ""),  # a zero width space pasted from a text that had one
)


def fold(text: str) -> str:
    for written, folded in EQUIVALENT:
        text = text.replace(written, folded)
    return text


def javascript() -> str:
    """`khmerFold(text)`: the same folding, for the search page."""
    steps = "".join(
        f"  text = text.split({json.dumps(written)}).join({json.dumps(folded)});\n"
        for written, folded in EQUIVALENT
    )
    return f"function khmerFold(text) {{\n{steps}  return text;\n}}\n"
