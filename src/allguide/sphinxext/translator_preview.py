"""`make live`: a translator's preview shows the catalogs' problems on the page itself.

In a preview build (guide_preview, set by `make live`) catalog_guard.py says every problem
of the language's catalogs in the terminal and stops for none, leaving a wrong entry in
English. This extension puts the same problems at the top of each page, those of the
page's own catalog and of the interface catalog, each as FILE:LINE with what to do, so a
translator sees them where they look, on every save. The box is for the translator only
(in English: it names files and lines); a build for readers never has it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from allguide import upstream
from allguide.catalogs import INTERFACE, relative
from allguide.catalogs.checks.problem import Problem
from allguide.sphinxext import catalog_guard

# At most this many problems in the box; the terminal lists them all.
SHOWN = 20


def _item(problem: Problem) -> str:
    where = f"{relative(problem.path)}:{problem.line}"
    return (
        f"<li><code>{escape(where)}</code> {escape(problem.severity)}: "
        f"{escape(problem.message)}. {escape(catalog_guard.how_to_fix(problem))}</li>"
    )


def preview_box(problems: list[Problem], page_catalog: str) -> str:
    """The HTML of the box: the problems of the page's catalog and of the interface."""
    here = [p for p in problems if p.path.stem in (page_catalog, INTERFACE)]
    elsewhere = len(problems) - len(here)
    if here:
        lines = [
            f"<p><strong>Preview:</strong> {len(here)} problem(s) in this page's catalogs. "
            "Fix each at its line and save; this page is built again.</p>",
            "<ul>" + "".join(_item(problem) for problem in here[:SHOWN]) + "</ul>",
        ]
        if len(here) > SHOWN:
            lines.append(f"<p>And {len(here) - SHOWN} more: see the terminal.</p>")
    else:
        lines = ["<p><strong>Preview:</strong> no problem in this page's catalogs.</p>"]
    if elsewhere:
        lines.append(f"<p>{elsewhere} problem(s) in the language's other catalogs: see the "
                     "terminal, or those pages.</p>")  # fmt: skip
    return (
        '<div class="preview-problems" role="note" lang="en" dir="ltr">' + "".join(lines) + "</div>"
    )


def on_html_page_context(
    app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any
) -> None:
    problems = catalog_guard.PREVIEW_PROBLEMS.get(id(app))
    if not app.config.guide_preview or problems is None or "body" not in context:
        return
    page_catalog = upstream.docname_to_domain(pagename, app.config.gettext_compact)
    context["body"] = preview_box(problems, page_catalog) + context["body"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.catalog_guard")  # finds the problems
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
