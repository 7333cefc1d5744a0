"""Make the folder of the build's conf.py the project every module reads
(`allguide.project`): its pages, catalogs and language table, not the ones beside the
installed code. Set up first by every extension that reads the project's files."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from allguide.project import from_app


def setup(app: Sphinx) -> dict[str, Any]:
    from_app(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
