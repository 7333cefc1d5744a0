"""Arabic on paper is read from the right: the when-to-call panel, the contents, the care
team's lines to fill in and wrapped web addresses, measured where WeasyPrint placed them
(its layout of the HTML kept beside each PDF) in Arabic and, as the mirror image, English."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from allguide import languages, upstream

MM = 96 / 25.4  # WeasyPrint's layout is in CSS pixels
# Half a pixel: boxes that touch may differ by rounding.
SLACK = 0.5
PANEL_HANDOUTS = ["relapsed-all-guide", "relapsed-all-at-a-glance", "relapsed-all-when-to-call"]
BILINGUAL_SHEETS = ["relapsed-all-at-a-glance", "relapsed-all-when-to-call"]
# Unicode's isolate and embedding marks: invisible, and not part of an address.
BIDI_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"))


class Layout:
    """A handout as WeasyPrint lays it out from the HTML its PDF was made from (both
    papers share one layout): every box with its page, and each element's place in the
    document, to read boxes in document order."""

    def __init__(self, path: Path):
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration

        html = HTML(filename=str(path))
        self.order = {element: index for index, element in enumerate(html.etree_element.iter())}
        document = html.render(font_config=FontConfiguration())
        self.placed: list[tuple[int, Any]] = []
        self.page_widths = [page.width for page in document.pages]
        for number, page in enumerate(document.pages, 1):
            self._walk(upstream.weasyprint_page_box(page), number)

    def _walk(self, box, page: int) -> None:
        self.placed.append((page, box))
        for child in getattr(box, "children", ()):
            self._walk(child, page)

    def elements(self, tag: str, css_class: str = "", inside: list | None = None) -> list[list]:
        """The boxes of each element `tag` (with `css_class`), in document order: one list
        of (page, box) per element (an element split over lines or pages has several)."""
        placed = self.placed
        if inside is not None:  # within these (page, box) fragments
            placed = [(page, each) for page, box in inside for each in _descendants(box)]
        found: dict[Any, list] = {}
        for page, box in placed:
            if box.element_tag == tag and (not css_class or css_class in _classes(box)):
                found.setdefault(box.element, []).append((page, box))
        return [found[element] for element in sorted(found, key=self.order.__getitem__)]


@cache
def layout(path: Path) -> Layout:
    return Layout(path)


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _text_boxes(box) -> list:
    from weasyprint.formatting_structure.boxes import TextBox

    return [each for each in _descendants(box) if isinstance(each, TextBox) and each.text.strip()]


def ink(box) -> tuple[float, float, float, float]:
    """Left, right, top, bottom of the text a box holds."""
    texts = _text_boxes(box)
    assert texts, f"no text in {box.element_tag}"
    return (
        min(text.position_x for text in texts),
        max(text.position_x + text.width for text in texts),
        min(text.position_y for text in texts),
        max(text.position_y + text.height for text in texts),
    )


def frame(box) -> tuple[float, float, float, float]:
    """Left, right, top, bottom of a box's border (a line to write on is its border)."""
    left, top = box.border_box_x(), box.border_box_y()
    return left, left + box.border_width(), top, top + box.border_height()


def drawn(text_box) -> str:
    """A text box's characters in the order WeasyPrint draws them from left to right:
    Pango's runs in line order, each read in its own direction, as WeasyPrint's
    draw/text.py walks them. (A PDF reader cannot tell this order: pdftotext sorts Latin
    letters by position and turns Arabic words around.)"""
    from weasyprint.text.ffi import ffi

    pango_layout = text_box.pango_layout
    pango_layout.reactivate(text_box.style)  # as WeasyPrint does before drawing
    try:
        line, _ = pango_layout.get_first_line()
        encoded = pango_layout.text.encode()
        pieces = []
        run = line.runs
        while run != ffi.NULL:
            item = run.data.item
            piece = encoded[item.offset : item.offset + item.length].decode()
            pieces.append(piece[::-1] if item.analysis.level % 2 else piece)
            run = run.next
    finally:
        pango_layout.deactivate()
    return "".join(pieces)


def reads_right_to_left(code: str) -> bool:
    return languages.by_code()[code].direction == "rtl"


def start_first(boxes: list, right_to_left: bool) -> list:
    """(page, box) pairs sorted as their reader meets them: by page, then column (from
    the right in right-to-left), then from the top."""
    columns = sorted({round(frame(box)[0]) for _page, box in boxes}, reverse=right_to_left)

    def place(placed):
        page, box = placed
        return page, columns.index(round(frame(box)[0])), frame(box)[2]

    return sorted(boxes, key=place)


