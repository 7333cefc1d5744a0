"""Make a language's handouts inside its site build, from the pages the site has just read.

Reading the pages (and their translations) is a large part of a build, so the site and
the handouts share one read. The handouts are made before the site's pages are written,
so the "Printable handouts" page lists what this very build produced. A handout problem
never stops the site: the handouts are withdrawn and the reason recorded in the manifest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder


def on_write_started(app: Sphinx, builder: Builder) -> None:
    if builder.name != "html" or not app.config.handouts_with_site:
        return
    handout_builder = app.registry.create_builder(app, "handouts", app.env)
    handout_builder.outdir = Path(app.config.handouts_output_dir) / app.config.language
    handout_builder.phase = builder.phase
    handout_builder.init()
    # Sphinx's reference resolver asks app.builder for link targets: while the handouts
    # are made, that must be the handout builder (links inside the PDF), not the site's.
    app.builder = handout_builder
    try:
        record = handout_builder.publish()
    finally:
        app.builder = builder
    if not record.is_published:
        # Printed, not logged: a warning would fail the site build (-W), and the site
        # must not wait for paper. `make all` prints every language's reasons at the end.
        print(f"handouts [{app.config.language}] {record.status}; see the summary at the end")


def setup(app: Sphinx) -> dict[str, Any]:
    # Off by default: `make all` turns it on; `make live` and the tests' site builds
    # leave paper alone.
    app.add_config_value("handouts_with_site", False, "", types=[bool])
    app.connect("write-started", on_write_started)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
