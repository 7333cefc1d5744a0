"""Search messages in the page language, from the project's interface catalog (sphinx.po)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from allguide.catalogs.interface_catalog import JAVASCRIPT_MESSAGES

SCRIPT = "interface-translations.js"
# Sphinx's sphinx_highlight.js inserts this message as HTML (the others as text), so its
# translation goes into the catalog escaped.
INSERTED_AS_HTML = {"Hide Search Matches"}


def _javascript_catalog(
    language: str, locale_dirs: list[str], srcdir: Path
) -> dict[str, Any] | None:
    # The interface catalog as checked and published (catalog_guard.py), not the source.
    # A relative folder is read from the source folder, as Sphinx reads locale_dirs.
    if not locale_dirs:
        return None
    path = srcdir / locale_dirs[0] / language / "LC_MESSAGES" / "sphinx.po"
    if not path.exists():
        return None
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    messages: dict[str, Any] = {}
    for wanted in JAVASCRIPT_MESSAGES:
        key = wanted[0] if isinstance(wanted, tuple) else wanted
        message = catalog.get(key)
        if message is None or message.fuzzy or not message.string:
            continue
        if isinstance(message.string, tuple):
            if all(message.string):
                messages[key] = list(message.string)
        elif key in INSERTED_AS_HTML:
            messages[key] = html.escape(message.string)
        else:
            messages[key] = message.string
    plural = get_plural(Locale.parse(language))
    return {"locale": language, "messages": messages, "plural_expr": _as_index(plural.plural_expr)}


def _as_index(plural_expr: str) -> str:
    """Babel's C-style rule, made to give a list index in JavaScript.

    doctools.js indexes the plural list with the rule's value. Rules such as
    `(n != 1)` give a boolean in JavaScript (C gives 0 or 1), `list[true]` is undefined
    and the "Search finished" line failed with a TypeError in Haitian Creole and Somali.
    """
    return f"Number({plural_expr})"


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.name == "html" and app.config.language != "en":
        # After Sphinx's own translations.js, so these messages win.
        app.add_js_file(SCRIPT, priority=600)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name != "html" or app.config.language == "en":
        return
    catalog = _javascript_catalog(
        app.config.language, app.config.locale_dirs, Path(app.srcdir)
    ) or {
        "locale": app.config.language,
        "messages": {},
        "plural_expr": _as_index("(n != 1)"),
    }
    script = (
        f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False, indent=1)});\n"
    )
    target = Path(app.outdir) / "_static" / SCRIPT
    target.write_text(script, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
