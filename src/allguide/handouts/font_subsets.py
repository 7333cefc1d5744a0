"""Small copies of very large font faces (CJK), holding only what a handout prints.

WeasyPrint subsets every face it embeds but keeps each glyph's number ("retain GIDs"),
so a face whose ideographs sit at glyph numbers up to 65,535 brings an index of that
many entries into every PDF: about 170 KB per Chinese face, the reason the Chinese
handouts once had no bold. Giving WeasyPrint a face that holds only the characters of
the handout, numbered from 1, removes that index: the regular and the bold faces
together then cost less than the regular face alone did.

The copies are made with HarfBuzz's subsetter (uharfbuzz), in memory, and handed to
WeasyPrint as data: URLs under a family name of their own; the faces on the system are
never changed. Faces with fewer glyphs (Latin, Arabic...) are used as they are.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache

import uharfbuzz

from .fonts import font_file

# A face with more glyphs than this is copied; Noto Sans has ~4,000, Noto Sans CJK 65,535.
LARGE_FACE_GLYPHS = 20_000
WEIGHTS = {400: False, 700: True}


@dataclass(frozen=True)
class Subsets:
    """The family names for the handout's CSS and the @font-face rules that define them."""

    families: tuple[str, ...]
    css: str


@cache
def _face(path: str, index: int) -> uharfbuzz.Face:
    return uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path), index)


def _subset(face: uharfbuzz.Face, characters: frozenset[int]) -> bytes:
    request = uharfbuzz.SubsetInput()
    for character in characters:
        request.unicode_set.add(character)
    # CFF subroutines shared by all 65,535 glyphs would otherwise come along.
    request.flags = uharfbuzz.SubsetFlags.DESUBROUTINIZE | uharfbuzz.SubsetFlags.NO_HINTING
    return uharfbuzz.subset(face, request).blob.data


def is_large(family: str) -> bool:
    path, index = font_file(family)
    return _face(path, index).glyph_count > LARGE_FACE_GLYPHS


def for_text(families: tuple[str, ...], text: str) -> Subsets:
    """`families` with each large face replaced by a copy holding the characters of `text`."""
    characters = frozenset(ord(character) for character in text)
    names: list[str] = []
    rules: list[str] = []
    for family in families:
        if not is_large(family):
            names.append(family)
            continue
        name = f"{family} Handout Subset"
        names.append(name)
        for weight, bold in WEIGHTS.items():
            path, index = font_file(family, bold=bold)
            data = base64.b64encode(_subset(_face(path, index), characters)).decode("ascii")
            rules.append(
                f'@font-face {{ font-family: "{name}"; font-weight: {weight}; '
                f"src: url(data:font/otf;base64,{data}); }}"
            )
    return Subsets(tuple(names), "\n".join(rules))
