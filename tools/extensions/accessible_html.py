"""Give toctree captions the ARIA heading level they lack (axe-core: aria-required-attr)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class CaptionLevelTranslator(HTML5Translator):
    """Sphinx writes <p role="heading"> for toctree captions without an aria-level."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if attributes.get("ROLE") == "heading":
            attributes.setdefault("ARIA-LEVEL", "2")
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("html", CaptionLevelTranslator)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
