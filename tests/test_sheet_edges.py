"""Sheet edges: every page of every handout keeps its ink where office printers print."""

from __future__ import annotations

import json
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps

from conftest import LANGUAGES

# Office printers leave up to 5 mm unprinted at each edge (issue 19): a draft mark or a
# footer 3 mm from the edge came out cut. 8 mm leaves room for the paper's skew too.
MIN_EDGE_MM = 8.0
# 72 dpi is 0.35 mm a pixel: fine enough to tell 8 mm from 7.6, and renders all 126 PDFs
# (some 400 pages) in a few seconds. A pixel touched by any ink counts as ink.
DPI = 72
MM_PER_PIXEL = 25.4 / DPI
EDGES = ("left", "top", "right", "bottom")


def edge_distances(image: Image.Image) -> dict[str, float] | None:
    """How far, in mm, the page's ink comes to each edge (None: a page without ink)."""
    # getbbox() bounds the non-zero pixels: inverted, every pixel that is not white.
    box = ImageOps.invert(image.convert("L")).getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    width, height = image.size
    pixels = (left, top, width - right, height - bottom)
    return {edge: count * MM_PER_PIXEL for edge, count in zip(EDGES, pixels, strict=True)}


def page_edges(pdf: Path) -> list[dict[str, float] | None]:
    """Every page of `pdf` rendered in grayscale, and how close its ink comes to each edge."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), f"{folder}/page"],
            check=True, capture_output=True,
        )  # fmt: skip
        # pdftoppm pads page numbers to the same width, so the names sort in page order.
        pages = sorted(Path(folder).glob("page-*.pgm"))
        assert pages, f"{pdf.name}: pdftoppm rendered no page"
        distances = []
        for page in pages:
            with Image.open(page) as image:
                distances.append(edge_distances(image))
        return distances


def kind(entry: dict) -> str:
    """A PDF's kind as the failure message groups them: handout, bilingual or not, paper."""
    return f"{entry['handout']}{' (bilingual)' if entry['bilingual'] else ''} on {entry['paper']}"


def test_all_ink_is_at_least_8_mm_from_every_edge_of_every_page(handouts):
    entries = {}
    for code in LANGUAGES:
        record = json.loads((handouts[code].out / "manifest.json").read_text(encoding="utf-8"))
        listed = {entry["file"]: entry for entry in record["handouts"]}
        for pdf in sorted(handouts[code].out.glob("*.pdf")):
            assert pdf.name in listed, f"{pdf}: not in its language's manifest.json"
            entries[pdf] = listed[pdf.name]
    # Every language has its guide, summary and card on two papers, at the least.
    assert len(entries) >= len(LANGUAGES) * 6, sorted(path.name for path in entries)

    # Two at once: pdftoppm runs outside Python, and the machine has two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        rendered = dict(zip(entries, pool.map(page_edges, entries), strict=True))

    worst: dict[str, tuple[float, str]] = {}
    too_close = []
    for pdf, pages in rendered.items():
        for number, distances in enumerate(pages, 1):
            if distances is None:  # a blank page has no ink to lose (test_handouts checks ink)
                continue
            for edge, distance in distances.items():
                where = f"{pdf.name} page {number}, {edge} edge: {distance:.1f} mm"
                if distance < worst.get(kind(entries[pdf]), (float("inf"), ""))[0]:
                    worst[kind(entries[pdf])] = (distance, where)
                if distance < MIN_EDGE_MM:
                    too_close.append(where)
    summary = "\n".join(f"  {name}: {where}" for name, (_, where) in sorted(worst.items()))
    assert not too_close, (
        f"{len(too_close)} page edges with ink nearer than {MIN_EDGE_MM} mm (printers clip "
        f"it; margins in handouts/print.css). Nearest ink, by kind of PDF:\n{summary}"
    )
