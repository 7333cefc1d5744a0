"""One layout of a handout, placed on each paper: US Letter and A4 show the same pages.

A handout is laid out once, on the area both papers share (ISO A4's width, 210 mm, and US
Letter's height, 279.4 mm), and that page is centred on each paper when its PDF is
written: Letter gets 3 mm more on the left and right, A4 9 mm more at the top and bottom.

Why: laying out is most of a handout's cost (WeasyPrint's layout of the two-column guide
took 1.2 s of its 1.5 s), and two layouts doubled it for the same words. And the same
page numbers on both papers let a nurse with the A4 copy and a family with the Letter
copy, or an interpreter on the phone, point to "page 3" and mean the same page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# What @page { size } gets: the area common to both papers.
LAYOUT_SIZE = "210mm 279.4mm"
# Each paper in PDF points (1/72 inch).
PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.276, 841.89)}
PAGE_BOXES = ("MediaBox", "TrimBox", "BleedBox")


def placed_on(paper: str) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that centres every page on `paper`.

    Only the page boxes change: the visible window of each page is widened around the
    laid-out page, so the content, links, tags and fonts are written exactly as laid out.
    """
    import pydyf  # WeasyPrint's PDF writer

    width, height = PAPER_POINTS[paper]

    def finisher(_document: Any, pdf: Any) -> None:
        for page in pdf.objects:
            if not isinstance(page, pydyf.Dictionary) or page.get("Type") != "/Page":
                continue
            left, top, right, bottom = page["MediaBox"]
            extra_x = (width - (right - left)) / 2
            extra_y = (height - (bottom - top)) / 2
            box = pydyf.Array([left - extra_x, top - extra_y, right + extra_x, bottom + extra_y])
            for name in PAGE_BOXES:
                page[name] = box

    return finisher
