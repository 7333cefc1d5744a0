"""Bilingual sheets: English beside each complete language, row by row, read back from the
PDFs."""

from __future__ import annotations

import json

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from allguide import languages
from allguide.sphinxext import when_to_call  # noqa: E402

from conftest import COMPLETE_TRANSLATIONS, LISTED, ROOT, comparable, laid_out_lines

TABLE = languages.by_code()
SHEETS = {"relapsed-all-at-a-glance": "summary", "relapsed-all-when-to-call": "when-to-call"}
# Issue 17: both sheets carry the whole when-to-call plan and the care team box, in two
# languages: one sheet of paper, printed on both sides.
MAX_PAGES = 2
# Pages stacked one under the other, for reading order across them.
PAGE_OFFSET = 10_000
PAPERS = ("letter", "a4")
# Headings of the summary, in the page's order (the sheet's rows follow it).
SUMMARY_HEADINGS = ["What it is", "What happens next"]
# The bilingual card carries the two levels that cannot wait, like the one-language card.
PANEL_HEADINGS = [level.heading for level in when_to_call.LEVELS[:2]]


def translation(code: str, catalog: str, english: str) -> str:
    entry = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / f"{catalog}.po")).find(
        english
    )
    assert entry is not None and entry.msgstr, (code, english)
    return entry.msgstr


def sheet(handouts, code: str, sheet_id: str, paper: str = "a4"):
    return handouts[code].out / f"{sheet_id}-en-{code}-{paper}.pdf"


def positions(path, code: str) -> list[tuple[str, float, float]]:
    """Every piece of text with where it starts (x, y from the top of page 1, in points,
    each page PAGE_OFFSET below the one before): from the PDF; for Khmer, whose letters no
    PDF reader gives back whole, from WeasyPrint's layout of it (the top of each line,
    not its baseline)."""
    if code == "km":
        return [
            (text, left, top + (page - 1) * PAGE_OFFSET)
            for page, _paragraph, left, _right, top, text in laid_out_lines(
                path.with_suffix(".html")
            )
        ]
    found = []
    for number, page in enumerate(PdfReader(path).pages):
        height = float(page.mediabox.height)

        def visit(text, matrix, text_matrix, _font, _size, height=height, number=number):
            if text.strip():
                x = matrix[0] * text_matrix[4] + matrix[4]
                y = matrix[3] * text_matrix[5] + matrix[5]
                found.append((text, x, height - y + number * PAGE_OFFSET))

        page.extract_text(visitor_text=visit)
    return found


def where(pieces, text: str) -> tuple[float, float]:
    """(x, y) of the piece of text that starts `text`, or else of the longest piece that
    is part of it: right-to-left lines come out of a PDF in visual order, so a heading's
    first piece may be its last words, and short pieces ("now") recur elsewhere."""
    words = comparable(text)
    best, best_length = None, 0
    for piece, x, y in pieces:
        piece = comparable(piece)
        # Long enough to tell ("Call " also starts "Call 911."): a whole short heading, or
        # at least 8 characters of a longer one.
        long_enough = len(piece) >= min(8, len(words))
        if long_enough and (words.startswith(piece) or piece.startswith(words[:20])):
            return x, y
        if len(piece) >= 6 and piece in words and len(piece) > best_length:
            best, best_length = (x, y), len(piece)
    if best is not None and best_length >= min(12, len(words) // 2):
        return best
    raise AssertionError(f"{text!r} not found on the page")


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_every_translation_has_both_bilingual_sheets_on_one_sheet(handouts, code):
    record = json.loads((handouts[code].out / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["file"]: entry for entry in record["handouts"]}
    for sheet_id in SHEETS:
        for paper in PAPERS:
            path = sheet(handouts, code, sheet_id, paper)
            assert path.name in listed, sorted(listed)
            pages = len(PdfReader(path).pages)
            assert pages <= MAX_PAGES and pages == listed[path.name]["pages"]


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_rows_pair_each_english_line_with_its_translation(handouts, code):
    """Each heading's English and translation start on the same line (the same row), in
    the page's order, English on the left and the language on the right (Arabic too)."""
    cases = [
        ("relapsed-all-at-a-glance", "summary", SUMMARY_HEADINGS),
        ("relapsed-all-when-to-call", "sphinx", PANEL_HEADINGS),
    ]
    for sheet_id, catalog, headings in cases:
        pieces = positions(sheet(handouts, code, sheet_id, "letter"), code)
        rows = []
        for english in headings:
            english_x, english_y = where(pieces, english)
            translated_x, translated_y = where(pieces, translation(code, catalog, english))
            assert abs(english_y - translated_y) < 3, (code, english, english_y, translated_y)
            # (A right-to-left line's text starts at its right end: further right still.)
            assert translated_x > english_x + 100, (code, english, english_x, translated_x)
            rows.append(english_y)
        assert rows == sorted(rows), (code, sheet_id, rows)


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_both_texts_are_in_the_sheet_with_each_column_tagged_with_its_language(handouts, code):
    path = sheet(handouts, code, "relapsed-all-at-a-glance", "letter")
    reader = PdfReader(path)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "What happens next" in text
    # Built without BASEURL: no sample address on paper (test_qr_codes.py builds with one).
    assert "example.org" not in text
    languages_tagged = set()

    def walk(element):
        element = element.get_object()
        if "/Lang" in element:
            languages_tagged.add(str(element["/Lang"]))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"en", TABLE[code].html_lang} <= languages_tagged, languages_tagged


def test_sheets_are_listed_on_the_language_page_and_reached_from_the_english_one(site):
    english = BeautifulSoup(site["en"].page("handouts.html"), "html.parser")
    links = {a["href"] for a in english.select(".bilingual-sheets a")}
    # Every listed language, and only those: the others' pages are not linked to yet.
    assert links == {f"../{code}/handouts.html" for code in LISTED if code != "en"}
    for code in COMPLETE_TRANSLATIONS:
        page = BeautifulSoup(site[code].page("handouts.html"), "html.parser")
        hrefs = {a["href"] for a in page.select("table.handout-list a")}
        for sheet_id in SHEETS:
            for paper in PAPERS:
                assert f"handouts/{sheet_id}-en-{code}-{paper}.pdf" in hrefs
