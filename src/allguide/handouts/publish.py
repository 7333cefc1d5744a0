"""Whether a language's handouts are published, held back or failed, and the record of it
(manifest.json): the one place that decides.

Published: every PDF was made, from complete catalogs. Held back: a catalog is not complete
yet (normal between an English edit and its translation). Failed: anything else that stops
a handout (a missing glyph, a page too many, a clinic profile, a WeasyPrint warning).
Held back and failed withdraw every PDF of the language (manifest.withdraw).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from . import definitions, manifest, pdf
from .errors import HandoutError, IncompleteTranslation


class Listing(NamedTuple):
    """How the record lists one PDF."""

    handout: definitions.Handout
    title: str
    paper: str


# The PDFs to make, and how the record lists each (by its target).
Jobs = tuple[list[pdf.Job], dict[Path, Listing]]


def start(
    outdir: Path, language: str, make_jobs: Callable[[], Jobs], workers: int
) -> Callable[[], manifest.Manifest]:
    """Start making the handouts: `make_jobs` assembles and renders them, the PDFs are laid
    out in `workers` processes. Returns what waits for them, then publishes them (or
    withdraws them all) and returns the record. The caller works meanwhile."""
    try:
        jobs, listings = make_jobs()
        pending = pdf.PendingPdfs(jobs, workers=workers)
    except IncompleteTranslation as error:
        record = manifest.withdraw(outdir, language, manifest.HELD_BACK, error.problems)
        return lambda: record
    except HandoutError as error:
        record = manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
        return lambda: record

    def finish() -> manifest.Manifest:
        try:
            made = pending.wait()
        except HandoutError as error:
            return manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
        return _published(outdir, language, [(listings[result.target], result) for result in made])

    return finish


def _published(
    outdir: Path, language: str, made: list[tuple[Listing, pdf.Rendered]]
) -> manifest.Manifest:
    """Record what the site's "Printable handouts" page lists; remove older PDFs."""
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
    record = manifest.Manifest(language, manifest.PUBLISHED, entries)
    manifest.write(outdir, record)
    return record
