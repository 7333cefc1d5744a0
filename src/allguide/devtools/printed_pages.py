"""Pages of the printed handouts as pictures: a page or part of one rendered by poppler,
the region of each figure of the guide, and a copy of a PDF without its text.

Used by `make screenshots` (printed pages and figures for reviewers) and by the tests
that measure what a reader sees on paper (tests/test_figure_ink.py).
"""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from allguide.figures.layout import PRINT_WIDTH_MM, load_template
from allguide.sphinxext.labelled_figures import template_path

# Where a figure's drawing is, from the figure's top left corner: a column of the guide
# is at most COLUMN_MM wide (the drawing is centred in it) and the drawing starts after
# the figure's top margin (print.css). The region is MARGIN_MM larger on every side.
COLUMN_MM = 90
FIGURE_TOP_MM = 3
MARGIN_MM = 1.5


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def without_text(pdf: Path, out: Path, pages: set[int]) -> None:
    """A copy of `pdf` whose `pages` (0-based) have no text objects (BT ... ET)."""
    reader = PdfReader(pdf)
    writer = PdfWriter(clone_from=reader)
    for number in pages:
        page = writer.pages[number]
        content = ContentStream(page.get_contents(), writer)
        kept, in_text = [], False
        for operands, operator in content.operations:
            if operator == b"BT":
                in_text = True
            if not in_text:
                kept.append((operands, operator))
            if operator == b"ET":
                in_text = False
        content.operations = kept
        page.replace_contents(content)
    writer.write(out)


def render(
    pdf: Path,
    page: int,
    dpi: float,
    box: tuple[int, int, int, int] | None = None,
    annotations: bool = True,
) -> Image.Image:
    """Page `page` (0-based) of `pdf` at `dpi`, or the pixel box (x, y, width, height) of
    it, in RGB; with its annotations (form fields) drawn as a PDF reader draws them, or
    only the page's own drawing."""
    crop = []
    if box is not None:
        x, y, width, height = box
        crop = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
    hide = [] if annotations else ["-hide-annotations"]
    png = subprocess.run(
        ["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-r", f"{dpi:g}", "-png",
         *hide, *crop, str(pdf)],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    return Image.open(BytesIO(png)).convert("RGB")


def figure_regions(pdf: Path, dpi: float) -> dict[str, tuple[int, tuple[int, int, int, int]]]:
    """Each figure of `pdf` by its template name: its page and the pixel region of its
    drawing, from the named destination WeasyPrint writes for the figure's id (its top
    left corner) and the drawing's printed size."""
    reader = PdfReader(pdf)
    regions = {}
    for name, destination in reader.named_destinations.items():
        if not name.startswith("figure-"):
            continue
        template = load_template(template_path(name.removeprefix("figure-")))
        page = reader.get_destination_page_number(destination)
        # Page coordinates start at the media box's corner, not always at 0 0.
        media = reader.pages[page].mediabox
        left = (float(destination.left) - float(media.left)) / 72 * 25.4
        top = (float(media.top) - float(destination.top)) / 72 * 25.4
        height = template.height * PRINT_WIDTH_MM / template.width
        # The figure's block is a column wide; its drawing is centred in it.
        regions[template.name] = (
            page,
            tuple(
                round(size * dpi / 25.4)
                for size in (
                    left - MARGIN_MM,
                    top - MARGIN_MM,
                    COLUMN_MM + 2 * MARGIN_MM,
                    FIGURE_TOP_MM + height + 2 * MARGIN_MM,
                )
            ),
        )
    return regions
