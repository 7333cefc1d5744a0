"""Copyable PDF text: a line whose glyphs cannot spell its text carries it as /ActualText.

WeasyPrint 70 gives each glyph of a font one Unicode string (its ToUnicode map), set the
first time the glyph is drawn. Khmer shaping reorders a cluster's glyphs (a vowel written
before its consonant, a subscript consonant, coeng) and gives the whole cluster's text to
one glyph, so a PDF reader that reads the glyphs in order gets letters out of order or
loses them: copy, search and screen readers read wrong text. PDF's remedy is a
marked-content span whose /ActualText property holds the real text (PDF 32000-1, 14.9.4);
Poppler (pdftotext, Evince) and pdf.js read it.

The span goes only around the lines that need it: after WeasyPrint has drawn a line, its
glyphs are checked as a PDF reader would use them (each a cluster of its own, moving the
pen forward, its ToUnicode string in order); a line of such plain glyphs is left alone,
so Latin, Cyrillic and Chinese lines stay byte for byte as they were (measured: no span
in the English and Arabic PDFs; the Khmer guide grows 16%, 178 to 208 kB). Lines with
right-to-left runs are left alone too: Poppler puts right-to-left glyphs back in logical
order itself, and an /ActualText already in logical order came out reversed. pypdf
(7.1) ignores /ActualText: it still reads Khmer glyph by glyph.

Ours because WeasyPrint has no option for it; one wrapper around its function that draws
a line (also used for SVG text), installed once per process by `install()`.
"""

from __future__ import annotations

import unicodedata

from allguide import upstream
from allguide.languages.word_breaks import ZERO_WIDTH_SPACE

# Characters the build inserts for layout only, which copied or searched text must not
# hold: zero width spaces between words (word_breaks.py) and the isolate marks around
# left-to-right runs and dates (render.py).
_LAYOUT_ONLY = dict.fromkeys(map(ord, ZERO_WIDTH_SPACE + "\u2066\u2067\u2068\u2069"))


def _drawn_text(textbox) -> tuple[str, object]:
    """The text of the line WeasyPrint has just drawn, in logical order, and Pango's line."""
    layout = textbox.pango_layout
    line, _next_line = layout.get_first_line()
    encoded = layout.text.encode()
    return encoded[line.start_index : line.start_index + line.length].decode(), line


def _glyphs_spell(stream, line, text: str) -> bool:
    """Whether a PDF reader gets `text` back from the line's glyphs alone.

    Readers order characters by their glyphs' positions and take gaps for spaces, so only
    plain glyphs are safe: each a cluster of its own (Khmer draws a cluster as several
    glyphs and gives its text to one of them), moving the pen forward, not shifted
    back or up over its neighbour (a vowel sign or mark placed on its base), and whose
    ToUnicode strings, in the order drawn, spell the text."""
    ffi, pango = upstream.weasyprint_pango()

    texts = []
    run = line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyphs = glyph_item.glyphs
        clusters = glyphs.log_clusters[0 : glyphs.num_glyphs]
        if len(set(clusters)) < len(clusters):
            return False
        font, _size = stream.add_font(glyph_item.item.analysis.font)  # already added: cached
        for glyph in glyphs.glyphs[0 : glyphs.num_glyphs]:
            if glyph.glyph == pango.PANGO_GLYPH_EMPTY:  # a zero width space, drawn as nothing
                continue
            geometry = glyph.geometry
            if geometry.width <= 0 or geometry.x_offset or geometry.y_offset:
                return False
            texts.append(font.to_unicode.get(glyph.glyph, ""))
    return "".join(texts) == _visible(text)


def _right_to_left(line) -> bool:
    ffi, _pango = upstream.weasyprint_pango()

    run = line.runs
    while run != ffi.NULL:
        if run.data.item.analysis.level % 2:
            return True
        run = run.next
    return False


def _visible(text: str) -> str:
    """`text` without the format characters that draw no glyph (zero width space, isolate
    marks): a reader cannot read them back, and need not."""
    return "".join(character for character in text if unicodedata.category(character) != "Cf")


def install() -> None:
    """Wrap WeasyPrint's line drawing so that lines that need it carry their /ActualText."""
    upstream.wrap_weasyprint_line_drawing(_with_actual_text)


def _with_actual_text(draw_first_line):
    """WeasyPrint's `draw_first_line`, putting /ActualText around lines that need it."""
    import pydyf

    def draw_first_line_with_actual_text(stream, textbox, *args, **kwargs):
        start = len(stream.stream)
        emojis = draw_first_line(stream, textbox, *args, **kwargs)
        if len(stream.stream) == start:  # nothing drawn (a blank line)
            return emojis
        text, line = _drawn_text(textbox)
        if _right_to_left(line) or _glyphs_spell(stream, line, text):
            return emojis
        # The glyphs' maps are only complete once the line is drawn, so the span's start
        # goes in afterwards, before the line's first operator (inside its text object,
        # where marked content may be). pydyf writes non-ASCII text as UTF-16BE with BOM.
        actual = pydyf.Dictionary({"ActualText": pydyf.String(text.translate(_LAYOUT_ONLY))})
        stream.stream[start:start] = ["/Span", actual, b"BDC"]
        stream.stream.append(b"EMC")
        return emojis

    return draw_first_line_with_actual_text
