"""Printable handouts: a Sphinx builder that lays out chosen pages as PDFs with WeasyPrint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, so `python -m handouts.clinic_profile` needs no Sphinx extension path.
    from .bilingual import KeepEnglish, on_env_get_outdated, on_env_purge_doc
    from .builder import HandoutBuilder

    app.add_config_value("handouts_definitions", str(HERE / "handouts.toml"), "env", types=[str])
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
    app.add_builder(HandoutBuilder)
    app.add_transform(KeepEnglish)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-purge-doc", on_env_purge_doc)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
