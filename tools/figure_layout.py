"""Figure templates with label slots, and labels measured and wrapped to fit them.

A template is an SVG drawing in docs/figures/ whose words are not in it: each label has
a slot, an empty <rect data-slot="name"> that gives the label's box, its largest and
smallest font size (data-size, data-min-size, in the drawing's units) and its weight
(data-weight="bold"). The page's directive gives the words (labelled_figures.py).

Each label is measured with the language's own font (HarfBuzz shaping through
uharfbuzz, the shaper Pango and Chromium use), wrapped at the language's break
opportunities and set at the largest size at which every line fits the box. A label
that does not fit at its smallest size is an error, never text over the drawing.

The template's root may carry data-mirror="rtl": a picture that reads in order (a path
of steps) is then drawn mirrored for right-to-left languages, its slots moved with it.
Pictures of bodies and cells are never mirrored; only their labels read right to left.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz

from font_files import font_file
from word_breaks import SEGMENTED, pieces

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
LINE_HEIGHT = 1.2
# Font sizes are tried from the largest down, in steps of this many units.
SIZE_STEP = 0.5
# Lines are fitted to this share of their box: renderers round glyph advances at small
# pixel sizes (Chromium on a phone set a Vietnamese line 0.8% wider than HarfBuzz).
WIDTH_ALLOWANCE = 0.97


class TemplateError(ValueError):
    """A figure template that cannot be used; the message names the file."""


class LabelHasNoGlyph(ValueError):
    """A character of a label that none of the language's fonts can draw."""

    def __init__(self, character: str, families: tuple[str, ...]):
        name = unicodedata.name(character, "?")
        super().__init__(
            f"no glyph for U+{ord(character):04X} {character!r} ({name}) in the fonts "
            f"{list(families)}; use another character, or add a font that has it to `fonts` "
            "in locale/languages.toml"
        )
        self.slot = ""  # set by place()


class LabelDoesNotFit(ValueError):
    def __init__(self, slot: str, text: str, box: Slot):
        super().__init__(
            f"the label {text!r} does not fit its box in the figure (slot {slot!r}: "
            f"{box.width:g} x {box.height:g} units) even at {box.min_size:g} units; shorten it"
        )
        self.slot = slot


@dataclass(frozen=True)
class Slot:
    name: str
    x: float
    y: float
    width: float
    height: float
    size: float
    min_size: float
    bold: bool

    def mirrored(self, drawing_width: float) -> Slot:
        return Slot(
            self.name,
            drawing_width - self.x - self.width,
            self.y,
            self.width,
            self.height,
            self.size,
            self.min_size,
            self.bold,
        )


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    width: float
    height: float
    mirror_in_rtl: bool
    # The drawing: every child of the root except the slots, as SVG source.
    drawing: str
    slots: dict[str, Slot]


@dataclass(frozen=True)
class Label:
    """A label's words and the language they are in (English when not yet translated)."""

    text: str
    lang: str
    direction: str


@dataclass(frozen=True)
class PlacedLabel:
    slot: Slot
    label: Label
    lines: tuple[str, ...]
    size: float

    @property
    def first_baseline(self) -> float:
        """The first line's baseline: the block of lines centred in the box."""
        block = self.size * LINE_HEIGHT * len(self.lines)
        top = self.slot.y + (self.slot.height - block) / 2
        # Half the extra line height above the text, then about 0.8 em to the baseline.
        return top + self.size * ((LINE_HEIGHT - 1) / 2 + 0.8)


def _number(element: ET.Element, name: str, path: Path) -> float:
    value = element.get(name)
    try:
        return float(value)
    except (TypeError, ValueError):
        slot = element.get("data-slot")
        raise TemplateError(f"{path}: slot {slot!r} needs a number for {name}") from None


@cache
def load_template(path: Path) -> Template:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise TemplateError(f"{path}: {error}") from None
    view_box = (root.get("viewBox") or "").split()
    if root.tag != f"{{{SVG}}}svg" or len(view_box) != 4:
        raise TemplateError(f"{path}: not an SVG with a viewBox")
    slots: dict[str, Slot] = {}
    drawing: list[str] = []
    for child in root:
        name = child.get("data-slot")
        if name is None:
            drawing.append(ET.tostring(child, encoding="unicode"))
            continue
        size = _number(child, "data-size", path)
        slots[name] = Slot(
            name,
            _number(child, "x", path),
            _number(child, "y", path),
            _number(child, "width", path),
            _number(child, "height", path),
            size,
            float(child.get("data-min-size", size)),
            child.get("data-weight") == "bold",
        )
    return Template(
        path.stem,
        path,
        float(view_box[2]),
        float(view_box[3]),
        root.get("data-mirror") == "rtl",
        # ElementTree writes the namespace on each child; one on the root is enough.
        re.sub(r' xmlns="[^"]*"', "", "".join(drawing)),
        slots,
    )


