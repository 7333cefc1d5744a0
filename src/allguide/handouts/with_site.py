"""Make a language's handouts inside its site build, from the pages the site has just read.

Reading the pages (and their translations) is a large part of a build, so the site and
the handouts share one read. The PDFs are made (in worker processes, when the language
has cores of its own) while the site's pages are written; the pages that list the
handouts ("Printable handouts") are written last, once the PDFs are published, so they
list what this very build produced. A handout problem never stops the site: the
handouts are withdrawn and the reason recorded in the manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder

from . import manifest
from .site_listing import listing_pages


def on_write_started(app: Sphinx, builder: Builder) -> None:
    if builder.name != "html" or not app.config.handouts_with_site:
        return
    handout_builder = app.registry.create_builder(app, "handouts", app.env)
    handout_builder.outdir = Path(app.config.handouts_output_dir) / app.config.language
    handout_builder.phase = builder.phase
    handout_builder.init()
    # Sphinx's reference resolver asks app.builder for link targets: while the handouts
    # are assembled, that must be the handout builder (links inside the PDF), not the site's.
    app.builder = handout_builder
    try:
        finish = handout_builder.start_publishing()
    finally:
        app.builder = builder
    builder.handouts_finish = finish
    _write_listing_pages_last(app, builder)


def _write_listing_pages_last(app: Sphinx, builder: Builder) -> None:
    """Have the site builder write every other page before it waits for the PDFs."""
    write_documents = builder.write_documents

    def write_then_list(docnames: Set[str]) -> None:
        listing = listing_pages(app.env) & set(docnames)
        write_documents(set(docnames) - listing)
        finish_handouts(app)
        if listing:
            write_documents(listing)

    # Sphinx's Builder.write() calls self.write_documents(docnames) after write-started.
    builder.write_documents = write_then_list


def finish_handouts(app: Sphinx, _exception: BaseException | None = None) -> None:
    """Wait for the PDFs and publish them (or record why not); once per build."""
    finish: Callable[[], manifest.Manifest] | None = getattr(app.builder, "handouts_finish", None)
    if finish is None:
        return
    app.builder.handouts_finish = None
    record = finish()
    if not record.is_published:
        # Printed, not logged: a warning would fail the site build (-W), and the site
        # must not wait for paper. `make all` prints every language's reasons at the end.
        print(f"handouts [{app.config.language}] {record.status}; see the summary at the end")


def setup(app: Sphinx) -> dict[str, Any]:
    # The handouts' own builder, and where they are published.
    app.setup_extension("allguide.handouts")
    app.setup_extension("allguide.handouts.site_listing")
    # Off by default: `make all` turns it on; `make live` and the tests' site builds
    # leave paper alone.
    app.add_config_value("handouts_with_site", False, "", types=[bool])
    app.connect("write-started", on_write_started)
    # When Sphinx writes no page at all, the PDFs are still waited for and published.
    # Before site_listing copies the published PDFs into the site (priority 500).
    app.connect("build-finished", finish_handouts, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
