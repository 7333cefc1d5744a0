"""Per-language page context: lang and dir, the language switcher, hreflang links, site title."""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

import languages

X_DEFAULT = "en"


def on_config_inited(app: Sphinx, config: Config) -> None:
    table = languages.by_code()
    if config.language not in table:
        raise ConfigError(
            f"language {config.language!r} is not in {languages.TABLE}; add it there first"
        )


def on_builder_inited(app: Sphinx) -> None:
    if languages.by_code()[app.config.language].direction == "rtl":
        app.add_css_file("guide-rtl.css")


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    table = languages.load()
    current = languages.by_code()[app.config.language]
    links = [
        {
            "code": language.code,
            "name": language.name,
            "english": language.english,
            "lang_tag": language.html_lang,
            "direction": language.direction,
            "href": languages.page_in_language(pagename, language.code),
            "current": language.code == current.code,
        }
        for language in table
    ]
    context["page_lang_tag"] = current.html_lang
    context["page_direction"] = current.direction
    context["current_language"] = current
    context["language_links"] = links
    alternates = [
        f'<link rel="alternate" hreflang="{link["lang_tag"]}" href="{html.escape(link["href"])}">'
        for link in links
    ]
    default_href = languages.page_in_language(pagename, X_DEFAULT)
    alternates.append(f'<link rel="alternate" hreflang="x-default" href="{default_href}">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(alternates)
    # The site title is the root page's title, in this page's language.
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None:
        context["docstitle"] = root_title.astext()


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
