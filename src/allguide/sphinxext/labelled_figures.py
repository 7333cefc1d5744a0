"""Figures whose words are ordinary messages of the page: the `labelled-figure` directive.

    ```{labelled-figure} marrow
    :alt: What the picture shows, in a sentence or two.

    The caption.

    healthy: Healthy marrow
    red: Red blood cells
    ```

The argument names a template, docs/figures/<name>.svg (see allguide/figures/layout.py).
The caption, the alt text and each `slot: label` line become translatable nodes, so
`make gettext` puts them in the page's catalog, check-po checks them like any entry, and
an untranslated label shows in English, marked lang="en", with the page's usual notice.

When a page is written each label is measured in the language's font and wrapped into
its slot (a label that cannot fit is a build error naming the catalog entry). The site
gets an inline SVG, its labels as SVG text with `lang` and `direction`. The handouts get
the same drawing as vectors, with the labels laid over it as HTML text at the same
places and sizes: WeasyPrint sets SVG text one letter at a time (so Arabic came out of
the PDF in reverse order), while its HTML text is shaped, isolated and tagged.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import polib
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from allguide import languages, upstream
from allguide.catalogs import catalog_dir, relative
from allguide.figures.layout import (
    PRINT_WIDTH_MM,
    Label,
    LabelDoesNotFit,
    LabelHasNoGlyph,
    TemplateError,
    load_template,
    place,
    text_width,
)
from allguide.project import current
from allguide.sphinxext.build_errors import stop_build

logger = logging.getLogger(__name__)
TEMPLATE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
SLOT_LINE = re.compile(r"(?P<slot>[a-z0-9][a-z0-9-]*):\s+(?P<text>\S.*)")


def template_path(name: str) -> Path:
    """The drawing a figure names: docs/figures/<name>.svg of the project being built."""
    return current().figures / f"{name}.svg"


class labelled_figure(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """A figure: its template's name; its caption, alt text and labels as children."""


class figure_text(nodes.General, nodes.TextElement):  # noqa: N801
    """One translatable text of a figure: part = "caption", "alt" or "label" (with slot)."""


def translator_comment(node: figure_text) -> str:
    """The #. comment of a figure's text in the catalogs (translator_comments.py)."""
    figure = f"the picture docs/figures/{node.parent['template']}.svg"
    if node["part"] == "alt":
        return (
            f"Figure description: says what {figure} shows, for people who cannot see it "
            "(screen readers read it aloud). Plain sentences."
        )
    if node["part"] == "caption":
        return f"Figure caption: printed under {figure}."
    return (
        f"Figure label {node['slot']!r} in {figure}: a few plain words, fitted into a box "
        "of the picture (if they cannot fit, the build names this entry: say it shorter)."
    )


def _text(part: str, text: str, source: str, line: int, slot: str = "") -> figure_text:
    node = figure_text(text, text, part=part, slot=slot, english=text)
    node.source, node.line = source, line
    return node


class LabelledFigure(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if not TEMPLATE_NAME.fullmatch(name):
            raise self.error(f"labelled-figure: {name!r} is not a template name (a-z, 0-9, -)")
        path = template_path(name)
        # An edited drawing rebuilds the pages that draw it.
        self.env.note_dependency(str(path))
        try:
            template = load_template(path)
        except TemplateError as error:
            raise self.error(f"labelled-figure: {error}") from None
        if "alt" not in self.options:
            raise self.error("labelled-figure: say what the picture shows in :alt:")
        source, _ = self.get_source_info()
        figure = labelled_figure(template=name)
        figure.source, figure.line = source, self.lineno
        figure += _text("alt", " ".join(self.options["alt"].split()), source, self.lineno)
        caption: list[str] = []
        labels: dict[str, figure_text] = {}
        first_line = upstream.myst_content_line(self)
        for offset, line in enumerate(self.content):
            number = first_line + offset
            if not labels and line.strip() and not SLOT_LINE.fullmatch(line.strip()):
                caption.append(line.strip())
                continue
            if not line.strip():
                continue
            match = SLOT_LINE.fullmatch(line.strip())
            if match is None or match["slot"] not in template.slots or match["slot"] in labels:
                problem = "is not a slot of" if match else "is not 'slot: label' for"
                if match and match["slot"] in labels:
                    problem = "repeats a slot of"
                raise self.error(f"labelled-figure: line {line.strip()!r} {problem} {name}.svg")
            labels[match["slot"]] = _text("label", match["text"], source, number, match["slot"])
        missing = sorted(set(template.slots) - set(labels))
        if missing:
            raise self.error(f"labelled-figure {name}: no label for {', '.join(missing)}")
        if not caption:
            raise self.error(f"labelled-figure {name}: a caption comes first in the content")
        figure += _text("caption", " ".join(caption), source, first_line)
        figure.extend(labels.values())
        return [figure]


# -- Laying out the labels -----------------------------------------------------------------


def _where(node: figure_text, language: str, docname: str) -> str:
    """The catalog entry a translated text comes from, else its line in the English page."""
    if language != "en" and not upstream.left_in_english(node):
        path = catalog_dir(language) / f"{docname}.po"
        if path.exists():
            entry = polib.pofile(str(path)).find(node["english"])
            if entry is not None:
                return f"{relative(path)}:{entry.linenum}"
    return f"{relative(Path(node.source))}:{node.line}"


def _label(node: figure_text, language: languages.Language) -> Label:
    if language.code != "en" and upstream.left_in_english(node):
        return Label(node.astext(), "en", "ltr")
    return Label(" ".join(node.astext().split()), language.html_lang, language.direction)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    language = languages.by_code()[app.config.language]
    for figure in doctree.findall(labelled_figure):
        template = load_template(template_path(figure["template"]))
        texts = {text["slot"] or text["part"]: text for text in figure.findall(figure_text)}
        labels = {slot: _label(texts[slot], language) for slot in template.slots}
        figure["placed"] = []
        page = figure.get("docname", docname)
        try:
            figure["placed"] = place(template, labels, language.fonts, language.direction)
        except (LabelDoesNotFit, LabelHasNoGlyph) as error:
            logger.warning(str(error), location=_where(texts[error.slot], language.code, page))
        figure["alt"] = _label(texts["alt"], language)
        figure["caption"] = _label(texts["caption"], language)
        figure["mirrored"] = language.direction == "rtl" and template.mirror_in_rtl
        figure["fonts"] = language.fonts


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Remember each figure's page: a handout joins several pages into one tree."""
    for figure in doctree.findall(labelled_figure):
        figure["docname"] = app.env.docname


# -- Writing ---------------------------------------------------------------------------------


def _attributes(label: Label) -> str:
    return f'lang="{label.lang}" dir="{label.direction}"'


def _svg_start(figure: labelled_figure, template, attributes: str, title: str) -> str:
    """The opening of the figure's SVG: its drawing (mirrored if asked) and its title."""
    mirror = f' transform="matrix(-1 0 0 1 {template.width:g} 0)"' if figure["mirrored"] else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {template.width:g} '
        f'{template.height:g}" class="figure-drawing" data-template="{template.name}" '
        f"{attributes}>{title}"
        f'<g class="drawing"{mirror}>{template.drawing}</g>'
    )


