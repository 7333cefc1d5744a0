"""Khmer PDFs: their text layer reads back as the catalogs' text
(allguide/handouts/actual_text.py), and no printed line ends inside a word, a listed term
included (allguide/languages/word_breaks.py)."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from allguide.catalogs.catalog_files import read_catalog
from allguide.catalogs.checks.structure import parsers, role_text
from allguide.languages.word_breaks import (
    ZERO_WIDTH_SPACE,
    kept_whole_terms,
    line_pieces,
    pieces,
    with_break_opportunities,
)

from conftest import ROOT, comparable, laid_out_lines, use_project

CATALOGS = ROOT / "locale" / "km" / "LC_MESSAGES"


def khmer(character: str) -> bool:
    return "KHMER" in unicodedata.name(character, "")


def _inline_text(tokens) -> str | None:
    """The text a message's inline tokens print; None if a role prints text that is not
    in the message (a {doc} link without its own text shows the page's title)."""
    parts = []
    for token in tokens:
        if token.children:
            inner = _inline_text(token.children)
            if inner is None:
                return None
            parts.append(inner)
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "myst_role":
            shown, target = role_text(token.content)
            if shown == target and token.meta.get("name") == "doc":
                return None
            parts.append(shown)
    return "".join(parts)


def printed_text(message: str) -> str | None:
    """A msgstr as the handouts print it: its MyST read as Sphinx reads it, markup gone."""
    return _inline_text(parsers()[0].parse(message))


@cache
def khmer_messages() -> list[str]:
    """Every Khmer msgstr's printed text, comparable() (no white space, zero width space
    or isolate marks), that holds Khmer letters."""
    texts = set()
    for path in sorted(CATALOGS.glob("*.po")):
        for entry in read_catalog(path):
            text = printed_text(entry.msgstr) if entry.msgstr and not entry.fuzzy else None
            if text and any(map(khmer, text)):
                texts.add(comparable(text))
    return sorted(texts, key=len, reverse=True)


def html_text(path: Path) -> str:
    """The text of a handout's HTML as it was given to WeasyPrint (its body)."""
    body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").body
    # Not printed: a figure's text alternative (its SVG title) is the figure's /Alt.
    for hidden in body.select("style, script, title, desc"):
        hidden.decompose()
    return comparable(body.get_text())


def page_texts(path: Path) -> list[str]:
    """Each page's text as Poppler's pdftotext reads it, comparable(), in the order it
    is drawn (-raw): WeasyPrint draws in document order, while the reading-order mode
    interleaves the lines of boxes that stand side by side (the card's two columns)."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [comparable(page) for page in text.split("\f")]


def found(message: str, pages: list[str]) -> bool:
    """Whether `message` is on a page whole, or split by a page break: its beginning on
    one page, the rest on the next (each page's list markers, header and footer are
    drawn after its body, so the two parts are not side by side in the text)."""
    if any(message in page for page in pages):
        return True
    return any(
        message[:cut] in page and message[cut:] in following
        for page, following in zip(pages, pages[1:], strict=False)
        for cut in range(1, len(message))
    )


def khmer_pdfs(handouts) -> list[Path]:
    record = json.loads((handouts["km"].out / "manifest.json").read_text(encoding="utf-8"))
    assert record["status"] == "published", record["problems"]
    paths = [handouts["km"].out / entry["file"] for entry in record["handouts"]]
    # The guide, the summary and the card, alone and beside English, on both papers.
    assert len(paths) == 10, paths
    return paths


def test_every_khmer_pdf_reads_back_as_the_catalog_text(handouts):
    """Each Khmer message printed in a PDF (found in the HTML WeasyPrint laid out) comes
    back from the PDF whole, in logical order; Poppler honours /ActualText."""
    for path in khmer_pdfs(handouts):
        given = html_text(path.with_suffix(".html"))
        printed = [message for message in khmer_messages() if message in given]
        assert sum(map(len, printed)) > len(given) / 3, (path.name, len(printed))
        pages = page_texts(path)
        missing = [message for message in printed if not found(message, pages)]
        assert not missing, (path.name, len(missing), len(printed), missing[:3])


# -- Line breaks --------------------------------------------------------------------------


def boundaries(parts: list[str]) -> set[int]:
    ends, position = set(), 0
    for part in parts:
        position += len(part)
        ends.add(position)
    return ends


def test_icu_cuts_these_terms_and_the_listed_terms_keep_them_whole():
    """Words ICU's dictionary does not know, cut into syllables, that printed lines broke
    inside: "lymphoblast" alone and in the name of the disease, "red" in "petechiae"."""
    terms = kept_whole_terms("km")
    for text, inside in (
        ("លីមហ្វូប្លាស្ទ", "លីមហ្វូប្លាស្ទ"),
        ("មហារីកឈាមស្រួចស្រាវប្រភេទលីមហ្វូប្លាស្ទ", "លីមហ្វូប្លាស្ទ"),
        ("ចំណុចក្រហមតូចៗលើស្បែក", "ក្រហម"),
    ):
        assert text in terms, text
        start = text.index(inside)
        cuts = set(range(start + 1, start + len(inside)))
        assert cuts & boundaries(pieces(text, "km")), (text, pieces(text, "km"))
        assert not cuts & boundaries(line_pieces(text, "km")), line_pieces(text, "km")
        # In a sentence too: no break opportunity (zero width space) inside it.
        assert text in with_break_opportunities("នេះជា" + text + "ហើយ", "km")
    # Both lists: terminology.csv's translations and the glossary's terms.
    assert "គ្រុនក្ដៅ" in terms and "ខួរឆ្អឹង" in terms and len(terms) > 90


def test_no_khmer_line_ends_inside_a_word_or_a_listed_term(handouts):
    """In WeasyPrint's own layout of every Khmer handout, a line that ends between two
    Khmer letters ends where ICU and the term list allow a break."""
    terms = kept_whole_terms("km")
    layouts = {
        path.with_suffix(".html").read_text(encoding="utf-8"): path for path in khmer_pdfs(handouts)
    }
    checked = 0
    for path in layouts.values():  # letter and A4 share one layout
        lines = laid_out_lines(path.with_suffix(".html"))
        paragraphs: dict[tuple[int, int], list[str]] = {}
        for page, paragraph, *_place, text in lines:
            paragraphs.setdefault((page, paragraph), []).append(text.replace(ZERO_WIDTH_SPACE, ""))
        for texts in paragraphs.values():
            whole = "".join(texts)
            inside_terms = set()
            for term in terms:
                start = whole.find(term)
                while start != -1:
                    inside_terms.update(range(start + 1, start + len(term)))
                    start = whole.find(term, start + 1)
            end = 0
            for before, after in zip(texts, texts[1:], strict=False):
                end += len(before)
                left, right = before.rstrip(), after.lstrip()
                if not (left and right and khmer(left[-1]) and khmer(right[0])):
                    continue
                assert end not in inside_terms, (path.name, before[-15:], after[:15])
                allowed = boundaries(line_pieces(left + right, "km"))
                assert len(left) in allowed, (path.name, left[-15:], right[:15])
                checked += 1
    assert checked > 100, checked


def test_a_term_list_without_its_column_is_an_error_naming_the_file(tmp_path, monkeypatch):
    from allguide.languages import word_breaks

    listing = tmp_path / "locale" / "km" / "terminology.csv"
    listing.parent.mkdir(parents=True)
    listing.write_text("english,khmer\nfever,គ្រុនក្ដៅ\n", encoding="utf-8")
    use_project(monkeypatch, tmp_path, ROOT / "docs")
    try:
        with pytest.raises(word_breaks.TermsError, match=r"terminology\.csv:1: no 'translation'"):
            word_breaks.kept_whole_terms("km")
    finally:
        monkeypatch.undo()