def handout(handouts, code: str, stem: str) -> Path:
    return handouts[code].out / f"{stem}-{code}-letter.html"


@pytest.mark.parametrize("code", ["ar", "en"])
@pytest.mark.parametrize("stem", PANEL_HANDOUTS)
def test_the_panel_starts_with_the_emergency_level_on_the_reading_side(handouts, code, stem):
    """The emergency level above the call-now level, each level's heading at the side its
    reader starts from, and each list of signs or steps read in order: the first column
    at the right in Arabic, at the left in English, each from the top."""
    pages = layout(handout(handouts, code, stem))
    right_to_left = reads_right_to_left(code)
    emergency = pages.elements("div", "level-emergency")[0]
    call_now = pages.elements("div", "level-call-now")[0]
    assert emergency[0][0] == call_now[0][0], "the two levels begin on different pages"
    assert frame(emergency[0][1])[3] <= frame(call_now[0][1])[2] + SLACK, "emergency not above"
    lists = 0
    for level in (emergency, call_now):
        box = level[0][1]
        heading = pages.elements("p", "when-to-call-heading", inside=level)[0][0][1]
        left, right, *_ = ink(heading)
        start_gap = box.content_box_x() + box.width - right if right_to_left else (
            left - box.content_box_x()
        )  # fmt: skip
        assert start_gap < 3 * MM, f"{code}: a level's heading not at the start side"
        for tag in ("ul", "ol"):
            for fragments in pages.elements(tag, inside=level):
                items = [item[0] for item in pages.elements("li", inside=fragments)]
                if len({round(frame(box)[0]) for _page, box in items}) > 1:
                    lists += 1  # set in columns
                assert start_first(items, right_to_left) == items, f"{code}: {tag} out of order"
    if stem != "relapsed-all-at-a-glance":  # its signs are one paragraph per level
        assert lists >= 2


@pytest.mark.parametrize("code", ["ar", "en"])
def test_the_contents_read_from_the_start_side_with_page_numbers_at_the_end(handouts, code):
    """Entries two to a row, the first of each row at the reader's start (the right in
    Arabic); each page number at the end of its entry (the left in Arabic)."""
    pages = layout(handout(handouts, code, "relapsed-all-guide"))
    right_to_left = reads_right_to_left(code)
    nav = pages.elements("nav", "contents")[0]
    entries = [placed[0][1] for placed in pages.elements("li", inside=nav)]
    assert len(entries) >= 8
    rows = [entries[index : index + 2] for index in range(0, len(entries), 2)]
    for row, following in zip(rows, rows[1:], strict=False):
        assert frame(following[0])[2] > frame(row[0])[2]
    for first, *second in rows:
        if second:
            assert frame(first)[2] == pytest.approx(frame(second[0])[2])
            assert (frame(first)[0] > frame(second[0])[0]) == right_to_left, (
                f"{code}: contents entry {entries.index(first) + 1} not at the start of its row"
            )
    for entry in entries:
        title = [box for box in _text_boxes(entry) if box.element_tag == "a"]
        number = [box for box in _text_boxes(entry) if box.text.strip().isdigit()]
        assert title and len(number) == 1, f"{code}: entry without one page number"
        where = f"{code}: the page number of entry {entries.index(entry) + 1} not at its end"
        title_left = min(box.position_x for box in title)
        title_right = max(box.position_x + box.width for box in title)
        if right_to_left:
            assert number[0].position_x + number[0].width <= title_left + SLACK, where
        else:
            assert number[0].position_x >= title_right - SLACK, where


FORMS = [(code, stem, f"{stem}-{code}") for code in ("ar", "en") for stem in PANEL_HANDOUTS] + [
    ("ar", stem, f"{stem}-en-ar") for stem in BILINGUAL_SHEETS
]