def _site_svg(figure: labelled_figure, template, identifier: str) -> str:
    """The drawing and its labels as one inline SVG, sized by the page (360 px phones too)."""
    alt = figure["alt"]
    mirrored = ' data-mirrored="true"' if figure["mirrored"] else ""
    title = f'<title id="{identifier}-alt" {_attributes(alt)}>{html.escape(alt.text)}</title>'
    parts = [
        _svg_start(
            figure, template, f'role="img" aria-labelledby="{identifier}-alt"{mirrored}', title
        )
    ]
    for placed in figure["placed"]:
        slot, label = placed.slot, placed.label
        center = slot.x + slot.width / 2
        weight = ' font-weight="700"' if slot.bold else ""
        parts.append(
            f'<text class="figure-label" data-slot="{slot.name}" '
            f'data-box="{slot.x:g} {slot.y:g} {slot.width:g} {slot.height:g}" '
            f'x="{center:g}" font-size="{placed.size:g}" text-anchor="middle"{weight} '
            f'font-family="{html.escape(", ".join([*figure["fonts"], "sans-serif"]))}" '
            f'lang="{label.lang}" '
            f'direction="{label.direction}">'
        )
        for line, baseline in zip(placed.lines, placed.baselines, strict=True):
            # A phone without the Noto fonts sets the line in another font: textLength
            # keeps it to the width measured, inside its box.
            width = text_width(line, placed.size, figure["fonts"], slot.bold)
            parts.append(
                f'<tspan x="{center:g}" y="{baseline:.1f}" textLength="{width:.1f}" '
                f'lengthAdjust="spacingAndGlyphs">{html.escape(line)}</tspan>'
            )
        parts.append("</text>")
    parts.append("</svg>")
    return "".join(parts)


def _print_html(figure: labelled_figure, template) -> str:
    """The drawing as vectors, the labels as HTML text over it at the same places."""
    alt = figure["alt"]
    scale = PRINT_WIDTH_MM / template.width
    height = f"{template.height * scale:.2f}mm"
    size = f'width="{PRINT_WIDTH_MM}mm" height="{height}"'
    parts = [
        f'<div class="figure-canvas" style="width: {PRINT_WIDTH_MM}mm; height: {height}">',
        _svg_start(figure, template, size, f"<title>{html.escape(alt.text)}</title>") + "</svg>",
    ]
    for placed in figure["placed"]:
        slot, label = placed.slot, placed.label
        # The first line's box where the site's SVG has it: WeasyPrint then puts each
        # baseline where figure_layout placed it (the same line boxes as CSS).
        style = (
            f"left: {slot.x * scale:.2f}mm; top: {placed.top * scale:.3f}mm; "
            f"width: {slot.width * scale:.2f}mm; font-size: {placed.size * scale:.3f}mm"
        )
        bold = " figure-label-bold" if slot.bold else ""
        lines = "<br>".join(html.escape(line) for line in placed.lines)
        parts.append(
            f'<p class="figure-label{bold}" data-slot="{slot.name}" {_attributes(label)} '
            f'style="{style}">{lines}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def visit_labelled_figure(self, node: labelled_figure) -> None:
    template = load_template(template_path(node["template"]))
    identifier = (node["ids"] or [f"figure-{node['template']}"])[0]
    caption = node["caption"]
    drawing = (
        _print_html(node, template)
        if self.builder.name == "handouts"
        else _site_svg(node, template, identifier)
    )
    # The alt text on the figure, for the PDF's structure tree (a Figure with /Alt).
    self.body.append(
        f'<figure class="labelled-figure" id="{identifier}" data-template="{template.name}">'
        f"{drawing}<figcaption><p {_attributes(caption)}>{html.escape(caption.text)}</p>"
        "</figcaption></figure>\n"
    )
    raise nodes.SkipNode


def on_builder_inited(app: Sphinx) -> None:
    """A font of the language not installed stops this language with the table's line
    (drawing a figure without it ended in Sphinx's crash report)."""
    problem = languages.missing_font(languages.by_code()[app.config.language])
    if problem:
        stop_build(problem)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    app.connect("builder-inited", on_builder_inited)
    app.add_node(labelled_figure, html=(visit_labelled_figure, None))
    app.add_node(figure_text)
    app.add_directive("labelled-figure", LabelledFigure)
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
