"""HTML that assistive technology reads right: caption heading levels, and English marked as such.

- Sphinx writes <p role="heading"> for toctree captions without an aria-level
  (axe-core: aria-required-attr).
- Sphinx shows the English of a message that is untranslated or fuzzy. Without a lang
  attribute a screen reader would read that English with the page language's rules
  (French or Arabic pronunciation), and an Arabic page would lay it out right to left.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from allguide import upstream


class AccessibleTranslator(upstream.sphinx_html_translator()):
    """Sphinx's HTML writer, with the attributes assistive technology needs."""

    def starttag(self, node: nodes.Element, tagname: str, suffix="\n", empty=False, **attributes):
        if attributes.get("ROLE") == "heading":
            attributes.setdefault("ARIA-LEVEL", "2")
        if upstream.left_in_english(node) and self.config.language != "en":
            attributes.setdefault("lang", "en")
            attributes.setdefault("dir", "ltr")
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup(app: Sphinx) -> dict[str, Any]:
    for builder in ("html", "dirhtml", "singlehtml", "handouts"):
        app.set_translator(builder, AccessibleTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