@pytest.mark.parametrize(("code", "stem", "name"), FORMS, ids=[name for *_, name in FORMS])
def test_each_care_team_label_is_at_the_start_of_its_line(handouts, code, stem, name):
    """The care team box's lines to fill in: each label where its reader starts (the
    right in Arabic) and its line after it, on the same row; two pairs to a row read from
    the start side too."""
    pages = layout(handouts[code].out / f"{name}-letter.html")
    right_to_left = reads_right_to_left(code)
    form = pages.elements("dl", "fill-in")[0]
    labels = [placed[0][1] for placed in pages.elements("dt", inside=form)]
    lines = [placed[0][1] for placed in pages.elements("dd", inside=form)]
    assert len(labels) == len(lines) == 3
    for label, line in zip(labels, lines, strict=True):
        label_left, label_right, label_top, label_bottom = ink(label)
        line_left, line_right, line_top, line_bottom = frame(line)
        assert label_top < line_bottom and line_top < label_bottom, "label and line apart"
        if right_to_left:
            assert label_left >= line_right - SLACK, f"{name}: label not right of its line"
        else:
            assert label_right <= line_left + SLACK, f"{name}: label not left of its line"
    for first, second in zip(labels, labels[1:], strict=False):
        if frame(first)[2] == pytest.approx(frame(second)[2]):  # on one row
            assert (frame(first)[0] > frame(second)[0]) == right_to_left, (
                f"{name}: the first label of a row not at the start side"
            )


def test_a_wrapped_web_address_prints_left_to_right_line_after_line(handouts):
    """Each line of an address that wraps (in the guide's sources) is drawn left to right,
    and its lines follow each other as the reader goes: down the column, then on to the
    next column (the left one in Arabic) or page."""
    pages = layout(handout(handouts, "ar", "relapsed-all-guide"))
    middle = pages.page_widths[0] / 2

    def reading_place(placed):  # the guide's right column first
        page, text = placed
        return page, text.position_x + text.width / 2 < middle, text.position_y

    wrapped = 0
    for link in pages.elements("a", "external"):
        pieces = [(page, text) for page, box in link for text in _text_boxes(box)]
        logical = "".join(text.text for _page, text in pieces).translate(BIDI_MARKS)
        # The whole address, one run (Sphinx prints %22 as the quote it stands for).
        assert unquote(logical) == unquote(link[0][1].element.get("href"))
        if len(pieces) < 2:
            continue
        wrapped += 1
        for _page, text in pieces:
            assert drawn(text).translate(BIDI_MARKS) == text.text.translate(BIDI_MARKS), (
                f"{logical}: a line printed as {drawn(text).translate(BIDI_MARKS)!r}"
            )
        places = [reading_place(placed) for placed in pieces]
        assert places == sorted(places) and len(set(places)) == len(places), logical
    assert wrapped >= 5


def test_drawn_order_is_read_as_printed():
    """The helper the address test relies on: a run of Latin letters that a right-to-left
    line sets apart prints its "/" at the left, and `drawn` says so."""
    from weasyprint import HTML

    html = '<p dir="rtl" style="width: 300px">www.example.org/page/</p>'
    text = next(
        box
        for _page, box in _walk_document(HTML(string=html).render())
        if box.element_tag == "p" and getattr(box, "text", "").strip()
    )
    assert drawn(text) == "/www.example.org/page"


def _walk_document(document):
    for number, page in enumerate(document.pages, 1):
        for box in _descendants(upstream.weasyprint_page_box(page)):
            yield number, box


@pytest.mark.parametrize("stem", PANEL_HANDOUTS)
def test_the_fever_temperature_prints_as_one_left_to_right_run(handouts, stem):
    """ "38.0 °C (100.4 °F)" on an Arabic page, read left to right as drawn: a letter of
    it set apart on its own once printed "° C38.0 (F° 100.4)" on the fever line."""
    pages = layout(handout(handouts, "ar", stem))
    found = 0
    for paragraph in pages.elements("p"):  # a list item's, or the summary's run-in signs
        # Each text box once: a public handout's numbers are form fields' boxes
        # (inline-blocks), whose text a walk of the paragraph's boxes meets again.
        boxes = {id(text): text for _page, box in paragraph for text in _text_boxes(box)}
        texts = list(boxes.values())
        if "°C" not in "".join(text.text for text in texts).translate(BIDI_MARKS):
            continue
        found += 1
        line = min(text.position_y for text in texts if "°" in text.text)
        on_line = sorted(
            (text for text in texts if abs(text.position_y - line) < SLACK),
            key=lambda text: text.position_x,
        )
        # Read as printed: a space where one box ends well before the next begins (the
        # two units' fields are boxes of their own, the space between them not a text).
        printed = drawn(on_line[0])
        for before, text in zip(on_line, on_line[1:], strict=False):
            gap = text.position_x - (before.position_x + before.width)
            printed += (" " if gap > 1 and not drawn(text).startswith(" ") else "") + drawn(text)
        printed = printed.translate(BIDI_MARKS)
        assert "38.0 °C (100.4 °F)" in printed, printed
    assert found
