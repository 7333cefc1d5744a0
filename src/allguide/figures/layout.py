"""Figure templates with label slots, and labels measured and wrapped to fit them.

A template is an SVG drawing in docs/figures/ whose words are not in it: each label has
a slot, an empty <rect data-slot="name"> that gives the label's box, its largest and
smallest font size (data-size, data-min-size, in the drawing's units) and its weight
(data-weight="bold"). The page's directive gives the words (labelled_figures.py).

Each label is measured with the language's own font (HarfBuzz shaping through
uharfbuzz, the shaper Pango and Chromium use), wrapped at the language's break
opportunities and set at the largest size at which every line fits the box. A line
fits when its ink (each glyph's own box, accents stacked above a Vietnamese vowel too)
stays PADDING inside the slot on every side: a slot is drawn up to its box's border or
a leader line, so ink on the slot's edge is ink on the drawing. A label that does not fit
at its smallest size is an error, never text over the drawing.

Lines are placed the way CSS places them, so the handouts' HTML labels (WeasyPrint) sit
exactly where the site's SVG text does: each line's box is LINE_HEIGHT em, centred on the
font's ascent and descent (the fonts the line is set in, and the label's first font,
which CSS uses for the line's strut); a line set in two fonts is as tall as both need.

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

from allguide.languages.font_files import font_file
from allguide.languages.word_breaks import SEGMENTED, line_pieces

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
LINE_HEIGHT = 1.2
# The width a figure is printed at in the handouts (one column of the guide), in mm.
PRINT_WIDTH_MM = 84
# Font sizes are tried from the largest down, in steps of this many units.
SIZE_STEP = 0.5
# Lines are fitted to this share of their box: renderers round glyph advances at small
# pixel sizes (Chromium on a phone set a Vietnamese line 0.8% wider than HarfBuzz).
WIDTH_ALLOWANCE = 0.97
# Room between a label's ink and its slot's edges, in the drawing's units (0.63 mm
# printed; 3 px on a 360 px phone).
PADDING = 3.0


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
    # The top of the first line's box and each line's baseline, in the drawing's units.
    top: float
    baselines: tuple[float, ...]


def _number(element: ET.Element, name: str, path: Path) -> float:
    value = element.get(name)
    try:
        return float(value)
    except (TypeError, ValueError):
        slot = element.get("data-slot")
        raise TemplateError(f"{path}: slot {slot!r} needs a number for {name}") from None


def load_template(path: Path) -> Template:
    """The template at `path`, read again when the file changes (`make live` keeps one
    process while someone edits a drawing)."""
    try:
        changed = path.stat().st_mtime_ns
    except OSError as error:
        raise TemplateError(f"{path}: {error}") from None
    return _read_template(path, changed)


@cache
def _read_template(path: Path, changed: int) -> Template:
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


@cache
def _vertical_metrics(family: str, bold: bool) -> tuple[float, float]:
    """The font's ascent and descent in em, as Pango (and so WeasyPrint) reads them."""
    font, upem, _ = _font(family, bold)
    extents = font.get_font_extents("ltr")
    return extents.ascender / upem, -extents.descender / upem


def _shaped(text: str, families: tuple[str, ...], bold: bool):
    """Each run of `text` shaped: (font, units per em, glyph infos, glyph positions)."""
    for run, family in _runs(text, families, bold):
        font, upem, _ = _font(family, bold)
        buffer = uharfbuzz.Buffer()
        buffer.add_str(run)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font, buffer, {"kern": True, "liga": True})
        yield family, font, upem, buffer.glyph_infos, buffer.glyph_positions


def line_box(line: str, families: tuple[str, ...], bold: bool) -> tuple[float, float]:
    """How far a line's box reaches above and below its baseline, in em.

    As CSS with a unitless line-height: the line's text and the block's strut (its first
    font) each get LINE_HEIGHT em centred on their font's ascent plus descent, and the
    line box holds both (a Chinese line with Latin letters in it grows a little)."""
    used = {families[0], *(family for _, family in _runs(line, families, bold))}
    above = below = 0.0
    for family in used:
        ascent, descent = _vertical_metrics(family, bold)
        half_leading = (LINE_HEIGHT - ascent - descent) / 2
        above, below = max(above, half_leading + ascent), max(below, half_leading + descent)
    return above, below


def line_ink(line: str, families: tuple[str, ...], bold: bool) -> tuple[float, float]:
    """How far the glyphs of a line reach above and below its baseline, in em: marks
    stacked over a letter and descenders included, from each glyph's own box."""
    above = below = 0.0
    for _, font, upem, infos, positions in _shaped(line, families, bold):
        for info, position in zip(infos, positions, strict=True):
            extents = font.get_glyph_extents(info.codepoint)
            if extents is None:
                continue
            top = (position.y_offset + extents.y_bearing) / upem
            bottom = (position.y_offset + extents.y_bearing + extents.height) / upem
            above, below = max(above, top), max(below, -bottom)
    return above, below


def text_width(text: str, size: float, families: tuple[str, ...], bold: bool = False) -> float:
    """The advance width of `text` set in `families` at `size` units, shaped by HarfBuzz."""
    width = 0.0
    for _, _, upem, _, positions in _shaped(text, families, bold):
        width += sum(position.x_advance for position in positions) * size / upem
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
        for piece in line_pieces(text, SEGMENTED[lang]):
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


def _placed(
    slot: Slot, label: Label, lines: list[str], size: float, families: tuple[str, ...]
) -> PlacedLabel | None:
    """The lines stacked and centred in the slot, or None if their ink leaves it."""
    boxes = [line_box(line, families, slot.bold) for line in lines]
    block = sum(above + below for above, below in boxes) * size
    if block > slot.height:  # the lines' boxes, not only their ink, stay in the slot
        return None
    top = slot.y + (slot.height - block) / 2
    baselines, y = [], top
    for above, below in boxes:
        baselines.append(y + above * size)
        y += (above + below) * size
    for line, baseline in zip(lines, baselines, strict=True):
        above, below = line_ink(line, families, slot.bold)
        if baseline - above * size < slot.y + PADDING:
            return None
        if baseline + below * size > slot.y + slot.height - PADDING:
            return None
    return PlacedLabel(slot, label, tuple(lines), size, top, tuple(baselines))


def fit(slot: Slot, label: Label, families: tuple[str, ...]) -> PlacedLabel:
    """The label in the largest size at which its ink fits its slot."""
    size = slot.size
    width = (slot.width - 2 * PADDING) * WIDTH_ALLOWANCE
    while size >= slot.min_size:
        lines = wrap(label.text, size, width, families, slot.bold, label.lang)
        placed = lines and _placed(slot, label, lines, size, families)
        if placed:
            return placed
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
