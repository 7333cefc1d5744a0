"""Interface strings from the catalogs (sphinx.po) reach the site's HTML as text, never as markup.

Sphinx's template environment does not autoescape, and its gettext returns a translation
as it is, so a translated label became HTML wherever a template or Sphinx's HTML writer
put it. Here the templates' gettext returns translations escaped, as Markup: `{{ _() }}`
and `{% trans %}` then print them as text, and the values a `{% trans %}` block puts into
a translation are escaped too unless they are Markup already (`|e`, `|safe`). The English
messages come from our own templates and stay as they are (some hold entities). The
permalinks that Sphinx's writer adds to headings and terms get their titles escaped.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.locale import _

from allguide import upstream
from allguide.sphinxext import escaped_gettext

# Sphinx's own message (interface_catalog lists it); a literal in _() here would be
# extracted again and move its entry in the catalogs.
HEADING_PERMALINK = "Link to this heading"


class EscapedPermalinkTitles:
    """Mixed into the HTML writer: the permalinks' titles ("Link to this heading") as text."""

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        super().add_permalink_ref(node, html.escape(str(title)))

    def depart_title(self, node: nodes.Element) -> None:
        # A title that links back to a table of contents gets its permalink written
        # without add_permalink_ref.
        start = len(self.body)
        super().depart_title(node)
        label = str(_(HEADING_PERMALINK))
        if html.escape(label) != label:
            unescaped, escaped = f'title="{label}">', f'title="{html.escape(label)}">'
            self.body[start:] = [part.replace(unescaped, escaped) for part in self.body[start:]]


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Every HTML builder's writer (the handouts' too) gets the escaped permalink titles."""
    for name, builder in list(upstream.sphinx_builder_classes(app).items()):
        if not issubclass(builder, StandaloneHTMLBuilder):
            continue
        writer = upstream.sphinx_translator_class(app, builder)
        if not issubclass(writer, EscapedPermalinkTitles):
            escaped = type(f"Escaped{writer.__name__}", (EscapedPermalinkTitles, writer), {})
            app.set_translator(name, escaped, override=True)


def on_builder_inited(app: Sphinx) -> None:
    environment = upstream.sphinx_template_environment(app.builder)
    if not hasattr(environment, "install_gettext_callables"):
        return  # no HTML templates, or no gettext in them
    escaped_gettext.install(environment)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