# -- Measuring --------------------------------------------------------------------------


@cache
def _font(family: str, bold: bool) -> tuple[uharfbuzz.Font, int, frozenset[int]]:
    path, index = font_file(family, bold)
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path), index)
    font = uharfbuzz.Font(face)
    return font, face.upem, frozenset(font.face.unicodes)


def _runs(text: str, families: tuple[str, ...], bold: bool):
    """`text` cut into runs, each with the first family that has its characters."""
    run, run_family = "", None
    for character in text:
        family = next((name for name in families if ord(character) in _font(name, bold)[2]), None)
        if character.isspace() and run_family is not None:
            family = run_family
        if family is None:
            raise LabelHasNoGlyph(character, families)
        if family != run_family and run:
            yield run, run_family
            run = ""
        run, run_family = run + character, family
    if run:
        yield run, run_family


def text_width(text: str, size: float, families: tuple[str, ...], bold: bool = False) -> float:
    """The advance width of `text` set in `families` at `size` units, shaped by HarfBuzz."""
    width = 0.0
    for run, family in _runs(text, families, bold):
        font, upem, _ = _font(family, bold)
        buffer = uharfbuzz.Buffer()
        buffer.add_str(run)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font, buffer, {"kern": True, "liga": True})
        width += sum(position.x_advance for position in buffer.glyph_positions) * size / upem
    return width


# -- Wrapping ---------------------------------------------------------------------------


def _wide(character: str) -> bool:
    """Ideographs, kana and full-width punctuation: a line may end before or after them."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def _closing(character: str) -> bool:
    """Punctuation that never starts a line (a comma, a full stop, a closing bracket)."""
    return unicodedata.category(character) in ("Po", "Pe", "Pf") and character not in "¿¡"


def break_units(text: str, lang: str = "") -> list[str]:
    """`text` cut where a line may end: after spaces and hyphens, around wide characters,
    and between the words ICU finds in a script without spaces (Khmer: word_breaks.py).

    (A small rule of our own, not Unicode's full line breaking: figure labels are a few
    words in the scripts of the language table.)
    """
    if lang in SEGMENTED:
        units = []
        opening = ""
        for piece in pieces(text, SEGMENTED[lang]):
            if unicodedata.category(piece[0]) in ("Ps", "Pi"):
                opening += piece  # an opening bracket goes with the word after it
            elif units and not opening and (piece.isspace() or _closing(piece[0])):
                units[-1] += piece  # a space or closing punctuation ends the unit before
            else:
                units.append(opening + piece)
                opening = ""
        if opening:
            units.append(opening)
        return units
    units: list[str] = []
    current = ""
    for character in text:
        if current and not _closing(character):
            previous = current[-1]
            if previous in " -\u2010" or _wide(previous) or _wide(character):
                units.append(current)
                current = ""
        current += character
    if current:
        units.append(current)
    return units


def wrap(
    text: str, size: float, width: float, families: tuple[str, ...], bold: bool, lang: str = ""
):
    """Greedy lines of `text` no wider than `width`, or None if one word is wider."""
    lines: list[str] = []
    line = ""
    for unit in break_units(" ".join(text.split()), lang):
        candidate = line + unit
        if line and text_width(candidate.rstrip(), size, families, bold) > width:
            lines.append(line.rstrip())
            line = unit
        else:
            line = candidate
        if text_width(line.rstrip(), size, families, bold) > width:
            return None
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit(slot: Slot, label: Label, families: tuple[str, ...]) -> PlacedLabel:
    """The label in the largest size at which it fits its slot."""
    size = slot.size
    while size >= slot.min_size:
        width = slot.width * WIDTH_ALLOWANCE
        lines = wrap(label.text, size, width, families, slot.bold, label.lang)
        if lines is not None and len(lines) * size * LINE_HEIGHT <= slot.height:
            return PlacedLabel(slot, label, tuple(lines), size)
        size -= SIZE_STEP
    raise LabelDoesNotFit(slot.name, label.text, slot)


def place(
    template: Template, labels: dict[str, Label], families: tuple[str, ...], direction: str
) -> list[PlacedLabel]:
    """Every slot of the template with its label, mirrored where the template asks."""
    mirror = direction == "rtl" and template.mirror_in_rtl
    placed = []
    for name, slot in template.slots.items():
        box = slot.mirrored(template.width) if mirror else slot
        try:
            placed.append(fit(box, labels[name], families))
        except LabelHasNoGlyph as error:
            error.slot = name
            raise
    return placed
