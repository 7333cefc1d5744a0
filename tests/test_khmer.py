"""Khmer, written without spaces between words: printed lines break between words (found
by ICU), never inside one or past the text block, and search indexes whole words."""

from __future__ import annotations

import csv
import json
import unicodedata

from allguide.languages.word_breaks import ZERO_WIDTH_SPACE, pieces, with_break_opportunities, words

from conftest import ROOT, laid_out_lines

MM = 72 / 25.4
# The guide's page as laid out for both papers (handouts/paper.py), and its margins and
# columns, from print.css.
WIDTH = 210 * MM
MARGIN = 13 * MM
GAP = 9 * MM
SLACK = 1.5


def khmer(character: str) -> bool:
    return "KHMER" in unicodedata.name(character, "")


def test_icu_finds_khmer_words_and_breaks_go_only_between_them():
    phrase = "ក្រុមថែទាំកុមារ"  # "the children's care team": three words, no spaces
    assert words(phrase, "km") == ["ក្រុម", "ថែទាំ", "កុមារ"]
    assert with_break_opportunities(phrase, "km") == "ក្រុម\u200bថែទាំ\u200bកុមារ"
    # Never at a space, never inside Latin text or numbers.
    assert with_break_opportunities("ALL 15 ក្រុម ថែទាំ", "km") == "ALL 15 ក្រុម ថែទាំ"


def test_no_catalog_holds_a_zero_width_space():
    for path in sorted((ROOT / "locale" / "km" / "LC_MESSAGES").glob("*.po")):
        assert "\u200b" not in path.read_text(encoding="utf-8"), path.name


def test_khmer_guide_lines_stay_in_the_text_block_and_break_between_words(handouts):
    """Read from WeasyPrint's own layout of the guide: each line's ink within the text
    block (and its column), and every line that ends between two Khmer letters ends at
    a word boundary of ICU's segmentation of its paragraph."""
    letter, a4 = (handouts["km"].out / f"relapsed-all-guide-km-{p}.html" for p in ("letter", "a4"))
    # One layout, placed on both papers.
    assert letter.read_text(encoding="utf-8") == a4.read_text(encoding="utf-8")
    lines = laid_out_lines(letter)
    column = (WIDTH - 2 * MARGIN - GAP) / 2
    assert sum(any(map(khmer, text)) for *_, text in lines) > 300
    breaks = 0
    for (page, paragraph, left, right, _top, text), following in zip(
        lines, [*lines[1:], None], strict=True
    ):
        assert left >= MARGIN - SLACK and right <= WIDTH - MARGIN + SLACK, (page, text)
        if page > 1 and left >= MARGIN + column:  # the right column
            assert left >= MARGIN + column + GAP - SLACK, (page, text)
        if following is None or following[:2] != (page, paragraph):
            continue
        before = text.replace(ZERO_WIDTH_SPACE, "").rstrip()
        after = following[5].replace(ZERO_WIDTH_SPACE, "").lstrip()
        if not (before and after and khmer(before[-1]) and khmer(after[0])):
            continue
        boundaries, position = set(), 0
        for piece in pieces(before + after, "km"):
            position += len(piece)
            boundaries.add(position)
        assert len(before) in boundaries, (page, before[-15:], after[:15])
        breaks += 1
    assert breaks > 50, breaks


def test_khmer_search_indexes_the_word_for_fever_in_the_symptoms_page(site):
    with (ROOT / "locale" / "km" / "terminology.csv").open(encoding="utf-8") as file:
        fever = next(
            row["translation"] for row in csv.DictReader(file) if row["english"] == "fever"
        )
    script = (site["km"].out / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    symptoms = index["docnames"].index("symptoms")
    for word in words(fever, "km"):
        documents = index["terms"].get(word)
        documents = documents if isinstance(documents, list) else [documents]
        assert symptoms in documents, word
    # Whole words, not whole phrases: no indexed Khmer term is a phrase of many words.
    khmer_terms = [term for term in index["terms"] if term and khmer(term[0])]
    assert len(khmer_terms) > 200
    assert max(len(words(term, "km")) for term in khmer_terms) <= 2


def test_spellings_readers_cannot_tell_apart_fold_to_one():
    from allguide.languages.khmer_spelling import fold, javascript
    from allguide.sphinxext.search_languages import KhmerSearch

    assert fold("គ្រុនក្តៅ") == fold("គ្រុនក្ដៅ") == "គ្រុនក្ដៅ"
    assert fold("ឲ្យ") == fold("ឱ្យ")
    assert fold("\u1780\u17c1\u17b6") == "\u1780\u17c4"  # េ + ា typed for ោ
    assert fold(fold("គ្រុនក្តៅ")) == fold("គ្រុនក្តៅ")
    index = KhmerSearch({})
    assert index.split("គ្រុនក្តៅខ្លាំង") == index.split("គ្រុនក្ដៅខ្លាំង")
    # The browser's copy is the same table (test_browser.py searches with it).
    assert javascript().count("text.split(") == 6
