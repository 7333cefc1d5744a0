"""Make a language's handouts inside its site build, from the pages the site has just read.

Reading the pages (and their translations) is a large part of a build, so the site and
the handouts share one read. The site's builder here is Sphinx's HTML builder with one
documented method overridden (`write_documents`, which Sphinx says a builder may
override), registered in place of Sphinx's own (`app.add_builder(..., override=True)`).
It starts the PDFs (in worker processes, when the language has cores of its own), writes
the site's pages meanwhile, and writes the pages that list the handouts ("Printable
handouts") last, once the PDFs are published, so they list what this very build
produced: from the record the build keeps (`handouts_record`), not from manifest.json
read back. A handout problem never stops the site: the handouts are withdrawn and the
reason recorded in the manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from allguide import upstream

from . import domain, manifest
from .builder import HandoutBuilder


class SiteWithHandouts(upstream.sphinx_html_builder()):
    """The site (`html`); with handouts_with_site on, the language's handouts too."""

    handouts_started = False
    # The record this build's handouts were published with, for the site's "Printable
    # handouts" page and its PDF folder (site_listing.py); None until they are published,
    # and in a build that makes none (handouts_with_site off).
    handouts_record: manifest.Manifest | None = None
    # Waits for the PDFs and publishes them; None when none are being made.
    _finish_handouts: Callable[[], manifest.Manifest] | None = None

    def write_documents(self, docnames: Set[str]) -> None:
        if not self.config.handouts_with_site:
            super().write_documents(docnames)
            return
        self.start_handouts()
        # The pages that list the handouts (site_listing.py), written once they are published.
        listing = domain.of(self.env).listing_pages & set(docnames)
        super().write_documents(set(docnames) - listing)
        self.publish_handouts()
        if listing:
            super().write_documents(listing)

    def start_handouts(self) -> None:
        """Start making the PDFs; the site's pages are written meanwhile."""
        self.handouts_started = True
        # The handouts' own builder assembles and lays out the PDFs; this one only runs it.
        handouts = HandoutBuilder(self.app, self.env)
        handouts.outdir = Path(self.config.handouts_output_dir) / self.config.language
        handouts.init()
        self._finish_handouts = handouts.start_publishing()

    def publish_handouts(self) -> None:
        """Wait for the PDFs and publish them (or record why not); once per build."""
        finish, self._finish_handouts = self._finish_handouts, None
        if finish is None:
            return
        record = self.handouts_record = finish()
        if not record.is_published:
            # Printed, not logged: a warning would fail the site build (-W), and the site
            # must not wait for paper. `make all` prints every language's reasons at the end.
            print(f"handouts [{self.config.language}] {record.status}; see the summary at the end")


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """When Sphinx wrote no page at all, the handouts are still made and published."""
    builder = app.builder
    if not isinstance(builder, SiteWithHandouts) or not app.config.handouts_with_site:
        return
    if not builder.handouts_started and exception is None:
        builder.start_handouts()
    builder.publish_handouts()


def setup(app: Sphinx) -> dict[str, Any]:
    # The handouts' own builder, and where they are published.
    app.setup_extension("allguide.handouts")
    app.setup_extension("allguide.handouts.site_listing")
    # Off by default: `make all` turns it on; `make live` and the tests' site builds
    # leave paper alone.
    app.add_config_value("handouts_with_site", False, "", types=[bool])
    app.add_builder(SiteWithHandouts, override=True)
    # Before site_listing copies the published PDFs into the site (priority 500).
    app.connect("build-finished", on_build_finished, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
