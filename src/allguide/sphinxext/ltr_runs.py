"""In right-to-left pages, runs that read left to right are set apart (isolated).

Unicode's bidi algorithm reorders neutral characters around a left-to-right run inside
Arabic: "2026-11-27" shows as 27-11-2026, a wrapped address as "/https://...", an English
parenthetical with a bracket facing the wrong way. Each such run (a web address, an ISO
date, a run of Latin words and numbers) becomes an inline node with the class `ltr`:
the site's CSS isolates it (`unicode-bidi: isolate`), and the handouts, because
WeasyPrint does not support that property, put Unicode's isolate marks around its text
(interface_nodes.left_to_right).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from allguide import languages

NUMBER_WITH_UNIT = r"\d+(?:[.,]\d+)*\s?°?\s?[A-Za-z]+"
# A web address; a date written 2026-11-27; a number with a Latin unit and its other
# unit in brackets, "38.0 °C (100.4 °F)" (the letters alone set apart printed "C° 38.0"
# around them); Latin letters and digits, with what joins them (spaces, dots, hyphens,
# slashes, brackets inside), starting and ending with one.
LTR_RUN = re.compile(
    r"https?://[^\s)\]]+"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{NUMBER_WITH_UNIT}(?:\s?\({NUMBER_WITH_UNIT}\))?"
    r"|[A-Za-z][A-Za-z0-9]*(?:[ .,:/'’-]*(?:\([A-Za-z0-9 .-]+\)|[A-Za-z0-9]+))*"
)
# Where text is shown as it is written, or is not text.
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)
CLASS = "ltr"
# Text already isolated with Unicode's marks (interface_nodes.left_to_right: "38.0 °C
# (100.4 °F)" in the plan) is one run: a Latin letter inside it split into its own node
# broke the isolate in WeasyPrint, which printed "° C38.0 (F° 100.4)" on the Arabic card.
ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2066-\u2069]*\u2069")


def isolate_runs(doctree: nodes.Node) -> None:
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or CLASS in parent.get("classes", []):
            continue  # not in a document, or isolated already
        if any(isinstance(ancestor, SKIP) or type(ancestor).__name__ == "labelled_figure"
               for ancestor in _ancestors(parent)):  # fmt: skip
            continue  # a figure's labels are laid out into the drawing, measured already
        source = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        isolated = [match.span() for match in ISOLATED.finditer(source)]
        for match in LTR_RUN.finditer(source):
            if any(start < match.end() and match.start() < end for start, end in isolated):
                continue
            if match.start() > position:
                pieces.append(nodes.Text(source[position : match.start()]))
            pieces.append(nodes.inline(match[0], match[0], classes=[CLASS]))
            position = match.end()
        if not pieces:
            continue
        if position < len(source):
            pieces.append(nodes.Text(source[position:]))
        parent.replace(text, pieces)


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    language = languages.by_code().get(app.config.language)
    if language is not None and language.direction == "rtl":
        isolate_runs(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    # After the other extensions have added their text (the "When to call" panel).
    app.connect("doctree-resolved", on_doctree_resolved, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
