"""Measure the reading level of each built English page (textstat).

Reads the HTML that Sphinx wrote, so what is measured is what families read:
the page's main text, glossary definitions included, glossary headwords,
navigation, the table of contents, the list of sources (names and titles of
publications, not prose for families) and the list of languages on the English page
of handouts (names) left out.

usage: guide-readability [HTML_DIR]     (default _build/html/en)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

# The test suite fails a page above either: Flesch-Kincaid grade 6, SMOG index 8.
MAX_GRADE = 6.0
MAX_SMOG = 8.0
SKIPPED_PAGES = {"genindex.html", "search.html"}
SENTENCE_ENDS = (".", "!", "?")


@dataclass(frozen=True)
class Score:
    page: str
    words: int
    flesch_kincaid: float
    smog: float


def body_text(html: str) -> str:
    """Return the main text of a page, one sentence-terminated block per paragraph."""
    article = BeautifulSoup(html, "html.parser").find("article", attrs={"role": "main"})
    if article is None:
        raise ValueError("no <article role='main'> in page")
    for unwanted in article.select(
        "dt, nav, .toctree-wrapper, a.headerlink, .sources, .bilingual-sheets"
    ):
        unwanted.decompose()
    blocks = []
    for element in article.find_all(["h1", "h2", "h3", "h4", "p"]):
        text = " ".join(element.get_text(" ").split())
        if text:
            # A heading or list item without a full stop would otherwise run
            # into the next one and count as one very long sentence.
            blocks.append(text if text.endswith(SENTENCE_ENDS) else text + ".")
    return " ".join(blocks)


def too_hard(score: Score) -> bool:
    return score.flesch_kincaid > MAX_GRADE or score.smog > MAX_SMOG


def score_page(path: Path) -> Score:
    text = body_text(path.read_text(encoding="utf-8"))
    return Score(
        page=path.name,
        words=textstat.lexicon_count(text),
        flesch_kincaid=textstat.flesch_kincaid_grade(text),
        smog=textstat.smog_index(text),
    )


def score_site(html_dir: Path) -> list[Score]:
    pages = sorted(p for p in html_dir.glob("*.html") if p.name not in SKIPPED_PAGES)
    return [score_page(page) for page in pages]


def main(argv: list[str]) -> int:
    html_dir = Path(argv[1] if len(argv) > 1 else "_build/html/en")
    if not html_dir.is_dir():
        print(f"{html_dir}: no such folder; run `make html` first", file=sys.stderr)
        return 2
    scores = score_site(html_dir)
    print(f"{'page':<24} {'words':>6} {'FK grade':>9} {'SMOG':>6}")
    for score in scores:
        flag = "  too hard" if too_hard(score) else ""
        grades = f"{score.flesch_kincaid:>9.1f} {score.smog:>6.1f}"
        print(f"{score.page:<24} {score.words:>6} {grades}{flag}")
    return 1 if any(too_hard(score) for score in scores) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
