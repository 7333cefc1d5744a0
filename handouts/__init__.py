"""Printable handouts: a Sphinx builder that lays out chosen pages as PDFs with WeasyPrint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .builder import HandoutBuilder

HERE = Path(__file__).resolve().parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handouts_definitions", str(HERE / "handouts.toml"), "env", types=[str])
    app.add_config_value("handouts_clinic_profile", "", "env", types=[str])
    app.add_config_value("handouts_next_review", "", "env", types=[str])
    # PDFs laid out at once (processes); `make` already runs languages in parallel.
    app.add_config_value("handouts_workers", min(2, os.cpu_count() or 1), "", types=[int])
    app.add_builder(HandoutBuilder)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
