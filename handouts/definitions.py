"""Read the handout definitions (handouts.toml) and work out each handout's pages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sphinx.environment import BuildEnvironment

from .errors import HandoutError


def N_(message: str) -> str:
    """Mark a message for the interface catalog; the site listing translates it."""
    return message


PAPERS = {"letter": N_("US Letter"), "a4": N_("A4")}
# CSS page sizes for @page { size: ... }
PAPER_SIZES = {"letter": "letter", "a4": "A4"}


@dataclass(frozen=True)
class Handout:
    id: str
    title_page: str
    pages: str | tuple[str, ...]
    papers: tuple[str, ...]
    contents: bool = False
    max_pages: int = 0
    exclude: tuple[str, ...] = ()

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
    for child in env.toctree_includes.get(docname, []):
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
