"""Figure labels read on the printed page: no letter touches the drawing.

Measured on the real PDFs, not on the layout model that placed the labels
(allguide/figures/layout.py): each page that holds a figure is rendered twice with poppler,
as printed and with its text taken out (pypdf drops the page's text objects), so the
labels' ink is what differs between the two. Around every pixel of a label's ink the
drawing must be one plain colour for CLEARANCE_MM: a box border, a frame, an arm or an
arrow that comes closer is a defect a reader sees (a letter on a line, a Vietnamese dot
cut by a frame, "para acordar" sitting on the emergency box's border).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

from allguide.devtools import printed_pages
from allguide.devtools.printed_pages import without_text

from conftest import COMPLETE

DPI = 150
MM = DPI / 25.4  # pixels per millimetre
# The ink of a label keeps this far from every line and edge of the drawing.
CLEARANCE_MM = 0.5
# Grey levels: a text pixel differs from the text-less page by more than TEXT_INK; the
# drawing is "one plain colour" where its channels vary by at most FLAT.
TEXT_INK = 48
FLAT = 12


def _channels_max(image: Image.Image) -> Image.Image:
    """The largest of an RGB image's three channels, as one grey image."""
    red, green, blue = image.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def render(pdf: Path, page: int, box: tuple[int, int, int, int]) -> Image.Image:
    return printed_pages.render(pdf, page, DPI, box)


def touching_ink(printed: Image.Image, textless: Image.Image) -> list[tuple[int, int]]:
    """Pixels of label ink with an edge of the drawing within CLEARANCE_MM."""
    text = _channels_max(ImageChops.difference(printed, textless))
    text = text.point(lambda level: 255 if level > TEXT_INK else 0)
    window = 2 * round(CLEARANCE_MM * MM) + 1
    spread = ImageChops.difference(
        textless.filter(ImageFilter.MaxFilter(window)),
        textless.filter(ImageFilter.MinFilter(window)),
    )
    edges = _channels_max(spread).point(lambda level: 255 if level > FLAT else 0)
    both = ImageChops.multiply(text, edges)
    if both.getbbox() is None:
        return []
    width = both.width
    return [
        (index % width, index // width)
        for index, level in enumerate(both.get_flattened_data())
        if level
    ]


def collisions(pdf: Path, scratch: Path) -> dict[str, list[tuple[float, float]]]:
    """For each figure of `pdf`, where (mm from the figure region's corner) its labels'
    ink comes closer than CLEARANCE_MM to the drawing; empty lists when none does."""
    regions = printed_pages.figure_regions(pdf, DPI)
    textless = scratch / f"{pdf.stem}-textless.pdf"
    without_text(pdf, textless, {page for page, _ in regions.values()})
    found = {}
    for name, (page, box) in sorted(regions.items()):
        pixels = touching_ink(render(pdf, page, box), render(textless, page, box))
        found[name] = sorted({(round(x / MM, 1), round(y / MM, 1)) for x, y in pixels})
    return found


@pytest.mark.parametrize("language", COMPLETE)
def test_figure_labels_keep_clear_of_the_drawing(handouts, language, tmp_path):
    build = handouts[language]
    problems = []
    for paper in ("a4", "letter"):
        pdf = build.out / f"relapsed-all-guide-{language}-{paper}.pdf"
        for figure, places in collisions(pdf, tmp_path).items():
            if places:
                problems.append(f"{pdf.name} {figure}: {len(places)} spots, e.g. {places[:3]} mm")
    assert not problems, "label ink on or near the drawing:\n" + "\n".join(problems)


def test_the_check_sees_a_letter_on_a_line_and_not_a_letter_clear_of_it(tmp_path):
    """The measure itself, on a page made for it: one word sits on a box's border, one
    is 2 mm inside its box."""
    from weasyprint import HTML

    page = """<style>@page { size: 60mm 40mm; margin: 0 }
      div { position: absolute; width: 40mm; height: 12mm; border: 0.4mm solid #333;
            background: #fbe3e3; left: 5mm }
      p { position: absolute; margin: 0; font: 10pt sans-serif; left: 10mm }</style>
      <div style="top: 3mm"></div><p style="top: 11.5mm">para acordar</p>
      <div style="top: 22mm"></div><p style="top: 25mm">para acordar</p>"""
    pdf = tmp_path / "page.pdf"
    HTML(string=page).write_pdf(pdf)
    without_text(pdf, tmp_path / "textless.pdf", {0})
    width, height = round(60 * MM), round(40 * MM)
    on_line = (0, 0, width, round(20 * MM))
    clear = (0, round(20 * MM), width, height - round(20 * MM))
    assert touching_ink(render(pdf, 0, on_line), render(tmp_path / "textless.pdf", 0, on_line))
    assert not touching_ink(render(pdf, 0, clear), render(tmp_path / "textless.pdf", 0, clear))
