"""Read the handout definitions (handouts.toml) and work out each handout's pages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from sphinx.environment import BuildEnvironment

from allguide import upstream
from allguide.catalogs import INTERFACE
from allguide.sphinxext.interface_nodes import N_

from .errors import HandoutError
from .font_subsets import is_large

PAPERS = {"letter": N_("US Letter"), "a4": N_("A4")}
# Size limits of one PDF: handouts are e-mailed and opened on phones with slow links.
PDF_LIMIT_KB = 250
# Scripts whose faces hold tens of thousands of glyphs (Chinese) need more per character.
LARGE_FACE_PDF_LIMIT_KB = 400


@dataclass(frozen=True)
class Handout:
    id: str
    title_page: str
    pages: str | tuple[str, ...]
    papers: tuple[str, ...]
    contents: bool = False
    max_pages: int = 0
    exclude: tuple[str, ...] = ()
    # A bilingual sheet (bilingual.py) as the manifest records it.
    bilingual: bool = False

    def file_name(self, language: str, paper: str) -> str:
        return f"{self.id}-{language}-{paper}.pdf"

    def page_names(self, env: BuildEnvironment, root: str) -> list[str]:
        """The pages of this handout, in reading order."""
        if self.pages == "toctree":
            ordered = [root, *_toctree_order(env, root)]
            return [page for page in ordered if page not in self.exclude]
        missing = [page for page in self.pages if page not in env.all_docs]
        if missing:
            raise HandoutError(f"handout {self.id!r}: no page named {', '.join(missing)}")
        return list(self.pages)


def _toctree_order(env: BuildEnvironment, docname: str) -> list[str]:
    found = []
    for child in upstream.toctree_children(env, docname):
        found += [child, *_toctree_order(env, child)]
    return found


def load(path: Path) -> list[Handout]:
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8"))["handout"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise HandoutError(f"{path}: {error}") from error
    handouts = []
    for row in rows:
        try:
            handout = Handout(
                id=row["id"],
                title_page=row["title_page"],
                pages=row["pages"] if row["pages"] == "toctree" else tuple(row["pages"]),
                papers=tuple(row["papers"]),
                contents=bool(row.get("contents", False)),
                max_pages=int(row.get("max_pages", 0)),
                exclude=tuple(row.get("exclude", ())),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HandoutError(f"{path}: handout {row.get('id', '?')!r}: {error}") from error
        unknown = set(handout.papers) - set(PAPERS)
        if unknown:
            raise HandoutError(f"{path}: handout {handout.id!r}: unknown paper {sorted(unknown)}")
        handouts.append(handout)
    return handouts


def select(handouts: list[Handout], only: list[str], papers: list[str]) -> list[Handout]:
    """The handouts asked for: by id or its end ("at-a-glance"), on the papers asked for."""
    unknown_papers = sorted(set(papers) - set(PAPERS))
    if unknown_papers:
        raise HandoutError(f"unknown paper {unknown_papers}; use {', '.join(PAPERS)}")
    chosen = []
    for name in only:
        matches = [h for h in handouts if h.id == name or h.id.endswith(f"-{name}")]
        if len(matches) != 1:
            known = ", ".join(handout.id for handout in handouts)
            raise HandoutError(f"no single handout named {name!r}; the handouts are: {known}")
        chosen += matches
    selected = [handout for handout in handouts if not only or handout in chosen]
    if papers:
        selected = [
            replace(handout, papers=tuple(p for p in handout.papers if p in papers))
            for handout in selected
        ]
    return [handout for handout in selected if handout.papers]


def pdf_limit_kb(fonts: tuple[str, ...]) -> int:
    """The size limit of a PDF printed in the font families `fonts`."""
    return LARGE_FACE_PDF_LIMIT_KB if any(is_large(family) for family in fonts) else PDF_LIMIT_KB


# A bilingual sheet ([[bilingual]] in handouts.toml; bilingual.py reads and makes them).
@dataclass(frozen=True)
class Sheet:
    id: str
    title_page: str
    content: str
    papers: tuple[str, ...]
    max_pages: int = 0

    def file_name(self, language: str, paper: str) -> str:
        return f"{self.id}-en-{language}-{paper}.pdf"

    @property
    def printed_pages(self) -> list[str]:
        """The pages whose catalogs the sheet prints: the card's sheet prints only the
        interface catalog's panel."""
        return [self.title_page] if self.content == "page" else []


def printed_catalogs(pages: list[str], compaction: bool | str) -> set[str]:
    """The catalogs a handout of `pages` prints from: each page's own, as Sphinx names it
    (gettext_compact), and the interface catalog (labels, notices, the when-to-call
    panel), which every handout prints. publish.py holds a handout back while one of
    them is incomplete; `make update-po`'s to-do list says so."""
    return {upstream.docname_to_domain(page, compaction) for page in pages} | {INTERFACE}
