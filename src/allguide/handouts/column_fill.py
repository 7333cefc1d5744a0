"""Columns of the guide filled to the bottom: a drawing that does not fit the rest of a
column goes to the next one, and the text after it fills the column, as a typesetter
floats a figure.

WeasyPrint 70 has no floats to the top of a column: a figure that does not fit (it may
not break, print.css) moves to the next column with everything after it, and leaves the
rest of its column empty. So the guide is laid out, and where a column ends early because
a figure comes next, the figure is moved in the HTML and the guide laid out again: one
figure per layout, a few layouts at most, the same choices for the same input. It moves
below the text after it in its chapter when that text fills the column (so it stays
after the text that introduces it); else above text before it in its own section, never
above that section's heading, if it then fits in the column.

Each layout is made page by page, only as far as needed: a move is judged on the pages up
to the page after its column, so a layout that a move replaces stops there, and the one
kept goes on from where it was judged. A move is kept when its column is fuller and, by
the end of those pages, at least as much text is laid out as before (no text went to a
later page, so the guide grows no longer; judging that on the whole guide, as before,
needed every layout to its end). Measured on the thirteen guides: the same PDFs, in
four fifths of the CPU time (95 s became 76 s).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from allguide import upstream

# CSS px (WeasyPrint's unit) to PDF points.
POINTS = 0.75
# The element whose columns are filled: the guide's body and closing notes (print.css).
FLOW_CLASS = "handout-flow"
FIGURE_CLASS = "labelled-figure"
# A column that ends more than this share of a full column early, before a figure, is a
# hole worth another layout (a paragraph kept whole leaves up to about 10%).
HOLE = 0.12
# A figure may go to the top of the next column (after whole paragraphs) when what they
# leave empty is at most this share; otherwise after the paragraph that runs on into it.
GAP_AT_TOP = 0.06
# The space a figure takes above and below its drawing and caption (print.css: 3 mm each).
FIGURE_MARGINS = 17.0
# Layouts after the first, at most: one per figure moved (the guide has four drawings).
MORE_LAYOUTS = 4
# What is not a place for a figure: below a heading, or among a section's blocks.
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {"main", "section"}
# Blocks that go on in the next column when they reach the bottom of one.
SPLITTABLE = {"p", "ul", "ol", "dl", "div"}
LISTS = {"ul", "ol", "dl"}


@dataclass(frozen=True)
class Column:
    """One column of the flow on one page, in points from the top of the page."""

    page: int  # 1-based
    number: int  # 1-based, in reading order on its page
    top: float
    bottom: float  # where its last line or drawing ends
    limit: float  # where the page's content area ends
    full: float  # the height of a column that starts at the top of the page
    # Whether it starts with a forced break (print.css: break-before: page, column...), so
    # the column before it was ended on purpose.
    forced: bool = False

    @property
    def empty(self) -> float:
        """The share of a full column left empty at the bottom, 0 to 1."""
        return max(0.0, self.limit - self.bottom) / self.full


@dataclass(frozen=True)
class Piece:
    """A line or a drawing of the flow, with the elements it is inside (outermost first)."""

    column: int  # index into the list of columns
    top: float
    bottom: float
    elements: tuple


def _classes(element) -> list[str]:
    return (element.get("class") or "").split() if element is not None else []


def _flow_columns(box, found: list) -> None:
    if getattr(box, "is_column", False) and FLOW_CLASS in _classes(box.element):
        found.append(box)
        return
    for child in getattr(box, "children", None) or []:
        _flow_columns(child, found)


FORCED_BREAKS = {"page", "left", "right", "recto", "verso", "column"}


def _starts_with_forced_break(column) -> bool:
    """Whether the first box laid out in `column`, or a box that starts with it, has a
    forced break before it."""
    box = column
    while children := [c for c in getattr(box, "children", None) or [] if c.is_in_normal_flow()]:
        box = children[0]
        if box.style["break_before"] in FORCED_BREAKS:
            return True
    return False


def _pieces_of(box, column: int, elements: tuple, pieces: list[Piece]) -> None:
    """The lines and drawings laid out in `box`, in order (not the box's own height:
    WeasyPrint stretches a block that goes on in the next column to the page's bottom)."""
    boxes = upstream.weasyprint_boxes()

    element = getattr(box, "element", None)
    if element is not None and box.element_tag:
        elements = (*elements, element)
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
        top = box.position_y
        pieces.append(Piece(column, top * POINTS, (top + box.margin_height()) * POINTS, elements))
        return
    children = [
        child
        for child in getattr(box, "children", None) or []
        if isinstance(child, boxes.Box) and child.is_in_normal_flow()
    ]
    if not children and isinstance(box, boxes.BlockBox) and box.height:
        # An empty block that shows something (a line to write on).
        bottom = (box.border_box_y() + box.border_height()) * POINTS
        pieces.append(Piece(column, box.border_box_y() * POINTS, bottom, elements))
    for child in children:
        _pieces_of(child, column, elements, pieces)


def layout(document: Any) -> tuple[list[Column], list[Piece]]:
    """Every column of the flow of a rendered document, page by page in reading order,
    and what each holds."""
    return layout_of_pages([upstream.weasyprint_page_box(page) for page in document.pages])


def layout_of_pages(page_boxes: list) -> tuple[list[Column], list[Piece]]:
    """Every column of the flow on these laid-out pages, in reading order, and what each
    holds."""
    columns: list[Column] = []
    pieces: list[Piece] = []
    for page_number, page_box in enumerate(page_boxes, 1):
        top = page_box.content_box_y() * POINTS
        limit = top + page_box.height * POINTS
        found: list = []
        _flow_columns(page_box, found)
        # In reading order: on a right-to-left page WeasyPrint's first column is the right one.
        for number, column in enumerate(found, 1):
            first = len(pieces)
            _pieces_of(column, len(columns), (), pieces)
            column_top = column.position_y * POINTS
            bottom = max((piece.bottom for piece in pieces[first:]), default=column_top)
            forced = _starts_with_forced_break(column)
            full = limit - top
            columns.append(Column(page_number, number, column_top, bottom, limit, full, forced))
    return columns, pieces


# -- Where a figure can go -------------------------------------------------------------


class _StartTags(HTMLParser):
    """Each element of the HTML in document order: its tag, and where it starts and ends.

    The standard library's parser, because it tells where each tag is: WeasyPrint's parser
    does not, and writing its tree back out (or BeautifulSoup's) would change the HTML
    (SVG attribute names lowercased), not only move the figure."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        # getpos() counts lines by "\n" only (str.splitlines also splits at U+2028...).
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.html = html
        self.elements: list[list] = []  # [tag, start, end]
        self.open: list[list] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        element = [tag, start, None]
        self.elements.append(element)
        if tag in self.VOID:
            element[2] = self.html.index(">", start) + 1
        else:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        self.elements.append([tag, start, self.html.index(">", start) + 1])

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                self.open[depth][2] = self.html.index(">", self._offset()) + 1
                del self.open[depth:]
                return


def _local_name(element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower()


def _source_spans(html: str, root) -> dict[int, tuple[int, int]] | None:
    """Where each element of WeasyPrint's tree is in `html`, by the element's id(); None
    when the two parsers disagree (then nothing is moved)."""
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    tags = _StartTags(html).elements
    if len(tags) != len(elements) or any(
        tag != _local_name(element) or end is None
        for (tag, _start, end), element in zip(tags, elements, strict=True)
    ):
        return None
    pairs = zip(tags, elements, strict=True)
    return {id(element): (start, end) for (_tag, start, end), element in pairs}


def _blocks(root) -> tuple[list, dict]:
    """The blocks of the guide's text, in order, beside which a figure may stand (the
    paragraphs, lists and boxes of its sections, not its headings), and each block's
    chapter (the outermost section it is in)."""
    parents = {id(child): parent for parent in root.iter() for child in parent}
    blocks, chapters = [], {}
    for element in root.iter():
        parent = parents.get(id(element))
        if not isinstance(element.tag, str) or parent is None:
            continue
        name = _local_name(element)
        if _local_name(parent) != "section" or name in HEADINGS or name in CONTAINERS:
            continue
        sections = [a for a in _ancestors(element, parents) if _local_name(a) == "section"]
        blocks.append(element)
        chapters[id(element)] = sections[-1]
    return blocks, chapters


def _ancestors(element, parents: dict) -> list:
    found = []
    while (element := parents.get(id(element))) is not None:
        found.append(element)
    return found


def _holds_on(block, parents: dict) -> bool:
    """Whether a figure just below `block` would part it from what it belongs with: the
    first block under a heading (the heading would keep only that at the bottom of a
    column), or a paragraph that introduces the list after it."""
    siblings = [sibling for sibling in parents[id(block)] if isinstance(sibling.tag, str)]
    position = siblings.index(block)
    before = _local_name(siblings[position - 1]) if position else ""
    after = _local_name(siblings[position + 1]) if position + 1 < len(siblings) else ""
    return before in HEADINGS or (_local_name(block) == "p" and after in LISTS)


@dataclass(frozen=True)
class Move:
    """Put `figure` just below `block` in the HTML (a block before or after it)."""

    column: int  # the column that ends early
    figure: Any
    block: Any

    def apply(self, html: str, spans: dict[int, tuple[int, int]]) -> str:
        figure_start, figure_end = spans[id(self.figure)]
        block_end = spans[id(self.block)][1]
        figure = "\n" + html[figure_start:figure_end]
        if block_end > figure_end:
            return html[:figure_start] + html[figure_end:block_end] + figure + html[block_end:]
        return html[:block_end] + figure + html[block_end:figure_start] + html[figure_end:]


class _Hole:
    """A column that ends early because the figure at the top of the next one did not fit."""

    def __init__(self, index: int, column: Column, figure, pieces: list[Piece], root):
        self.index, self.column, self.figure = index, column, figure
        self.pieces_of: dict[int, list[Piece]] = {}
        for piece in pieces:
            for element in piece.elements:
                self.pieces_of.setdefault(id(element), []).append(piece)
        drawn = self.pieces_of[id(figure)]
        self.figure_top = min(piece.top for piece in drawn)
        self.figure_end = max(piece.bottom for piece in drawn)
        self.height = column.limit - column.bottom
        self.blocks, self.chapters = _blocks(root)
        self.parents = {id(child): parent for parent in root.iter() for child in parent}
        self.position = self._position()

    def _position(self) -> int | None:
        """Where the figure is among the blocks (None: not among a section's blocks)."""
        return next((i for i, block in enumerate(self.blocks) if block is self.figure), None)

    def _in_column(self, block, column: int) -> list[Piece] | None:
        """The pieces of `block`, if all of them are in `column`."""
        inside = self.pieces_of.get(id(block), [])
        return inside if inside and all(p.column == column for p in inside) else None

    def later(self) -> tuple[Move | None, float]:
        """Below the blocks after the figure in its chapter that fill the hole, and how
        much of a full column that leaves empty (0 when a block runs on into the next)."""
        chapter = self.chapters[id(self.figure)]
        fitting, left = None, self.height
        for block in self.blocks[self.position + 1 :]:
            if self.chapters[id(block)] is not chapter:
                break
            if _holds_on(block, self.parents):
                continue
            inside = self._in_column(block, self.index + 1)
            filled = max(p.bottom for p in inside) - self.figure_end if inside else self.height
            if inside is not None and filled <= self.height:
                fitting, left = block, self.height - filled
                continue
            if left / self.column.full > GAP_AT_TOP and _local_name(block) in SPLITTABLE:
                return Move(self.index, self.figure, block), 0.0
            break
        if fitting is None:
            return None, 1.0
        return Move(self.index, self.figure, fitting), left / self.column.full

    def earlier(self) -> Move | None:
        """Above blocks before it in its section, so that it fits in the column that ended
        early with text below it: the latest place where it fits."""
        section = self.parents[id(self.figure)]
        figure_height = self.figure_end - self.figure_top + FIGURE_MARGINS
        for block in reversed(self.blocks[: self.position]):
            if self.parents[id(block)] is not section:
                break
            inside = self._in_column(block, self.index)
            if inside is None:
                break
            fits = max(p.bottom for p in inside) + figure_height <= self.column.limit
            if fits and not _holds_on(block, self.parents):
                return Move(self.index, self.figure, block)
        return None


def _moves_for(
    columns: list[Column], pieces: list[Piece], after: int, before: int, root
) -> list[Move]:
    """The first column after `after` (and before `before`) that ends early before a
    figure, and the places for the figure that let text fill that column, best first:
    below the text after it if that fills the column, else above text before it if it
    then fits in the column, else below what text there is after it."""
    for index, column in enumerate(columns[:-1]):
        if index <= after or index >= before or column.empty <= HOLE:
            continue
        following = next((piece for piece in pieces if piece.column == index + 1), None)
        figure = next(
            (e for e in (following.elements if following else ()) if FIGURE_CLASS in _classes(e)),
            None,
        )
        if figure is None:
            continue
        hole = _Hole(index, column, figure, pieces, root)
        if hole.position is None:
            continue
        later, left = hole.later()
        ordered = [later, hole.earlier()] if left <= HOLE else [hole.earlier(), later]
        moves = [move for move in ordered if move is not None]
        if moves:
            return moves
    return []


class _Pages:
    """A layout made page by page (upstream.WeasyPrintPages), read as columns and pieces
    as far as it has been laid out."""

    def __init__(self, html: str, pages: Any):
        self.html, self.pages = html, pages

    def through(self, count: float) -> tuple[list[Column], list[Piece]]:
        return layout_of_pages(self.pages.lay_out_to(count))

    def settled(self, after: int) -> tuple[list[Column], list[Piece], int]:
        """Columns and pieces laid out far enough to judge one more column after `after`
        as the whole layout would (the column after it, and a page beyond, where a block
        of that column may go on), and the index of the first column not yet judged."""
        while True:
            made = len(self.pages.page_boxes)
            columns, pieces = self.through(made)
            if self.pages.complete:
                return columns, pieces, len(columns)
            judged = sum(1 for index in range(len(columns) - 1) if columns[index + 1].page < made)
            if judged > after + 1:
                return columns, pieces, judged
            self.pages.lay_out_to(made + 1)

    def text_through(self, count: int) -> int:
        """How many characters of text the first `count` pages hold."""
        boxes = upstream.weasyprint_boxes()

        def text_of(box) -> int:
            if isinstance(box, boxes.TextBox):
                return len(box.text)
            return sum(text_of(child) for child in getattr(box, "children", None) or [])

        return sum(text_of(page) for page in self.pages.lay_out_to(count)[:count])


def _kept(moved: _Pages, current: _Pages, column: int) -> bool:
    """Whether a move is kept: the column that ended early is fuller, and no text went to
    a later page (by the end of the pages read to find the hole, at least as much text
    is laid out), so the guide grows no longer."""
    read = len(current.pages.page_boxes)
    moved_columns, _pieces = moved.through(read)
    columns, _pieces = current.through(read)
    return (
        len(moved_columns) > column
        and moved_columns[column].empty < columns[column].empty
        and moved.text_through(read) >= current.text_through(read)
    )


def fill_columns(html: str, lay_out: Callable[[str], Any]) -> tuple[str, Any]:
    """Lay out `html`; while a column ends early before a figure, move that figure where
    text fills the column and lay out again. Returns the HTML and the layout kept.

    `lay_out(html)` starts a layout made page by page (upstream.WeasyPrintPages): a move
    is judged on the pages up to its column, so a layout that is not kept costs a few
    pages, and the kept one goes on from where it was judged."""
    current = _Pages(html, lay_out(html))
    after, layouts = -1, 0
    while layouts < MORE_LAYOUTS:
        columns, pieces, judged = current.settled(after)
        if after + 1 >= judged:
            break
        root = current.pages.page_boxes[0].children[0].element  # <html>
        moves = _moves_for(columns, pieces, after, judged, root)
        if not moves:
            after = judged - 1
            continue
        spans = _source_spans(current.html, root)
        if spans is None:
            break
        for move in moves[: MORE_LAYOUTS - layouts]:
            layouts += 1
            moved_html = move.apply(current.html, spans)
            moved = _Pages(moved_html, lay_out(moved_html))
            if _kept(moved, current, move.column):
                current = moved
                break
        after = moves[0].column
    return current.html, current.pages.finish()
