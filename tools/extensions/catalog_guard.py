"""Refuse to build from a catalog that does not parse, instead of using what Sphinx could read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from build_errors import stop_build
from catalogs import catalog_dir, relative
from check_po import syntax_problems

logger = logging.getLogger(__name__)


def on_builder_inited(app: Sphinx) -> None:
    if app.config.language == "en":
        return
    problems = [
        problem
        for path in sorted(catalog_dir(app.config.language).glob("*.po"))
        for problem in syntax_problems(Path(path))
    ]
    for problem in problems:
        logger.error(problem.message, location=f"{problem.path}:{problem.line}")
    if problems:
        names = ", ".join(sorted({relative(problem.path) for problem in problems}))
        stop_build(f"Broken translation catalog: fix {names} (see `make check-po`).")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
