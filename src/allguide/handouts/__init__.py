"""Printable handouts: a Sphinx builder that lays out chosen pages as PDFs with WeasyPrint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def _definitions_in_project(app: Sphinx, config: Config) -> None:
    """A relative handouts_definitions is read from the project's folder."""
    config.handouts_definitions = str(Path(app.confdir, config.handouts_definitions))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    # What the handouts print comes from these: the language's address (site_languages),
    # the checked catalogs (catalog_guard), the when-to-call panel, left-to-right runs.
    for extension in ("site_languages", "catalog_guard", "when_to_call", "ltr_runs"):
        app.setup_extension(f"allguide.sphinxext.{extension}")
    # Imported here: `make clinic` checks a profile (clinic_profile.py) without the builder.
    from allguide.sphinxext.when_to_call import fillable_value

    from . import form_fields
    from .bilingual import KeepEnglish, on_env_get_outdated
    from .builder import HandoutBuilder, remove_site_assets

    # The plan's numbers as form fields, on public handouts only (when_to_call.py).
    app.add_node(
        fillable_value,
        override=True,
        html=(form_fields.visit_fillable_html, form_fields.depart_fillable_html),
    )

    app.add_config_value("handouts_definitions", "handouts.toml", "env", types=[str])
    app.connect("config-inited", _definitions_in_project)
    # Read when handouts are written, not when pages are read: changing them must not
    # make the site re-read every page.
    app.add_config_value("handouts_clinic_profile", "", "", types=[str])
    app.add_config_value("handouts_next_review", "", "", types=[str])
    # Only some handouts or papers (make clinic HANDOUTS=at-a-glance PAPER=letter).
    app.add_config_value("handouts_only", [], "", types=[list])
    app.add_config_value("handouts_papers", [], "", types=[list])
    # PDFs laid out at once (processes); `make` already runs languages in parallel.
    app.add_config_value("handouts_workers", min(2, os.cpu_count() or 1), "", types=[int])
    # Keep each handout's HTML (CSS inside) beside its PDF: the tests read its layout.
    app.add_config_value("handouts_keep_html", False, "", types=[bool])
    app.setup_extension("allguide.handouts.domain")
    app.add_builder(HandoutBuilder)
    # Late: Furo writes its pygments.css into _static/ when the build finishes (500).
    app.connect("build-finished", remove_site_assets, priority=900)
    app.add_transform(KeepEnglish)
    app.connect("env-get-outdated", on_env_get_outdated)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
