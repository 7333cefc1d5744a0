"""The `handouts` builder: Sphinx's HTML for a handout's pages, laid out as PDFs by WeasyPrint.

The builder only wires the steps, each in its module: assemble.py (one document of a
handout's pages), render.py (its HTML and CSS), bilingual.py (the bilingual sheets),
pdf.py (the layout, in worker processes) and publish.py (published, held back or failed,
and the record in manifest.json).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from jinja2 import Environment
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from allguide import languages
from allguide.sphinxext.build_errors import stop_build

from . import assemble, bilingual, clinic_profile, definitions, manifest, publish, render
from .errors import IncompleteTranslation

# Exit status of a standalone handout build whose handouts were withdrawn (see manifest.py).
WITHDRAWN = 3


# What Sphinx and the theme leave in an HTML builder's folder that a PDF needs none of.
SITE_ASSETS = ("_static", ".buildinfo")


def remove_site_assets(app: Sphinx, exception: Exception | None) -> None:
    """After a `handouts` build (and after the theme wrote its last file there: this runs
    late), the folder holds only the PDFs and manifest.json: a clinic hands it to a nurse
    as it is."""
    if exception is not None or not isinstance(app.builder, HandoutBuilder):
        return
    for name in SITE_ASSETS:
        path = Path(app.builder.outdir) / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


class HandoutBuilder(SingleFileHTMLBuilder):
    """Render each handout of handouts.toml, on each paper size, into the output folder."""

    name = "handouts"
    epilog = "The handouts are in %(outdir)s."
    copysource = False
    # Paper needs no search index (and Chinese search would load jieba's dictionary).
    search = False

    def get_outdated_docs(self) -> str:
        return "all handouts"

    def write_documents(self, _docnames) -> None:
        record = self.publish()
        if not record.is_published:
            # A distinct status: the Makefile tells "withdrawn and recorded" from a crash.
            problems = "\n".join(record.problems)
            stop_build(f"Handouts [{self.config.language}] {record.status}: {problems}", WITHDRAWN)

    def publish(self) -> manifest.Manifest:
        """Make every handout of the language, or withdraw them all and record why."""
        return self.start_publishing()()

    def start_publishing(self) -> Callable[[], manifest.Manifest]:
        """Start making the handouts; returns what waits for them, then publishes them
        (or withdraws them all) and returns the record. The site is written meanwhile."""
        self.prepare_writing(set(self.env.all_docs))
        return publish.start(
            Path(self.outdir), self.config.language, self._jobs, self.config.handouts_workers
        )

    def finish(self) -> None:
        """PDFs need none of the site's indices, search index or inventory."""

    @cached_property
    def _templates(self) -> Environment:
        return render.template_environment()

    def _clinic(self) -> clinic_profile.ClinicProfile | None:
        path = self.config.handouts_clinic_profile
        return clinic_profile.load(Path(path)) if path else None

    def _jobs(self) -> publish.Jobs:
        """Every PDF of the language to make, and how the record lists each."""
        language = languages.by_code()[self.config.language]
        handouts = definitions.select(
            definitions.load(Path(self.config.handouts_definitions)),
            self.config.handouts_only,
            self.config.handouts_papers,
        )
        clinic = self._clinic()
        root = self.config.root_doc
        pages_of = {handout.id: handout.page_names(self.env, root) for handout in handouts}
        incomplete = assemble.incomplete_catalogs(self.app)
        jobs, listings, held = [], {}, []
        for handout in handouts:
            pages = pages_of[handout.id]
            title = self.env.titles[handout.title_page].astext()
            # Held back alone: the other handouts stay published.
            try:
                assemble.require_complete(pages, incomplete, self.config.gettext_compact)
                tree = assemble.document(self, pages, handout.title_page, clinic)
            except IncompleteTranslation as waiting:
                held.append(publish.Held(handout.id, title, waiting.problems))
                continue
            # A handout with a contents list prints its title page (the guide's purpose
            # and the when-to-call panel) before the contents, so both are on page 1.
            intro = assemble.split_title_page(tree) if handout.contents else None
            panel = assemble.split_at_panel(intro) if intro is not None else None
            html = render.handout_html(
                self, self._templates, handout, language, title, pages, (tree, intro, panel),
                clinic,
            )  # fmt: skip
            shorten = render.shorten_advice(self.config, pages)
            job = render.pdf_job(
                self, self._templates, html, title, language, language.fonts, handout, shorten
            )
            jobs.append(job)
            for paper_name, target in job.targets.items():
                listings[target] = publish.Listing(handout, title, paper_name)
        sheets = bilingual.jobs(self, self._templates, language, clinic, incomplete)
        return publish.Jobs(jobs + sheets.jobs, listings | sheets.listings, held + sheets.held)
