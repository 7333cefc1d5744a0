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


def _subset(
    face: uharfbuzz.Face, characters: frozenset[int], dropped_tables: tuple[bytes, ...] = ()
) -> bytes:
    request = uharfbuzz.SubsetInput()
    for character in characters:
        request.unicode_set.add(character)
    dropped = request.sets(uharfbuzz.SubsetInputSets.DROP_TABLE_TAG)
    for tag in dropped_tables:
        dropped.add(int.from_bytes(tag, "big"))
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


# The form fields' face (form_fields.py): WeasyPrint embeds a field's face whole, since a
# reader draws whatever is typed with it; all of Noto Sans would add 300 KB to each PDF.
# The face keeps what a clinic types in a name or a phone number: the Latin letters of
# Western Europe, digits and punctuation, and every letter the handout itself prints that
# Noto Sans has (the Cyrillic of a Russian handout, the Vietnamese letters...), without
# the tables for shaping, which a PDF reader does not use for a field: 10 to 20 KB. A
# name in another script is drawn by the reader's own fonts, as readers do for any
# character a field's face lacks.
FORM_FIELD_FAMILY = "Guide Form Fields"
FORM_FIELD_CHARACTERS = frozenset(
    [*range(0x0020, 0x007F), *range(0x00A0, 0x0180), *range(0x2010, 0x2028)]
)
SHAPING_TABLES = (b"GSUB", b"GPOS", b"GDEF")


@cache
def _form_field_face(characters: frozenset[int]) -> str:
    path, index = font_file("Noto Sans")
    data = base64.b64encode(_subset(_face(path, index), characters, SHAPING_TABLES))
    return (
        f'@font-face {{ font-family: "{FORM_FIELD_FAMILY}"; '
        f"src: url(data:font/ttf;base64,{data.decode('ascii')}); }}"
    )


def form_field_face(text: str) -> str:
    """The @font-face rule of the form fields' face for a handout printing `text`."""
    letters = frozenset(ord(character) for character in text if character.isalpha())
    return _form_field_face(FORM_FIELD_CHARACTERS | letters)
