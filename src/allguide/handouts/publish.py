"""Whether each of a language's handouts is published, held back or failed, and the record
of it (manifest.json): the one place that decides.

Published: the PDF was made from complete catalogs. Held back: a catalog it prints from is
not complete yet (normal between an English edit and its translation); only the handouts
that print from that catalog are held back, the others stay published. Failed: anything
else that stops a handout (a missing glyph, a page too many, a clinic profile, a WeasyPrint
warning, a wrong catalog entry): every PDF of the language is withdrawn
(manifest.withdraw), since someone has to fix something.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from . import definitions, manifest, pdf
from .errors import HandoutError


class Listing(NamedTuple):
    """How the record lists one PDF."""

    handout: definitions.Handout
    title: str
    paper: str


class Held(NamedTuple):
    """A handout held back, and the entries it waits on."""

    handout: str
    title: str
    problems: list[str]


class Jobs(NamedTuple):
    """The PDFs to make, how the record lists each (by its target), and the handouts
    held back."""

    jobs: list[pdf.Job]
    listings: dict[Path, Listing]
    held: list[Held]


def start(
    outdir: Path, language: str, make_jobs: Callable[[], Jobs], workers: int
) -> Callable[[], manifest.Manifest]:
    """Start making the handouts: `make_jobs` assembles and renders them, the PDFs are laid
    out in `workers` processes. Returns what waits for them, then publishes them (or
    withdraws them all) and returns the record. The caller works meanwhile."""
    try:
        jobs, listings, held = make_jobs()
        pending = pdf.PendingPdfs(jobs, workers=workers)
    except HandoutError as error:
        record = manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
        return lambda: record

    def finish() -> manifest.Manifest:
        try:
            made = pending.wait()
        except HandoutError as error:
            return manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
        listed = [(listings[result.target], result) for result in made]
        return _published(outdir, language, listed, held)

    return finish


def _published(
    outdir: Path, language: str, made: list[tuple[Listing, pdf.Rendered]], held: list[Held]
) -> manifest.Manifest:
    """Record what the site's "Printable handouts" page lists, and what is held back;
    remove older PDFs (a held-back handout's too: stale paper is never left published)."""
    entries = [
        {
            "handout": listing.handout.id,
            "title": listing.title,
            "paper": listing.paper,
            "paper_name": definitions.PAPERS[listing.paper],
            "file": result.target.name,
            "pages": result.pages,
            "bytes": result.target.stat().st_size,
            "bilingual": listing.handout.bilingual,
        }
        for listing, result in made
    ]
    # PDFs no longer made (a handout removed or filtered out) are not left behind.
    for old in set(outdir.glob("*.pdf")) - {outdir / entry["file"] for entry in entries}:
        old.unlink()
    problems = list(dict.fromkeys(problem for waiting in held for problem in waiting.problems))
    record = manifest.Manifest(
        language,
        manifest.HELD_BACK if held else manifest.PUBLISHED,
        entries,
        problems,
        [{"handout": w.handout, "title": w.title, "problems": w.problems} for w in held],
    )
    manifest.write(outdir, record)
    return record
